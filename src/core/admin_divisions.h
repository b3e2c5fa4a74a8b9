#ifndef HUJI_CORE_ADMIN_DIVISIONS_H_
#define HUJI_CORE_ADMIN_DIVISIONS_H_

// Taiwan's administrative divisions as used on door plates: the 22 municipalities, counties and
// provincial cities (直轄市、縣、市) and their 368 townships and districts (鄉鎮市區). Names
// are spelled with 臺 as the Ministry of the Interior does; lookups also accept 台.

#include <string>
#include <string_view>
#include <vector>

namespace huji::core {

// 直轄市、縣、市.
struct County {
  std::string_view name;  // "臺北市"
  char id_letter;         // first letter of ID numbers issued there, 'A' for 臺北市
  std::vector<std::string_view> districts;  // 鄉鎮市區, "中正區", "竹北市", "北斗鎮", "仁愛鄉"
};

// All 22, in the MOI's order. The table lives for the whole program.
const std::vector<County>& counties();

// The county called `name` (台 accepted for 臺), or nullptr.
const County* find_county(std::string_view name);

// The district of `county` called `name` (台 accepted for 臺), as the table's canonical
// string_view, or an empty view when there is none.
std::string_view find_district(const County& county, std::string_view name);

// `text` with every 台 replaced by 臺.
std::string normalize_tai(std::string_view text);

}  // namespace huji::core

#endif  // HUJI_CORE_ADMIN_DIVISIONS_H_
