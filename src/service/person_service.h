#ifndef HUJI_SERVICE_PERSON_SERVICE_H_
#define HUJI_SERVICE_PERSON_SERVICE_H_

// Reading the national register: a person with their household and 記事, for the counter.
// Every lookup, found or not, allowed or not, is written to the audit trail with its purpose;
// a full view also under the ID number of every other person it shows (kLookupRelatedAction).

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "service/actor.h"
#include "service/audit.h"
#include "service/store.h"

namespace huji::service {

// The audit action of a person shown in someone else's full view (parent, spouse, household
// head or member): their own entry, with the lookup's actor, purpose and request id.
inline constexpr const char* kLookupRelatedAction = "person.read_related";

struct PersonRef {
  std::string id_number;
  std::string name;
};

// What a lookup reads and shows. kFull: the person with parents, spouse, household, door
// plate, members and 記事 (eight reads). kSummary: the person's own row only (one read) —
// the identity check at a counter or kiosk, which needs no family or history; the audit
// entry says which was shown (person.read, person.read_summary).
enum class PersonViewKind { kFull, kSummary };

struct PersonView {
  PersonViewKind kind = PersonViewKind::kFull;
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
// …, 95–99, 100+): aggregate figures, with cells of fewer than kSuppressBelow persons (and
// what would give them away) withheld as service/small_cells.h states.
struct VillageAgeBands {
  std::string village;
  std::vector<std::optional<int64_t>> male, female;  // kBands entries each; nullopt: withheld
  std::optional<int64_t> total;                      // nullopt: withheld
  int withheld = 0;                                  // cells withheld
};
struct AgeBands {
  static constexpr int kBands = 21;
  std::string office_code;
  core::Date on;
  std::vector<VillageAgeBands> villages;  // by village name
};

// A search by name (issue 17 item 7): the exact name as registered, narrowed by birth date
// and household number when given.
struct NameSearch {
  std::string name;
  std::string birth_date;    // ISO, "" for any
  std::string household_no;  // "" for any
  std::string purpose;
};
struct PersonMatches {
  std::vector<domain::Person> persons;  // active first, then removed; at most kMaxMatches
  bool truncated = false;               // more persons matched
};
// The door plates at a typed address, each with the households registered there.
struct DoorPlateMatch {
  domain::DoorPlate plate;
  std::vector<std::string> household_nos;
};
struct DoorPlateMatches {
  core::Address address;  // as parsed
  std::vector<DoorPlateMatch> plates;
  bool truncated = false;
};

class AuditQueue;

class PersonService {
 public:
  // With `queue`, lookup_async() batches its audit entries there; without, it runs lookup().
  PersonService(Store& store, const core::Clock& clock, AuditQueue* queue = nullptr)
      : store_(store), clock_(clock), queue_(queue) {}

  // Clerks and supervisors of any office (the register is national). `purpose` (查詢事由) is
  // required and recorded. Errors: person.purpose_required (400), id_number.* (422),
  // auth.forbidden (403), person.not_found (404).
  core::Result<PersonView> lookup(const Actor& actor, const RequestContext& ctx,
                                  const std::string& id_number, const std::string& purpose,
                                  PersonViewKind kind = PersonViewKind::kFull);
  // The same lookup for a server that does not hold a thread per request: the reads run on
  // the calling thread, `prepare` then gets the result there (to build the answer) and
  // returns what lets the answer out; that is called once the audit entries (the subject's,
  // and one per other person a full view shows, written together) are durable — on the audit
  // queue's thread — with the audit write's status (an error: show nothing).
  // Input errors that are not audited (a missing purpose, a malformed ID number) are
  // let out at once.
  using Release = std::function<void(core::Status)>;
  using Prepare = std::function<Release(core::Result<PersonView>)>;
  void lookup_async(const Actor& actor, const RequestContext& ctx, const std::string& id_number,
                    const std::string& purpose, PersonViewKind kind, const Prepare& prepare);
  // A household with its members and their 稱謂; same roles and purpose as lookup, audited
  // under the household number and under each member's ID number.
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
  // At most this many matches are shown; the rest is flagged `truncated` (narrow the search).
  static constexpr int kMaxMatches = 50;
  // Persons by exact name; same roles, scope and purpose as lookup. Audited: the search
  // itself (person.search, subject 「姓名:…」 with the narrowing) and each person shown
  // under their ID number. Errors: person.purpose_required, search.name_required,
  // search.name_too_long, search.birth_date, household.number (400), auth.forbidden (403).
  core::Result<PersonMatches> search_by_name(const Actor& actor, const RequestContext& ctx,
                                             const NameSearch& query);
  // Door plates at an address typed the way people write one (core::Address::parse); floor
  // and village narrow only when given. Same roles and purpose; audited as
  // door_plate.search under 「地址:」 and the canonical address. Errors: as lookup's, and
  // search.address_required (400), address.* (422).
  core::Result<DoorPlateMatches> search_by_address(const Actor& actor, const RequestContext& ctx,
                                                   const std::string& address_text,
                                                   const std::string& purpose);
  // Age-band counts per village of `office_code` (default the actor's office) on `on`.
  // Staff who read persons or KPIs; aggregate with small cells withheld, so not audited per
  // person.
  core::Result<AgeBands> age_bands(const Actor& actor, const std::string& office_code,
                                   core::Date on);

 private:
  // The reads of a lookup, and the outcome its audit entry records ("" when the request is
  // refused before anything is read, so not audited).
  struct LookupRead {
    core::Result<PersonView> view;
    std::string outcome;
    std::string subject;
    std::string purpose;
    // The subject's entry then one per other person the view shows; none when not audited.
    std::vector<AuditRecord> audit_records(PersonViewKind kind) const;
  };
  LookupRead read_for_lookup(const Actor& actor, const std::string& id_number,
                             const std::string& purpose, PersonViewKind kind);

  Store& store_;
  const core::Clock& clock_;
  AuditQueue* queue_;
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_PERSON_SERVICE_H_
