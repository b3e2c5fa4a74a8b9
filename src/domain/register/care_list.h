#ifndef HUJI_DOMAIN_REGISTER_CARE_LIST_H_
#define HUJI_DOMAIN_REGISTER_CARE_LIST_H_

// 主動關懷通報 (seed 004 CC1.1): each month the registration section compiles, for the
// social-welfare office, the registered cases that meet the conditions
// - a marriage where at least one party is an elderly person on the marriage's date
//   (老人福利法 §2: 65 or over) — to protect elderly people's right to marry and prevent fraud;
// - a divorce (agreed or by judgment) of a couple with at least one child under 18 on the
//   divorce's date (兒童及少年福利與權益保障法 §2: 未滿十八歲), the children found from the
//   register's parent links;
// and the KPI 符合案件通報率 = 實際通報之案件數 ÷ 符合通報條件之案件數 (target 100 %).
// Pure rules: the caller reads the persons from the register; no storage, no I/O.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "domain/register/model.h"
#include "domain/register/statutory_rules.h"

namespace huji::domain {

enum class CareReason {
  kElderlyMarriage,          // 年長者結婚
  kDivorceWithMinorChildren  // 離婚當事人育有未成年子女
};

const char* care_reason_code(CareReason r);  // "elderly_marriage", "divorce_with_minor_children"
const char* care_reason_zh(CareReason r);    // 年長者結婚 …

// Whether a registered case qualifies, and why.
struct CareQualification {
  std::optional<CareReason> reason;  // nullopt: it does not qualify
  std::vector<int> party_ages;       // each party's completed years on the event date
  int minor_children = 0;            // children under the age on the event date (divorces)
  std::string basis;                 // the statute the condition rests on
};

// A registered marriage or divorce of `parties` (the subject and the spouse, as the register
// holds them now) on `event_date`; `children` are the persons whose father or mother is one of
// the parties. A child counts once, when born on or before the event date, under
// rules.care_child_age on it and not removed from the register by death. Any other type never
// qualifies.
CareQualification qualify_for_care_list(EventType type, core::Date event_date,
                                        const std::vector<Person>& parties,
                                        const std::vector<Person>& children,
                                        const StatutoryRules& rules);

// 實際通報 ÷ 符合通報條件; nullopt for a month without qualifying cases (nothing to report is
// not 100 %).
std::optional<double> care_list_rate(int eligible, int notified);

// A month "YYYY-MM": its first and last day (care_list.month when malformed).
struct Month {
  core::Date first, last;
  std::string text;  // "YYYY-MM"
};
core::Result<Month> parse_month(std::string_view text);

}  // namespace huji::domain

#endif  // HUJI_DOMAIN_REGISTER_CARE_LIST_H_
