// Property test of the registration rules and the projector: thousands of random registrations,
// each planned from the register as it is and applied only when the rules accept it, and after
// every step the register's invariants hold; replaying the event log rebuilds the projections.
// Deterministic: a seeded splitmix64, no std::random_device.

#include <gtest/gtest.h>

#include <cstdint>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "domain/register/memory_state.h"
#include "domain/register/projector.h"
#include "domain/register/registration.h"
#include "domain/register/revocation.h"

namespace huji::domain {
namespace {

using Fields = std::map<std::string, std::string>;

class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  uint64_t next() {
    uint64_t z = (s_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  int below(size_t n) { return static_cast<int>(next() % n); }
  int between(int lo, int hi) {
    const int span = hi - lo + 1;
    return lo + below(static_cast<size_t>(span));
  }
  bool chance(int percent) { return below(100) < percent; }
  template <typename T>
  const T& pick(const std::vector<T>& v) {
    return v[static_cast<size_t>(below(v.size()))];
  }

 private:
  uint64_t s_;
};

const std::vector<std::string> kSurnames = {"陳", "林", "黃", "張", "李",
                                            "王", "吳", "劉", "蔡", "楊"};
const std::vector<std::string> kGiven = {"志明", "淑芬", "建宏", "美玲", "家豪", "怡君",
                                         "俊傑", "雅婷", "冠宇", "佳穎", "宗翰", "詩涵"};
const std::vector<std::string> kRelations = {"同居人", "子", "女", "孫", "孫女", "媳", "配偶之子"};
const std::vector<std::string> kAbroad = {"美國", "日本", "越南", "加拿大"};
const std::vector<std::string> kDomestic = {"新北市板橋區", "臺北市大安區", "台中市西屯區"};

// Plates: 文山區 1–40 (39 is the office's own, 40 abolished), 板橋區 101–120.
constexpr int64_t kOfficePlate = 39;
constexpr int64_t kAbolishedPlate = 40;

struct Weighted {
  EventType type;
  int weight;
};
const std::vector<Weighted> kTypes = {
    {EventType::kBirth, 4},
    {EventType::kFirstRegistration, 4},
    {EventType::kDeath, 1},
    {EventType::kMarriage, 3},
    {EventType::kDivorce, 1},
    {EventType::kMoveIn, 2},
    {EventType::kExOfficioMoveIn, 1},
    {EventType::kMoveOut, 1},
    {EventType::kAddressChange, 2},
    {EventType::kHouseholdSplit, 2},
    {EventType::kHouseholdMerge, 1},
    {EventType::kHeadChange, 1},
    {EventType::kNameChange, 1},
    {EventType::kNameCorrection, 1},
    {EventType::kBirthDateCorrection, 1},
    {EventType::kIdNumberChange, 1},
    {EventType::kAcknowledgement, 1},
    {EventType::kAdoption, 1},
    {EventType::kAdoptionTermination, 1},
    {EventType::kGuardianship, 1},
    {EventType::kLossOfNationality, 1},
    {EventType::kRestoration, 1},
    {EventType::kDeathDeclaration, 1},
    {EventType::kIndigenousAcquisition, 1},
    {EventType::kIndigenousLoss, 1},
    {EventType::kIndigenousChange, 1},
    {EventType::kAssistance, 1},
    {EventType::kCustody, 1},
    {EventType::kCorrection, 1},
    {EventType::kExOfficioAddressChange, 1},
    {EventType::kExOfficioMoveOut, 1},
    {EventType::kRegistrationCancellation, 1},
};
// Revocations are chosen apart from these (World::revoke), but counted with them.
const std::vector<EventType> kCounted = [] {
  std::vector<EventType> out;
  out.reserve(kTypes.size() + 1);
  for (const auto& t : kTypes) out.push_back(t.type);
  out.push_back(EventType::kRevocation);
  return out;
}();

struct Totals {
  std::map<EventType, int> attempts;
  std::map<EventType, int> successes;
  std::map<std::string, int> rejections;
};

// What the register looks like before a step: the candidates the generators pick from.
struct Snapshot {
  std::vector<const Person*> active, removed, men, women, married, fatherless, adults, minors,
      indigenous;
  std::map<std::string, std::vector<const Person*>> members;  // by household
  std::vector<const Household*> households[2];                // by office
};

class World {
 public:
  World(uint64_t seed, Totals& totals) : rng_(seed), totals_(totals) {
    offices_[0] = {"63000120", "臺北市文山區戶政事務所", "臺北市", "文山區", ""};
    offices_[1] = {"65000010", "新北市板橋區戶政事務所", "新北市", "板橋區", ""};
    for (int64_t id = 1; id <= 40; ++id) plates_.push_back(plate(id, 0, id == kAbolishedPlate));
    for (int64_t id = 101; id <= 120; ++id) plates_.push_back(plate(id, 1, false));
    for (const auto& p : plates_) st_.add_door_plate(p);
    today_ = core::Date::from_ymd(1995, 1, 1).value();
  }

