#include "domain/register/care_list.h"

#include <algorithm>
#include <charconv>

namespace huji::domain {

namespace {

constexpr const char* kElderlyBasis = "老人福利法第2條；seed 004 CC1.1";
constexpr const char* kChildrenBasis = "兒童及少年福利與權益保障法第2條；seed 004 CC1.1";

}  // namespace

const char* care_reason_code(CareReason r) {
  return r == CareReason::kElderlyMarriage ? "elderly_marriage" : "divorce_with_minor_children";
}

const char* care_reason_zh(CareReason r) {
  return r == CareReason::kElderlyMarriage ? "年長者結婚" : "離婚當事人育有未成年子女";
}

CareQualification qualify_for_care_list(EventType type, core::Date event_date,
                                        const std::vector<Person>& parties,
                                        const std::vector<Person>& children,
                                        const StatutoryRules& rules) {
  CareQualification q;
  for (const auto& p : parties) q.party_ages.push_back(p.birth_date.years_until(event_date));
  if (type == EventType::kMarriage) {
    q.basis = kElderlyBasis;
    const bool elderly = std::any_of(q.party_ages.begin(), q.party_ages.end(),
                                     [&](int age) { return age >= rules.care_elderly_age; });
    if (elderly) q.reason = CareReason::kElderlyMarriage;
    return q;
  }
  if (type != EventType::kDivorce) return q;
  q.basis = kChildrenBasis;
  std::vector<std::string> counted;
  for (const auto& c : children) {
    if (std::find(counted.begin(), counted.end(), c.id_number) != counted.end()) continue;
    const bool died = c.status == PersonStatus::kRemoved && c.removal_reason == "death";
    if (died || c.birth_date > event_date ||
        c.birth_date.years_until(event_date) >= rules.care_child_age) {
      continue;
    }
    counted.push_back(c.id_number);
  }
  q.minor_children = static_cast<int>(counted.size());
  if (q.minor_children > 0) q.reason = CareReason::kDivorceWithMinorChildren;
  return q;
}

std::optional<double> care_list_rate(int eligible, int notified) {
  if (eligible <= 0) return std::nullopt;
  return static_cast<double>(notified) / eligible;
}

core::Result<Month> parse_month(std::string_view text) {
  auto bad = [&] {
    return core::Error::invalid("care_list.month", "月份須為 YYYY-MM（例如 2026-11）",
                                "month must be YYYY-MM (e.g. 2026-11)");
  };
  if (text.size() != 7 || text[4] != '-') return bad();
  int year = 0;
  int month = 0;
  const char* y_end = text.data() + 4;
  const char* m_end = text.data() + 7;
  if (std::from_chars(text.data(), y_end, year).ptr != y_end ||
      std::from_chars(text.data() + 5, m_end, month).ptr != m_end) {
    return bad();
  }
  auto first = core::Date::from_ymd(year, month, 1);
  if (!first.ok()) return bad();
  Month m;
  m.first = *first;
  m.last = first->add_months(1).add_days(-1);
  m.text = std::string(text);
  return m;
}

}  // namespace huji::domain
