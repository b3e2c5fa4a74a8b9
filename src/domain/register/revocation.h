#ifndef HUJI_DOMAIN_REGISTER_REVOCATION_H_
#define HUJI_DOMAIN_REGISTER_REVOCATION_H_

// 撤銷登記: a registration found wrong is revoked by new entries that put back every person
// and household it changed, as they were before it; nothing is updated in place or deleted
// from the event log. What to put back is recorded when the registration is applied: a
// RecordingState around the register remembers each person and household before its first
// change, and the version it had afterwards. A revocation is possible while all of them still
// have those versions — once a later registration changed any of them, that one must be
// revoked first (the office revokes from the newest back).

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "core/result.h"
#include "domain/register/model.h"
#include "domain/register/state.h"

namespace huji::domain {

// What one registration changed.
struct Undo {
  struct PersonChange {
    std::optional<Person> before;  // nullopt: created by the registration (a birth)
    int64_t after_version = 0;
    bool operator==(const PersonChange&) const = default;
  };
  struct HouseholdChange {
    std::optional<Household> before;       // nullopt: founded by the registration
    std::optional<int64_t> after_version;  // nullopt: deleted by it (its last member left)
    bool operator==(const HouseholdChange&) const = default;
  };
  std::map<std::string, PersonChange> persons;
  std::map<std::string, HouseholdChange> households;

  bool empty() const { return persons.empty() && households.empty(); }
  bool operator==(const Undo&) const = default;
};

// As flat text pairs, for storage with the application ("p.<id>.…", "h.<no>.…").
std::map<std::string, std::string> encode_undo(const Undo& undo);
core::Result<Undo> decode_undo(const std::map<std::string, std::string>& data);

// Forwards to `inner`; remembers each person and household as it was before its first write.
class RecordingState final : public RegisterState {
 public:
  explicit RecordingState(RegisterState& inner) : inner_(inner) {}

  // The recorded changes, with the versions they have now.
  core::Result<Undo> undo();

  core::Result<std::optional<Person>> person(const std::string& id) override {
    return inner_.person(id);
  }
  core::Result<std::optional<Household>> household(const std::string& no) override {
    return inner_.household(no);
  }
  core::Result<std::vector<Person>> members(const std::string& no) override {
    return inner_.members(no);
  }
  core::Result<std::vector<Person>> children(const std::string& parent_id) override {
    return inner_.children(parent_id);
  }
  core::Result<std::optional<DoorPlate>> door_plate(int64_t id) override {
    return inner_.door_plate(id);
  }
  core::Status put_person(const Person& p) override;
  core::Status put_household(const Household& h) override;
  core::Status delete_household(const std::string& no) override;
  core::Result<uint32_t> next_id_serial(char letter, int first_digit) override {
    return inner_.next_id_serial(letter, first_digit);
  }
  core::Result<std::string> next_household_no(const std::string& office_code) override {
    return inner_.next_household_no(office_code);
  }
  core::Result<std::vector<Event>> events_of(const std::string& id) override {
    return inner_.events_of(id);
  }

 private:
  core::Status remember_household(const std::string& no);
  RegisterState& inner_;
  std::map<std::string, std::optional<Person>> persons_;
  std::map<std::string, std::optional<Household>> households_;
};

// Whose error a revocation corrects (fields["cause"]), for registration correctness (DOMAIN
// §9): an office error (誤辦) counts against the office; an error caused by the citizen (a false
// application, e.g. 虛報遷徙) does not (seed 004 AP2.1).
inline constexpr char kCauseOfficeError[] = "office_error";
inline constexpr char kCauseCitizenError[] = "citizen_error";
// Refuses (registration.revocation_cause) a cause that is neither.
core::Status check_revocation_cause(const std::string& cause);

// The 撤銷 entries for `undo` (one on each person changed, the first also carrying the
// households), dated as `reg` and marked as correcting entry `revoked_seq`; rejects with
// registration.revocation_superseded when anything changed since, and requires "reason".
struct Registration;
struct Plan;
core::Result<Plan> plan_revocation(RegisterState& state, const Registration& reg, const Undo& undo,
                                   int64_t revoked_seq);

}  // namespace huji::domain

#endif  // HUJI_DOMAIN_REGISTER_REVOCATION_H_
