#ifndef HUJI_SERVICE_TRANSCRIPT_RECORD_H_
#define HUJI_SERVICE_TRANSCRIPT_RECORD_H_

// The stored record of one issued household transcript (戶籍謄本): the request as made, who
// asked and why, the content exactly as printed (a snapshot: the register may change later),
// and the printed document's check code, sheets and fee; the PDF is kept with the issued
// document (service/document_registry.h). Append-only.

#include <cstdint>
#include <string>
#include <vector>

#include "domain/documents/transcript.h"

namespace huji::service {

// Who asks for a transcript at the counter, and how they relate to it.
struct TranscriptApplicant {
  std::string name;
  std::string id_number;
  std::string relation;  // 本人 | 戶內人口 | 利害關係人 | 受託人; "" for the office's own use
};

struct TranscriptRecord {
  int64_t id = 0;
  std::string office_code;
  std::string household_no;
  std::string subject_id;  // as requested; "" when asked by household number
  domain::TranscriptOptions options;
  int copies = 1;
  TranscriptApplicant applicant;
  std::string reason;          // 利害關係人 / 受託人: the recorded reason
  std::string purpose;         // the clerk's stated purpose (查詢事由)
  domain::Transcript content;  // as printed
  int sheets = 0;
  int64_t fee = 0;         // NT$, the whole request's (all copies)
  std::string check_code;  // as printed, in groups
  std::string pdf_sha256;
  int64_t document_id = 0;  // the issued document (IssuedDocument) holding the PDF
  std::string pdf;          // its bytes, when asked for (not stored here)
  std::string issued_by;
  int64_t issued_ms = 0;
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_TRANSCRIPT_RECORD_H_
