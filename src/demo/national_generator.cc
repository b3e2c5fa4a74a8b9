#include "demo/national_generator.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/address.h"
#include "demo/area.h"
#include "demo/household_generator.h"
#include "demo/national.h"
#include "demo/places.h"
#include "demo/random.h"

namespace huji::demo {
namespace {

// Every district's area, made up from national.h's names except 文山區's.
Area district_area(size_t d) {
  const DistrictProfile& p = national_districts()[d];
  if (p.code == kOfficeCode) return wenshan_area();
  Rng rng(0xA4EA0000ULL + d);  // the same streets whatever the seed
  Area a;
  a.county = county_index(p.county);
  // Streets: about two per village, some with several 段 (each 段 its own entry).
  const size_t wanted = static_cast<size_t>(p.villages) + 2;
  for (int i = 0; a.roads.size() < wanted; ++i) {
    const std::string name = national_road_name(d, i);
    const uint32_t x = rng.below(100);
    const int sections = x < 70 ? 1 : x < 90 ? 2 : 3;
    if (sections == 1) {
      a.roads.push_back({name, ""});
    } else {
      for (int k = 1; k <= sections; ++k) a.roads.push_back({name, std::to_string(k)});
    }
  }
  const int roads = static_cast<int>(a.roads.size());
  for (int v = 0; v < p.villages; ++v) {
    AreaVillage village;
    village.name = national_village_name(d, v);
    village.neighborhoods = static_cast<int>(rng.between(8, 30));
    village.roads = {v % roads, -1, -1};
    for (size_t r = 1; r < 3; ++r) {
      if (!rng.bp(r == 1 ? 6000 : 2500)) break;
      const int road = static_cast<int>(rng.below(static_cast<uint64_t>(roads)));
      if (road != village.roads[0] && road != village.roads[1]) village.roads[r] = road;
    }
    a.villages.push_back(std::move(village));
  }
  a.office_village = 0;
  a.office_road = a.villages[0].roads[0];
  a.office_number = std::to_string(rng.between(1, 300));
  a.office.code = p.code;
  a.office.county = p.county;
  a.office.district = p.district;
  a.office.name = office_name(p.county, p.district);
  core::Address address;
  address.county = p.county;
  address.district = p.district;
  address.road = a.roads[static_cast<size_t>(a.office_road)].name;
  address.section = a.roads[static_cast<size_t>(a.office_road)].section;
  address.number = a.office_number;
  a.office.address = address.format();
  return a;
}

}  // namespace

void generate_national(const DemoSpec& spec, PopulationSink& sink) {
  const auto& districts = national_districts();
  const size_t n = districts.size();

  static const std::vector<OtherOffice> kOffices = [] {
    std::vector<OtherOffice> out;
    for (const auto& p : national_districts()) {
      out.push_back({p.code, county_index(p.county), p.district, p.old_county, p.old_name,
                     static_cast<uint32_t>(p.population / 1000 + 1)});
    }
    return out;
  }();
  std::array<uint32_t, kCountyCount> county_thousands{};
  uint32_t total_thousands = 0;
  for (const auto& o : kOffices) {
    county_thousands[static_cast<size_t>(o.county)] += o.birth_weight;
    total_thousands += o.birth_weight;
  }

  // The static part: every office, then every village.
  std::vector<Area> areas;
  areas.reserve(n);
  for (size_t d = 0; d < n; ++d) areas.push_back(district_area(d));
  for (const Area& a : areas) sink.office(a.office);
  for (const Area& a : areas) {
    for (const auto& v : a.villages) sink.village(Village{a.office.code, v.name, v.neighborhoods});
  }

  // Persons per district by its share of the population (largest remainders).
  const int64_t persons = std::max(spec.persons, 0);
  const int64_t total = national_population();
  std::vector<int> quota(n);
  std::vector<std::pair<int64_t, size_t>> remainders;
  int64_t assigned = 0;
  for (size_t d = 0; d < n; ++d) {
    const int64_t share = persons * districts[d].population;
    quota[d] = static_cast<int>(share / total);
    assigned += quota[d];
    remainders.emplace_back(-(share % total), d);
  }
  std::sort(remainders.begin(), remainders.end());
  for (int64_t i = 0; i < persons - assigned; ++i) {
    ++quota[remainders[static_cast<size_t>(i)].second];
  }

  Shared shared(sink, spec.seed, /*is_national=*/true);
  for (size_t d = 0; d < n; ++d) {
    // Moves come from anywhere by population, twenty times as often from the same county;
    // adults were born in this county two times in three or more, else anywhere by population.
    Elsewhere elsewhere;
    elsewhere.offices = &kOffices;
    const int home = kOffices[d].county;
    for (size_t o = 0; o < n; ++o) {
      const uint32_t w = kOffices[o].birth_weight * (kOffices[o].county == home ? 20 : 1);
      elsewhere.origin_weights.push_back(o == d ? 0 : w);
    }
    elsewhere.county_weights = county_thousands;
    elsewhere.county_weights[static_cast<size_t>(home)] += 2 * total_thousands;
    uint64_t s = spec.seed * 0x9E3779B97F4A7C15ULL + 0x1234567ULL + d * 0xD1B54A32D192ED03ULL;
    const uint64_t rng_seed = splitmix64(s);
    const uint64_t street_seed = splitmix64(s);
    generate_households(spec, shared, areas[d], elsewhere, rng_seed, street_seed, quota[d]);
  }
}

}  // namespace huji::demo
