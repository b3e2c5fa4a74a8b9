#include "domain/register/projector.h"

#include <charconv>
#include <set>

#include "core/sex.h"

namespace huji::domain {
namespace {

using core::Error;
using core::ErrorKind;
using core::Status;

const std::string* find(const Event& e, const char* key) {
  auto it = e.data.find(key);
  return it == e.data.end() ? nullptr : &it->second;
}

std::string get(const Event& e, const char* key) {
  const std::string* v = find(e, key);
  return v ? *v : std::string();
}

std::optional<std::string> opt(const std::string& v) {
  if (v.empty()) return std::nullopt;
  return v;
}

int64_t to_int(const std::string& v) {
  int64_t out = 0;
  std::from_chars(v.data(), v.data() + v.size(), out);
  return out;
}

Error broken(const Event& e, const std::string& what) {
  return Error::make(ErrorKind::kUnprocessable, "register.replay",
                     "記事 #" + std::to_string(e.seq) + " 無法套用：" + what,
                     "entry #" + std::to_string(e.seq) + " (" + event_type_code(e.type) +
                         ") does not apply: " + what);
}

core::Result<Person> subject(RegisterState& state, const Event& e) {
  HUJI_ASSIGN_OR_RETURN(auto p, state.person(e.subject_id));
  if (!p) return broken(e, "no person " + e.subject_id);
  return std::move(*p);
}

// The household `no` changed (a member came, left or changed 稱謂): raise its version, or
// delete it once no current member is left.
Status touch_household(RegisterState& state, const std::string& no) {
  if (no.empty()) return {};
  HUJI_ASSIGN_OR_RETURN(auto hh, state.household(no));
  if (!hh) return {};
  HUJI_ASSIGN_OR_RETURN(auto members, state.members(no));
  bool anyone = false;
  for (const auto& m : members) anyone = anyone || m.status == PersonStatus::kActive;
  if (!anyone) return state.delete_household(no);
  hh->version += 1;
  return state.put_household(*hh);
}

// Puts the subject into e.household_no (founding it when asked), leaving its old household.
Status place(RegisterState& state, const Event& e, Person p) {
  const std::string old_no = p.household_no;
  if (get(e, "new_household") == "1") {
    HUJI_ASSIGN_OR_RETURN(auto existing, state.household(e.household_no));
    if (existing) return broken(e, "household " + e.household_no + " exists already");
    Household h;
    h.household_no = e.household_no;
    h.office_code = e.office_code;
    h.door_plate_id = to_int(get(e, "door_plate_id"));
    h.head_id = p.id_number;
    h.established = e.event_date;
    h.version = 0;  // raised to 1 below, with the member in it
    HUJI_TRY(state.put_household(h));
  } else {
    HUJI_ASSIGN_OR_RETURN(auto existing, state.household(e.household_no));
    if (!existing) return broken(e, "no household " + e.household_no);
  }
  p.household_no = e.household_no;
  p.relation = get(e, "relation");
  p.status = PersonStatus::kActive;
  p.removal_reason.clear();
  p.version += 1;
  HUJI_TRY(state.put_person(p));
  if (old_no != e.household_no) HUJI_TRY(touch_household(state, old_no));
  return touch_household(state, e.household_no);
}

Person new_person(const Event& e, const std::string& birth_date_iso, const std::string& place) {
  Person p;
  p.id_number = e.subject_id;
  p.name = get(e, "name");
  p.sex = core::sex_from_code(get(e, "sex")).value_or(core::Sex::kMale);
  if (auto d = core::Date::parse_iso(birth_date_iso); d.ok()) p.birth_date = *d;
  p.birth_place = place;
  p.father_id = opt(get(e, "father_id"));
  p.mother_id = opt(get(e, "mother_id"));
  p.father_name = get(e, "father_name");
  p.mother_name = get(e, "mother_name");
  p.indigenous = get(e, "indigenous");
  p.birth_order = static_cast<int>(to_int(get(e, "birth_order")));
  p.version = 0;
  return p;
}

Status remove(RegisterState& state, Person p, const std::string& reason) {
  const std::string old_no = p.household_no;
  if (!reason.empty()) {
    p.status = PersonStatus::kRemoved;
    p.removal_reason = reason;
  }
  p.household_no.clear();
  p.version += 1;
  HUJI_TRY(state.put_person(p));
  return touch_household(state, old_no);
}

Status unlink_spouse(RegisterState& state, const Person& p) {
  if (!p.spouse_id) return {};
  HUJI_ASSIGN_OR_RETURN(auto s, state.person(*p.spouse_id));
  if (!s || s->spouse_id != p.id_number) return {};
  s->spouse_id.reset();
  s->version += 1;
  return state.put_person(*s);
}

Status set_parents(RegisterState& state, const Event& e) {
  HUJI_ASSIGN_OR_RETURN(Person p, subject(state, e));
  if (const auto* v = find(e, "father_id")) p.father_id = opt(*v);
  if (const auto* v = find(e, "mother_id")) p.mother_id = opt(*v);
  if (const auto* v = find(e, "father_name")) p.father_name = *v;
  if (const auto* v = find(e, "mother_name")) p.mother_name = *v;
  p.version += 1;
  HUJI_TRY(state.put_person(p));
  return touch_household(state, p.household_no);
}

Status bump(RegisterState& state, Person p) {
  p.version += 1;
  HUJI_TRY(state.put_person(p));
  return touch_household(state, p.household_no);
}

Status change_id(RegisterState& state, const Event& e) {
  HUJI_ASSIGN_OR_RETURN(Person old, subject(state, e));
  const std::string new_id = get(e, "new_id");
  if (new_id.empty()) return broken(e, "no new_id");
  HUJI_ASSIGN_OR_RETURN(auto taken, state.person(new_id));
  if (taken) return broken(e, "ID number " + new_id + " is taken");
  Person now = old;
  now.id_number = new_id;
  now.version = old.version + 1;
  old.status = PersonStatus::kRemoved;
  old.removal_reason = "id_number_change";
  old.household_no.clear();
  old.spouse_id.reset();
  old.version += 1;
  HUJI_TRY(state.put_person(old));
  HUJI_TRY(state.put_person(now));
  if (now.spouse_id) {
    HUJI_ASSIGN_OR_RETURN(auto s, state.person(*now.spouse_id));
    if (s && s->spouse_id == old.id_number) {
      s->spouse_id = new_id;
      s->version += 1;
      HUJI_TRY(state.put_person(*s));
    }
  }
  // A child's parent link to the old number now names the new one.
  auto relink = [&](Person& c) -> core::Result<bool> {
    bool changed = false;
    if (c.father_id == old.id_number) c.father_id = new_id, changed = true;
    if (c.mother_id == old.id_number) c.mother_id = new_id, changed = true;
    if (!changed) return false;
    c.version += 1;
    HUJI_TRY(state.put_person(c));
    return true;
  };
  // The children listed by the rule (older entries: the household's members, below).
  std::set<std::string> child_households;
  for (const std::string& id : split_ids(get(e, "children"))) {
    HUJI_ASSIGN_OR_RETURN(auto c, state.person(id));
    if (!c) continue;
    HUJI_ASSIGN_OR_RETURN(bool changed, relink(*c));
    if (changed && !c->household_no.empty() && c->household_no != now.household_no) {
      child_households.insert(c->household_no);
    }
  }
  for (const auto& no : child_households) HUJI_TRY(touch_household(state, no));
  if (!now.household_no.empty()) {
    HUJI_ASSIGN_OR_RETURN(auto hh, state.household(now.household_no));
    if (hh && hh->head_id == old.id_number) {
      hh->head_id = new_id;
      HUJI_TRY(state.put_household(*hh));
    }
    HUJI_ASSIGN_OR_RETURN(auto members, state.members(now.household_no));
    for (auto& m : members) HUJI_TRY(relink(m));
    HUJI_TRY(touch_household(state, now.household_no));
  }
  return {};
}

Status head_change(RegisterState& state, const Event& e) {
  HUJI_ASSIGN_OR_RETURN(Person p, subject(state, e));
  HUJI_ASSIGN_OR_RETURN(auto hh, state.household(p.household_no));
  if (!hh) return broken(e, "the subject has no household");
  hh->head_id = p.id_number;
  HUJI_TRY(state.put_household(*hh));
  HUJI_ASSIGN_OR_RETURN(auto members, state.members(p.household_no));
  for (auto& m : members) {
    if (m.id_number == p.id_number) continue;
    const auto* rel = find(e, ("relation." + m.id_number).c_str());
    if (!rel || *rel == m.relation) continue;
    m.relation = *rel;
    m.version += 1;
    HUJI_TRY(state.put_person(m));
  }
  p.relation = "戶長";
  return bump(state, std::move(p));
}

Status convert(RegisterState& state, const Event& e) {
  Person p = person_from_data(e.data, "", e.subject_id);
  p.version = 1;
  HUJI_TRY(state.put_person(p));
  if (get(e, "household") != "1") return {};
  Household h = household_from_data(e.data, "hh.", e.household_no);
  h.version = 1;
  return state.put_household(h);
}

// 撤銷: the subject as it was before the revoked registration ("absent" = "1": it did not
// exist, so it is removed with reason "revocation"), and each household "hh.<no>." as it was
// ("hh.<no>.absent" = "1": it did not exist, so it is deleted). Versions go on rising.
Status revoke(RegisterState& state, const Event& e) {
  HUJI_ASSIGN_OR_RETURN(Person now, subject(state, e));
  Person p;
  if (get(e, "p.absent") == "1") {
    p = now;
    p.status = PersonStatus::kRemoved;
    p.removal_reason = "revocation";
    p.household_no.clear();
    p.relation.clear();
    p.spouse_id.reset();
  } else {
    p = person_from_data(e.data, "p.", e.subject_id);
  }
  p.version = now.version + 1;
  HUJI_TRY(state.put_person(p));
  std::set<std::string> households;
  for (const auto& [key, value] : e.data) {
    if (key.rfind("hh.", 0) != 0) continue;
    const auto dot = key.find('.', 3);
    if (dot != std::string::npos) households.insert(key.substr(3, dot - 3));
  }
  // The households the subject leaves and rejoins changed membership: their versions rise.
  for (const auto& no : std::set<std::string>{now.household_no, p.household_no}) {
    if (no.empty() || households.count(no)) continue;
    HUJI_ASSIGN_OR_RETURN(auto hh, state.household(no));
    if (!hh) continue;
    hh->version += 1;
    HUJI_TRY(state.put_household(*hh));
  }
  for (const auto& no : households) {
    const std::string prefix = "hh." + no + ".";
    HUJI_ASSIGN_OR_RETURN(auto current, state.household(no));
    if (get(e, (prefix + "absent").c_str()) == "1") {
      if (current) HUJI_TRY(state.delete_household(no));
      continue;
    }
    Household h = household_from_data(e.data, prefix, no);  // with its version then
    h.version = (current ? current->version : h.version) + 1;
    HUJI_TRY(state.put_household(h));
  }
  return {};
}

// Reads data[prefix + key], "" when absent.
struct Prefixed {
  const std::map<std::string, std::string>& data;
  const std::string& prefix;
  std::string operator()(const char* key) const {
    auto it = data.find(prefix + key);
    return it == data.end() ? std::string() : it->second;
  }
};

}  // namespace

void person_to_data(const Person& p, const std::string& prefix,
                    std::map<std::string, std::string>& d) {
  d[prefix + "name"] = p.name;
  d[prefix + "sex"] = core::sex_code(p.sex);
  d[prefix + "birth_date"] = p.birth_date.to_iso();
  d[prefix + "birth_place"] = p.birth_place;
  if (p.father_id) d[prefix + "father_id"] = *p.father_id;
  if (p.mother_id) d[prefix + "mother_id"] = *p.mother_id;
  if (p.spouse_id) d[prefix + "spouse_id"] = *p.spouse_id;
  if (!p.father_name.empty()) d[prefix + "father_name"] = p.father_name;
  if (!p.mother_name.empty()) d[prefix + "mother_name"] = p.mother_name;
  if (!p.indigenous.empty()) d[prefix + "indigenous"] = p.indigenous;
  d[prefix + "status"] = p.status == PersonStatus::kActive ? "active" : "removed";
  if (!p.removal_reason.empty()) d[prefix + "removal_reason"] = p.removal_reason;
  d[prefix + "household_no"] = p.household_no;
  d[prefix + "relation"] = p.relation;
  d[prefix + "birth_order"] = std::to_string(p.birth_order);
}

Person person_from_data(const std::map<std::string, std::string>& d, const std::string& prefix,
                        const std::string& id_number) {
  const Prefixed get{d, prefix};
  Person p;
  p.id_number = id_number;
  p.name = get("name");
  p.sex = core::sex_from_code(get("sex")).value_or(core::Sex::kMale);
  if (auto date = core::Date::parse_iso(get("birth_date")); date.ok()) p.birth_date = *date;
  p.birth_place = get("birth_place");
  p.father_id = opt(get("father_id"));
  p.mother_id = opt(get("mother_id"));
  p.spouse_id = opt(get("spouse_id"));
  p.father_name = get("father_name");
  p.mother_name = get("mother_name");
  p.indigenous = get("indigenous");
  p.status = get("status") == "removed" ? PersonStatus::kRemoved : PersonStatus::kActive;
  p.removal_reason = get("removal_reason");
  p.household_no = get("household_no");
  p.relation = get("relation");
  p.birth_order = static_cast<int>(to_int(get("birth_order")));
  return p;
}

void household_to_data(const Household& h, const std::string& prefix,
                       std::map<std::string, std::string>& d) {
  d[prefix + "door_plate_id"] = std::to_string(h.door_plate_id);
  d[prefix + "head_id"] = h.head_id;
  d[prefix + "established"] = h.established.to_iso();
  d[prefix + "office_code"] = h.office_code;
  d[prefix + "version"] = std::to_string(h.version);
}

Household household_from_data(const std::map<std::string, std::string>& d,
                              const std::string& prefix, const std::string& household_no) {
  const Prefixed get{d, prefix};
  Household h;
  h.household_no = household_no;
  h.office_code = get("office_code");
  h.door_plate_id = to_int(get("door_plate_id"));
  h.head_id = get("head_id");
  if (auto date = core::Date::parse_iso(get("established")); date.ok()) h.established = *date;
  h.version = to_int(get("version"));
  return h;
}

bool is_history(const Event& e) {
  auto it = e.data.find("history");
  return it != e.data.end() && it->second == "1";
}

Status apply(RegisterState& state, const Event& e) {
  if (is_history(e)) return {};
  switch (e.type) {
    case EventType::kConversion:
      return convert(state, e);
    case EventType::kBirth: {
      HUJI_ASSIGN_OR_RETURN(auto exists, state.person(e.subject_id));
      if (exists) return broken(e, "person " + e.subject_id + " exists already");
      return place(state, e, new_person(e, e.event_date.to_iso(), get(e, "place")));
    }
    case EventType::kFirstRegistration: {
      HUJI_ASSIGN_OR_RETURN(auto exists, state.person(e.subject_id));
      if (exists) return broken(e, "person " + e.subject_id + " exists already");
      return place(state, e, new_person(e, get(e, "birth_date"), get(e, "birth_place")));
    }
    case EventType::kMoveIn:
    case EventType::kExOfficioMoveIn:
    case EventType::kHouseholdSplit:
    case EventType::kHouseholdMerge:
    case EventType::kRestoration: {
      HUJI_ASSIGN_OR_RETURN(Person p, subject(state, e));
      return place(state, e, std::move(p));
    }
    case EventType::kAddressChange: {
      HUJI_ASSIGN_OR_RETURN(Person p, subject(state, e));
      if (get(e, "whole_household") != "1") return place(state, e, std::move(p));
      HUJI_ASSIGN_OR_RETURN(auto hh, state.household(p.household_no));
      if (hh && hh->head_id == p.id_number) {
        hh->door_plate_id = to_int(get(e, "door_plate_id"));
        HUJI_TRY(state.put_household(*hh));
      }
      return bump(state, std::move(p));
    }
    case EventType::kDeath: {
      HUJI_ASSIGN_OR_RETURN(Person p, subject(state, e));
      HUJI_TRY(unlink_spouse(state, p));
      p.spouse_id.reset();
      return remove(state, std::move(p), "death");
    }
    case EventType::kLossOfNationality: {
      HUJI_ASSIGN_OR_RETURN(Person p, subject(state, e));
      return remove(state, std::move(p), "loss_of_nationality");
    }
    case EventType::kMoveOut: {
      HUJI_ASSIGN_OR_RETURN(Person p, subject(state, e));
      return remove(state, std::move(p), get(e, "removal"));
    }
    case EventType::kMarriage: {
      HUJI_ASSIGN_OR_RETURN(Person p, subject(state, e));
      p.spouse_id = opt(get(e, "spouse_id"));
      return bump(state, std::move(p));
    }
    case EventType::kDivorce: {
      HUJI_ASSIGN_OR_RETURN(Person p, subject(state, e));
      p.spouse_id.reset();
      return bump(state, std::move(p));
    }
    case EventType::kHeadChange:
      return head_change(state, e);
    case EventType::kNameChange:
    case EventType::kNameCorrection: {
      HUJI_ASSIGN_OR_RETURN(Person p, subject(state, e));
      p.name = get(e, "new_name");
      return bump(state, std::move(p));
    }
    case EventType::kBirthDateCorrection: {
      HUJI_ASSIGN_OR_RETURN(Person p, subject(state, e));
      HUJI_ASSIGN_OR_RETURN(p.birth_date, core::Date::parse_iso(get(e, "new_date")));
      return bump(state, std::move(p));
    }
    case EventType::kIdNumberChange:
      return change_id(state, e);
    case EventType::kAcknowledgement:
    case EventType::kAdoption:
    case EventType::kAdoptionTermination:
      return set_parents(state, e);
    case EventType::kGuardianship: {
      HUJI_ASSIGN_OR_RETURN(Person p, subject(state, e));
      return bump(state, std::move(p));
    }
    case EventType::kRevocation:
      return revoke(state, e);
  }
  return broken(e, "unknown type");
}

Event conversion_event(const Person& p, const Household* household, core::Date on,
                       const std::string& office_code) {
  Event e;
  e.type = EventType::kConversion;
  e.subject_id = p.id_number;
  e.household_no = household ? household->household_no : p.household_no;
  e.event_date = on;
  e.registered_on = on;
  e.office_code = office_code;
  person_to_data(p, "", e.data);
  if (household) {
    e.data["household"] = "1";
    household_to_data(*household, "hh.", e.data);
  }
  return e;
}

}  // namespace huji::domain
