#ifndef HUJI_DOMAIN_REGISTER_NAME_CHANGE_H_
#define HUJI_DOMAIN_REGISTER_NAME_CHANGE_H_

// 改名 grounds (姓名條例 §9 ¶1), as the codes a name-change application's "reason" carries.
// Only ground 6 (字義粗俗不雅、音譯過長或有特殊原因) is capped: §9 ¶2 allows at most three
// changes on it (StatutoryRules::name_change_cap); a change on grounds 1–5 (a namesake at
// work, in the family or among the wanted; filiation) does not count, nor does a revoked one.

#include <optional>
#include <span>
#include <string_view>

namespace huji::domain {

struct NameChangeGround {
  std::string_view code;      // what the form sends as fields["reason"]
  std::string_view label_zh;  // the statute's words
  std::string_view label_en;
  std::string_view cite;  // e.g. "姓名條例 §9 ¶1(6)"
  bool capped;            // counts toward §9 ¶2's cap
};

// Every ground, in the statute's order.
std::span<const NameChangeGround> name_change_grounds();
const NameChangeGround* find_name_change_ground(std::string_view code);

// Whether a recorded name change with this reason counts toward the cap. A reason that is not
// a code (free text, recorded before the grounds were codes) counts, as it always did: which
// ground it was cannot be known, and the cap must not be lifted by an old record.
bool name_change_counts_toward_cap(std::string_view reason);

}  // namespace huji::domain

#endif  // HUJI_DOMAIN_REGISTER_NAME_CHANGE_H_
