#ifndef HUJI_DOMAIN_REGISTER_REMINDER_H_
#define HUJI_DOMAIN_REGISTER_REMINDER_H_

// The written reminder (催告) and the fines that are their own decisions (戶籍法 §48 ¶3,
// §48-2, §76, §79):
// - an office that learns of a registration not filed within its period reminds the persons
//   who must apply, in writing, with a new period (§48 ¶3);
// - an application filed within that period complies; once it has passed the office registers
//   on its own (逕為登記, §48-2, for the kinds listed there), and the reminded persons are fined
//   the amount for "still not filed after the reminder" (§79; the fine table: NT$900);
// - a false application is fined under §76 by how it came to light (NT$3,000 / 6,000 / 9,000).
// Pure rules: no storage, no I/O.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "domain/register/model.h"
#include "domain/register/statutory_rules.h"

namespace huji::domain {

// Where a reminder stands. kLapsed is never stored: it is an open reminder whose new period
// has passed (reminder_state).
enum class ReminderStatus {
  kOpen,                 // served, the new period running
  kComplied,             // an application was filed within the new period
  kLapsed,               // the new period passed with nothing filed
  kFiledAfterLapse,      // an application was filed, but after the new period
  kRegisteredExOfficio,  // the office registered on its own (逕為登記)
};

const char* reminder_status_code(ReminderStatus s);  // "open", "complied", "lapsed", …
std::optional<ReminderStatus> reminder_status_from_code(std::string_view code);

// The state on `today` of a reminder stored as `stored` with the new period ending on `due`:
// an open one is lapsed from the day after `due`.
ReminderStatus reminder_state(ReminderStatus stored, core::Date due, core::Date today);

// Whether the office registers `type` on its own after a lapsed reminder (戶籍法 §48-2: birth,
// death and declaration of death, first registration, the moves, split and merged households,
// corrections).
bool registered_ex_officio_after_reminder(EventType type);

// The registrations whose open reminders a registration of `type` answers once registered:
// its own type and, for the office's own registration of an omitted duty (逕為登記, 戶籍法
// §48-2; 施行細則 §5), the duty it registers: 逕為住址變更 answers 住址變更, 逕為遷出 (出境滿
// 2 年) answers 遷出, 逕為遷入 answers 遷入 and 住址變更 (the person's move the office records).
std::vector<EventType> reminder_types_answered(EventType type);

// Whether `type` is only ever the office's own registration (逕為遷入, 逕為住址變更, 逕為遷出):
// registering it closes a reminder as registered ex officio, not as complied.
bool office_own_registration(EventType type);

// The registration's name as the letters print it: 出生登記, 遷入登記 …
std::string registration_name_zh(EventType type);

// §76: how a false application came to light, which sets the fine.
enum class FalseApplicationGrade { kSelfCorrected, kFoundByStaff, kReportedByOthers };

const char* false_application_grade_code(FalseApplicationGrade g);  // "self_corrected", …
const char* false_application_grade_zh(FalseApplicationGrade g);    // 自動申請更正 …
std::optional<FalseApplicationGrade> false_application_grade_from_code(std::string_view code);
int false_application_fine(const StatutoryRules& rules, FalseApplicationGrade g);

}  // namespace huji::domain

#endif  // HUJI_DOMAIN_REGISTER_REMINDER_H_
