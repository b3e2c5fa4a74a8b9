#ifndef HUJI_DEMO_NATIONAL_H_
#define HUJI_DEMO_NATIONAL_H_

// Reference data of the national demo (DemoSpec::scope = kNational): one household registration
// office per 鄉鎮市區 (368, core::counties() order), each with an approximate population, its
// number of 村里 and synthetic village and street names.
//
// Sources and approximations:
//  - Population per 直轄市/縣/市: MOI 戶政司 household-registration statistics, end of 2024,
//    rounded to thousands (sum 23.42 million; the official total is 23.40 million).
//  - Within a county the population is split by a simple weight per township kind: 6 for a
//    縣轄市 and for a district of a city (or the former city part of a merged municipality),
//    2 for a 鎮, 1 for a 鄉 (a merged municipality's district counts as what it was before the
//    merger). Real districts vary far more; the split only has to look plausible.
//  - 村里 per district: population / 3,000, at least 1 (about 7,800 in all; Taiwan has about
//    7,700). 文山區 keeps its 43 real 里; elsewhere names are made up from common village and
//    street name characters (鄉 have 村, every other kind 里).
//  - Office codes: the MOI codes for the 48 offices the 文山區 demo names (63000080 and the
//    offices people move in from); for the others, the county's MOI prefix and the next free
//    number in steps of 10, in core::counties() order. These need not be the MOI's codes.

#include <cstdint>
#include <string>
#include <vector>

namespace huji::demo {

// One 鄉鎮市區 and its office.
struct DistrictProfile {
  std::string code;      // office code, "63000080"
  std::string county;    // "臺北市", spelled as core::counties()
  std::string district;  // "文山區"
  // What the place was called before its county merged or was upgraded (2010-12-25,
  // 2014-12-25; 新竹市 and 嘉義市 1982-07-01): "臺北縣" + "新店市". Empty when unchanged.
  std::string old_county, old_name;
  int64_t population = 0;  // approximate, end of 2024
  int villages = 0;        // 村里
};

// The 368 districts in core::counties() order (county by county).
const std::vector<DistrictProfile>& national_districts();

// Sum of national_districts()' populations.
int64_t national_population();

// The name of village `i` (0 ≤ i < villages) of district `d` (an index into
// national_districts()), with its 里 or 村; distinct within the district, the same on every
// platform. 文山區's are its real ones (demo_villages()).
std::string national_village_name(size_t d, int i);

// A street name for index `i` of district `d` ("民生路", "中山街"), distinct within the
// district for i < 600.
std::string national_road_name(size_t d, int i);

}  // namespace huji::demo

#endif  // HUJI_DEMO_NATIONAL_H_
