#include "domain/register/projector.h"

#include <charconv>
#include <set>

#include "core/sex.h"
#include "domain/register/event_keys.h"

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
  return Error::unprocessable("register.replay",
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
  if (get(e, event_key::kNewHousehold) == "1") {
    HUJI_ASSIGN_OR_RETURN(auto existing, state.household(e.household_no));
    if (existing) return broken(e, "household " + e.household_no + " exists already");
    Household h;
    h.household_no = e.household_no;
    h.office_code = e.office_code;
    h.door_plate_id = to_int(get(e, event_key::kDoorPlateId));
    h.head_id = p.id_number;
    h.established = e.event_date;
    h.version = 0;  // raised to 1 below, with the member in it
    HUJI_TRY(state.put_household(h));
  } else {
    HUJI_ASSIGN_OR_RETURN(auto existing, state.household(e.household_no));
    if (!existing) return broken(e, "no household " + e.household_no);
  }
  p.household_no = e.household_no;
  p.relation = get(e, event_key::kRelation);
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
  p.name = get(e, event_key::kName);
  p.sex = core::sex_from_code(get(e, event_key::kSex)).value_or(core::Sex::kMale);
  if (auto d = core::Date::parse_iso(birth_date_iso); d.ok()) p.birth_date = *d;
  p.birth_place = place;
  p.father_id = opt(get(e, event_key::kFatherId));
  p.mother_id = opt(get(e, event_key::kMotherId));
  p.father_name = get(e, event_key::kFatherName);
  p.mother_name = get(e, event_key::kMotherName);
  p.indigenous = get(e, event_key::kIndigenous);
  p.birth_order = static_cast<int>(to_int(get(e, event_key::kBirthOrder)));
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
  if (const auto* v = find(e, event_key::kFatherId)) p.father_id = opt(*v);
  if (const auto* v = find(e, event_key::kMotherId)) p.mother_id = opt(*v);
  if (const auto* v = find(e, event_key::kFatherName)) p.father_name = *v;
  if (const auto* v = find(e, event_key::kMotherName)) p.mother_name = *v;
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
  const std::string new_id = get(e, event_key::kNewId);
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
  for (const std::string& id : split_ids(get(e, event_key::kChildren))) {
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
    const auto* rel = find(e, event_key::relation_key(m.id_number).c_str());
    if (!rel || *rel == m.relation) continue;
    m.relation = *rel;
    m.version += 1;
    HUJI_TRY(state.put_person(m));
  }
  p.relation = "戶長";
  return bump(state, std::move(p));
}

// 更正: the named field of the person takes the corrected value.
Status correct(RegisterState& state, const Event& e) {
  HUJI_ASSIGN_OR_RETURN(Person p, subject(state, e));
  const std::string field = get(e, event_key::kField);
  const std::string value = get(e, event_key::kNewValue);
  if (field == "birth_place") {
    p.birth_place = value;
  } else if (field == "father_name") {
    p.father_name = value;
  } else if (field == "mother_name") {
    p.mother_name = value;
  } else {
    return broken(e, "no correctable field " + field);
  }
  return bump(state, std::move(p));
}

Status convert(RegisterState& state, const Event& e) {
  Person p = person_from_data(e.data, "", e.subject_id);
  p.version = 1;
  HUJI_TRY(state.put_person(p));
  if (get(e, event_key::kHousehold) != "1") return {};
  Household h = household_from_data(e.data, event_key::kHouseholdPrefix, e.household_no);
  h.version = 1;
  return state.put_household(h);
}

