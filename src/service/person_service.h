#ifndef HUJI_SERVICE_PERSON_SERVICE_H_
#define HUJI_SERVICE_PERSON_SERVICE_H_

// Reading the national register: a person with their household and 記事, for the counter.
// Every lookup, found or not, allowed or not, is written to the audit trail with its purpose.

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "service/actor.h"
#include "service/store.h"

namespace huji::service {

struct PersonRef {
  std::string id_number;
  std::string name;
};

struct PersonView {
  domain::Person person;
  std::optional<PersonRef> father, mother, spouse;
  std::optional<domain::Household> household;
  std::optional<domain::DoorPlate> door_plate;
  std::vector<domain::Person> members;  // the household's, head first
  std::vector<domain::Event> events;    // the person's 記事, oldest first
};

struct HouseholdView {
  domain::Household household;
  std::optional<domain::DoorPlate> door_plate;
  std::vector<domain::Person> members;  // head first
};

// Current persons of one office's district by village, sex and five-year age band (0–4, 5–9,
// …, 95–99, 100+): aggregate figures, no personal data.
struct VillageAgeBands {
  std::string village;
  std::vector<int64_t> male, female;  // kAgeBands entries each
  int64_t total = 0;
};
struct AgeBands {
  static constexpr int kBands = 21;
  std::string office_code;
  core::Date on;
  std::vector<VillageAgeBands> villages;  // by village name
};

class PersonService {
 public:
  PersonService(Store& store, const core::Clock& clock) : store_(store), clock_(clock) {}

  // Clerks and supervisors of any office (the register is national). `purpose` (查詢事由) is
  // required and recorded. Errors: person.purpose_required (400), id_number.* (422),
  // auth.forbidden (403), person.not_found (404).
  core::Result<PersonView> lookup(const Actor& actor, const RequestContext& ctx,
                                  const std::string& id_number, const std::string& purpose);
  // A household with its members and their 稱謂; same roles, purpose and audit as lookup.
  core::Result<HouseholdView> household(const Actor& actor, const RequestContext& ctx,
                                        const std::string& household_no,
                                        const std::string& purpose);
  // 同址人口: every household registered at a door plate, with its members; same roles and
  // purpose as lookup, one audit entry per person shown (so an auditor asking who saw a
  // person finds address lookups too). person.door_plate_not_found (404).
  core::Result<std::vector<HouseholdView>> at_door_plate(const Actor& actor,
                                                         const RequestContext& ctx,
                                                         int64_t door_plate_id,
                                                         const std::string& purpose);
  // Age-band counts per village of `office_code` (default the actor's office) on `on`.
  // Staff who read persons or KPIs; aggregate, so not audited per person.
  core::Result<AgeBands> age_bands(const Actor& actor, const std::string& office_code,
                                   core::Date on);

 private:
  Store& store_;
  const core::Clock& clock_;
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_PERSON_SERVICE_H_
