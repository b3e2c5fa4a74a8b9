#ifndef HUJI_SERVICE_NATIONALITY_SERVICE_H_
#define HUJI_SERVICE_NATIONALITY_SERVICE_H_

// 國籍案件: after the Ministry of the Interior approves a naturalization (or restoration,
// loss, renunciation, or revokes one of them), the follow-up registration is due within 30
// working days counted from the day after the Ministry's letter (DOMAIN §3); it is recorded by
// the registration itself (an application naming the case in fields["nationality_case_id"],
// approved). A naturalized person must prove the loss of the original nationality within one
// year (國籍法 §9 ¶1; the due date shifted under 行政程序法 §48 ¶4), is sent the notice to
// submit it (繳附通知單) and reminded before it is due. Each kind has its investigation and
// document checklist (seed 002 nationality items). The periods are StatutoryRules'. The
// naturalization knowledge test (歸化測試) is booked on demand on working days.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.h"
#include "core/clock.h"
#include "domain/register/statutory_rules.h"
#include "service/actor.h"
#include "service/store.h"

namespace huji::service {

struct NationalityCaseView {
  NationalityCase record;
  std::string state;  // awaiting_registration | registration_overdue | awaiting_proof_of_loss |
                      // proof_overdue | closed
  bool reminder_due = false;  // proof of loss due within proof_reminder_days, not received
  // The proof-of-loss due date's year has no calendar loaded: record.proof_of_loss_due is the
  // unshifted day, and the day off it may move to (行政程序法 §48 ¶4) is not known yet. It is
  // derived again whenever the case is shown, so it is exact once the year is loaded.
  bool proof_of_loss_due_provisional = false;
};

// The proof of loss is due a year after the letter (國籍法 §9 ¶1; StatutoryRules::
// proof_of_loss_years), on the next working day when that is a day off (行政程序法 §48 ¶4).
// When that year's calendar is not loaded: the unshifted day, provisional.
struct ProofOfLossDue {
  core::Date due;
  bool provisional = false;
};
core::Result<ProofOfLossDue> proof_of_loss_due(const core::WorkingCalendar& calendar,
                                               core::Date letter,
                                               const domain::StatutoryRules& rules);

// What a kind of case is (國籍法; 國籍法施行細則; seed 002): the registrations that follow it
// up, whether a proof of loss is due, and its checklist items.
struct NationalityKind {
  std::string_view code;
  std::string_view label_zh;
  std::vector<std::string_view> registrations;  // registration type codes that register it
  bool proof_of_loss = false;                   // 國籍法 §9 ¶1: naturalization only
  bool revokes = false;                         // 國籍法 §19: needs the revoked decision's date
  std::vector<std::string_view> checklist;      // item codes (kChecklistItems)
};
const NationalityKind* find_nationality_kind(std::string_view code);
const std::vector<NationalityKind>& nationality_kinds();

// A checklist item: code, zh/en labels, investigation (應調查事項) or document (文件).
struct ChecklistItem {
  std::string_view code, label_zh, label_en, group;  // group: investigation | documents
};
const ChecklistItem* find_checklist_item(std::string_view code);

// The case a registration application names (fields["nationality_case_id"]), checked: of the
// actor's office, not yet registered, of a kind this registration type follows up, about
// `person_id` (the registration's person; "" when not yet known). nullopt when the
// application names none. Used by RegistrationService at entry and at approval.
core::Result<std::optional<NationalityCase>> linked_nationality_case(
    NationalityTx& tx, const std::string& office_code, const std::string& registration_type,
    const std::map<std::string, std::string>& fields, const std::string& person_id);

struct NewNationalityCase {
  std::string kind;  // naturalization | restoration | loss | renunciation
  std::string person_name;
  std::string id_number;  // resident certificate or ID number, may be empty before allocation
  std::string approval_letter_date;  // ISO
  // Revocation kinds: the date of the decision revoked (ISO), and whether a court found a
  // sham marriage or adoption (國籍法 §19 ¶2: then the five years do not bar it).
  std::string original_decision_date;
  bool sham_by_court_judgment = false;
};

// A naturalization test booking as asked for (slot_date ISO, checked by book_test).
struct NewNaturalizationTest {
  std::optional<int64_t> case_id;
  std::string candidate_name;
  std::string slot_date;
  std::string slot_time;  // one of the day's slots, "09:00" …
};

class NationalityService {
 public:
  NationalityService(Store& store, const core::Clock& clock, const core::SharedCalendar& cal,
                     const domain::SharedRuleBook& rules)
      : store_(store), clock_(clock), calendar_(cal), rules_(rules) {}

  // Idempotent by `idem_key` (the Idempotency-Key, 1–128 characters): a retry with the same
  // key and content returns the case first opened; other content is 422
  // idempotency.key_reused.
  core::Result<NationalityCaseView> open(const Actor& actor, const RequestContext& ctx,
                                         const NewNationalityCase& in, const std::string& idem_key);
  core::Result<std::vector<NationalityCaseView>> list(const Actor& actor,
                                                      const RequestContext& ctx);
  // Records, on `on_date`: "proof_received" (the proof of loss), "notice_sent" (繳附通知單,
  // by the actor; once), or "check" (ticks checklist `item`, by the actor, now). "registered"
  // is refused: the registration records it (nationality.registered_by_registration).
  core::Result<NationalityCaseView> record(const Actor& actor, const RequestContext& ctx,
                                           int64_t id, const std::string& what,
                                           const std::string& on_date, int64_t version,
                                           const std::string& item = "");
  // Idempotent by `idem_key` like open().
  core::Result<NaturalizationTest> book_test(const Actor& actor, const RequestContext& ctx,
                                             const NewNaturalizationTest& in,
                                             const std::string& idem_key);
  core::Result<std::vector<NaturalizationTest>> tests(const Actor& actor,
                                                      const RequestContext& ctx);

  // The state of a case on `today`, reminded `reminder_days` before the proof is due (pure;
  // exposed for tests). A provisional due date (the unshifted day) is overdue only once no
  // shift could reach today (domain::kMaxDaysOffInARow).
  static NationalityCaseView view(const NationalityCase& c, core::Date today, int reminder_days,
                                  bool proof_due_provisional = false);

 private:
  // view() with the proof-of-loss due date derived again from the calendar loaded now.
  core::Result<NationalityCaseView> current_view(const NationalityCase& c, core::Date today) const;

  Store& store_;
  const core::Clock& clock_;
  const core::SharedCalendar& calendar_;
  const domain::SharedRuleBook& rules_;
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_NATIONALITY_SERVICE_H_
