#include "demo/household_generator.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "core/date.h"
#include "core/id_number.h"
#include "demo/ages.h"
#include "demo/door_plates.h"
#include "demo/id_allocator.h"
#include "demo/names.h"
#include "demo/places.h"
#include "demo/random.h"
#include "domain/register/event_keys.h"

namespace huji::demo {
namespace {

using core::Date;
using core::Sex;
namespace event_key = domain::event_key;

// "No such date": day numbers before 1970 are negative, so -1 cannot serve.
constexpr int64_t kNever = std::numeric_limits<int64_t>::min();

int64_t day_of(int y, int m, int d) { return Date::from_civil(y, m, d); }
int64_t add_years(int64_t day, int n) {
  return Date::from_days_since_epoch(day).add_years(n).days_since_epoch();
}

// ------------------------------------------------------------------------------------------
// The household under construction.

enum class Role : uint8_t {
  kHead,        // 戶長
  kSpouse,      // 配偶 of the head
  kChild,       // 長子, 次女 … of the head
  kParent,      // 父, 母 of the head
  kSibling,     // 兄, 弟, 姊, 妹 of the head
  kChildInLaw,  // 媳, 女婿
  kGrandchild,  // 孫, 孫女
  kGhost,       // not registered here: an ex-spouse, a grandchild's parent living elsewhere
};

enum class Founding : uint8_t { kMoveIn, kSplit, kExOfficio };

struct Draft {
  Role role = Role::kHead;
  Sex sex = Sex::kMale;
  int age = 0;
  int64_t birth = 0;
  std::string surname, given;
  int father = -1, mother = -1, spouse = -1, ex = -1;  // indices into the household
  std::string father_name, mother_name;                // when the parent is not a member
  int birth_order = 1;
  const char* relation = "";
  const char* indigenous = "";
  int64_t marriage = kNever;  // with `spouse` or `ex`
  int64_t divorce = kNever;
  bool divorce_by_court = false;
  bool was_head = false;  // the household's former head (a late spouse or parent)
  bool deceased = false;
  int64_t death = kNever;
  bool emigrates = false;
  int64_t emigration = kNever;
  int foreign_origin = -1;  // index into kForeignOrigins for a naturalised spouse
  int64_t first_registration = kNever;
  // Timeline, filled by Generator::finish().
  int64_t arrival = kNever;  // joined this household (move-in, founding, birth here)
  bool born_here = false;
  bool marries_in = false;
  int origin = kHere;  // district the person moved in from
  int birth_county = kTaipeiCounty;
  bool old_county = false;
  int birth_office = kHere;
  int64_t name_change = kNever;
  std::string old_given;
  std::string id;

  std::string name() const { return surname + given; }
  bool ghost() const { return role == Role::kGhost; }
  bool removed() const { return deceased || emigrates; }
};

// A sibling who never lived in the household, kept only to number 出生別.
struct Phantom {
  Sex sex;
  int64_t birth;
};

// One office's households, one at a time: drafts the members by a household type, then
// finish() gives them a timeline, birthplaces, ID numbers, a household number and plate, and
// their events, and delivers the household.
class Generator {
 public:
  // `rng_seed` seeds the draws, `street_seed` scatters the building slots.
  Generator(const DemoSpec& spec, Shared& shared, const Area& area, const Elsewhere& elsewhere,
            uint64_t rng_seed, uint64_t street_seed)
      : shared_(shared),
        sink_(shared.sink),
        area_(area),
        offices_(*elsewhere.offices),
        rng_(rng_seed),
        ids_(shared.ids),
        ages_(shared.ages),
        today_(spec.today.days_since_epoch()),
        plates_(area, shared, rng_, street_seed) {
    for (const auto& s : kSurnames) surname_weights_.add(s.weight);
    for (uint32_t w : elsewhere.county_weights) county_weights_.add(w);
    for (uint32_t w : elsewhere.origin_weights) origin_weights_.add(w);
    for (const auto& o : kForeignOrigins) foreign_weights_.add(o.weight);
    for (const auto& t : kTribes) tribe_weights_.add(t.weight);
    for (int c = 0; c < kCountyCount; ++c) {
      const auto& county = kCounties[c];
      changed_[static_cast<size_t>(c)] =
          county.old_name ? day_of(county.changed_y, county.changed_m, county.changed_d) : 0;
      for (int variant = 0; variant < 2; ++variant) {
        Weighted& w = birth_offices_[static_cast<size_t>(c)][static_cast<size_t>(variant)];
        std::vector<int>& list =
            birth_office_list_[static_cast<size_t>(c)][static_cast<size_t>(variant)];
        for (int pass = 0; pass < 2 && list.empty(); ++pass) {
          for (int d = 0; d < static_cast<int>(offices_.size()); ++d) {
            const OtherOffice& dist = offices_[static_cast<size_t>(d)];
            if (dist.county != c) continue;
            // The old variant of a merged county (臺中縣 …) registers in its former
            // townships; fall back to all districts of the county when none is listed.
            const bool old_area =
                !dist.old_county.empty() && county.old_name && dist.old_county == county.old_name;
            if (pass == 0 && county.old_letter != county.letter && old_area != (variant == 1)) {
              continue;
            }
            list.push_back(d);
            w.add(dist.birth_weight);
          }
        }
      }
    }
  }

  // The office's own plate, where 逕遷戶所 persons are registered: before its households.
  void emit_office_plate() { plates_.emit_office_plate(); }

  // Exactly `persons` persons in households of this office.
  void run_households(int persons) {
    int remaining = std::max(persons, 0);
    while (remaining > 0) {
      members_.clear();
      phantoms_.clear();
      real_ = 0;
      build_household(remaining);
      remaining -= real_;
    }
  }

 private:
  // ---- helpers for drafting people

  Draft& d(int i) { return members_[static_cast<size_t>(i)]; }

  static int era(int64_t birth) {
    const int y = Date::from_days_since_epoch(birth).year();
    return std::clamp((y - 1940) / 10, 0, kEras - 1);
  }

  const char* given_name(Sex sex, int64_t birth) {
    const auto& pool = sex == Sex::kMale ? kMaleNames[static_cast<size_t>(era(birth))]
                                         : kFemaleNames[static_cast<size_t>(era(birth))];
    return pool[rng_.below(pool.size())];
  }

  const char* surname() { return kSurnames[surname_weights_.pick(rng_)].name; }

