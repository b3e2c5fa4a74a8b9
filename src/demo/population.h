#ifndef HUJI_DEMO_POPULATION_H_
#define HUJI_DEMO_POPULATION_H_

// A deterministic synthetic population for demos, load tests and benchmarks: the register of
// 臺北市文山區戶政事務所 as it could look on `today`, with real village and street names,
// surnames drawn by their Taiwanese frequency, ages following Taiwan's 2024 population pyramid,
// a realistic mix of households and each person's event history (戶籍記事). In the national
// scope, the register of the whole country: every one of the 368 offices (national.h) gets its
// district's share of the persons, generated the same way on its own villages and streets
// (made up, except 文山區's), moves mostly from the same county, births mostly in it.
//
// Invariants of every generated population (population_test.cc checks them):
//  - exactly `persons` persons, active and removed (除戶: deceased or emigrated) together;
//  - ID numbers valid and unique (a bijection per (letter, sex digit) stream, no global set);
//  - every household has exactly one active head (戶長), unless all its members are removed;
//  - spouse_id, father_id and mother_id point at persons of the same household, spouses at each
//    other; parents are 18–45 years older than their children; spouses married at 18 or later;
//  - 稱謂 agree with sex and 出生別 (長子 is a son with birth_order 1 …);
//  - every person has a birth event, except naturalised new immigrants (新住民), who have a
//    first registration (初設戶籍) instead; events of a household are sorted by event date;
//    event_date ≤ registered_on ≤ today; no one is born after today;
//  - a household's `established` date is the date of its founding event (move-in, 分戶 or
//    初設戶籍); no household uses an abolished door plate;
//  - national scope: ID numbers, household numbers and door plate ids are unique across all
//    offices; a household, its plate and its founding events belong to one office; household
//    numbers are the office's county letter + 7 digits counting up (office scope: "F" + 7
//    scattered digits); ID serials are scattered within windows of 1,000 only, so that
//    indexes on ID numbers grow at one place per (letter, sex) while loading.
//
// Every event carries as household_no the household it is delivered with, a birth registered
// elsewhere years before included, so a store need not know other offices' households. Event
// office codes are those of the delivered offices; in the office scope, offices other than the
// demo office come without an address. Each office's first door plate is its own address, home
// of the households moved there ex officio (逕遷戶所): plate 1 in the office scope.
//
// The same DemoSpec always yields the same stream, on every platform and standard library (own
// PRNG, integer arithmetic only).

#include <cstdint>
#include <vector>

#include "core/date.h"
#include "domain/register/model.h"

namespace huji::demo {

// The register's records (domain/register/model.h) the generator delivers.
using domain::DoorPlate;
using domain::Event;
using domain::EventType;
using domain::Household;
using domain::Office;
using domain::Person;
using domain::PersonStatus;
using domain::Village;

// kOffice: the register of the demo office alone (臺北市文山區). kNational: the whole country,
// one office per 鄉鎮市區 (national.h), the persons split by each district's share of Taiwan's
// population, every office's households generated as the demo office's are, on its own
// villages and streets.
enum class DemoScope { kOffice, kNational };

struct DemoSpec {
  int persons = 2000;  // active and removed together; a negative count is taken as 0
  uint64_t seed = 1;
  core::Date today;  // the reference "now", 2000-01-01 or later: the injected Clock's today
  DemoScope scope = DemoScope::kOffice;
};

// Receives the population as a stream; memory stays bounded (one household at a time).
// Order: office() for the demo office first, then office() for every other office that events
// name as registering office (national scope: all 368 offices in national_districts() order),
// then village() for each 村里, then door plates and households interleaved, office by office:
// every door plate is delivered before the first household that uses it.
class PopulationSink {
 public:
  virtual ~PopulationSink() = default;
  virtual void office(const Office&) = 0;
  virtual void village(const Village&) = 0;
  virtual void door_plate(const DoorPlate&) = 0;  // ids assigned by the generator, 1..N
  // `members` holds active and removed persons (removed ones have an empty household_no but
  // keep their 稱謂); `events` are all entries written on them, sorted by event date.
  virtual void household(const Household&, const std::vector<Person>& members,
                         const std::vector<Event>& events) = 0;
};

// Throws std::invalid_argument when spec.today is before 2000 (left unset). Scale: about
// 900,000 persons a second on one core, a few MB of memory whatever the size; household
// numbers (office scope) run F0000000–F9999999, then G… beyond 10^7 households.
void generate(const DemoSpec& spec, PopulationSink& sink);

// The demo office (臺北市文山區戶政事務所, "63000080") and its villages.
Office demo_office();
std::vector<Village> demo_villages();

}  // namespace huji::demo

#endif  // HUJI_DEMO_POPULATION_H_
