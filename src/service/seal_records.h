#ifndef HUJI_SERVICE_SEAL_RECORDS_H_
#define HUJI_SERVICE_SEAL_RECORDS_H_

// Stored records of the seal register (印鑑登記) and the seal certificates (印鑑證明) issued
// from it (tables seals and seal_certificates).

#include <cstdint>
#include <optional>
#include <string>

#include "core/date.h"

namespace huji::service {

// One registered seal impression of a person. A change (印鑑變更) ends the current one as
// "changed" and registers the new impression naming it in `replaces`; an abolition (印鑑廢止)
// ends it as "abolished". Rows are never deleted: the old impressions stay for reference.
// At most one seal of a person is current (index seals_current).
struct SealRecord {
  int64_t id = 0;
  std::string person_id;
  std::string status = "current";  // current | changed | abolished
  std::string image;               // the PNG; empty when read without images
  std::string image_sha256;        // hex
  std::string office_code;         // the office that registered it (any office may serve)
  core::Date registered_on;
  std::string registered_by;  // username
  int64_t registered_ms = 0;
  std::string applicant;  // JSON: {"kind": "self"|"agent", "name", "id_number"}
  int64_t replaces = 0;   // the seal this one replaced by a change; 0 for a first registration
  std::optional<core::Date> ended_on;  // when changed or abolished
  std::string ended_by;
  int64_t ended_ms = 0;
  std::string ended_office;
  std::string end_applicant;  // JSON as applicant; the abolition's applicant
  std::string end_reason;
  int64_t version = 1;
};

// A seal certificate as issued: the impression on the application, the comparison kept with
// it (score in basis points, the verdict, the overlay), the clerk who confirmed, and the issued
// document (service/document_registry.h) that holds its PDF and check code.
struct SealCertificateRecord {
  int64_t id = 0;
  int64_t seal_id = 0;
  std::string person_id;
  std::string office_code;
  std::string purpose;
  std::string applicant;  // JSON as SealRecord::applicant
  int sheets = 1;
  std::string candidate_image;  // PNG; empty when read without content
  int score_bp = 0;             // the comparison's score × 10000
  std::string verdict;          // match | no_match | ambiguous
  std::string overlay;          // PNG; empty when read without content
  std::string confirmed_by;     // username of the clerk who confirmed after looking
  core::Date issued_on;
  int64_t issued_ms = 0;
  int64_t document_id = 0;  // issued_documents.id
  std::string check_code;
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_SEAL_RECORDS_H_
