#ifndef HUJI_SERVICE_ID_CARD_SERVICE_H_
#define HUJI_SERVICE_ID_CARD_SERVICE_H_

// 國民身分證 at the counter (domain/documents/id_card.h): first issue, renewal and
// replacement, each with its photo file, applicant and identity check, each consuming one
// blank card and one laminate of the office's stock by serial in the same transaction as the
// issue; the school visit's batch; loss reports and their revocation; cancellation of an issue
// made in error (誤辦註銷); and the two indicators of seed 002 (issue correctness, cross-district
// issues per staff member).
//
// Clerks and supervisors of any office issue cards (a cross-district issue is one for a person
// whose household another office keeps); only a supervisor cancels an issue, of their own
// office. Every use is audited under the person concerned.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "domain/documents/fee_schedule.h"
#include "service/actor.h"
#include "service/document_registry.h"
#include "service/store.h"
#include "service/temporary_certificate.h"

namespace huji::service {

struct IdCardIssueInput {
  std::string person_id;
  std::string kind;  // first | renewal | replacement
  std::string card_serial, laminate_serial;
  int64_t photo_id = 0;
  std::string applicant_name;
  std::string applicant_id;
  std::string applicant_relation = "self";  // self | legal_representative | agent
  std::string identity_check;               // id_card | household_booklet | passport | …
  std::string waiver;                       // a waiver of the fee schedule, "" for none
  std::string school;                       // set by a batch
};

// A person's cards as the counter sees them.
struct IdCardHolder {
  std::string person_id;
  std::string name;
  core::Date birth_date;
  int age = 0;
  bool active = true;
  std::string household_office;     // the office keeping the person's household
  std::vector<IdCardRecord> cards;  // oldest first
  std::vector<IdCardLoss> losses;   // of every card, oldest first
};

// One student of a school visit's batch: the card, or why none was issued.
struct BatchOutcome {
  std::string person_id;
  std::optional<IdCardRecord> card;
  std::optional<core::Error> error;
};

struct IdCardKpis {
  int year = 0;
  std::string office_code;
  int issued = 0;                     // 全年核發件數
  int in_error = 0;                   // 全年誤辦件數: cancelled as the office's error
  std::optional<double> correctness;  // (issued − in error) ÷ issued; none without issues
  int cross_district = 0;             // 他所初發 + 補發, not cancelled
  int budgeted_staff = 0;
  std::optional<double> cross_district_per_staff;
  std::map<std::string, int> cross_district_by_staff;  // by username
};

// 臨時身分證明書 issued: the registry's record (check code, PDF) and its validity.
struct TemporaryCertificateIssue {
  IssuedDocument document;
  std::string person_id;
  core::Date valid_from, valid_until;
};

// A temporary certificate is valid this many days unless the clerk gives fewer (1 to 90).
inline constexpr int kTemporaryCertificateDays = 30;
inline constexpr int kMaxTemporaryCertificateDays = 90;

class IdCardService {
 public:
  // `signer` and `certificates` (both or neither): without them no temporary certificate is
  // issued (503 id_card.certificates_unavailable).
  IdCardService(Store& store, const core::Clock& clock, const domain::SharedFeeSchedule& fees,
                const DocumentSigner* signer = nullptr,
                const TemporaryCertificateRenderer* certificates = nullptr)
      : store_(store), clock_(clock), fees_(fees), signer_(signer), certificates_(certificates) {}

  // Keeps a photo file for a coming issue to `person_id` (checked by domain::inspect_photo).
  core::Result<IdCardPhoto> upload_photo(const Actor& actor, const RequestContext& ctx,
                                         const std::string& person_id, const std::string& mime,
                                         const std::string& bytes, const std::string& idem_key);
  // The photo with its bytes (audited under its person).
  core::Result<IdCardPhoto> photo(const Actor& actor, const RequestContext& ctx, int64_t id);
  // The person's cards (audited as id_card.read).
  core::Result<IdCardHolder> holder(const Actor& actor, const RequestContext& ctx,
                                    const std::string& person_id);
  core::Result<IdCardRecord> issue(const Actor& actor, const RequestContext& ctx,
                                   const IdCardIssueInput& in, const std::string& idem_key);
  // A school visit (到校服務): each student's issue on its own, in its own transaction, so one
  // student's refusal (under age, a used serial) does not hold back the class. Student i's
  // issue is idempotent under key + ":" + i.
  core::Result<std::vector<BatchOutcome>> issue_batch(const Actor& actor, const RequestContext& ctx,
                                                      const std::string& school,
                                                      const std::vector<IdCardIssueInput>& students,
                                                      const std::string& idem_key);
  core::Result<IdCardRecord> report_loss(const Actor& actor, const RequestContext& ctx,
                                         int64_t card_id, const std::string& reason,
                                         const std::string& idem_key);
  core::Result<IdCardRecord> revoke_loss(const Actor& actor, const RequestContext& ctx,
                                         int64_t card_id, const std::string& reason,
                                         const std::string& idem_key);
  // 誤辦註銷 (attributable: the office's error) or another cancellation; the card it superseded
  // is in force again. Supervisors of the issuing office.
  core::Result<IdCardRecord> cancel(const Actor& actor, const RequestContext& ctx, int64_t card_id,
                                    const std::string& reason, bool attributable, int64_t version);
  // 臨時身分證明書 while card production is down: the person's particulars, the reason and the
  // validity (today and `valid_days` after, 0: kTemporaryCertificateDays) printed, checked
  // with a check code and QR code of the issued-documents registry. No fee.
  core::Result<TemporaryCertificateIssue> issue_temporary_certificate(
      const Actor& actor, const RequestContext& ctx, const std::string& person_id,
      const std::string& reason, int valid_days, const std::string& idem_key);
  // The certificate's PDF by its check code (audited under the person).
  core::Result<IssuedDocument> temporary_certificate_pdf(const Actor& actor,
                                                         const RequestContext& ctx,
                                                         const std::string& check_code);
  // The indicators of `year` for the actor's office; `budgeted_staff` 0: the office's active
  // clerks and supervisors.
  core::Result<IdCardKpis> kpis(const Actor& actor, const RequestContext& ctx, int year,
                                int budgeted_staff);

 private:
  core::Result<IdCardRecord> change_loss(const Actor& actor, const RequestContext& ctx,
                                         int64_t card_id, const std::string& reason,
                                         const std::string& idem_key, bool report);

  Store& store_;
  const core::Clock& clock_;
  const domain::SharedFeeSchedule& fees_;
  const DocumentSigner* signer_;
  const TemporaryCertificateRenderer* certificates_;
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_ID_CARD_SERVICE_H_
