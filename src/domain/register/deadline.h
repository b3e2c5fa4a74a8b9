#ifndef HUJI_DOMAIN_REGISTER_DEADLINE_H_
#define HUJI_DOMAIN_REGISTER_DEADLINE_H_

// Statutory registration deadlines and late fines (DOMAIN.md §3; 戶籍法 §48, §79 and the MOI
// fine table 戶籍罰鍰處罰金額基準表), with the figures of the StatutoryRules in force on the
// event date:
//  - 出生: 60 days from the birth (§48);
//  - 遷入, 住址變更, 恢復戶籍 (a move-in, §17 ¶2): due once the person has lived at the new
//    place three months (§16, §17), then within 30 days;
//  - 遷出 abroad: the duty arises after two years abroad (§16 ¶3), then 30 days; until then
//    the office notifies and registers on its own (施行細則 §5);
//  - 結婚 (民法 §982 as amended, from 2008-05-23) and 兩願離婚 (§1050) take effect by their
//    registration: never late; a marriage before that date counts 30 days like any other;
//  - 判決離婚: 30 days from the judgment becoming final (the event date);
//  - 撤銷登記 applied for by a citizen: 30 days; one the office starts itself: none;
//  - voluntary registrations without a statutory period (分戶, 合戶, 姓名變更): none;
//  - registrations the office makes on its own (逕為遷入, 廢止戶籍 on the Ministry's letter,
//    data conversion): none, and never a fine to the citizen;
//  - every other type: 30 days (§48).
// Days are counted under 行政程序法 §48 (WorkingCalendar::deadline): the start day is not
// counted, and a deadline on a day off moves to the next working day.
//
// When the deadline falls in a year whose calendar is not loaded, the shifted deadline is
// unknown: it is at least the unshifted day and at most kMaxDaysOffInARow later. Filing
// before the unshifted day is on time whatever the shift (the deadline is then provisional);
// filing after it is judged only when both bounds give the same fine (days_late is then the
// least it can be, and provisional); otherwise calendar.year_not_loaded: never the unshifted
// date alone, which would overstate the lateness.

#include <map>
#include <string>

#include "core/calendar.h"
#include "core/date.h"
#include "core/result.h"
#include "domain/register/model.h"
#include "domain/register/statutory_rules.h"

namespace huji::domain {

// More consecutive days off than Taiwan's calendar has ever had (春節 with a weekend: 9).
inline constexpr int kMaxDaysOffInARow = 14;

// Which deadline rule a registration falls under.
enum class DeadlineRule {
  kNone,            // no statutory period: voluntary, or the office's own act
  kOnRegistration,  // takes effect by registration (結婚 since 2008, 兩願離婚): never late
  kBirth,           // 60 days
  kGeneral,         // 30 days from the event
  kMove,            // 3 months' stay, then 30 days
  kAbroad,          // 2 years abroad, then 30 days
};

// The rule for `type` with the application's fields ("reason" of a divorce, "initiated_by" of a
// revocation) on `event_date`, and the statute it rests on (zh).
struct DeadlineBasis {
  DeadlineRule rule = DeadlineRule::kGeneral;
  const char* statute = "";
};
DeadlineBasis deadline_basis(EventType type, const std::map<std::string, std::string>& fields,
                             core::Date event_date, const StatutoryRules& rules);

// Whether a registration takes effect on the day it is registered (its entry's event date is
// then the registration date, not the ceremony's or the agreement's).
bool takes_effect_on_registration(EventType type, const std::map<std::string, std::string>& fields,
                                  core::Date event_date, const StatutoryRules& rules);

struct Lateness {
  bool has_deadline = true;  // false: no statutory period (deadline is then the filing date)
  core::Date deadline;
  bool provisional = false;  // the deadline's year has no calendar: see above
  int days_late = 0;         // 0: on time
  int fine_min = 0;          // the table's amount: what the supervisor normally decides
  int fine_max = 0;          // the statutory maximum; 0 when on time
  const char* statute = "";  // what the deadline rests on
};

struct LatenessInput {
  EventType type = EventType::kBirth;
  core::Date event_date;
  core::Date filed;
  std::map<std::string, std::string> fields;
};

// Whether filing on `in.filed` is late, by the rules in force on the event date.
core::Result<Lateness> assess_lateness(const LatenessInput& in,
                                       const core::WorkingCalendar& calendar,
                                       const RuleBook& rules);

}  // namespace huji::domain

#endif  // HUJI_DOMAIN_REGISTER_DEADLINE_H_
