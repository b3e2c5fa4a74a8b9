#include "domain/register/statutory_rules.h"

#include <algorithm>

namespace huji::domain {

FineSchedule FineSchedule::defaults() {
  FineSchedule s;
  s.bands = {{15, 300}, {30, 500}, {180, 700}};
  s.beyond = 900;
  s.statutory_max = 900;
  return s;
}

int FineSchedule::amount_for(int days_late) const {
  for (const auto& b : bands) {
    if (days_late <= b.up_to_days) return b.amount;
  }
  return beyond;
}

StatutoryRules StatutoryRules::defaults() {
  StatutoryRules r;
  r.source =
      "戶籍法 §16、§17、§48–§51、§76、§79；戶籍罰鍰處罰金額基準表；民法 §982、§1050；"
      "國籍法施行細則；姓名條例 §9";
  return r;
}

RuleBook::RuleBook() : versions_{StatutoryRules::defaults()} {}

RuleBook::RuleBook(std::vector<StatutoryRules> versions) : versions_(std::move(versions)) {
  if (versions_.empty()) versions_.push_back(StatutoryRules::defaults());
  std::stable_sort(versions_.begin(), versions_.end(),
                   [](const auto& a, const auto& b) { return a.effective_from < b.effective_from; });
}

const StatutoryRules& RuleBook::at(core::Date d) const {
  const StatutoryRules* in_force = &versions_.front();
  for (const auto& v : versions_) {
    if (v.effective_from > d) break;
    in_force = &v;
  }
  return *in_force;
}

}  // namespace huji::domain
