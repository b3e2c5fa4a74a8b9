#include "service/document_registry.h"

#include <sodium.h>

#include "service/crypto.h"
#include "service/transaction.h"

namespace huji::service {

namespace {

// Crockford's base-32: no I, L, O or U, so that a code read aloud is not misheard.
constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr size_t kCodeLength = 20;  // × 5 bits = 100 bits

void escape_into(std::string& out, std::string_view s) {
  for (char c : s) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '=') {
      out += "\\=";
    } else {
      out += c;
    }
  }
}

std::string b64url(const unsigned char* data, size_t n) {
  std::string out(sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), data, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::string hex(const unsigned char* data, size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, n);
  out.resize(n * 2);
  return out;
}

// "HJ1:<code>:<kind>:<office>:<YYYYMMDD>:<digest>", the part of the QR text that is signed.
std::string signed_part(std::string_view code, std::string_view kind, std::string_view office,
                        core::Date on, std::string_view digest) {
  std::string date = on.to_iso();
  std::erase(date, '-');
  std::string out = "HJ1:";
  out.append(code).append(":").append(kind).append(":").append(office).append(":");
  out.append(date).append(":").append(digest);
  return out;
}

core::Error qr_invalid() {
  return core::Error::invalid("document.qr_invalid", "QR 碼內容或簽章不正確",
                              "the QR code's content or signature is not valid");
}

}  // namespace

std::string canonical_printed(const DocumentDraft& draft) {
  std::string out;
  escape_into(out, draft.kind);
  out += '\n';
  escape_into(out, draft.office_code);
  out += '\n';
  out += draft.issued_on.to_iso();
  out += '\n';
  for (const auto& f : draft.printed) {
    escape_into(out, f.key);
    out += '=';
    escape_into(out, f.value);
    out += '\n';
  }
  return out;
}

std::string new_check_code() {
  crypto_init();
  std::string code;
  code.reserve(kCodeLength);
  for (size_t i = 0; i < kCodeLength; ++i) {
    code += kAlphabet[randombytes_uniform(static_cast<uint32_t>(kAlphabet.size()))];
  }
  return code;
}

std::string group_check_code(std::string_view code) {
  std::string out;
  for (size_t i = 0; i < code.size(); ++i) {
    if (i > 0 && i % 4 == 0) out += '-';
    out += code[i];
  }
  return out;
}

std::optional<std::string> normalize_check_code(std::string_view input) {
  std::string out;
  for (char c : input) {
    if (c == '-' || c == ' ') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c == 'O') c = '0';
    if (c == 'I' || c == 'L') c = '1';
    if (kAlphabet.find(c) == std::string_view::npos) return std::nullopt;
    out += c;
    if (out.size() > kCodeLength) return std::nullopt;
  }
  if (out.size() != kCodeLength) return std::nullopt;
  return out;
}

DocumentSigner DocumentSigner::generate() {
  crypto_init();
  DocumentSigner s;
  unsigned char pk[crypto_sign_PUBLICKEYBYTES];
  crypto_sign_keypair(pk, s.secret_.data());
  s.set_public();
  return s;
}

core::Result<DocumentSigner> DocumentSigner::from_secret_hex(std::string_view text) {
  crypto_init();
  DocumentSigner s;
  size_t len = 0;
  if (text.size() != s.secret_.size() * 2 ||
      sodium_hex2bin(s.secret_.data(), s.secret_.size(), text.data(), text.size(), nullptr, &len,
                     nullptr) != 0 ||
      len != s.secret_.size()) {
    return core::Error::invalid("document.key_invalid", "文件簽章金鑰檔格式錯誤",
                                "the document signing key file does not hold an Ed25519 key");
  }
  s.set_public();
  return s;
}

void DocumentSigner::set_public() {
  unsigned char pk[crypto_sign_PUBLICKEYBYTES];
  crypto_sign_ed25519_sk_to_pk(pk, secret_.data());
  public_hex_ = hex(pk, sizeof pk);
  key_id_ =
      sha256_hex(std::string_view(reinterpret_cast<const char*>(pk), sizeof pk)).substr(0, 16);
}

DocumentStamp DocumentSigner::stamp(const DocumentDraft& draft) const {
  DocumentStamp st;
  st.check_code = new_check_code();
  st.check_code_grouped = group_check_code(st.check_code);
  st.digest = sha256_hex(canonical_printed(draft));
  const std::string m =
      signed_part(st.check_code, draft.kind, draft.office_code, draft.issued_on, st.digest);
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(m.data()), m.size(),
                       secret_.data());
  st.signature = b64url(sig, sizeof sig);
  st.qr_text = m + ":" + st.signature;
  st.key_id = key_id_;
  return st;
}

core::Result<QrContent> verify_qr(std::string_view qr_text, std::string_view public_key_hex) {
  crypto_init();
  const size_t last = qr_text.rfind(':');
  if (last == std::string_view::npos || qr_text.substr(0, 4) != "HJ1:") return qr_invalid();
  const std::string_view m = qr_text.substr(0, last);
  const std::string_view sig_text = qr_text.substr(last + 1);
  unsigned char sig[crypto_sign_BYTES];
  unsigned char pk[crypto_sign_PUBLICKEYBYTES];
  size_t sig_len = 0;
  size_t pk_len = 0;
  if (sodium_base642bin(sig, sizeof sig, sig_text.data(), sig_text.size(), nullptr, &sig_len,
                        nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      sig_len != sizeof sig ||
      sodium_hex2bin(pk, sizeof pk, public_key_hex.data(), public_key_hex.size(), nullptr, &pk_len,
                     nullptr) != 0 ||
      pk_len != sizeof pk ||
      crypto_sign_verify_detached(sig, reinterpret_cast<const unsigned char*>(m.data()), m.size(),
                                  pk) != 0) {
    return qr_invalid();
  }
  // HJ1 : code : kind : office : date : digest
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i <= m.size(); ++i) {
    if (i == m.size() || m[i] == ':') {
      parts.push_back(m.substr(start, i - start));
      start = i + 1;
    }
  }
  if (parts.size() != 6 || parts[4].size() != 8) return qr_invalid();
  const std::string iso = std::string(parts[4].substr(0, 4)) + "-" +
                          std::string(parts[4].substr(4, 2)) + "-" +
                          std::string(parts[4].substr(6, 2));
  auto date = core::Date::parse_iso(iso);
  if (!date) return qr_invalid();
  return QrContent{std::string(parts[1]), std::string(parts[2]), std::string(parts[3]), *date,
                   std::string(parts[5])};
}

core::Result<IssuedDocument> record_document(DocumentTx& tx, const DocumentDraft& draft,
                                             const DocumentStamp& stamp, std::string pdf,
                                             const std::string& issued_by, int64_t now_ms) {
  IssuedDocument d;
  d.check_code = stamp.check_code;
  d.kind = draft.kind;
  d.office_code = draft.office_code;
  d.issued_on = draft.issued_on;
  d.printed = canonical_printed(draft);
  d.digest = stamp.digest;
  d.signature = stamp.signature;
  d.key_id = stamp.key_id;
  d.pdf_sha256 = sha256_hex(pdf);
  d.pdf = std::move(pdf);
  d.issued_by = issued_by;
  d.issued_ms = now_ms;
  auto id = tx.insert_issued_document(d);
  if (!id.ok()) {
    if (id.error().code == "store.constraint") {
      return core::Error::conflict("document.code_taken", "檢查碼重複，請重試",
                                   "the check code is taken; try again");
    }
    return id.error();
  }
  d.id = *id;
  return d;
}

}  // namespace huji::service
