#include "demo/population.h"

#include <cstddef>
#include <iterator>
#include <stdexcept>
#include <vector>

#include "demo/area.h"
#include "demo/household_generator.h"
#include "demo/national_generator.h"
#include "demo/places.h"

namespace huji::demo {
namespace {

// The office scope: 文山區's households; the offices its people came from are delivered
// without their households.
void generate_office(const DemoSpec& spec, PopulationSink& sink) {
  static const std::vector<OtherOffice> kOthers = [] {
    std::vector<OtherOffice> out;
    for (const auto& d : kDistricts) {
      out.push_back({d.code, d.county, d.name, d.old_county ? d.old_county : "",
                     d.old_name ? d.old_name : "", d.origin_weight + 1});
    }
    return out;
  }();
  Elsewhere elsewhere;
  elsewhere.offices = &kOthers;
  for (const auto& d : kDistricts) elsewhere.origin_weights.push_back(d.origin_weight);
  for (int c = 0; c < kCountyCount; ++c) {
    elsewhere.county_weights[static_cast<size_t>(c)] = kCounties[c].adult_weight;
  }

  sink.office(demo_office());
  for (const auto& d : kOthers) {
    Office o;
    o.code = d.code;
    o.county = kCounties[d.county].name;
    o.district = d.name;
    o.name = office_name(o.county, o.district);
    sink.office(o);
  }
  for (const auto& v : demo_villages()) sink.village(v);
  const Area area = wenshan_area();
  Shared shared(sink, spec.seed, /*is_national=*/false);
  generate_households(spec, shared, area, elsewhere,
                      spec.seed * 0x9E3779B97F4A7C15ULL + 0x1234567ULL, spec.seed,
                      spec.persons);  // the office's plate is plate 1
}

}  // namespace

Office demo_office() {
  Office o;
  o.code = kOfficeCode;
  o.name = "臺北市文山區戶政事務所";
  o.county = kCounty;
  o.district = kDistrict;
  o.address = "臺北市文山區木柵路三段220號";
  return o;
}

std::vector<Village> demo_villages() {
  std::vector<Village> out;
  out.reserve(std::size(kVillages));
  for (const auto& v : kVillages) out.push_back(Village{kOfficeCode, v.name, v.neighborhoods});
  return out;
}

void generate(const DemoSpec& spec, PopulationSink& sink) {
  // The reference data (merged counties, naming fashions, same-sex marriage since 2019) is
  // about today's Taiwan; an unset `today` (the 1912-01-01 default) is a programmer error.
  if (spec.today.year() < 2000) {
    throw std::invalid_argument("DemoSpec::today must be set (2000-01-01 or later)");
  }
  if (spec.scope == DemoScope::kNational) {
    generate_national(spec, sink);
  } else {
    generate_office(spec, sink);
  }
}

}  // namespace huji::demo