  // One random registration; "" or what went wrong.
  std::string step() {
    today_ = today_.add_days(rng_.between(0, 6));
    if (!done_.empty() && rng_.chance(8)) return revoke();
    const Snapshot s = snapshot();
    const EventType type = pick_type();
    int office = rng_.below(2);
    std::optional<Registration> r = generate(type, s, office);
    if (!r) return "";
    r->type = type;
    r->event_date = today_.add_days(-rng_.between(0, 20));
    r->registered_on = today_;
    r->office_code = offices_[office].code;
    ++totals_.attempts[type];
    auto p = plan(st_, *r, offices_[office], today_);
    if (!p.ok()) {
      if (!p.error().code.starts_with("registration.")) {
        return "unexpected error " + p.error().code + " (" + p.error().message_en + ") for " +
               describe(*r);
      }
      ++totals_.rejections[p.error().code];
      return "";
    }
    const auto households_before = st_.all_households();
    Done done{{}, 0, st_.all_persons(), households_before, describe(*r)};
    RecordingState recording(st_);
    for (Event& e : p->events) {
      e.seq = st_.append(e);
      if (done.first_seq == 0) done.first_seq = e.seq;
      core::Status applied = apply(recording, e);
      if (!applied.ok()) {
        return "apply failed: " + applied.error().message_en + " for " + describe(*r);
      }
    }
    done.undo = recording.undo().value();
    // The recorded changes survive their storage form.
    if (decode_undo(encode_undo(done.undo)).value() != done.undo) {
      return "undo does not round-trip for " + describe(*r);
    }
    done_.push_back(std::move(done));
    ++totals_.successes[type];
    if (type == EventType::kAdoption) {
      adoptions_.emplace_back(r->subject_id, r->fields.at("adopter_id"));
    }
    // Every household the registration changed is one the application records the version of.
    const std::set<std::string> touched(p->households_touched.begin(), p->households_touched.end());
    for (const auto& [no, before] : households_before) {
      auto after = st_.all_households().find(no);
      const bool changed = after == st_.all_households().end() || after->second != before;
      if (changed && !touched.count(no)) {
        return "household " + no + " changed but is not in households_touched, for " + describe(*r);
      }
    }
    return "";
  }

  // 撤銷: mostly the newest registration (which must succeed and give back the register as it
  // was before it, versions apart), sometimes an older one (refused once anything it changed
  // has changed since).
  std::string revoke() {
    const bool newest = rng_.chance(70);
    const size_t index = newest ? done_.size() - 1 : static_cast<size_t>(rng_.below(done_.size()));
    const Done target = done_[index];
    Registration r;
    r.type = EventType::kRevocation;
    r.event_date = today_;
    r.registered_on = today_;
    r.office_code = offices_[0].code;
    r.fields["reason"] = "誤辦";
    r.revokes = target.undo;
    r.revoked_seq = target.first_seq;
    ++totals_.attempts[EventType::kRevocation];
    auto p = plan(st_, r, offices_[0], today_);
    if (!p.ok()) {
      if (index == done_.size() - 1) {
        return "revoking the newest registration (" + target.what + ") failed: " + p.error().code +
               " " + p.error().message_en;
      }
      if (p.error().code != "registration.revocation_superseded") {
        return "unexpected " + p.error().code + " revoking " + target.what;
      }
      ++totals_.rejections[p.error().code];
      return "";
    }
    Done done{{}, 0, st_.all_persons(), st_.all_households(), "revocation of " + target.what};
    RecordingState recording(st_);
    for (Event& e : p->events) {
      e.seq = st_.append(e);
      if (done.first_seq == 0) done.first_seq = e.seq;
      core::Status applied = apply(recording, e);
      if (!applied.ok()) return "revocation failed: " + applied.error().message_en;
    }
    done.undo = recording.undo().value();
    ++totals_.successes[EventType::kRevocation];
    for (const auto& [no, h] : st_.all_households()) deleted_households_.erase(no);
    if (index == done_.size() - 1) {
      // Nothing happened in between: the register is as it was before the target.
      for (const auto& [id, p] : st_.all_persons()) {
        auto before = target.persons.find(id);
        if (before == target.persons.end()) {
          if (p.status != PersonStatus::kRemoved || p.removal_reason != "revocation") {
            return "a person created by " + target.what + " was not removed on revocation";
          }
          continue;
        }
        Person expected = before->second;
        expected.version = p.version;
        if (p != expected) return "person " + id + " not restored revoking " + target.what;
      }
      if (st_.all_households().size() != target.households.size()) {
        return "households not restored revoking " + target.what;
      }
      for (const auto& [no, h] : st_.all_households()) {
        auto before = target.households.find(no);
        if (before == target.households.end()) return "household " + no + " left after revocation";
        Household expected = before->second;
        expected.version = h.version;
        if (h != expected) return "household " + no + " not restored revoking " + target.what;
      }
    }
    done_.push_back(std::move(done));
    return "";
  }

