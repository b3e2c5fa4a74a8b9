#ifndef HUJI_DEMO_AREA_H_
#define HUJI_DEMO_AREA_H_

// Where an office's households live, the offices elsewhere its people came from, and what all
// offices of one generated register share. Internal to the demo generator.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "demo/ages.h"
#include "demo/id_allocator.h"
#include "demo/places.h"
#include "demo/population.h"

namespace huji::demo {

struct AreaRoad {
  std::string name;
  std::string section;
};

struct AreaVillage {
  std::string name;
  int neighborhoods = 1;
  std::array<int, 3> roads{};  // indices into Area::roads, -1: unused
};

// An office's district: its villages and streets, and its own door plate (逕遷戶所 target).
struct Area {
  Office office;
  int county = kTaipeiCounty;  // index into kCounties: the county "here"
  std::vector<AreaVillage> villages;
  std::vector<AreaRoad> roads;
  int office_village = 0;
  int office_road = 0;
  std::string office_number;
};

// Another district's office: a birthplace, an origin of moves, a registering office.
struct OtherOffice {
  std::string code;
  int county = 0;  // index into kCounties
  std::string name;
  std::string old_county, old_name;  // before the county's change date; "" when unchanged
  uint32_t birth_weight = 1;         // among the county's offices, as place of birth
};

struct Elsewhere {
  const std::vector<OtherOffice>* offices = nullptr;
  std::vector<uint32_t> origin_weights;                 // parallel to *offices, as origin of a move
  std::array<uint32_t, kCountyCount> county_weights{};  // as birth county of adults living here
};

// What all offices of one generated register share: the sink, ID numbers, door plate ids and
// household numbers are unique across them.
struct Shared {
  Shared(PopulationSink& s, uint64_t seed, bool is_national)
      : sink(s), ids(seed, /*windowed=*/is_national), household_numbers(seed, is_national) {}
  PopulationSink& sink;
  IdAllocator ids;
  HouseholdNumbers household_numbers;
  // Steers ages towards Taiwan's pyramid over all offices together: a small district's few
  // households could not follow it on their own.
  AgeBalancer ages;
  int64_t last_plate_id = 0;
};

// The demo office's area: 文山區's real streets and 里.
Area wenshan_area();

// "新北市新店戶政事務所": 新北市's offices drop the 區, the others keep the full name.
std::string office_name(std::string_view county, std::string_view district);

// The index into kCounties of the county spelled `name`; throws std::logic_error if none.
int county_index(std::string_view name);

}  // namespace huji::demo

#endif  // HUJI_DEMO_AREA_H_
