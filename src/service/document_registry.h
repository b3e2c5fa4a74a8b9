#ifndef HUJI_SERVICE_DOCUMENT_REGISTRY_H_
#define HUJI_SERVICE_DOCUMENT_REGISTRY_H_

// Issued documents (transcripts, seal certificates, receipts, temporary certificates…) that
// anyone can verify, online and offline.
//
// Issuing a document, in one use case:
//   DocumentDraft draft{"transcript", office, today, {{"戶號", "F1234567"}, …}};
//   DocumentStamp stamp = signer.stamp(draft);          // a fresh check code, signed
//   std::string pdf = render(…, stamp.check_code_grouped, stamp.qr_text);
//   HUJI_ASSIGN_OR_RETURN(auto doc, record_document(tx, draft, stamp, pdf, actor.username, now));
//   … then the use case's own rows, the charge, commit.
//
// The check code: 20 characters of Crockford's base-32 (100 random bits), printed in groups of
// four ("7KQ2-M9XD-…") to read aloud; input is normalised (case, dashes, spaces, O→0, I/L→1).
//
// The QR code carries the text
//   HJ1:<code>:<kind>:<office>:<issued_on YYYYMMDD>:<digest>:<signature>
// where digest is the SHA-256 (hex) of the printed fields in canonical form (canonical_printed)
// and signature the office key's Ed25519 signature (base64url, no padding) of everything before
// the last ':'. A verifier with the published public key checks it offline: the signature proves
// the office issued a document of that kind, date and code whose printed fields hash to the
// digest. Online, GET /api/v1/verify/{code} answers the stored record and its status.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "service/records.h"

namespace huji::service {

class DocumentTx;

// One line the document prints: a label and its value, in print order.
struct PrintedField {
  std::string key;
  std::string value;
  bool operator==(const PrintedField&) const = default;
};

struct DocumentDraft {
  std::string kind;  // transcript | seal_certificate | receipt | temporary_certificate | …
  std::string office_code;
  core::Date issued_on;
  std::vector<PrintedField> printed;
};

struct DocumentStamp {
  std::string check_code;          // 20 characters, as stored
  std::string check_code_grouped;  // as printed: XXXX-XXXX-XXXX-XXXX-XXXX
  std::string digest;              // SHA-256 hex of canonical_printed(draft)
  std::string signature;           // base64url Ed25519 signature of the QR's signed part
  std::string qr_text;             // what the QR code encodes
  std::string key_id;              // the signing key's id (DocumentSigner::key_id)
};

// The fields in canonical form: kind, office, date, then "key=value" lines, with '\\' and
// newlines in keys and values escaped, so that no two drafts share it.
std::string canonical_printed(const DocumentDraft& draft);

// A fresh check code (20 characters, 100 bits from libsodium's random source).
std::string new_check_code();
std::string group_check_code(std::string_view code);
// The stored form of a code as typed or read aloud, or nullopt when it cannot be one.
std::optional<std::string> normalize_check_code(std::string_view input);

// What a QR text says, once its signature is checked.
struct QrContent {
  std::string check_code;
  std::string kind;
  std::string office_code;
  core::Date issued_on;
  std::string digest;
};

// The office's document signing key (Ed25519).
class DocumentSigner {
 public:
  static DocumentSigner generate();
  // From the hex of a 64-byte libsodium secret key (service::AuditSigningKey's file format).
  static core::Result<DocumentSigner> from_secret_hex(std::string_view hex);

  DocumentStamp stamp(const DocumentDraft& draft) const;
  const std::string& public_key_hex() const { return public_hex_; }
  // The first 16 hex digits of the public key's SHA-256: names the key on a document.
  const std::string& key_id() const { return key_id_; }

 private:
  DocumentSigner() = default;
  void set_public();
  std::array<unsigned char, 64> secret_{};
  std::string public_hex_;
  std::string key_id_;
};

// Checks a QR text's form and its signature against `public_key_hex`: the content, or
// document.qr_invalid.
core::Result<QrContent> verify_qr(std::string_view qr_text, std::string_view public_key_hex);

// Stores the issued document (its printed fields, their digest and signature, the PDF and its
// SHA-256) in `tx`. document.code_taken if the code exists (never in practice: 100 bits).
core::Result<IssuedDocument> record_document(DocumentTx& tx, const DocumentDraft& draft,
                                             const DocumentStamp& stamp, std::string pdf,
                                             const std::string& issued_by, int64_t now_ms);

}  // namespace huji::service

#endif  // HUJI_SERVICE_DOCUMENT_REGISTRY_H_