  // The register's invariants; "" or the first one broken.
  std::string check() {
    std::ostringstream out;
    const auto& persons = st_.all_persons();
    const auto& households = st_.all_households();
    for (const auto& [id, p] : persons) {
      auto [it, fresh] = person_versions_.try_emplace(id, p.version);
      if (!fresh) {
        if (p.version < it->second) out << "person " << id << " version went down; ";
        it->second = p.version;
      }
      if (p.status == PersonStatus::kActive) {
        auto hh = households.find(p.household_no);
        if (p.household_no.empty() || hh == households.end()) {
          out << "active person " << id << " has no existing household (" << p.household_no
              << "); ";
        } else {
          int found = 0;
          const std::vector<Person> members = st_.members(p.household_no).value();
          for (const auto& m : members) found += m.id_number == id;
          if (found != 1) out << "person " << id << " not listed in " << p.household_no << "; ";
        }
      } else if (!p.household_no.empty()) {
        out << "removed person " << id << " is in household " << p.household_no << "; ";
      }
      if (p.spouse_id) {
        auto spouse = persons.find(*p.spouse_id);
        if (*p.spouse_id == id || spouse == persons.end() || spouse->second.spouse_id != id) {
          out << "spouse link " << id << " → " << *p.spouse_id << " is not mutual; ";
        }
      }
    }
    for (const auto& [no, h] : households) {
      if (deleted_households_.count(no)) out << "household number " << no << " reused; ";
      auto [it, fresh] = household_versions_.try_emplace(no, h.version);
      if (!fresh) {
        if (h.version < it->second) out << "household " << no << " version went down; ";
        it->second = h.version;
      }
      const auto members = st_.members(no).value();
      if (members.empty()) out << "household " << no << " has no members; ";
      int heads = 0;
      for (const auto& m : members) {
        if (m.status != PersonStatus::kActive || m.household_no != no) {
          out << "member " << m.id_number << " of " << no << " is not current there; ";
        }
        heads += m.relation == "戶長";
      }
      auto head = persons.find(h.head_id);
      if (head == persons.end() || head->second.status != PersonStatus::kActive ||
          head->second.household_no != no || head->second.relation != "戶長") {
        out << "household " << no << " head " << h.head_id << " is not its 戶長 member; ";
      }
      if (heads != 1) out << "household " << no << " has " << heads << " members titled 戶長; ";
    }
    for (const auto& [no, version] : household_versions_) {
      if (!households.count(no)) deleted_households_.insert(no);
    }
    return out.str();
  }

  // Replays the whole log into a fresh register with the same plates; "" when it matches.
  std::string replay() const {
    MemoryState fresh;
    for (const auto& p : plates_) fresh.add_door_plate(p);
    for (const Event& e : st_.events()) {
      fresh.append(e);
      core::Status s = apply(fresh, e);
      if (!s.ok()) return "replay: " + s.error().message_en;
    }
    if (fresh.all_persons() != st_.all_persons()) {
      for (const auto& [id, p] : st_.all_persons()) {
        auto it = fresh.all_persons().find(id);
        if (it == fresh.all_persons().end() || it->second != p)
          return "replay differs at person " + id;
      }
      return "replay has more persons";
    }
    if (fresh.all_households() != st_.all_households()) {
      for (const auto& [no, h] : st_.all_households()) {
        auto it = fresh.all_households().find(no);
        if (it == fresh.all_households().end() || it->second != h) {
          return "replay differs at household " + no;
        }
      }
      return "replay has more households";
    }
    return "";
  }