  // A birth date for someone `age` completed years old today; babies are at least 3 days old
  // so that their birth can already be registered.
  int64_t birth_for_age(int age) {
    const int64_t hi = age == 0 ? today_ - 3 : add_years(today_, -age);
    const int64_t lo = add_years(today_, -age - 1) + 1;
    return rng_.between(lo, std::max(lo, hi));
  }

  // A given name no other member of the household already has with the same surname.
  void name_person(Draft& p) {
    for (int attempt = 0; attempt < 8; ++attempt) {
      p.given = given_name(p.sex, p.birth);
      bool clash = false;
      for (const auto& m : members_) {
        if (&m != &p && m.given == p.given && m.surname == p.surname) clash = true;
      }
      if (!clash) return;
    }
  }

  int add(Draft p) {
    if (!p.ghost()) ++real_;
    members_.push_back(std::move(p));
    return static_cast<int>(members_.size()) - 1;
  }

  // An adult whose parents are not in the household: names for them, a random 出生別.
  int add_adult(Role role, Sex sex, int age, const char* relation) {
    Draft p;
    p.role = role;
    p.sex = sex;
    p.age = age;
    p.birth = birth_for_age(age);
    p.surname = surname();
    p.relation = relation;
    name_person(p);
    fill_outside_parents(p, p.surname);
    // Older cohorts had more children, so later 出生別 are more common among them.
    static constexpr std::array<uint32_t, 5> kYoung = {45, 30, 15, 7, 3};
    static constexpr std::array<uint32_t, 5> kOld = {35, 27, 18, 11, 9};
    const auto& w = era(p.birth) <= 1 ? kOld : kYoung;
    uint32_t x = rng_.below(100);
    int order = 1;
    for (uint32_t wi : w) {
      if (x < wi) break;
      x -= wi;
      ++order;
    }
    p.birth_order = order;
    return add(std::move(p));
  }

  void fill_outside_parents(Draft& p, const std::string& father_surname) {
    const char* father_given = given_name(Sex::kMale, add_years(p.birth, -30));
    if (father_given == p.given) father_given = given_name(Sex::kMale, add_years(p.birth, -30));
    p.father_name = father_surname + father_given;
    // One draw per statement: the order of evaluation of operands is unspecified, and the
    // stream must not depend on the compiler.
    p.mother_name = surname();
    p.mother_name += given_name(Sex::kFemale, add_years(p.birth, -27));
  }

  // Age gap husband − wife, in years.
  int spouse_gap() {
    static constexpr std::array<int, 16> kGap = {-3, -2, -1, 0, 1, 2,  3,  4,
                                                 5,  6,  7,  8, 9, 10, 12, 15};
    static constexpr std::array<uint32_t, 16> kWeight = {3, 4, 6, 10, 12, 12, 11, 9,
                                                         8, 6, 5, 4,  3,  3,  2,  1};
    uint32_t x = rng_.below(99);
    for (size_t i = 0; i < kGap.size(); ++i) {
      if (x < kWeight[i]) return kGap[i];
      x -= kWeight[i];
    }
    return 2;
  }

  // The spouse of member `a`; `role` is kSpouse, kParent, kChildInLaw or kGhost.
  int add_spouse(int a, Role role, const char* relation, bool same_sex = false) {
    const Draft& p = d(a);
    const Sex sex = same_sex ? p.sex : (p.sex == Sex::kMale ? Sex::kFemale : Sex::kMale);
    int gap = same_sex ? static_cast<int>(rng_.between(-6, 6)) : spouse_gap();
    int age = p.sex == Sex::kMale ? p.age - gap : p.age + gap;
    age = std::clamp(age, 20, kMaxAge);
    Draft s;
    s.role = role;
    s.sex = sex;
    s.age = age;
    s.birth = birth_for_age(age);
    s.relation = relation;
    s.surname = surname();
    name_person(s);
    fill_outside_parents(s, s.surname);
    s.birth_order = static_cast<int>(rng_.between(1, 3));
    const int i = add(std::move(s));
    if (role == Role::kGhost) {
      d(a).ex = i;
    } else {
      d(a).spouse = i;
      d(i).spouse = a;
    }
    return i;
  }

  int first_marriage_age(int64_t wife_birth) {
    static constexpr std::array<int, kEras> kAge = {21, 23, 25, 27, 29, 30, 30, 30};
    return kAge[static_cast<size_t>(era(wife_birth))];
  }

  // Marriage date of a and b (b may be a ghost), before their first child when possible.
  int64_t marriage_date(int a, int b, int64_t first_child) {
    const Draft& x = d(a);
    const Draft& y = d(b);
    const int64_t younger = std::max(x.birth, y.birth);
    const int64_t wife_birth = x.sex == Sex::kFemale ? x.birth : y.birth;
    int64_t lo = add_years(younger, 20);
    int64_t hi = today_ - 5;
    if (first_child != kNever) {
      // Married before the first child; at 18 already if that is what it takes.
      const int64_t latest = first_child - 30;
      // +1: someone born on 02-29 comes of age on 03-01.
      if (latest < lo) lo = std::min(lo, add_years(younger, 18) + 1);
      if (latest >= lo) hi = std::max(lo, std::min(hi, first_child - rng_.between(30, 900)));
    }
    if (hi < lo) hi = std::min(today_ - 5, lo + int64_t{3} * 365);
    lo = std::min(lo, hi);
    int64_t target = add_years(wife_birth, first_marriage_age(wife_birth)) +
                     rng_.between(int64_t{-2} * 365, int64_t{4} * 365);
    if (target < lo) target = lo + rng_.between(0, std::min<int64_t>(hi - lo, 730));
    if (target > hi) target = hi - rng_.between(0, std::min<int64_t>(hi - lo, 730));
    return target;
  }

  void marry(int a, int b, int64_t first_child) {
    const int64_t m = marriage_date(a, b, first_child);
    d(a).marriage = m;
    d(b).marriage = m;
  }

