#include "domain/register/revocation.h"

#include <algorithm>
#include <charconv>
#include <set>

#include "domain/register/event_keys.h"
#include "domain/register/projector.h"
#include "domain/register/registration.h"

namespace huji::domain {
namespace {

using core::Error;
using core::ErrorKind;
using core::Result;
using core::Status;

Result<int64_t> to_int(const std::string& v) {
  int64_t out = 0;
  auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (ec != std::errc() || ptr != v.data() + v.size()) {
    return Error::internal("registration.undo_corrupt", "撤銷所需之異動紀錄毀損",
                           "the recorded changes are corrupt: " + v);
  }
  return out;
}

// The data under `prefix` with the prefix taken off.
std::map<std::string, std::string> under(const std::map<std::string, std::string>& data,
                                         const std::string& prefix) {
  std::map<std::string, std::string> out;
  for (auto it = data.lower_bound(prefix); it != data.end() && it->first.rfind(prefix, 0) == 0;
       ++it) {
    out[it->first.substr(prefix.size())] = it->second;
  }
  return out;
}

Error superseded(const std::string& what_zh, const std::string& what_en) {
  return Error::unprocessable(
      "registration.revocation_superseded", what_zh + "於該登記後已有其他異動，須先撤銷其後之登記",
      what_en + " changed after that registration; revoke the later one first");
}

}  // namespace

std::map<std::string, std::string> encode_undo(const Undo& undo) {
  std::map<std::string, std::string> d;
  for (const auto& [id, change] : undo.persons) {
    const std::string prefix = "p." + id + ".";
    d[prefix + "after_version"] = std::to_string(change.after_version);
    if (change.before) {
      person_to_data(*change.before, prefix + "before.", d);
      d[prefix + "before.version"] = std::to_string(change.before->version);
    } else {
      d[prefix + "absent"] = "1";
    }
  }
  for (const auto& [no, change] : undo.households) {
    const std::string prefix = "h." + no + ".";
    if (change.after_version) d[prefix + "after_version"] = std::to_string(*change.after_version);
    if (change.before) {
      household_to_data(*change.before, prefix + "before.", d);
    } else {
      d[prefix + "absent"] = "1";
    }
  }
  return d;
}

Result<Undo> decode_undo(const std::map<std::string, std::string>& data) {
  Undo undo;
  for (const auto& [key, value] : data) {
    const bool person = key.rfind("p.", 0) == 0;
    const bool household = key.rfind("h.", 0) == 0;
    const auto dot = key.find('.', 2);
    if ((!person && !household) || dot == std::string::npos) continue;
    const std::string name = key.substr(2, dot - 2);
    const std::string prefix = key.substr(0, dot + 1);
    if (person && !undo.persons.count(name)) {
      auto fields = under(data, prefix);
      Undo::PersonChange c;
      HUJI_ASSIGN_OR_RETURN(c.after_version, to_int(fields["after_version"]));
      if (fields["absent"] != "1") {
        c.before = person_from_data(fields, "before.", name);
        HUJI_ASSIGN_OR_RETURN(c.before->version, to_int(fields["before.version"]));
      }
      undo.persons[name] = std::move(c);
    } else if (household && !undo.households.count(name)) {
      auto fields = under(data, prefix);
      Undo::HouseholdChange c;
      if (fields.count("after_version")) {
        HUJI_ASSIGN_OR_RETURN(c.after_version, to_int(fields["after_version"]));
      }
      if (fields["absent"] != "1") c.before = household_from_data(fields, "before.", name);
      undo.households[name] = std::move(c);
    }
  }
  return undo;
}

Status RecordingState::put_person(const Person& p) {
  if (!persons_.count(p.id_number)) {
    HUJI_ASSIGN_OR_RETURN(persons_[p.id_number], inner_.person(p.id_number));
  }
  return inner_.put_person(p);
}

Status RecordingState::remember_household(const std::string& no) {
  if (!households_.count(no)) {
    HUJI_ASSIGN_OR_RETURN(households_[no], inner_.household(no));
  }
  return {};
}

Status RecordingState::put_household(const Household& h) {
  HUJI_TRY(remember_household(h.household_no));
  return inner_.put_household(h);
}

Status RecordingState::delete_household(const std::string& no) {
  HUJI_TRY(remember_household(no));
  return inner_.delete_household(no);
}

Result<Undo> RecordingState::undo() {
  Undo undo;
  for (const auto& [id, before] : persons_) {
    HUJI_ASSIGN_OR_RETURN(auto now, inner_.person(id));
    if (!now) {
      return Error::internal("registration.undo", "異動紀錄不一致",
                             "person " + id + " vanished while being registered");
    }
    undo.persons[id] = {before, now->version};
  }
  for (const auto& [no, before] : households_) {
    HUJI_ASSIGN_OR_RETURN(auto now, inner_.household(no));
    if (!before && !now) continue;  // founded and dissolved within the registration
    if (before && now) {
      // Only its version rose (a member came, left or changed): membership is the persons'
      // business, restored with them; the household record itself needs nothing back.
      Household same = *before;
      same.version = now->version;
      if (same == *now) continue;
    }
    Undo::HouseholdChange c;
    c.before = before;
    if (now) c.after_version = now->version;
    undo.households[no] = std::move(c);
  }
  return undo;
}

core::Status check_revocation_cause(const std::string& cause) {
  if (cause == kCauseOfficeError || cause == kCauseCitizenError) return {};
  return core::Error::invalid("registration.revocation_cause",
                              "請選擇撤銷原因係本所誤辦（office_error）或民眾申請不實等所致"
                              "（citizen_error）",
                              "cause must be office_error (the office's error) or citizen_error "
                              "(caused by the applicant, e.g. a false application)");
}

Result<Plan> plan_revocation(RegisterState& state, const Registration& reg, const Undo& undo,
                             int64_t revoked_seq) {
  auto reason = reg.fields.find("reason");
  if (reason == reg.fields.end() || reason->second.empty()) {
    return Error::invalid("registration.field_required", "請填寫「撤銷原因」（reason）",
                          "the field reason is required");
  }
  if (undo.persons.empty()) {
    return Error::unprocessable(
        "registration.revocation_unavailable", "該登記無異動紀錄，無法撤銷",
        "no changes were recorded for that registration; it cannot be revoked");
  }
  std::map<std::string, Person> current;
  for (const auto& [id, change] : undo.persons) {
    HUJI_ASSIGN_OR_RETURN(auto now, state.person(id));
    if (!now || now->version != change.after_version) {
      return superseded("該登記所涉人口", "a person it concerns");
    }
    current[id] = *now;
  }
  Plan plan;
  for (const auto& [no, change] : undo.households) {
    HUJI_ASSIGN_OR_RETURN(auto now, state.household(no));
    const bool same = now ? change.after_version == now->version : !change.after_version;
    if (!same) return superseded("該登記所涉之戶", "a household it concerns");
    if (now) plan.households_touched.push_back(no);
  }
  // Households whose record the registration left alone may still have changed membership
  // since (others joined or left, or it was dissolved): the register after the revocation must
  // still have every active person in an existing household, and every household its head.
  std::set<std::string> affected;
  for (const auto& [id, change] : undo.persons) {
    affected.insert(current[id].household_no);
    if (change.before) affected.insert(change.before->household_no);
  }
  affected.erase("");
  for (const auto& no : affected) {
    std::optional<Household> will_be;
    if (auto it = undo.households.find(no); it != undo.households.end()) {
      will_be = it->second.before;
    } else {
      HUJI_ASSIGN_OR_RETURN(will_be, state.household(no));
    }
    HUJI_ASSIGN_OR_RETURN(auto members, state.members(no));
    std::set<std::string> will_have;
    for (const auto& m : members) {
      if (m.status == PersonStatus::kActive && !undo.persons.count(m.id_number)) {
        will_have.insert(m.id_number);
      }
    }
    for (const auto& [id, change] : undo.persons) {
      if (change.before && change.before->status == PersonStatus::kActive &&
          change.before->household_no == no) {
        will_have.insert(id);
      }
    }
    const bool consistent = will_be ? will_have.count(will_be->head_id) > 0 : will_have.empty();
    if (!consistent)
      return superseded("該登記所涉之戶之成員", "the members of a household it concerns");
    if (will_be && std::find(plan.households_touched.begin(), plan.households_touched.end(), no) ==
                       plan.households_touched.end()) {
      plan.households_touched.push_back(no);
    }
  }
  for (const auto& [id, change] : undo.persons) {
    Event e;
    e.type = EventType::kRevocation;
    e.subject_id = id;
    e.household_no = change.before ? change.before->household_no : current[id].household_no;
    e.event_date = reg.event_date;
    e.registered_on = reg.registered_on;
    e.office_code = reg.office_code;
    e.corrects_seq = revoked_seq;
    e.data[event_key::kReason] = reason->second;
    if (change.before) {
      person_to_data(*change.before, event_key::kPersonPrefix, e.data);
    } else {
      e.data[event_key::absent_key(event_key::kPersonPrefix)] = "1";
    }
    if (plan.events.empty()) {
      for (const auto& [no, hh] : undo.households) {
        if (hh.before) {
          household_to_data(*hh.before, event_key::household_prefix(no), e.data);
        } else {
          e.data[event_key::absent_key(event_key::household_prefix(no))] = "1";
        }
      }
    }
    plan.persons_touched.push_back(id);
    plan.events.push_back(std::move(e));
  }
  return plan;
}

}  // namespace huji::domain