  size_t persons() const { return st_.all_persons().size(); }
  size_t events() const { return st_.events().size(); }

 private:
  DoorPlate plate(int64_t id, int office, bool abolished) const {
    DoorPlate p;
    p.id = id;
    p.office_code = offices_[office].code;
    p.address.county = offices_[office].county;
    p.address.district = offices_[office].district;
    p.address.road = office == 0 ? "興隆路" : "文化路";
    p.address.number = std::to_string(id);
    p.abolished = abolished;
    return p;
  }

  int office_of(const std::string& household_no) {
    auto hh = st_.household(household_no).value();
    return hh && hh->office_code == offices_[1].code ? 1 : 0;
  }

  Snapshot snapshot() {
    Snapshot s;
    for (const auto& [id, p] : st_.all_persons()) {
      if (p.status != PersonStatus::kActive) {
        s.removed.push_back(&p);
        continue;
      }
      s.active.push_back(&p);
      (p.sex == core::Sex::kMale ? s.men : s.women).push_back(&p);
      if (p.spouse_id) s.married.push_back(&p);
      if (!p.father_id) s.fatherless.push_back(&p);
      (p.birth_date.years_until(today_) >= 18 ? s.adults : s.minors).push_back(&p);
      if (!p.indigenous.empty()) s.indigenous.push_back(&p);
      s.members[p.household_no].push_back(&p);
    }
    for (const auto& [no, h] : st_.all_households()) {
      s.households[h.office_code == offices_[1].code ? 1 : 0].push_back(&h);
    }
    return s;
  }

  EventType pick_type() {
    int total = 0;
    for (const auto& t : kTypes) total += t.weight;
    int r = rng_.below(static_cast<size_t>(total));
    for (const auto& t : kTypes) {
      if (r < t.weight) return t.type;
      r -= t.weight;
    }
    return EventType::kBirth;
  }

  std::string name() { return rng_.pick(kSurnames) + rng_.pick(kGiven); }
  std::string plate_in(int office) {
    if (office == 1) return std::to_string(rng_.between(101, 120));
    int64_t id = rng_.between(1, 40);
    if (id == kOfficePlate) id = 1;
    return std::to_string(id);
  }
  // Where someone goes: a household of the office (with a 稱謂) or a new one at a plate.
  void destination(Fields& f, int office, const Snapshot& s) {
    const auto& hhs = s.households[office];
    if (!hhs.empty() && rng_.chance(40)) {
      f.insert_or_assign("household_no", rng_.pick(hhs)->household_no);
      f.insert_or_assign("relation", rng_.pick(kRelations));
    } else {
      f.insert_or_assign("door_plate_id", plate_in(office));
    }
  }
  static std::string join(const std::vector<std::string>& ids) {
    std::string out;
    for (const auto& id : ids) {
      if (!out.empty()) out.push_back(',');
      out.append(id);
    }
    return out;
  }