  // Children of father f and mother m (members or ghosts; -1 for none), at most `cap` real
  // members more; older children may have left home and only count for 出生別.
  void add_children(int f, int m, int count, int cap, Role role, int max_age = 48) {
    const Draft* pf = f >= 0 ? &d(f) : nullptr;
    const Draft* pm = m >= 0 ? &d(m) : nullptr;
    const int older = std::max(pf ? pf->age : 0, pm ? pm->age : 0);
    const int younger = std::min(pf ? pf->age : kMaxAge, pm ? pm->age : kMaxAge);
    const int lo = std::max(0, older - 44);
    const int hi = std::min(younger - 19, max_age);
    if (lo > hi) return;
    const size_t first = members_.size();
    // Children take the father's surname, a few the mother's (民法 §1059).
    const std::string child_surname = !pm                     ? pf->surname
                                      : !pf || !rng_.bp(9800) ? pm->surname
                                                              : pf->surname;
    const std::string father_name = pf ? pf->name() : std::string();
    const std::string mother_name = pm ? pm->name() : std::string();
    const char* tribe = (pf && *pf->indigenous)   ? pf->indigenous
                        : (pm && *pm->indigenous) ? pm->indigenous
                                                  : "";
    for (int k = 0; k < count && k < cap; ++k) {
      Draft c;
      c.role = role;
      c.sex = rng_.bp(5170) ? Sex::kMale : Sex::kFemale;  // 107 boys per 100 girls at birth
      c.surname = child_surname;
      c.father = f;
      c.mother = m;
      c.father_name = father_name;
      c.mother_name = mother_name;
      c.indigenous = tribe;
      bool placed = false;
      if (k > 0 && rng_.bp(120)) {  // twins
        c.age = members_.back().age;
        c.birth = members_.back().birth;
        placed = true;
      }
      for (int attempt = 0; attempt < 6 && !placed; ++attempt) {
        c.age = ages_.sample(lo, hi, rng_);
        c.birth = birth_for_age(c.age);
        placed = true;
        for (size_t j = first; j < members_.size(); ++j) {
          const int64_t gap = c.birth - members_[j].birth;
          if (gap > -300 && gap < 300) placed = false;
        }
      }
      if (!placed) continue;
      name_person(c);
      add(std::move(c));
    }
    // Older brothers and sisters who moved out.
    if (hi >= 24 && rng_.bp(3500)) {
      const int n = rng_.bp(7000) ? 1 : 2;
      for (int k = 0; k < n; ++k) {
        const int age = static_cast<int>(rng_.between(std::max(lo, 22), hi));
        phantoms_.push_back({rng_.bp(5170) ? Sex::kMale : Sex::kFemale, birth_for_age(age)});
      }
    }
    number_children(first, role);
    phantoms_.clear();
  }

  // 出生別 and 稱謂 of members [first, end) who are siblings, counting phantoms.
  void number_children(size_t first, Role role) {
    for (size_t i = first; i < members_.size(); ++i) {
      Draft& c = members_[i];
      int order = 1;
      for (size_t j = first; j < members_.size(); ++j) {
        const Draft& o = members_[j];
        if (j != i && o.sex == c.sex && (o.birth < c.birth || (o.birth == c.birth && j < i))) {
          ++order;
        }
      }
      for (const auto& ph : phantoms_) {
        if (ph.sex == c.sex && ph.birth < c.birth) ++order;
      }
      c.birth_order = order;
      if (role == Role::kGrandchild) {
        c.relation = c.sex == Sex::kMale ? "孫" : "孫女";
      } else {
        c.relation = child_relation(c.sex, order);
      }
    }
  }

  int64_t earliest_child_birth(int parent) {
    int64_t first = kNever;
    for (const auto& m : members_) {
      if (m.father == parent || m.mother == parent) {
        if (first == kNever || m.birth < first) first = m.birth;
      }
    }
    return first;
  }

  int64_t latest_child_birth(int parent) {
    int64_t last = kNever;
    for (const auto& m : members_) {
      if (m.father == parent || m.mother == parent) last = std::max(last, m.birth);
    }
    return last;
  }

  Sex single_sex(int age) {
    const int male_bp = age < 40 ? 5600 : age < 65 ? 4900 : age < 80 ? 4000 : 3000;
    return rng_.bp(male_bp) ? Sex::kMale : Sex::kFemale;
  }

  // Divorced from a ghost ex-spouse; `first_child` bounds the marriage as usual.
  void divorce(int a, int64_t first_child, int64_t last_child) {
    Draft& p = d(a);
    if (p.ex < 0) add_spouse(a, Role::kGhost, "");
    const int64_t m = marriage_date(a, d(a).ex, first_child);
    d(a).marriage = m;
    int64_t lo = std::max(m + 365, last_child != kNever ? last_child + 180 : m + 365);
    const int64_t hi = today_ - 5;
    if (lo > hi) lo = std::min(hi, m + 30);
    d(a).divorce = rng_.between(std::min(lo, hi), hi);
    d(a).divorce_by_court = rng_.bp(1800);
  }

  // ---- household types (Taiwan: many one-person 戶, couples, nuclear families, three
  // generations, single parents)

  enum class Kind {
    kSingle,
    kCouple,
    kNuclear,
    kSingleParent,
    kWithParents,
    kThreeGen,
    kSiblings,
    kGrandparent
  };

  void build_household(int cap) {
    static constexpr std::array<uint32_t, 8> kWeight = {340, 170, 225, 90, 65, 60, 30, 20};
    static constexpr std::array<int, 8> kMinSize = {1, 2, 3, 2, 2, 3, 2, 2};
    uint32_t x = rng_.below(1000);
    size_t k = 0;
    while (x >= kWeight[k]) x -= kWeight[k++];
    if (kMinSize[k] > cap) k = cap >= 2 ? 1 : 0;
    Founding founding = Founding::kMoveIn;
    switch (static_cast<Kind>(k)) {
      case Kind::kSingle: founding = build_single(cap); break;
      case Kind::kCouple: build_couple(); break;
      case Kind::kNuclear: build_nuclear(cap); break;
      case Kind::kSingleParent: build_single_parent(cap); break;
      case Kind::kWithParents: build_with_parents(cap); break;
      case Kind::kThreeGen: build_three_generations(cap); break;
      case Kind::kSiblings: build_siblings(cap); break;
      case Kind::kGrandparent: build_grandparent(cap); break;
    }
    if (rng_.bp(80)) make_indigenous();
    finish(founding);
  }

  Founding build_single(int cap) {
    const int age = ages_.sample(20, kMaxAge, rng_);
    const int h = add_adult(Role::kHead, single_sex(age), age, "戶長");
    if (age >= 60 && cap >= 2 && rng_.bp(3000)) {
      // Widowed: the late spouse stays on the household's record as removed.
      const int s = add_spouse(h, Role::kSpouse, "配偶");
      d(s).deceased = true;
      d(s).was_head = d(s).sex == Sex::kMale && rng_.bp(7000);
      marry(h, s, kNever);
    } else if (age >= 30 && rng_.bp(1800)) {
      divorce(h, kNever, kNever);
    } else if (age >= 75 && rng_.bp(400)) {
      d(h).deceased = true;  // the whole household is removed (全戶除戶)
    }
    if (!d(h).deceased) {
      if (age < 45 && rng_.bp(3500)) return Founding::kSplit;
      if (rng_.bp(120)) return Founding::kExOfficio;
    }
    return Founding::kMoveIn;
  }

