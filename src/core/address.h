#ifndef HUJI_CORE_ADDRESS_H_
#define HUJI_CORE_ADDRESS_H_

// 門牌: a door-plate address split into its parts, 縣市 / 鄉鎮市區 / 村里 / 鄰 / 街路 / 段 / 巷 /
// 弄 / 號 / 樓. parse() normalises the many ways people write one address (台 or 臺, full-width
// or Chinese numerals, 10號之1 or 10之1號, spaces between parts, a leading postal code) into
// one value; format() prints the canonical form
//
//   臺北市文山區萬芳里5鄰興隆路三段115巷3弄10之1號5樓之2
//
// with the section in Chinese numerals and every other number in Arabic digits.

#include <string>
#include <string_view>

#include "core/admin_divisions.h"
#include "core/result.h"

namespace huji::core {

struct Address {
  // Empty means absent. Numeric parts hold digits only, without their unit:
  //   county        "臺北市"     one of the 22, spelled with 臺
  //   district      "文山區"     a 鄉鎮市區 of that county
  //   village       "萬芳里"     村里, with its 里/村 suffix
  //   neighborhood  "5"          鄰
  //   road          "興隆路"     ends in 路, 街, 大道 or 道; may be absent for a rural
  //                              address that has a village and a 鄰
  //   section       "3"          段
  //   lane, alley   "115", "3"   巷, 弄
  //   number        "10", "10之1"  號 (required)
  //   floor         "5", "5之2", "B1" (地下1樓)
  std::string county, district, village, neighborhood, road, section, lane, alley, number, floor;

  // Error codes: address.empty, address.too_long (over 200 bytes), address.encoding (not
  // UTF-8), address.county, address.district, address.road, address.number,
  // address.trailing. Never throws.
  static Result<Address> parse(std::string_view text);

  // The canonical text; parse(format()) gives back an equal Address.
  std::string format() const;

  bool operator==(const Address&) const = default;
};

}  // namespace huji::core

#endif  // HUJI_CORE_ADDRESS_H_