  std::optional<Registration> generate(EventType type, const Snapshot& s, int& office) {
    Registration r;
    Fields& f = r.fields;
    auto subject = [&](const std::vector<const Person*>& from) -> const Person* {
      if (from.empty()) return nullptr;
      const Person* p = rng_.pick(from);
      r.subject_id = p->id_number;
      return p;
    };
    switch (type) {
      case EventType::kFirstRegistration: {
        f = {{"name", name()},
             {"sex", rng_.chance(50) ? "M" : "F"},
             {"birth_date", today_.add_days(-rng_.between(30, 80 * 365)).to_iso()},
             {"birth_place", rng_.pick(kAbroad)},
             {"from", rng_.pick(kAbroad)}};
        destination(f, office, s);
        return r;
      }
      case EventType::kBirth: {
        f = {{"name", name()}, {"sex", rng_.chance(50) ? "M" : "F"}, {"place", "臺北市"}};
        const Person* mother = s.women.empty() || rng_.chance(10) ? nullptr : rng_.pick(s.women);
        if (mother) f.emplace("mother_id", mother->id_number);
        if (mother && mother->spouse_id && rng_.chance(80)) {
          f.emplace("father_id", *mother->spouse_id);
        } else if (!s.men.empty() && rng_.chance(40)) {
          f.emplace("father_id", rng_.pick(s.men)->id_number);
        }
        if (!f.count("mother_id") && !f.count("father_id")) {
          if (s.households[0].empty()) return std::nullopt;
          f.emplace("household_no", rng_.pick(s.households[0])->household_no);
        }
        return r;
      }
      case EventType::kDeath: {
        const Person* p = subject(s.active);
        if (!p) return std::nullopt;
        f.emplace("place", "臺北市");
        if (rng_.chance(20)) {
          const auto& m = s.members.at(p->household_no);
          f.emplace("new_head_id", rng_.pick(m)->id_number);
        }
        return r;
      }
      case EventType::kMarriage: {
        std::vector<const Person*> single_men, single_women;
        for (const Person* p : s.adults) {
          if (p->spouse_id) continue;
          (p->sex == core::Sex::kMale ? single_men : single_women).push_back(p);
        }
        if (rng_.chance(85) && !single_men.empty() && !single_women.empty()) {
          subject(single_men);
          f.emplace("spouse_id", rng_.pick(single_women)->id_number);
        } else {
          if (!subject(s.active)) return std::nullopt;
          f.emplace("spouse_id", rng_.pick(s.active)->id_number);
        }
        return r;
      }
      case EventType::kDivorce: {
        const Person* p = subject(s.married);
        if (!p) return std::nullopt;
        f = {{"spouse_id", *p->spouse_id}, {"reason", rng_.chance(50) ? "agreed" : "court"}};
        return r;
      }
      case EventType::kMoveIn:
      case EventType::kExOfficioMoveIn: {
        std::vector<const Person*> movers = s.active;
        for (const Person* p : s.removed) {
          if (p->removal_reason == "emigration") movers.push_back(p);
        }
        const Person* p = subject(movers);
        if (!p) return std::nullopt;
        f.emplace("from", rng_.pick(kAbroad));
        if (type == EventType::kExOfficioMoveIn) {
          office = 0;
          f.emplace("reason", "行方不明");
          f.emplace("office_door_plate_id", std::to_string(kOfficePlate));
          return r;
        }
        // Into the other district mostly: a move within one is an address change.
        if (p->status == PersonStatus::kActive && rng_.chance(90)) {
          office = 1 - office_of(p->household_no);
        }
        destination(f, office, s);
        return r;
      }
      case EventType::kMoveOut: {
        if (!subject(s.active)) return std::nullopt;
        f.emplace("to", rng_.chance(85) ? rng_.pick(kAbroad) : rng_.pick(kDomestic));
        return r;
      }
      case EventType::kAddressChange: {
        const Person* p = subject(s.active);
        if (!p) return std::nullopt;
        if (rng_.chance(90)) office = office_of(p->household_no);
        destination(f, office, s);
        return r;
      }
      case EventType::kHouseholdSplit: {
        const Person* p = subject(s.active);
        if (!p) return std::nullopt;
        if (rng_.chance(90)) office = office_of(p->household_no);
        f.emplace("door_plate_id", plate_in(office));
        std::vector<std::string> going;
        for (const Person* m : s.members.at(p->household_no)) {
          if (m != p && rng_.chance(40)) going.push_back(m->id_number);
        }
        f.emplace("members", join(going));
        return r;
      }
      case EventType::kHouseholdMerge: {
        const Person* p = subject(s.active);
        if (!p) return std::nullopt;
        office = office_of(p->household_no);
        const auto& hhs = s.households[office];
        if (hhs.empty()) return std::nullopt;
        f.emplace("household_no", rng_.pick(hhs)->household_no);
        // Now and then an attempt to come in as a second 戶長, which must be refused.
        f.emplace("relation", rng_.chance(5) ? std::string("戶長") : rng_.pick(kRelations));
        return r;
      }
      case EventType::kHeadChange: {
        const Person* p = subject(s.active);
        if (!p) return std::nullopt;
        office = office_of(p->household_no);
        f.emplace("reason", "協議");
        return r;
      }
      case EventType::kNameChange:
      case EventType::kNameCorrection: {
        if (!subject(s.active)) return std::nullopt;
        f = {{"new_name", name()}, {"reason", "vulgar_or_special"}};
        return r;
      }
      case EventType::kBirthDateCorrection: {
        const Person* p = subject(s.active);
        if (!p) return std::nullopt;
        const int shift = rng_.between(1, 400) * (rng_.chance(50) ? 1 : -1);
        f = {{"new_date", p->birth_date.add_days(shift).to_iso()}, {"reason", "誤植"}};
        return r;
      }
      case EventType::kIdNumberChange: {
        if (!subject(s.active)) return std::nullopt;
        f.emplace("reason", "重號");
        return r;
      }
      case EventType::kAcknowledgement: {
        if (!subject(s.fatherless) || s.men.empty()) return std::nullopt;
        f.emplace("father_id", rng_.pick(s.men)->id_number);
        return r;
      }
      case EventType::kAdoption: {
        if (!subject(s.active)) return std::nullopt;
        const Person* a = rng_.pick(s.adults.empty() ? s.active : s.adults);
        f.emplace("adopter_id", a->id_number);
        if (a->spouse_id && rng_.chance(40)) f.emplace("adopter2_id", *a->spouse_id);
        return r;
      }
      case EventType::kAdoptionTermination: {
        if (!adoptions_.empty() && rng_.chance(80)) {
          const auto& [child, adopter] = rng_.pick(adoptions_);
          r.subject_id = child;
          f.emplace("adopter_id", adopter);
        } else {
          if (!subject(s.active)) return std::nullopt;
          f.emplace("adopter_id", rng_.pick(s.active)->id_number);
        }
        f.emplace("reason", "合意");
        return r;
      }
      case EventType::kGuardianship: {
        if (!subject(s.active)) return std::nullopt;
        f = {{"guardian_id", rng_.pick(s.adults.empty() ? s.active : s.adults)->id_number},
             {"reason", "受監護宣告"}};
        return r;
      }
      case EventType::kLossOfNationality: {
        if (!subject(s.active)) return std::nullopt;
        f.emplace("letter_no", "內授移字第1號");
        if (rng_.chance(50)) {
          f.emplace("reason", rng_.chance(50) ? "loss_of_nationality" : "loss_of_status");
        }
        return r;
      }
      case EventType::kDeathDeclaration: {
        if (!subject(s.active)) return std::nullopt;
        // Now and then a judgment before the presumed death, which must be refused.
        f = {{"court", "臺灣臺北地方法院"},
             {"judgment_date", today_.add_days(-rng_.between(0, 25)).to_iso()}};
        return r;
      }
      case EventType::kIndigenousAcquisition:
      case EventType::kIndigenousChange: {
        const bool change = type == EventType::kIndigenousChange;
        if (!subject(change && !s.indigenous.empty() ? s.indigenous : s.active)) {
          return std::nullopt;
        }
        f.emplace("tribe", rng_.chance(5) ? std::string("平埔族")
                                          : std::string(kIndigenousPeoples[static_cast<size_t>(
                                                rng_.below(kIndigenousPeoples.size()))]));
        if (!change) f.emplace("kind", rng_.chance(50) ? "plains" : "mountain");
        return r;
      }
      case EventType::kIndigenousLoss: {
        if (!subject(s.indigenous.empty() || rng_.chance(10) ? s.active : s.indigenous)) {
          return std::nullopt;
        }
        f.emplace("reason", "申請喪失");
        return r;
      }
      case EventType::kAssistance: {
        if (!subject(s.active)) return std::nullopt;
        f = {{"assistant_id", rng_.pick(s.adults.empty() ? s.active : s.adults)->id_number},
             {"court", "臺灣臺北地方法院"},
             {"reason", "受輔助宣告"}};
        return r;
      }
      case EventType::kCustody: {
        if (!subject(s.minors.empty() || rng_.chance(5) ? s.active : s.minors)) {
          return std::nullopt;
        }
        static const std::vector<std::string> kHolders = {"father", "mother", "both", "other"};
        f = {{"holder", rng_.pick(kHolders)},
             {"basis", rng_.chance(50) ? "court" : "agreement"},
             {"court", "臺灣臺北地方法院"}};
        if (f["holder"] == "other" && !s.adults.empty()) {
          f.emplace("holder_id", rng_.pick(s.adults)->id_number);
        }
        return r;
      }
      case EventType::kCorrection: {
        if (!subject(s.active)) return std::nullopt;
        static const std::vector<std::string> kFields = {"birth_place", "father_name",
                                                         "mother_name", "sex"};
        const std::string& which = rng_.pick(kFields);
        f = {{"field", which},
             {"new_value", which == "birth_place" ? rng_.pick(kAbroad) : name()},
             {"evidence", "出生證明書"}};
        return r;
      }
      case EventType::kExOfficioAddressChange: {
        const Person* p = subject(s.active);
        if (!p) return std::nullopt;
        office = office_of(p->household_no);
        f.emplace("reason", "未申報住址變更");
        destination(f, office, s);
        return r;
      }
      case EventType::kExOfficioMoveOut: {
        const Person* p = subject(s.active);
        if (!p) return std::nullopt;
        if (rng_.chance(90)) office = office_of(p->household_no);
        f = {{"exit_date", today_.add_days(-rng_.between(300, 1500)).to_iso()},
             {"reason", "出境滿二年"}};
        return r;
      }
      case EventType::kRegistrationCancellation: {
        if (!subject(s.active)) return std::nullopt;
        f = {{"reason", "虛偽設籍"}, {"letter_no", "府民字第1號"}};
        return r;
      }
      case EventType::kRestoration: {
        if (!subject(s.removed)) return std::nullopt;
        f.emplace("from", rng_.pick(kAbroad));
        destination(f, office, s);
        return r;
      }
      case EventType::kRevocation:
      case EventType::kConversion: break;
    }
    return std::nullopt;
  }

