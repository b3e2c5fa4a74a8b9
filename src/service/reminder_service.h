#ifndef HUJI_SERVICE_REMINDER_SERVICE_H_
#define HUJI_SERVICE_REMINDER_SERVICE_H_

// 催告 and the penalty ledger (domain/register/reminder.h). A clerk or supervisor issues a
// written reminder for a registration the office knows was not filed in time (a birth a
// hospital reported, a move the office learned of): the persons who must apply, the day it
// was served and a new period counted under 行政程序法 §48 (戶籍法 §48 ¶3). An application of
// that type about that person complies when filed within the new period; filed later, or
// when the office registers on its own after the period (逕為登記, §48-2), the higher fine of
// §79 is proposed as its own decision, which a supervisor decides. A supervisor other than the
// application's clerk fines a false application under §76. Every write is one transaction,
// idempotent by key where it creates, and audited under each person it shows.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/clock.h"
#include "domain/register/statutory_rules.h"
#include "service/actor.h"
#include "service/letter.h"
#include "service/store.h"

namespace huji::service {

struct ReminderAddresseeInput {
  std::string id_number;  // must be in the register: the letter goes to their address
  std::string relation;   // to the subject: 本人, 父, 母, 戶長 …
};

struct NewReminder {
  std::string type;        // domain::event_type_code of the registration not filed
  std::string subject_id;  // the person it concerns; for a birth, the mother
  std::string event_date;  // ISO
  // What the deadline rests on beside the type, as an application gives it (domain::
  // deadline_basis): a divorce's "reason" (court: 30 days from the judgment becoming final,
  // else it takes effect by registration), a 死亡宣告's "judgment_date" (required: the period
  // runs from it, not from the presumed date of death), a revocation's "initiated_by".
  std::map<std::string, std::string> fields;
  std::string served_on;  // ISO; the day the letter is served (default: today)
  std::string source;     // how the office learned of it
  std::vector<ReminderAddresseeInput> addressees;
};

struct ReminderView {
  ReminderRecord record;
  std::string state;  // domain::reminder_status_code of reminder_state() today
};

struct FalseApplicationInput {
  std::string grade;  // self_corrected | found_by_staff | reported_by_others
  std::string reason;
};

struct PenaltyDecisionInput {
  std::optional<int> amount;  // the proposed amount, or 0 with the good cause in reason
  std::string reason;
  int64_t version = 0;
};

class ReminderService {
 public:
  ReminderService(Store& store, const core::Clock& clock, const core::SharedCalendar& calendar,
                  const domain::SharedRuleBook& rules, const LetterRenderer& letters)
      : store_(store), clock_(clock), calendar_(calendar), rules_(rules), letters_(letters) {}

  // Clerks and supervisors.
  core::Result<ReminderView> issue(const Actor& actor, const RequestContext& ctx,
                                   const NewReminder& in, const std::string& idem_key);
  // `state`: open, lapsed, complied, filed_after_lapse, registered_ex_officio, or all.
  core::Result<std::vector<ReminderView>> list(const Actor& actor, const RequestContext& ctx,
                                               std::optional<std::string> state);
  core::Result<ReminderView> get(const Actor& actor, const RequestContext& ctx, int64_t id);
  // Supervisors: the office registered on its own (§48-2) by application `application_id`
  // (of this office, the reminder's type and person, registered) after the period lapsed.
  core::Result<ReminderView> record_ex_officio(const Actor& actor, const RequestContext& ctx,
                                               int64_t id, int64_t application_id, int64_t version,
                                               const std::string& idem_key);
  // The 催告書, one page per addressee: a PDF.
  core::Result<std::string> letter(const Actor& actor, const RequestContext& ctx, int64_t id);

  // Supervisors other than the application's clerk: the §76 fine, decided at once.
  core::Result<PenaltyDecision> fine_false_application(const Actor& actor,
                                                       const RequestContext& ctx,
                                                       int64_t application_id,
                                                       const FalseApplicationInput& in,
                                                       const std::string& idem_key);
  // Supervisors other than its proposer: decides a proposed after-reminder fine.
  core::Result<PenaltyDecision> decide(const Actor& actor, const RequestContext& ctx,
                                       int64_t penalty_id, const PenaltyDecisionInput& in);
  // Every fine decision about one application, oldest first.
  core::Result<std::vector<PenaltyDecision>> penalties(const Actor& actor,
                                                       const RequestContext& ctx,
                                                       int64_t application_id);
  // The 罰鍰處分書 of a decided fine: a PDF.
  core::Result<std::string> penalty_letter(const Actor& actor, const RequestContext& ctx,
                                           int64_t penalty_id);

 private:
  Store& store_;
  const core::Clock& clock_;
  const core::SharedCalendar& calendar_;
  const domain::SharedRuleBook& rules_;
  const LetterRenderer& letters_;
};

// Whether an application being filed on `filed` (RegistrationService::submit, in its
// transaction) answers an open reminder of the office whose new period had lapsed by then: the
// one fine is then the fine after a reminder (戶籍法 §79), proposed when it is registered, not
// a days-late band on top of it.
core::Result<bool> answers_lapsed_reminder(Transaction& tx, const ApplicationRecord& a,
                                           core::Date filed);
// Once `a` is registered (approved, in the approval's transaction; a rejected application
// leaves its reminders open): each open reminder of the office about its person that it
// answers (domain::reminder_types_answered: its type, or for the office's own 逕為 registration
// the duty it registers) is closed — registered ex officio when the office registered it on its
// own (an 逕為 type or the office as applicant), else complied when filed by the due date or
// filed after lapse. One lapsed by the filing day proposes the §79 fine after a reminder, once
// per reminder, as its own decision proposed by the application's clerk; `by` closes it.
core::Status close_answered_reminders(Transaction& tx, const ApplicationRecord& a,
                                      const domain::RuleBook& rules, const std::string& by,
                                      int64_t now_ms);

}  // namespace huji::service

#endif  // HUJI_SERVICE_REMINDER_SERVICE_H_