  void build_couple() {
    const int age = ages_.sample(22, 100, rng_);
    const bool same_sex = rng_.bp(40);
    const Sex head_sex = rng_.bp(7800) ? Sex::kMale : Sex::kFemale;
    const int h = add_adult(Role::kHead, head_sex, age, "戶長");
    const int s = add_spouse(h, Role::kSpouse, "配偶", same_sex);
    marry(h, s, kNever);
    if (same_sex) {
      // Same-sex marriage can be registered since 2019-05-24 (釋字第748號施行法).
      const int64_t law = day_of(2019, 5, 24);
      const int64_t lo = std::max({law, add_years(d(h).birth, 20), add_years(d(s).birth, 20)});
      if (lo <= today_ - 5) {
        const int64_t m = rng_.between(lo, today_ - 5);
        d(h).marriage = d(s).marriage = m;
      } else {
        d(s).sex = d(h).sex == Sex::kMale ? Sex::kFemale : Sex::kMale;
        name_person(d(s));
      }
    }
    maybe_naturalised(h, s);
  }

  // The couple heading a family: returns {father, mother}.
  std::pair<int, int> head_couple(int lo, int hi, int male_head_bp) {
    const int age = ages_.sample(lo, hi, rng_);
    const Sex head_sex = rng_.bp(male_head_bp) ? Sex::kMale : Sex::kFemale;
    const int h = add_adult(Role::kHead, head_sex, age, "戶長");
    const int s = add_spouse(h, Role::kSpouse, "配偶");
    return head_sex == Sex::kMale ? std::pair{h, s} : std::pair{s, h};
  }

  int children_count() {
    static constexpr std::array<uint32_t, 4> kWeight = {38, 45, 14, 3};
    uint32_t x = rng_.below(100);
    int n = 1;
    for (uint32_t w : kWeight) {
      if (x < w) break;
      x -= w;
      ++n;
    }
    return n;
  }

  void build_nuclear(int cap) {
    auto [f, m] = head_couple(24, 72, 8000);
    add_children(f, m, children_count(), cap - 2, Role::kChild);
    marry(f, m, earliest_child_birth(f));
    maybe_naturalised(f, m);
    maybe_emigrate_child();
  }

  void build_single_parent(int cap) {
    const int age = ages_.sample(25, 80, rng_);
    const Sex sex = rng_.bp(7500) ? Sex::kFemale : Sex::kMale;
    const int h = add_adult(Role::kHead, sex, age, "戶長");
    const bool widowed = cap >= 3 && rng_.bp(3500);
    const int other =
        widowed ? add_spouse(h, Role::kSpouse, "配偶") : add_spouse(h, Role::kGhost, "");
    const int f = sex == Sex::kMale ? h : other;
    const int m = sex == Sex::kMale ? other : h;
    static constexpr std::array<int, 3> kCount = {1, 1, 2};
    const int n = rng_.bp(1200) ? 3 : kCount[rng_.below(3)];
    add_children(f, m, n, cap - (widowed ? 2 : 1), Role::kChild);
    if (widowed) {
      marry(h, other, earliest_child_birth(h));
      d(other).deceased = true;
      d(other).was_head = d(other).sex == Sex::kMale && rng_.bp(6000);
    } else {
      divorce(h, earliest_child_birth(h), latest_child_birth(h));
    }
  }

  // A head living with their own parents (父, 母), possibly with a spouse and children.
  void build_with_parents(int cap) {
    const int age = ages_.sample(25, 65, rng_);
    const Sex sex = rng_.bp(7000) ? Sex::kMale : Sex::kFemale;
    const int h = add_adult(Role::kHead, sex, age, "戶長");
    int budget = cap - 1;
    // Parents: both, mother only, father only; a late parent may stay on the record.
    const uint32_t which = rng_.below(100);
    const bool father_alive = which < 45 || which >= 85;
    const bool mother_alive = which < 85;
    const int m_age = ages_.sample(age + 20, std::min(age + 42, kMaxAge), rng_);
    Draft mo;
    mo.role = Role::kParent;
    mo.sex = Sex::kFemale;
    mo.age = m_age;
    mo.birth = birth_for_age(m_age);
    mo.surname = surname();
    mo.relation = "母";
    name_person(mo);
    fill_outside_parents(mo, mo.surname);
    mo.birth_order = static_cast<int>(rng_.between(1, 3));
    Draft fa;
    fa.role = Role::kParent;
    fa.sex = Sex::kMale;
    fa.age = std::clamp(m_age + spouse_gap(), age + 19, std::min(age + 44, kMaxAge));
    fa.birth = birth_for_age(fa.age);
    fa.surname = d(h).surname;
    fa.relation = "父";
    name_person(fa);
    fill_outside_parents(fa, fa.surname);
    fa.birth_order = static_cast<int>(rng_.between(1, 3));
    const bool keep_father = budget >= 2 && (father_alive || rng_.bp(4500));
    const bool keep_mother = budget >= 1 && (mother_alive || (budget >= 2 && rng_.bp(4500)));
    int fi = -1, mi = -1;
    if (keep_father && budget > 0) {
      fi = add(std::move(fa));
      d(fi).deceased = !father_alive;
      --budget;
    }
    if (keep_mother && budget > 0) {
      mi = add(std::move(mo));
      d(mi).deceased = !mother_alive;
      --budget;
    }
    if (fi >= 0 && mi >= 0) {
      d(fi).spouse = mi;
      d(mi).spouse = fi;
      marry(fi, mi, d(h).birth_order == 1 ? d(h).birth : d(h).birth - rng_.between(400, 3000));
    }
    Draft& head = d(h);
    if (fi >= 0) {
      head.father = fi;
      head.father_name = d(fi).name();
      d(fi).was_head = d(fi).deceased ? rng_.bp(7000) : rng_.bp(2500);
    }
    if (mi >= 0) {
      head.mother = mi;
      head.mother_name = d(mi).name();
    }
    if (fi < 0)
      head.father_name = head.surname + given_name(Sex::kMale, d(h).birth - int64_t{30} * 365);
    // Don't let the late parent be the only one besides the head: at least one parent lives.
    if ((fi < 0 || d(fi).deceased) && (mi < 0 || d(mi).deceased)) {
      if (mi >= 0)
        d(mi).deceased = false;
      else if (fi >= 0)
        d(fi).deceased = false;
    }
    if (budget >= 1 && age >= 24 && rng_.bp(5500)) {
      const int s = add_spouse(h, Role::kSpouse, "配偶");
      --budget;
      const int f = sex == Sex::kMale ? h : s;
      const int m = sex == Sex::kMale ? s : h;
      if (budget > 0 && rng_.bp(7000)) add_children(f, m, children_count(), budget, Role::kChild);
      marry(h, s, earliest_child_birth(h));
    }
  }

