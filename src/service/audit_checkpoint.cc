#include "service/audit_checkpoint.h"

#include <sodium.h>

#include <algorithm>
#include <optional>
#include <utility>

#include "service/audit.h"
#include "service/crypto.h"

namespace huji::service {

namespace {

std::string to_hex(const unsigned char* bytes, size_t n) {
  std::string hex(n * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes, n);
  hex.pop_back();
  return hex;
}

// Exactly `n` bytes from hex text, or false.
bool from_hex(std::string_view hex, unsigned char* out, size_t n) {
  size_t got = 0;
  const char* end = nullptr;
  return hex.size() == n * 2 &&
         sodium_hex2bin(out, n, hex.data(), hex.size(), nullptr, &got, &end) == 0 && got == n &&
         end == hex.data() + hex.size();
}

}  // namespace

std::string checkpoint_message(const AuditCheckpoint& cp) {
  std::string m;
  put_field(m, "huji-audit-checkpoint-v1");
  put_field(m, std::to_string(cp.seq));
  put_field(m, cp.hash);
  put_field(m, std::to_string(cp.at_ms));
  put_field(m, cp.server);
  put_field(m, cp.journal);
  return m;
}

AuditSigningKey AuditSigningKey::generate() {
  crypto_init();
  AuditSigningKey k;
  unsigned char pk[crypto_sign_PUBLICKEYBYTES];
  crypto_sign_keypair(pk, k.secret_.data());
  k.public_hex_ = to_hex(pk, sizeof pk);
  return k;
}

core::Result<AuditSigningKey> AuditSigningKey::from_secret_hex(std::string_view hex) {
  crypto_init();
  AuditSigningKey k;
  unsigned char pk[crypto_sign_PUBLICKEYBYTES];
  if (!from_hex(hex, k.secret_.data(), k.secret_.size()) ||
      crypto_sign_ed25519_sk_to_pk(pk, k.secret_.data()) != 0) {
    return core::Error::invalid("audit.key_invalid", "稽核簽章金鑰檔格式錯誤",
                                "the audit signing key file does not hold an Ed25519 secret key");
  }
  k.public_hex_ = to_hex(pk, sizeof pk);
  return k;
}

std::string AuditSigningKey::secret_hex() const { return to_hex(secret_.data(), secret_.size()); }

void AuditSigningKey::sign(AuditCheckpoint& cp) const {
  const std::string m = checkpoint_message(cp);
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(m.data()), m.size(),
                       secret_.data());
  cp.public_key = public_hex_;
  cp.signature = to_hex(sig, sizeof sig);
}

bool checkpoint_signature_valid(const AuditCheckpoint& cp) {
  crypto_init();
  unsigned char pk[crypto_sign_PUBLICKEYBYTES];
  unsigned char sig[crypto_sign_BYTES];
  if (!from_hex(cp.public_key, pk, sizeof pk) || !from_hex(cp.signature, sig, sizeof sig)) {
    return false;
  }
  const std::string m = checkpoint_message(cp);
  return crypto_sign_verify_detached(sig, reinterpret_cast<const unsigned char*>(m.data()),
                                     m.size(), pk) == 0;
}

AuditCheckpointer::AuditCheckpointer(Store& store, const core::Clock& clock,
                                     const AuditSigningKey& key, AuditCheckpointLog& log,
                                     AuditCheckpointerOptions options)
    : store_(store), clock_(clock), key_(key), log_(log), options_(std::move(options)) {}

AuditCheckpointer::~AuditCheckpointer() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

core::Result<AuditCheckpoint> AuditCheckpointer::checkpoint() {
  std::lock_guard lock(mu_);
  return checkpoint_locked();
}

core::Result<AuditCheckpoint> AuditCheckpointer::checkpoint_locked() {
  std::optional<AuditEntry> newest;
  {
    HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
    HUJI_ASSIGN_OR_RETURN(newest, tx->last_audit());
  }
  AuditCheckpoint cp;
  cp.seq = newest ? newest->seq : 0;
  cp.hash = newest ? newest->hash : "";
  if (cp.seq == last_seq_ && cp.hash == last_hash_) {
    cp.at_ms = last_at_ms_;
    return cp;
  }
  cp.at_ms = clock_.now_ms();
  cp.server = options_.server;
  cp.journal = options_.journal;
  key_.sign(cp);
  HUJI_TRY(log_.append(cp));
  last_seq_ = cp.seq;
  last_hash_ = cp.hash;
  last_at_ms_ = cp.at_ms;
  return cp;
}

void AuditCheckpointer::start() {
  {
    std::lock_guard lock(mu_);
    // The trail as found at start; a server that follows one that crashed signs what it left.
    auto first = checkpoint_locked();
    if (!first.ok() && options_.on_error) options_.on_error(first.error());
  }
  thread_ = std::thread([this] { run(); });
}

core::Status AuditCheckpointer::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  std::lock_guard lock(mu_);
  auto last = checkpoint_locked();
  if (!last.ok()) return std::move(last).take_error();
  return {};
}

void AuditCheckpointer::run() {
  std::unique_lock lock(mu_);
  while (!wake_.wait_for(lock, options_.poll, [&] { return stopping_; })) {
    std::optional<AuditEntry> newest;
    auto head = [&]() -> core::Status {
      HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
      HUJI_ASSIGN_OR_RETURN(newest, tx->last_audit());
      return {};
    }();
    core::Status written;
    if (head.ok()) {
      const int64_t seq = newest ? newest->seq : 0;
      const bool grown = seq - std::max<int64_t>(last_seq_, 0) >= options_.every_entries;
      const bool due = seq != last_seq_ && clock_.now_ms() - last_at_ms_ >= options_.every.count();
      if (grown || due) {
        auto cp = checkpoint_locked();
        if (!cp.ok()) written = std::move(cp).take_error();
      }
    }
    const core::Status& failed = head.ok() ? written : head;
    if (!failed.ok() && options_.on_error) {
      try {
        options_.on_error(failed.error());
      } catch (...) {
        // The log's failure must not stop the checkpoints.
      }
    }
  }
}

}  // namespace huji::service