// 撤銷: the subject as it was before the revoked registration ("p.absent" = "1": it did not
// exist, so it is removed with reason "revocation"), and each household "hh.<no>." as it was
// ("hh.<no>.absent" = "1": it did not exist, so it is deleted). Versions go on rising.
Status revoke(RegisterState& state, const Event& e) {
  HUJI_ASSIGN_OR_RETURN(Person now, subject(state, e));
  Person p;
  if (get(e, event_key::absent_key(event_key::kPersonPrefix).c_str()) == "1") {
    p = now;
    p.status = PersonStatus::kRemoved;
    p.removal_reason = "revocation";
    p.household_no.clear();
    p.relation.clear();
    p.spouse_id.reset();
  } else {
    p = person_from_data(e.data, event_key::kPersonPrefix, e.subject_id);
  }
  p.version = now.version + 1;
  HUJI_TRY(state.put_person(p));
  std::set<std::string> households;
  for (const auto& [key, value] : e.data) {
    constexpr size_t kPrefix = std::string_view(event_key::kHouseholdPrefix).size();
    if (key.rfind(event_key::kHouseholdPrefix, 0) != 0) continue;
    const auto dot = key.find('.', kPrefix);
    if (dot != std::string::npos) households.insert(key.substr(kPrefix, dot - kPrefix));
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
    const std::string prefix = event_key::household_prefix(no);
    HUJI_ASSIGN_OR_RETURN(auto current, state.household(no));
    if (get(e, event_key::absent_key(prefix).c_str()) == "1") {
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
  d[prefix + event_key::kName] = p.name;
  d[prefix + event_key::kSex] = core::sex_code(p.sex);
  d[prefix + event_key::kBirthDate] = p.birth_date.to_iso();
  d[prefix + event_key::kBirthPlace] = p.birth_place;
  if (p.father_id) d[prefix + event_key::kFatherId] = *p.father_id;
  if (p.mother_id) d[prefix + event_key::kMotherId] = *p.mother_id;
  if (p.spouse_id) d[prefix + event_key::kSpouseId] = *p.spouse_id;
  if (!p.father_name.empty()) d[prefix + event_key::kFatherName] = p.father_name;
  if (!p.mother_name.empty()) d[prefix + event_key::kMotherName] = p.mother_name;
  if (!p.indigenous.empty()) d[prefix + event_key::kIndigenous] = p.indigenous;
  d[prefix + event_key::kStatus] = p.status == PersonStatus::kActive ? "active" : "removed";
  if (!p.removal_reason.empty()) d[prefix + event_key::kRemovalReason] = p.removal_reason;
  d[prefix + event_key::kHouseholdNo] = p.household_no;
  d[prefix + event_key::kRelation] = p.relation;
  d[prefix + event_key::kBirthOrder] = std::to_string(p.birth_order);
}

Person person_from_data(const std::map<std::string, std::string>& d, const std::string& prefix,
                        const std::string& id_number) {
  const Prefixed get{d, prefix};
  Person p;
  p.id_number = id_number;
  p.name = get(event_key::kName);
  p.sex = core::sex_from_code(get(event_key::kSex)).value_or(core::Sex::kMale);
  if (auto date = core::Date::parse_iso(get(event_key::kBirthDate)); date.ok()) {
    p.birth_date = *date;
  }
  p.birth_place = get(event_key::kBirthPlace);
  p.father_id = opt(get(event_key::kFatherId));
  p.mother_id = opt(get(event_key::kMotherId));
  p.spouse_id = opt(get(event_key::kSpouseId));
  p.father_name = get(event_key::kFatherName);
  p.mother_name = get(event_key::kMotherName);
  p.indigenous = get(event_key::kIndigenous);
  p.status = get(event_key::kStatus) == "removed" ? PersonStatus::kRemoved : PersonStatus::kActive;
  p.removal_reason = get(event_key::kRemovalReason);
  p.household_no = get(event_key::kHouseholdNo);
  p.relation = get(event_key::kRelation);
  p.birth_order = static_cast<int>(to_int(get(event_key::kBirthOrder)));
  return p;
}

void household_to_data(const Household& h, const std::string& prefix,
                       std::map<std::string, std::string>& d) {
  d[prefix + event_key::kDoorPlateId] = std::to_string(h.door_plate_id);
  d[prefix + event_key::kHeadId] = h.head_id;
  d[prefix + event_key::kEstablished] = h.established.to_iso();
  d[prefix + event_key::kOfficeCode] = h.office_code;
  d[prefix + event_key::kVersion] = std::to_string(h.version);
}

Household household_from_data(const std::map<std::string, std::string>& d,
                              const std::string& prefix, const std::string& household_no) {
  const Prefixed get{d, prefix};
  Household h;
  h.household_no = household_no;
  h.office_code = get(event_key::kOfficeCode);
  h.door_plate_id = to_int(get(event_key::kDoorPlateId));
  h.head_id = get(event_key::kHeadId);
  if (auto date = core::Date::parse_iso(get(event_key::kEstablished)); date.ok()) {
    h.established = *date;
  }
  h.version = to_int(get(event_key::kVersion));
  return h;
}

bool is_history(const Event& e) {
  auto it = e.data.find(event_key::kHistory);
  return it != e.data.end() && it->second == "1";
}

Status apply(RegisterState& state, const Event& e) {
  if (is_history(e)) return {};
  switch (e.type) {
    case EventType::kConversion: return convert(state, e);
    case EventType::kBirth: {
      HUJI_ASSIGN_OR_RETURN(auto exists, state.person(e.subject_id));
      if (exists) return broken(e, "person " + e.subject_id + " exists already");
      return place(state, e, new_person(e, e.event_date.to_iso(), get(e, event_key::kPlace)));
    }
    case EventType::kFirstRegistration: {
      HUJI_ASSIGN_OR_RETURN(auto exists, state.person(e.subject_id));
      if (exists) return broken(e, "person " + e.subject_id + " exists already");
      return place(state, e,
                   new_person(e, get(e, event_key::kBirthDate), get(e, event_key::kBirthPlace)));
    }
    case EventType::kMoveIn:
    case EventType::kExOfficioMoveIn:
    case EventType::kHouseholdSplit:
    case EventType::kHouseholdMerge:
    case EventType::kRestoration: {
      HUJI_ASSIGN_OR_RETURN(Person p, subject(state, e));
      return place(state, e, std::move(p));
    }
    case EventType::kAddressChange:
    case EventType::kExOfficioAddressChange: {
      HUJI_ASSIGN_OR_RETURN(Person p, subject(state, e));
      if (get(e, event_key::kWholeHousehold) != "1") return place(state, e, std::move(p));
      HUJI_ASSIGN_OR_RETURN(auto hh, state.household(p.household_no));
      if (hh && hh->head_id == p.id_number) {
        hh->door_plate_id = to_int(get(e, event_key::kDoorPlateId));
        HUJI_TRY(state.put_household(*hh));
      }
      return bump(state, std::move(p));
    }
    case EventType::kDeath:
    case EventType::kDeathDeclaration: {
      HUJI_ASSIGN_OR_RETURN(Person p, subject(state, e));
      HUJI_TRY(unlink_spouse(state, p));
      p.spouse_id.reset();
      return remove(state, std::move(p), e.type == EventType::kDeath ? "death" : "death_declared");
    }
    case EventType::kLossOfNationality: {
      // Entries before the reason was recorded are all losses of nationality.
      HUJI_ASSIGN_OR_RETURN(Person p, subject(state, e));
      const std::string removal = get(e, event_key::kRemoval);
      return remove(state, std::move(p), removal.empty() ? "loss_of_nationality" : removal);
    }
    case EventType::kExOfficioMoveOut:
    case EventType::kRegistrationCancellation:
    case EventType::kMoveOut: {
      HUJI_ASSIGN_OR_RETURN(Person p, subject(state, e));
      return remove(state, std::move(p), get(e, event_key::kRemoval));
    }
    case EventType::kMarriage: {
      HUJI_ASSIGN_OR_RETURN(Person p, subject(state, e));
      p.spouse_id = opt(get(e, event_key::kSpouseId));
      return bump(state, std::move(p));
    }
    case EventType::kDivorce: {
      HUJI_ASSIGN_OR_RETURN(Person p, subject(state, e));
      p.spouse_id.reset();
      return bump(state, std::move(p));
    }
    case EventType::kHeadChange: return head_change(state, e);
    case EventType::kNameChange:
    case EventType::kNameCorrection: {
      HUJI_ASSIGN_OR_RETURN(Person p, subject(state, e));
      p.name = get(e, event_key::kNewName);
      return bump(state, std::move(p));
    }
    case EventType::kBirthDateCorrection: {
      HUJI_ASSIGN_OR_RETURN(Person p, subject(state, e));
      HUJI_ASSIGN_OR_RETURN(p.birth_date, core::Date::parse_iso(get(e, event_key::kNewDate)));
      return bump(state, std::move(p));
    }
    case EventType::kIdNumberChange: return change_id(state, e);
    case EventType::kAcknowledgement:
    case EventType::kAdoption:
    case EventType::kAdoptionTermination: return set_parents(state, e);
    case EventType::kGuardianship:
    case EventType::kAssistance:
    case EventType::kCustody: {
      HUJI_ASSIGN_OR_RETURN(Person p, subject(state, e));
      return bump(state, std::move(p));
    }
    case EventType::kIndigenousAcquisition:
    case EventType::kIndigenousChange:
    case EventType::kIndigenousLoss: {
      HUJI_ASSIGN_OR_RETURN(Person p, subject(state, e));
      p.indigenous = get(e, event_key::kIndigenous);  // absent on a loss: cleared
      return bump(state, std::move(p));
    }
    case EventType::kCorrection: return correct(state, e);
    case EventType::kRevocation: return revoke(state, e);
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
    e.data[event_key::kHousehold] = "1";
    household_to_data(*household, event_key::kHouseholdPrefix, e.data);
  }
  return e;
}

}  // namespace huji::domain
