#include "demo/area.h"

#include <stdexcept>
#include <string>
#include <string_view>

namespace huji::demo {

Area wenshan_area() {
  Area a;
  a.office = demo_office();
  a.county = kTaipeiCounty;
  for (const auto& r : kRoads) a.roads.push_back({r.name, r.section});
  for (const auto& v : kVillages) a.villages.push_back({v.name, v.neighborhoods, v.roads});
  a.office_village = kOfficeVillage;
  a.office_road = kMuzha3;
  a.office_number = kOfficeNumber;
  return a;
}

std::string office_name(std::string_view county, std::string_view district) {
  if (county == "新北市" && district.size() > 3 && district.ends_with("區")) {
    district.remove_suffix(3);
  }
  return std::string(county) + std::string(district) + "戶政事務所";
}

int county_index(std::string_view name) {
  for (int c = 0; c < kCountyCount; ++c) {
    if (name == kCounties[c].name) return c;
  }
  throw std::logic_error("unknown county " + std::string(name));
}

}  // namespace huji::demo