  // An older head and spouse with a married child (媳 or 女婿) and grandchildren.
  void build_three_generations(int cap) {
    const int age = ages_.sample(52, 95, rng_);
    const Sex sex = rng_.bp(7500) ? Sex::kMale : Sex::kFemale;
    const int h = add_adult(Role::kHead, sex, age, "戶長");
    int budget = cap - 1;
    int s = -1;
    if (budget >= 3 && rng_.bp(8500)) {
      s = add_spouse(h, Role::kSpouse, "配偶");
      --budget;
    }
    const int f = sex == Sex::kMale ? h : s;
    const int m = sex == Sex::kMale ? s : h;
    // The married child: usually a son (傳統 patrilocal), sometimes a daughter with 女婿.
    const size_t first = members_.size();
    if (s >= 0) {
      add_children(f, m, 1, 1, Role::kChild, 62);
    } else {
      // Widowed or divorced head: the other parent is outside the household.
      const int ghost = add_spouse(h, Role::kGhost, "");
      add_children(sex == Sex::kMale ? h : ghost, sex == Sex::kMale ? ghost : h, 1, 1, Role::kChild,
                   62);
    }
    if (members_.size() == first || members_.back().ghost()) {
      if (s >= 0) marry(h, s, kNever);
      return;
    }
    const int c = static_cast<int>(members_.size()) - 1;
    if (d(c).age < 22) {
      if (s >= 0) marry(h, s, earliest_child_birth(h));
      return;
    }
    --budget;
    // This child is the one who stayed: mostly the eldest son.
    if (d(c).sex == Sex::kFemale && rng_.bp(7000)) {
      d(c).sex = Sex::kMale;
      name_person(d(c));
    }
    d(c).birth_order = rng_.bp(6000) ? 1 : static_cast<int>(rng_.between(2, 3));
    d(c).relation = child_relation(d(c).sex, d(c).birth_order);
    if (budget >= 1) {
      const int in_law = add_spouse(c, Role::kChildInLaw, d(c).sex == Sex::kMale ? "媳" : "女婿");
      --budget;
      const int gf = d(c).sex == Sex::kMale ? c : in_law;
      const int gm = d(c).sex == Sex::kMale ? in_law : c;
      if (budget > 0 && rng_.bp(8000)) {
        add_children(gf, gm, children_count(), budget, Role::kGrandchild);
      }
      marry(c, in_law, earliest_child_birth(c));
      maybe_naturalised(c, in_law);
    }
    if (s >= 0) {
      marry(h, s, d(c).birth_order == 1 ? d(c).birth : d(c).birth - rng_.between(400, 3000));
      if (age >= 65 && rng_.bp(2500)) {
        d(s).deceased = true;
        d(s).was_head = d(s).sex == Sex::kMale && rng_.bp(6000);
      }
    }
    maybe_emigrate_child();
  }

  void build_siblings(int cap) {
    const int age = ages_.sample(20, 80, rng_);
    const int h = add_adult(Role::kHead, single_sex(age), age, "戶長");
    const int n = cap >= 3 && rng_.bp(2500) ? 2 : 1;
    const size_t first = members_.size() - 1;
    for (int k = 0; k < n; ++k) {
      Draft s;
      s.role = Role::kSibling;
      s.sex = rng_.bp(5000) ? Sex::kMale : Sex::kFemale;
      s.age = ages_.sample(std::max(18, age - 12), std::min(kMaxAge, age + 12), rng_);
      s.birth = birth_for_age(s.age);
      if (s.birth == d(h).birth) s.birth -= 400;
      s.surname = d(h).surname;
      s.father_name = d(h).father_name;
      s.mother_name = d(h).mother_name;
      name_person(s);
      add(std::move(s));
    }
    if (rng_.bp(4000))
      phantoms_.push_back(
          {rng_.bp(5000) ? Sex::kMale : Sex::kFemale, d(h).birth - rng_.between(400, 4000)});
    number_children(first, Role::kSibling);
    phantoms_.clear();
    const Draft& head = d(h);
    for (size_t i = first + 1; i < members_.size(); ++i) {
      Draft& s = members_[i];
      const bool older = s.birth < head.birth;
      s.relation = s.sex == Sex::kMale ? (older ? "兄" : "弟") : (older ? "姊" : "妹");
    }
    d(h).relation = "戶長";
  }

  // Grandparents raising grandchildren (隔代教養): the middle generation lives elsewhere.
  void build_grandparent(int cap) {
    const int age = ages_.sample(55, 90, rng_);
    const Sex sex = rng_.bp(6000) ? Sex::kFemale : Sex::kMale;
    const int h = add_adult(Role::kHead, sex, age, "戶長");
    int budget = cap - 1;
    int s = -1;
    if (budget >= 2 && rng_.bp(5000)) {
      s = add_spouse(h, Role::kSpouse, "配偶");
      --budget;
    }
    // The grandchildren's parents, a child of the head and that child's spouse.
    const int grandfather = sex == Sex::kMale ? h : s;
    Draft parent;
    parent.role = Role::kGhost;
    parent.sex = Sex::kMale;
    parent.age = static_cast<int>(rng_.between(std::max(20, age - 44), std::max(20, age - 20)));
    parent.birth = birth_for_age(parent.age);
    parent.surname = grandfather >= 0 ? d(grandfather).surname : std::string(surname());
    name_person(parent);
    const int p = add(std::move(parent));
    const int other = add_spouse(p, Role::kGhost, "");
    d(p).spouse = other;
    d(other).spouse = p;
    add_children(p, other, rng_.bp(6500) ? 1 : 2, budget, Role::kGrandchild, 25);
    if (s >= 0) {
      marry(h, s, d(p).birth);
      if (age >= 65 && rng_.bp(2000)) {
        d(s).deceased = true;
        d(s).was_head = d(s).sex == Sex::kMale && rng_.bp(6000);
      }
    }
  }

