#ifndef HUJI_SERVICE_AUDIT_CHECKPOINT_H_
#define HUJI_SERVICE_AUDIT_CHECKPOINT_H_

// Signed checkpoints of the audit trail (稽核軌跡簽章檢查點): the hash chain (service/audit.h)
// shows an edit in the middle, but whoever can write the database can also delete the newest
// entries, or delete one person's entries and recompute every later hash with the public
// formula, and the chain verifies again. A checkpoint is the chain's head (the newest entry's
// seq and hash) signed with an Ed25519 key that is kept outside the database, appended to a
// file of its own (one JSON line per checkpoint, synced) that can also be shipped elsewhere as
// it grows. `huji audit verify` then finds every checkpointed entry in the trail with the
// signed hash: a trail that ends before a checkpoint's seq was truncated; an entry whose hash
// differs was rewritten, whatever the chain says.
//
// The signed message (checkpoint_message) is length-prefixed fields, as audit_hash's:
//   "huji-audit-checkpoint-v1", seq, hash, at_ms, server, journal
// The file's format and the key file belong to store/journal/audit_checkpoint_file.h.

#include <array>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "service/store.h"

namespace huji::service {

struct AuditCheckpoint {
  int64_t seq = 0;         // the trail's newest entry when signed (0: an empty trail)
  std::string hash;        // that entry's hash ("" for an empty trail)
  int64_t at_ms = 0;       // when it was signed
  std::string server;      // who signed: the host's name
  std::string journal;     // that server's audit journal id ("" without one)
  std::string public_key;  // the signing key's public half, hex
  std::string signature;   // Ed25519 over checkpoint_message(), hex
};

// The bytes a checkpoint's signature covers.
std::string checkpoint_message(const AuditCheckpoint& cp);

// An Ed25519 key pair (libsodium crypto_sign). The secret half never enters the database.
class AuditSigningKey {
 public:
  static AuditSigningKey generate();
  // From the hex text of a 64-byte libsodium secret key (as secret_hex() writes it).
  static core::Result<AuditSigningKey> from_secret_hex(std::string_view hex);

  std::string secret_hex() const;
  const std::string& public_hex() const { return public_hex_; }
  // Sets cp.public_key and cp.signature.
  void sign(AuditCheckpoint& cp) const;

 private:
  AuditSigningKey() = default;
  std::array<unsigned char, 64> secret_{};
  std::string public_hex_;
};

// True when cp.signature is cp.public_key's signature of checkpoint_message(cp).
bool checkpoint_signature_valid(const AuditCheckpoint& cp);

// Where checkpoints are kept: appended durably, read back in order. store/journal implements
// it with a file.
class AuditCheckpointLog {
 public:
  virtual ~AuditCheckpointLog() = default;
  virtual const std::string& where() const = 0;
  // Returns once the checkpoint is on disk.
  virtual core::Status append(const AuditCheckpoint& cp) = 0;
  virtual core::Result<std::vector<AuditCheckpoint>> read_all() = 0;
};

// What the trail is checked against: checkpoints, and the public keys (hex) trusted to have
// signed them. A checkpoint signed by any other key is itself a finding.
struct CheckpointEvidence {
  std::vector<AuditCheckpoint> checkpoints;
  std::vector<std::string> trusted_keys;
};

struct AuditCheckpointerOptions {
  int64_t every_entries = 10'000;  // a checkpoint once the chain has grown by this many …
  std::chrono::milliseconds every{std::chrono::minutes(5)};  // … or this long after the last
  std::chrono::milliseconds poll{1000};  // how often the chain's head is looked at
  std::string server = "";
  std::string journal = "";
  // Told on the checkpointer's thread (the operator's log).
  std::function<void(const core::Error&)> on_error = nullptr;
};

// Writes a checkpoint every `every_entries` entries or `every` (when the chain has moved),
// from a thread of its own, and one more at stop(). Owns its thread; the store, clock, key and
// log must outlive it.
class AuditCheckpointer {
 public:
  AuditCheckpointer(Store& store, const core::Clock& clock, const AuditSigningKey& key,
                    AuditCheckpointLog& log, AuditCheckpointerOptions options);
  ~AuditCheckpointer();
  AuditCheckpointer(const AuditCheckpointer&) = delete;
  AuditCheckpointer& operator=(const AuditCheckpointer&) = delete;

  // Signs the chain's head now unless the newest checkpoint already covers it.
  core::Result<AuditCheckpoint> checkpoint();
  // Starts the thread (after a first checkpoint of the trail as found).
  void start();
  // Ends the thread and writes the clean stop's checkpoint (call once everything is in the
  // trail: after the audit queue's drain()).
  core::Status stop();

 private:
  void run();
  core::Result<AuditCheckpoint> checkpoint_locked();  // REQUIRES: mu_ held

  Store& store_;
  const core::Clock& clock_;
  const AuditSigningKey& key_;
  AuditCheckpointLog& log_;
  const AuditCheckpointerOptions options_;
  std::mutex mu_;  // checkpoint() runs on one thread at a time; guards the fields below
  std::condition_variable wake_;
  bool stopping_ = false;
  int64_t last_seq_ = -1;  // the newest checkpoint's (-1: none yet)
  std::string last_hash_;
  int64_t last_at_ms_ = 0;
  std::thread thread_;
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_AUDIT_CHECKPOINT_H_
