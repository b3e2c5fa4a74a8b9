#include "domain/register/name_change.h"

#include <array>

namespace huji::domain {

namespace {

constexpr std::array<NameChangeGround, 6> kGrounds = {{
    {"same_name_workplace",
     "同時在一公民營事業機構、機關（構）、團體或學校服務或肄業，姓名完全相同",
     "the same full name as someone at the same workplace or school", "姓名條例 §9 ¶1(1)", false},
    {"same_name_ancestor", "與三親等以內直系尊親屬名字完全相同",
     "the same given name as a lineal ascendant within the third degree", "姓名條例 §9 ¶1(2)",
     false},
    {"same_name_district", "同時在一直轄市、縣（市）設立戶籍六個月以上，姓名完全相同",
     "the same full name as someone registered in the same city or county for six months",
     "姓名條例 §9 ¶1(3)", false},
    {"same_name_wanted", "與經通緝有案之人犯姓名完全相同", "the same full name as a wanted person",
     "姓名條例 §9 ¶1(4)", false},
    {"filiation", "被認領、撤銷認領、被收養、撤銷收養或終止收養",
     "acknowledged, acknowledgement revoked, adopted, adoption revoked or terminated",
     "姓名條例 §9 ¶1(5)", false},
    {"vulgar_or_special", "字義粗俗不雅、音譯過長或有特殊原因",
     "vulgar meaning, an overlong transliteration or another special reason",
     "姓名條例 §9 ¶1(6), ¶2", true},
}};

}  // namespace

std::span<const NameChangeGround> name_change_grounds() { return kGrounds; }

const NameChangeGround* find_name_change_ground(std::string_view code) {
  for (const auto& g : kGrounds) {
    if (g.code == code) return &g;
  }
  return nullptr;
}

bool name_change_counts_toward_cap(std::string_view reason) {
  const NameChangeGround* g = find_name_change_ground(reason);
  return g == nullptr || g->capped;
}

}  // namespace huji::domain