  // About 3% of marriages of the last three decades brought a spouse from abroad who was
  // naturalised and first registered here (新住民).
  void maybe_naturalised(int a, int b) {
    Draft& wife = d(b).sex == Sex::kFemale ? d(b) : d(a);
    if (wife.sex != Sex::kFemale || wife.role == Role::kHead || wife.role == Role::kGhost) return;
    if (d(a).sex == d(b).sex) return;
    if (wife.marriage < day_of(1992, 1, 1) || wife.marriage > today_ - int64_t{3} * 365) return;
    if (!rng_.bp(300)) return;
    wife.foreign_origin = static_cast<int>(foreign_weights_.pick(rng_));
    if (std::string_view(kForeignOrigins[wife.foreign_origin].name) == "越南") {
      wife.surname = kVietnameseSurnames[rng_.below(std::size(kVietnameseSurnames))];
      name_person(wife);
    }
    wife.father_name = wife.surname + given_name(Sex::kMale, add_years(wife.birth, -30));
    wife.first_registration =
        std::min(today_ - 5, wife.marriage + rng_.between(int64_t{2} * 365, int64_t{6} * 365));
    wife.indigenous = "";
  }

  void maybe_emigrate_child() {
    for (auto& m : members_) {
      if (m.role == Role::kChild && m.age >= 22 && m.age <= 45 && rng_.bp(150)) m.emigrates = true;
    }
  }

  void make_indigenous() {
    const char* tribe = kTribes[tribe_weights_.pick(rng_)].name;
    for (auto& m : members_) {
      if (m.ghost() || m.foreign_origin >= 0) continue;
      const bool by_blood = m.role == Role::kHead || m.role == Role::kChild ||
                            m.role == Role::kParent || m.role == Role::kSibling ||
                            m.role == Role::kGrandchild;
      if (by_blood || rng_.bp(4000)) m.indigenous = tribe;
    }
  }

  // ---- timeline, ID numbers, events, emission

  std::string place_from(int district, int64_t on) const {
    const OtherOffice& dist = offices_[static_cast<size_t>(district)];
    if (!dist.old_county.empty() && on < changed_[static_cast<size_t>(dist.county)]) {
      return dist.old_county + dist.old_name;
    }
    return kCounties[dist.county].name + dist.name;
  }

  int pick_origin() { return static_cast<int>(origin_weights_.pick(rng_)); }

  // Birth county (with its historic variant) and the office that registered the birth.
  void place_birth(Draft& p, int county) {
    const CountyInfo& c = kCounties[county];
    p.birth_county = county;
    p.old_county =
        c.old_name && p.birth < changed_[static_cast<size_t>(county)] && rng_.bp(c.old_share_bp);
    if (county == area_.county && rng_.bp(2500)) {
      p.birth_office = kHere;
      return;
    }
    const size_t variant = p.old_county ? 1 : 0;
    const auto& list = birth_office_list_[static_cast<size_t>(county)][variant];
    p.birth_office = list[birth_offices_[static_cast<size_t>(county)][variant].pick(rng_)];
  }

  // Born in `district`'s area, registered by its office.
  void place_birth_at(Draft& p, int district) {
    const OtherOffice& dist = offices_[static_cast<size_t>(district)];
    const CountyInfo& c = kCounties[dist.county];
    p.birth_county = dist.county;
    p.old_county = !dist.old_county.empty() && c.old_name && dist.old_county == c.old_name &&
                   p.birth < changed_[static_cast<size_t>(dist.county)];
    p.birth_office = district;
  }

  const char* birth_county_name(const Draft& p) const {
    const CountyInfo& c = kCounties[p.birth_county];
    return p.old_county ? c.old_name : c.name;
  }

  char birth_letter(const Draft& p) const {
    const CountyInfo& c = kCounties[p.birth_county];
    return p.old_county ? c.old_letter : c.letter;
  }

  const std::string& office_code(int district) const {
    return district == kHere ? area_.office.code : offices_[static_cast<size_t>(district)].code;
  }

  int64_t lag(int64_t on, int lo, int hi) { return std::min(today_, on + rng_.between(lo, hi)); }

  Event& add_event(EventType type, int subject, int64_t on, int64_t registered, int office) {
    Event& e = events_.emplace_back();
    e.type = type;
    e.subject_id = d(subject).id;
    e.household_no = household_no_;
    e.event_date = Date::from_days_since_epoch(on);
    e.registered_on = Date::from_days_since_epoch(std::max(on, registered));
    e.office_code = office_code(office);
    return e;
  }

