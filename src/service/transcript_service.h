#ifndef HUJI_SERVICE_TRANSCRIPT_SERVICE_H_
#define HUJI_SERVICE_TRANSCRIPT_SERVICE_H_

// Issuing household transcripts (戶籍謄本) at the counter: the content from the register
// (domain/documents/transcript.h), who may obtain one, the printed PDF, its fee, and the
// stored record. Each issue is one transaction: the record, the idempotency key and one audit
// entry per person printed (with the purpose) commit together or not at all.
//
// Who may obtain one (戶籍法 §65 and the MOI's rules for transcripts, DOMAIN §4): the clerk
// names the applicant and their relation —
//   本人      the applicant is one of the persons printed;
//   戶內人口  the applicant is a current member of the household;
//   利害關係人 / 受託人 (an interested party, an agent): either of the above, or a reason
//             recorded with the request (the interest, or the principal and the power of
//             attorney); without one, 403 transcript.unrelated.
// With no applicant the transcript is the office's own use (機關公務使用): the purpose is its
// ground and the fee is waived (the schedule's official_use waiver). English transcripts follow the
// same rules.

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "domain/documents/fee_schedule.h"
#include "domain/documents/transcript.h"
#include "service/actor.h"
#include "service/document_registry.h"
#include "service/store.h"
#include "service/transcript_record.h"

namespace huji::service {

// A request as the clerk entered it (codes as the API spells them).
struct TranscriptRequest {
  std::string subject_id;            // either a person's ID number …
  std::string household_no;          // … or a household number
  std::string scope;                 // current (default) | removed
  std::string detail;                // full (default) | short
  std::string language;              // zh (default) | en
  std::vector<std::string> members;  // 部分: these persons only
  std::optional<int> copies;         // 1 (default) … kMaxCopies
  std::optional<TranscriptApplicant> applicant;
  std::string reason;
  std::string purpose;
};

// The PDF of a transcript and how many sheets (A4 pages) it has.
struct RenderedTranscript {
  std::string pdf;
  int sheets = 0;
};

// Draws a transcript (render/transcript.h); `check_code` and `qr_text` are printed as given
// ("" before the document is stamped).
class TranscriptRenderer {
 public:
  virtual ~TranscriptRenderer() = default;
  virtual core::Result<RenderedTranscript> render(const domain::Transcript& t,
                                                  const std::string& check_code,
                                                  const std::string& qr_text) const = 0;
};

// What the clerk sees before printing.
struct TranscriptPreview {
  domain::Transcript content;
  int sheets = 0;
  int copies = 1;
  int64_t fee = 0;
};

// The audit actions of transcripts: one entry per person printed (and one under 「戶:」 and
// the household number), with the purpose.
inline constexpr const char* kTranscriptIssueAction = "transcript.issue";
inline constexpr const char* kTranscriptPreviewAction = "transcript.preview";
inline constexpr const char* kTranscriptReadAction = "transcript.read";

class TranscriptService {
 public:
  static constexpr int kMaxCopies = 10;
  static constexpr size_t kMaxMembers = 50;

  // The fee from `fees` (transcript_sheet per sheet and copy; transcript_en per copy); the
  // check code and QR from `signer`.
  TranscriptService(Store& store, const core::Clock& clock, const TranscriptRenderer& renderer,
                    const domain::SharedFeeSchedule& fees, const DocumentSigner& signer)
      : store_(store), clock_(clock), renderer_(renderer), fees_(fees), signer_(signer) {}

  // Clerks and supervisors. Stamped with a check code and a signed QR (the issued document,
  // which keeps the PDF), charged as the schedule says on the day. 201 with the stored record; a
  // retry with the same key and body answers the first record. Errors: transcript.* and
  // idempotency.* (400), auth.forbidden, transcript.unrelated, transcript.relation_mismatch (403),
  // person.not_found, household.not_found, transcript.no_household, transcript.nothing_removed
  // (404).
  core::Result<TranscriptRecord> issue(const Actor& actor, const RequestContext& ctx,
                                       const TranscriptRequest& in, const std::string& idem_key);
  // The same content, sheets and fee without issuing anything (audited as a preview).
  core::Result<TranscriptPreview> preview(const Actor& actor, const RequestContext& ctx,
                                          const TranscriptRequest& in);
  // An issued transcript of the actor's office, its PDF when `with_pdf`; audited under each
  // person it printed. transcript.not_found (404).
  core::Result<TranscriptRecord> get(const Actor& actor, const RequestContext& ctx, int64_t id,
                                     bool with_pdf);

 private:
  struct Checked;
  struct Prepared;
  core::Result<Checked> check_request(const TranscriptRequest& in) const;
  core::Result<Prepared> prepare(Transaction& tx, const Actor& actor, const RequestContext& ctx,
                                 const Checked& in, const char* action);
  core::Status quote(Prepared& p, const Checked& in, int sheets) const;

  Store& store_;
  const core::Clock& clock_;
  const TranscriptRenderer& renderer_;
  const domain::SharedFeeSchedule& fees_;
  const DocumentSigner& signer_;
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_TRANSCRIPT_SERVICE_H_