  static std::string describe(const Registration& r) {
    std::string out = std::string(event_type_code(r.type)) + " of " + r.subject_id + " on " +
                      r.event_date.to_iso() + " {";
    for (const auto& [k, v] : r.fields) out.append(k).append("=").append(v).append(" ");
    return out + "}";
  }

  Rng rng_;
  Totals& totals_;
  Office offices_[2];
  std::vector<DoorPlate> plates_;
  MemoryState st_;
  core::Date today_;
  std::vector<std::pair<std::string, std::string>> adoptions_;  // child, adopter
  std::map<std::string, int64_t> person_versions_;
  std::map<std::string, int64_t> household_versions_;
  std::set<std::string> deleted_households_;
  // Registrations applied, with what they changed and the register before them.
  struct Done {
    Undo undo;
    int64_t first_seq = 0;
    std::map<std::string, Person> persons;
    std::map<std::string, Household> households;
    std::string what;
  };
  std::vector<Done> done_;
};

constexpr int kStepsPerSeed = 1000;
constexpr int kReplayEvery = 200;

TEST(RegistrationProperty, RandomRegistrationsKeepTheRegisterConsistent) {
  Totals totals;
  for (uint64_t seed : {20240501ULL, 7ULL, 1911ULL}) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    World w(seed, totals);
    for (int i = 1; i <= kStepsPerSeed; ++i) {
      const std::string failed = w.step();
      ASSERT_EQ(failed, "") << "step " << i;
      const std::string broken = w.check();
      ASSERT_EQ(broken, "") << "after step " << i;
      if (i % kReplayEvery == 0 || i == kStepsPerSeed) {
        ASSERT_EQ(w.replay(), "") << "after step " << i;
      }
    }
    EXPECT_GT(w.persons(), 50u);
    EXPECT_GT(w.events(), 500u);
  }

  int attempts = 0, successes = 0;
  std::ostringstream table;
  for (EventType type : kCounted) {
    const int a = totals.attempts[type];
    const int s = totals.successes[type];
    attempts += a;
    successes += s;
    table << event_type_code(type) << " " << s << "/" << a << "\n";
    EXPECT_GT(s, 0) << event_type_code(type) << " never succeeded";
  }
  for (const auto& [code, n] : totals.rejections) table << "  " << code << " " << n << "\n";
  EXPECT_GE(successes * 10, attempts * 3) << "fewer than 30% of attempts succeeded\n"
                                          << table.str();
  EXPECT_GT(attempts, 2500) << table.str();
  std::cout << "successes/attempts per type:\n" << table.str();
}

// The same seed gives the same register.
TEST(RegistrationProperty, Deterministic) {
  Totals a_totals, b_totals;
  World a(42, a_totals), b(42, b_totals);
  for (int i = 0; i < 200; ++i) {
    ASSERT_EQ(a.step(), "");
    ASSERT_EQ(b.step(), "");
  }
  EXPECT_EQ(a.events(), b.events());
  EXPECT_EQ(a_totals.successes, b_totals.successes);
}

}  // namespace
}  // namespace huji::domain