  void finish(Founding founding) {
    const int64_t T = today_;
    const int n = static_cast<int>(members_.size());

    // 1. The founding date D0: someone of the founding generation had turned 18; recent
    //    years are more likely than distant ones.
    int64_t eldest = T;
    for (const auto& m : members_) {
      if (m.ghost() || m.role == Role::kSpouse || m.role == Role::kChildInLaw) continue;
      eldest = std::min(eldest, m.birth);
    }
    const int64_t hi0 = T - 5;
    int64_t lo0 = std::max(add_years(eldest, 18), add_years(T, -60));
    if (founding == Founding::kExOfficio) lo0 = std::max(lo0, add_years(T, -6));
    lo0 = std::min(lo0, hi0);
    const uint64_t span = static_cast<uint64_t>(hi0 - lo0) + 1;
    const uint32_t u1 = rng_.below(span);
    const uint32_t u2 = rng_.below(span);
    const int64_t d0 = hi0 - static_cast<int64_t>(std::min(u1, u2));
    const int x = pick_origin();

    // 2. Who came when, eldest first so that parents are placed before their children.
    order_.clear();
    for (int i = 0; i < n; ++i) order_.push_back(i);
    std::stable_sort(order_.begin(), order_.end(),
                     [this](int a, int b) { return d(a).birth < d(b).birth; });
    for (int i : order_) {
      Draft& p = d(i);
      if (p.ghost()) continue;
      const bool by_marriage = p.role == Role::kSpouse || p.role == Role::kChildInLaw;
      if (by_marriage && p.marriage > d0) {
        p.marries_in = true;
        p.arrival = std::min(T - 3, p.marriage + rng_.between(0, 60));
        p.origin = pick_origin();
      } else if (p.birth < d0) {
        p.arrival = d0;
        p.origin = x;
      } else {
        bool parent_here = false;
        for (int par : {p.father, p.mother}) {
          if (par >= 0 && !d(par).ghost() && d(par).arrival != kNever &&
              d(par).arrival <= p.birth) {
            parent_here = true;
          }
        }
        if (parent_here) {
          p.born_here = true;
          p.arrival = p.birth;
        } else {
          p.arrival = std::min(T - 3, p.birth + rng_.between(30, 1000));
          p.origin = pick_origin();
        }
      }
      if (p.foreign_origin >= 0) {
        if (p.first_registration >= d0) {
          p.arrival = p.first_registration;
          p.marries_in = false;
          p.origin = kHere;
        } else {
          p.arrival = std::max(p.arrival, p.first_registration + rng_.between(1, 200));
          p.arrival = std::min(p.arrival, T - 3);
        }
      }
    }

    // 3. Birthplaces.
    for (int i = 0; i < n; ++i) {
      Draft& p = d(i);
      if (p.ghost() || p.foreign_origin >= 0) continue;
      if (p.born_here) {
        p.birth_county = area_.county;
        p.birth_office = kHere;
        continue;
      }
      // Whoever grew up in this family was born where it lived before moving here.
      const bool child = p.role == Role::kChild || p.role == Role::kGrandchild ||
                         (p.father >= 0 && !d(p.father).ghost()) ||
                         (p.mother >= 0 && !d(p.mother).ghost());
      const int origin = p.origin == kHere ? x : p.origin;
      if (founding == Founding::kSplit) {
        // Grew up in the district, in their parents' household.
        place_birth(p, area_.county);
        if (rng_.bp(6000)) p.birth_office = kHere;
      } else if (child) {
        place_birth_at(p, origin);  // born where the family lived before moving here
      } else if (rng_.bp(3000)) {
        place_birth(p, offices_[static_cast<size_t>(origin)].county);
      } else {
        place_birth(p, static_cast<int>(county_weights_.pick(rng_)));
      }
    }

    // 4. Deaths, emigration, head changes, name changes.
    for (int i = 0; i < n; ++i) {
      Draft& p = d(i);
      if (p.ghost()) continue;
      if (p.deceased) {
        int64_t lo = std::max({p.arrival, p.marriage, p.first_registration, p.birth}) + 30;
        for (const auto& m : members_) {
          if (m.father == i || m.mother == i) lo = std::max(lo, m.birth + 30);
        }
        if (p.spouse >= 0) lo = std::max(lo, d(p.spouse).arrival + 30);
        const int64_t hi = T - 5;
        if (lo > hi || (i == 0 && real_ > 1)) {
          p.deceased = false;
        } else {
          const int64_t from = std::max(lo, add_years(T, -15));
          p.death = rng_.between(std::min(from, hi), hi);
        }
      }
      if (p.emigrates) {
        const int64_t lo = std::max(p.arrival, add_years(p.birth, 20));
        if (lo > T - 5) {
          p.emigrates = false;
        } else {
          p.emigration = rng_.between(lo, T - 5);
        }
      }
      if (!p.removed() && p.age >= 20 && rng_.bp(80)) {
        const int64_t lo = std::max(p.arrival, add_years(p.birth, 20));
        if (lo <= T - 5) {
          p.name_change = rng_.between(lo, T - 5);
          p.old_given = p.given;
          for (int attempt = 0; attempt < 4 && p.old_given == p.given; ++attempt) {
            p.old_given = given_name(p.sex, p.birth);
          }
          if (p.old_given == p.given) p.name_change = kNever;
        }
      }
    }

    // 5. ID numbers.
    for (int i = 0; i < n; ++i) {
      Draft& p = d(i);
      if (p.ghost()) continue;
      char letter;
      if (p.foreign_origin >= 0) {
        const bool here = p.first_registration >= d0;
        letter = kCounties[here ? area_.county : offices_[static_cast<size_t>(x)].county].letter;
      } else {
        letter = birth_letter(p);
      }
      p.id = ids_.next(letter, p.sex);
    }

    // 6. The household record and its plate.
    household_no_ = shared_.household_numbers.next(kCounties[area_.county].letter);
    Household h;
    h.household_no = household_no_;
    h.office_code = area_.office.code;
    h.door_plate_id =
        founding == Founding::kExOfficio ? plates_.office_plate_id() : plates_.next_plate();
    h.head_id = d(0).id;
    h.established = Date::from_days_since_epoch(d0);

    // 7. Events.
    events_.clear();
    for (int i = 0; i < n; ++i) {
      Draft& p = d(i);
      if (p.ghost()) continue;
      if (p.foreign_origin >= 0) {
        const bool here = p.first_registration >= d0;
        Event& e = add_event(EventType::kFirstRegistration, i, p.first_registration,
                             lag(p.first_registration, 0, 10), here ? kHere : x);
        e.data.emplace(event_key::kFrom, kForeignOrigins[p.foreign_origin].name);
      } else {
        Event& e = add_event(EventType::kBirth, i, p.birth, lag(p.birth, 3, 50), p.birth_office);
        e.data.emplace(event_key::kPlace, birth_county_name(p));
      }
    }
    for (int i = 0; i < n; ++i) {
      Draft& p = d(i);
      if (p.ghost() || p.born_here) continue;
      if (p.foreign_origin >= 0 && p.first_registration >= d0) continue;
      const int64_t reg = lag(p.arrival, 0, 14);
      if (!p.marries_in && p.arrival == d0 && founding == Founding::kSplit) {
        add_event(EventType::kHouseholdSplit, i, p.arrival, reg, kHere);
      } else if (!p.marries_in && p.arrival == d0 && founding == Founding::kExOfficio) {
        add_event(EventType::kExOfficioMoveIn, i, p.arrival, reg, kHere)
            .data.emplace(event_key::kFrom, place_from(p.origin, p.arrival));
      } else {
        add_event(EventType::kMoveIn, i, p.arrival, reg, kHere)
            .data.emplace(event_key::kFrom, place_from(p.origin, p.arrival));
      }
    }
    for (int i = 0; i < n; ++i) {
      Draft& p = d(i);
      if (p.ghost() || p.marriage == kNever) continue;
      const int partner = p.spouse >= 0 ? p.spouse : p.ex;
      if (partner < 0) continue;
      if (p.spouse >= 0 && !d(p.spouse).ghost() && p.spouse < i) continue;  // written with i's
      const int office = p.marriage >= d0 ? kHere : x;
      const int64_t reg = lag(p.marriage, 0, 30);
      for (int who : {i, partner}) {
        if (d(who).ghost()) continue;
        const int other = who == i ? partner : i;
        Event& e = add_event(EventType::kMarriage, who, p.marriage, reg, office);
        if (!d(other).ghost()) e.data.emplace(event_key::kSpouseId, d(other).id);
        e.data.emplace(event_key::kSpouseName, d(other).name());
      }
      if (p.divorce != kNever) {
        Event& e = add_event(EventType::kDivorce, i, p.divorce, lag(p.divorce, 0, 30),
                             p.divorce >= d0 ? kHere : x);
        e.data.emplace(event_key::kSpouseName, d(partner).name());
        e.data.emplace(event_key::kReason, p.divorce_by_court ? "court" : "agreed");
      }
    }
    for (int i = 0; i < n; ++i) {
      Draft& p = d(i);
      if (p.ghost()) continue;
      if (p.deceased) add_event(EventType::kDeath, i, p.death, lag(p.death, 2, 30), kHere);
      if (p.emigrates) {
        add_event(EventType::kMoveOut, i, p.emigration, lag(p.emigration, 0, 10), kHere)
            .data.emplace(event_key::kTo, "國外");
      }
      if (p.name_change != kNever) {
        Event& e = add_event(EventType::kNameChange, i, p.name_change, p.name_change, kHere);
        e.data.emplace(event_key::kOldName, p.surname + p.old_given);
        e.data.emplace(event_key::kNewName, p.name());
      }
      if (p.was_head) {
        // The head took over from this member: after their death, or handed over in life.
        int64_t on = kNever;
        if (p.deceased) {
          on = std::min(T, p.death + rng_.between(3, 40));
        } else {
          const int64_t lo = std::max({d0, add_years(d(0).birth, 30), d(0).arrival});
          if (lo <= T - 5) on = rng_.between(lo, T - 5);
        }
        if (on != kNever) {
          add_event(EventType::kHeadChange, 0, on, lag(on, 0, 20), kHere)
              .data.emplace(event_key::kOldHeadName, p.name());
        }
      }
    }
    // A move within the district (住址變更) for everyone living here at the time.
    if (rng_.bp(1100) && d0 + 365 <= T - 5) {
      const int64_t on = rng_.between(d0 + 365, T - 5);
      const int64_t reg = lag(on, 0, 14);
      for (int i = 0; i < n; ++i) {
        const Draft& p = d(i);
        if (p.ghost() || p.arrival > on) continue;
        if ((p.deceased && p.death <= on) || (p.emigrates && p.emigration <= on)) continue;
        add_event(EventType::kAddressChange, i, on, reg, kHere);
      }
    }
    std::stable_sort(events_.begin(), events_.end(),
                     [](const Event& a, const Event& b) { return a.event_date < b.event_date; });

    // 8. Persons, in the transcript's order: 戶長, 配偶, 父母, 兄弟姊妹, then children (each
    //    followed by their spouse) and grandchildren, each generation by age.
    auto rank = [this](int i) -> int64_t {
      const Draft& p = d(i);
      switch (p.role) {
        case Role::kHead: return 0;
        case Role::kSpouse: return 1;
        case Role::kParent: return 2;
        case Role::kSibling: return 3;
        case Role::kChildInLaw:
          return 4 + 2 * (static_cast<int64_t>(d(p.spouse).birth) + (1LL << 32));
        case Role::kChild: return 4 + 2 * (static_cast<int64_t>(p.birth) + (1LL << 32)) - 1;
        case Role::kGrandchild: return (1LL << 40) + p.birth;
        case Role::kGhost: return 1LL << 50;
      }
      return 1LL << 50;
    };
    std::stable_sort(order_.begin(), order_.end(),
                     [&rank](int a, int b) { return rank(a) < rank(b); });
    persons_.clear();
    for (int i : order_) {
      const Draft& p = d(i);
      if (p.ghost()) continue;
      Person& q = persons_.emplace_back();
      q.id_number = p.id;
      q.name = p.name();
      q.sex = p.sex;
      q.birth_date = Date::from_days_since_epoch(p.birth);
      q.birth_place =
          p.foreign_origin >= 0 ? kForeignOrigins[p.foreign_origin].name : birth_county_name(p);
      if (p.father >= 0) {
        if (!d(p.father).ghost()) q.father_id = d(p.father).id;
        q.father_name = d(p.father).name();
      } else {
        q.father_name = p.father_name;
      }
      if (p.mother >= 0) {
        if (!d(p.mother).ghost()) q.mother_id = d(p.mother).id;
        q.mother_name = d(p.mother).name();
      } else {
        q.mother_name = p.mother_name;
      }
      if (p.spouse >= 0 && !d(p.spouse).ghost()) q.spouse_id = d(p.spouse).id;
      q.indigenous = p.indigenous;
      if (p.removed()) {
        q.status = PersonStatus::kRemoved;
        q.removal_reason = p.deceased ? "death" : "emigration";
      } else {
        q.household_no = household_no_;
        ages_.record(p.age);
      }
      q.relation = p.relation;
      q.birth_order = p.birth_order;
    }
    sink_.household(h, persons_, events_);
  }

  Shared& shared_;
  PopulationSink& sink_;
  const Area& area_;
  const std::vector<OtherOffice>& offices_;
  Rng rng_;
  IdAllocator& ids_;
  AgeBalancer& ages_;
  const int64_t today_;
  DoorPlates plates_;

  Weighted surname_weights_, county_weights_, origin_weights_, foreign_weights_, tribe_weights_;
  std::array<int64_t, kCountyCount> changed_{};
  std::array<std::array<Weighted, 2>, kCountyCount> birth_offices_;
  std::array<std::array<std::vector<int>, 2>, kCountyCount> birth_office_list_;

  std::vector<Draft> members_;
  std::vector<Phantom> phantoms_;
  std::vector<int> order_;
  int real_ = 0;
  std::vector<Event> events_;
  std::vector<Person> persons_;
  std::string household_no_;
};

}  // namespace

void generate_households(const DemoSpec& spec, Shared& shared, const Area& area,
                         const Elsewhere& elsewhere, uint64_t rng_seed, uint64_t street_seed,
                         int persons) {
  Generator g(spec, shared, area, elsewhere, rng_seed, street_seed);
  g.emit_office_plate();
  g.run_households(persons);
}

}  // namespace huji::demo
