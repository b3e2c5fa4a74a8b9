#include "core/address.h"

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "core/admin_divisions.h"
#include "core/utf8.h"

namespace huji::core {
namespace {

constexpr size_t kMaxBytes = 200;
// Longest village name before its 里/村 (e.g. 三角埔里 has 3).
constexpr size_t kMaxVillageChars = 5;
// Longest road name with its suffix (凱達格蘭大道 has 6); bounds how much text a name can eat.
constexpr size_t kMaxRoadChars = 12;
// Largest value of any numeric part; door plates never come close.
constexpr uint32_t kMaxNumber = 99'999;
constexpr uint32_t kMaxSection = 99;

using utf8::encode;

std::u32string to_u32(std::string_view s) {
  std::u32string out;
  utf8::decode(s, out);  // only called on the division table, which is valid UTF-8
  return out;
}

// The division table decoded once, for matching against decoded input.
struct DecodedCounty {
  const County* county;
  std::u32string name;
  std::vector<std::u32string> districts;  // parallel to county->districts
};

const std::vector<DecodedCounty>& decoded_counties() {
  static const std::vector<DecodedCounty> kTable = [] {
    std::vector<DecodedCounty> table;
    for (const County& c : counties()) {
      DecodedCounty d{&c, to_u32(c.name), {}};
      for (std::string_view name : c.districts) d.districts.push_back(to_u32(name));
      table.push_back(std::move(d));
    }
    return table;
  }();
  return kTable;
}

// ---- Characters -----------------------------------------------------------------------------

bool is_space(char32_t c) { return c == U' ' || c == U'\t' || c == U'\r' || c == U'\n'; }
bool is_ascii_digit(char32_t c) { return c >= U'0' && c <= U'9'; }

// Full-width ASCII (０-９, Ｂ, Ｆ, －, …) to ASCII and the ideographic space to a space.
char32_t fold_width(char32_t c) {
  if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFEE0;
  if (c == 0x3000) return U' ';
  return c;
}

// Value of a Chinese numeral digit (零/〇 0 … 九 9), or -1.
int chinese_digit(char32_t c) {
  if (c == U'〇') return 0;
  const size_t i = std::u32string_view(U"零一二三四五六七八九").find(c);
  return i == std::u32string_view::npos ? -1 : static_cast<int>(i);
}

// Value of a Chinese numeral unit (十, 百, 千), or 0.
int chinese_unit(char32_t c) {
  switch (c) {
    case U'十': return 10;
    case U'百': return 100;
    case U'千': return 1000;
    default: return 0;
  }
}

bool is_chinese_numeral(char32_t c) { return chinese_digit(c) >= 0 || chinese_unit(c) > 0; }
bool is_numeral(char32_t c) { return is_ascii_digit(c) || is_chinese_numeral(c); }

// Characters that end a place name: the unit words of the door-plate grammar.
bool is_structural(char32_t c) {
  return std::u32string_view(U"鄰段巷弄號樓之").find(c) != std::u32string_view::npos;
}

bool is_han(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) ||    // CJK Unified Ideographs
         (c >= 0x3400 && c <= 0x4DBF) ||    // Extension A
         (c >= 0xF900 && c <= 0xFAFF) ||    // Compatibility Ideographs
         (c >= 0x20000 && c <= 0x3134F) ||  // Extensions B–G (rare characters in place names)
         c == U'〇';
}

// A character that may appear in a village or road name.
bool is_name_char(char32_t c) { return is_han(c) && !is_structural(c); }

// 十二 → 12, 一百零五 → 105, 一〇五 → 105, 二十 → 20. nullopt when malformed.
std::optional<uint32_t> parse_chinese_numeral(std::u32string_view s) {
  bool has_unit = false;
  for (char32_t c : s) has_unit = has_unit || chinese_unit(c) > 0;
  if (!has_unit) {  // digit by digit: 一一五 → 115
    if (s.size() > 5) return std::nullopt;
    uint32_t v = 0;
    for (char32_t c : s) v = v * 10 + static_cast<uint32_t>(chinese_digit(c));
    return v;
  }
  uint32_t total = 0;
  int pending = -1;  // a digit waiting for its unit
  int last_unit = 10'000;
  for (char32_t c : s) {
    const int d = chinese_digit(c);
    if (d == 0) {  // 零 only marks a gap: 一百零五
      if (pending >= 0) return std::nullopt;
      continue;
    }
    if (d > 0) {
      if (pending >= 0) return std::nullopt;
      pending = d;
      continue;
    }
    const int unit = chinese_unit(c);
    if (unit >= last_unit) return std::nullopt;
    total += static_cast<uint32_t>((pending >= 0 ? pending : 1) * unit);
    last_unit = unit;
    pending = -1;
  }
  if (pending >= 0) total += static_cast<uint32_t>(pending);
  return total;
}

// 1..99 as Chinese numerals: 三, 十, 十二, 二十, 二十一.
std::string chinese_numeral(uint32_t n) {
  static constexpr const char* kDigits[] = {"",   "一", "二", "三", "四",
                                            "五", "六", "七", "八", "九"};
  if (n < 10) return kDigits[n];
  std::string out = n >= 20 ? kDigits[n / 10] : "";
  out += "十";
  out += kDigits[n % 10];
  return out;
}

// ---- Errors ---------------------------------------------------------------------------------

Error address_error(const std::string& code, const std::string& zh, const std::string& en) {
  return Error::invalid("address." + code, "地址錯誤：" + zh, "invalid address: " + en);
}

// ---- Parser ---------------------------------------------------------------------------------

struct Number {
  uint32_t value;
  size_t end;
};

// Recursive descent with backtracking over the two genuinely ambiguous choices: where a village
// name (…里/…村) ends and where a road name (…路/…街/…道) ends. Each choice is kept only if
// everything after it parses. When nothing parses, the failure that got furthest explains it.
class Parser {
 public:
  explicit Parser(std::u32string text) : s_(std::move(text)) {}

  Result<Address> run() {
    size_t p = skip_ws(0);
    p = skip_postal_code(p);
    Address a;
    const DecodedCounty* county = match_county(p);
    if (county == nullptr) {
      return address_error(
          "county",
          "開頭須為 22 個直轄市、縣（市）之一，例如「臺北市」，此為「" + snippet(p) + "」",
          "it must start with one of the 22 cities and counties, such as "
          "臺北市, not \"" +
              snippet(p) + "\"");
    }
    a.county = std::string(county->county->name);
    p = skip_ws(p);
    std::string_view district = match_district(*county, p);
    if (district.empty() && p == s_.size()) {
      const std::string example(county->county->districts[0]);
      return address_error("district", "缺少鄉鎮市區，例如「" + a.county + example + "」",
                           "the township or district is missing, e.g. " + a.county + example);
    }
    if (district.empty()) {
      return address_error("district", a.county + "沒有「" + snippet(p) + "」這個鄉鎮市區",
                           a.county + " has no township or district \"" + snippet(p) + "\"");
    }
    a.district = std::string(district);
    after_district(skip_ws(p), a);
    if (result_) return *std::move(result_);
    if (!failure_set_) {  // every grammar path ends in a result or a failure
      return Error::internal("address.internal", "地址解析內部錯誤",
                             "internal error while parsing an address");
    }
    return std::move(failure_);
  }

 private:
  // ---- low-level scanning ----

  size_t skip_ws(size_t p) const {
    while (p < s_.size() && is_space(s_[p])) ++p;
    return p;
  }

  bool at(size_t p, char32_t c) const { return p < s_.size() && s_[p] == c; }

  bool at(size_t p, std::u32string_view lit) const {
    return s_.size() >= p && std::u32string_view(s_).substr(p, lit.size()) == lit;
  }

  // Up to 8 characters from p, for error messages.
  std::string snippet(size_t p) const {
    if (p >= s_.size()) return "";
    std::u32string_view rest = std::u32string_view(s_).substr(p, 8);
    return encode(rest) + (p + 8 < s_.size() ? "…" : "");
  }

  // A leading 3- to 6-digit postal code (郵遞區號) is not part of the door plate.
  size_t skip_postal_code(size_t p) const {
    size_t q = p;
    while (q < s_.size() && is_ascii_digit(s_[q])) ++q;
    if (q - p >= 3 && q - p <= 6 && q < s_.size() && !is_ascii_digit(s_[q])) return skip_ws(q);
    return p;
  }

  // `name` from the table at p, with 台 accepted for 臺. Returns the end or 0.
  size_t match_name(size_t p, std::u32string_view name) const {
    if (s_.size() - p < name.size()) return 0;
    for (size_t i = 0; i < name.size(); ++i) {
      const char32_t c = s_[p + i];
      if (c != name[i] && !(c == U'台' && name[i] == U'臺')) return 0;
    }
    return p + name.size();
  }

  const DecodedCounty* match_county(size_t& p) const {
    for (const DecodedCounty& c : decoded_counties()) {
      if (size_t end = match_name(p, c.name); end != 0) {
        p = end;
        return &c;
      }
    }
    return nullptr;
  }

  std::string_view match_district(const DecodedCounty& county, size_t& p) const {
    // No district name is a prefix of another in the same county, so the first match is it.
    for (size_t i = 0; i < county.districts.size(); ++i) {
      if (size_t end = match_name(p, county.districts[i]); end != 0) {
        p = end;
        return county.county->districts[i];
      }
    }
    return {};
  }

  // A number in Arabic digits (1–5 of them) or Chinese numerals, 1..kMaxNumber.
  std::optional<Number> number_at(size_t p) const {
    size_t q = p;
    if (q < s_.size() && is_ascii_digit(s_[q])) {
      uint32_t v = 0;
      while (q < s_.size() && is_ascii_digit(s_[q])) {
        if (q - p >= 5) return std::nullopt;
        v = v * 10 + static_cast<uint32_t>(s_[q] - U'0');
        ++q;
      }
      if (v == 0) return std::nullopt;
      return Number{v, q};
    }
    while (q < s_.size() && is_chinese_numeral(s_[q])) ++q;
    if (q == p) return std::nullopt;
    std::optional<uint32_t> v = parse_chinese_numeral(std::u32string_view(s_).substr(p, q - p));
    if (!v || *v == 0 || *v > kMaxNumber) return std::nullopt;
    return Number{*v, q};
  }

  // A number followed by `unit` (段, 巷, 鄰…): the value, advancing p past the unit.
  std::optional<uint32_t> counted(size_t& p, char32_t unit) const {
    std::optional<Number> n = number_at(p);
    if (!n || !at(n->end, unit)) return std::nullopt;
    p = n->end + 1;
    return n->value;
  }

  void fail(size_t p, Error error) {
    if (!failure_set_ || p > failure_pos_) {
      failure_pos_ = p;
      failure_ = std::move(error);
      failure_set_ = true;
    }
  }

  // ---- grammar ----

  // [village] then the rest; a village is only taken when the rest parses.
  void after_district(size_t p, const Address& base) {
    for (size_t q = p + 1; q < s_.size() && q <= p + kMaxVillageChars; ++q) {
      if (!is_name_char(s_[q - 1])) break;
      if (s_[q] != U'里' && s_[q] != U'村') continue;
      Address a = base;
      a.village = encode(std::u32string_view(s_).substr(p, q - p + 1));
      after_village(skip_ws(q + 1), a);
      if (result_) return;
    }
    after_village(p, base);
  }

  // [n鄰] then road (or, for a rural address with village and 鄰, none) then the rest.
  void after_village(size_t p, Address a) {
    if (std::optional<uint32_t> n = counted(p, U'鄰')) {
      a.neighborhood = std::to_string(*n);
      p = skip_ws(p);
    }
    // Roads end in 路, 街 or 道 (大道 included); the name may itself contain those characters
    // (大路街), so each ending is tried, shortest first.
    for (size_t j = p + 1; j < s_.size() && j < p + kMaxRoadChars && is_name_char(s_[j - 1]); ++j) {
      if (s_[j] != U'路' && s_[j] != U'街' && s_[j] != U'道') continue;
      Address with_road = a;
      with_road.road = encode(std::u32string_view(s_).substr(p, j - p + 1));
      after_road(skip_ws(j + 1), std::move(with_road));
      if (result_) return;
    }
    if (!a.village.empty() && !a.neighborhood.empty()) {
      after_road(p, std::move(a));
      return;
    }
    fail(p,
         address_error("road", "缺少街路名稱，須以路、街、大道或道結尾（無街路的地址須有村里及鄰）",
                       "the street name is missing; it must end in 路, 街, 大道 or 道 "
                       "(an address without a street needs a village and a 鄰)"));
  }

  // [n段] [n巷] [n弄] number [floor] end.
  void after_road(size_t p, Address a) {
    if (!a.road.empty()) {
      size_t q = p;
      if (std::optional<uint32_t> n = counted(q, U'段'); n && *n <= kMaxSection) {
        a.section = std::to_string(*n);
        p = skip_ws(q);
      }
    }
    if (std::optional<uint32_t> n = counted(p, U'巷')) {
      a.lane = std::to_string(*n);
      p = skip_ws(p);
    }
    if (std::optional<uint32_t> n = counted(p, U'弄')) {
      a.alley = std::to_string(*n);
      p = skip_ws(p);
    }
    std::optional<size_t> q = house_number(p, a.number);
    if (!q) {
      fail(p, address_error("number", "缺少門牌號碼或格式錯誤，應如「10號」、「10之1號」",
                            "the house number is missing or malformed; write it like 10號 or "
                            "10之1號"));
      return;
    }
    p = skip_ws(*q);
    if (std::optional<size_t> r = floor(p, a.floor)) p = skip_ws(*r);
    if (p != s_.size()) {
      fail(p, address_error(
                  "trailing", "門牌號碼（及樓層）之後有無法辨識的文字「" + snippet(p) + "」",
                  "unrecognised text after the house number and floor: \"" + snippet(p) + "\""));
      return;
    }
    result_ = std::move(a);
  }

  // 10號, 10之1號, 10號之1, 10-1號 → "10", "10之1". Returns the end.
  std::optional<size_t> house_number(size_t p, std::string& out) const {
    std::optional<Number> n = number_at(p);
    if (!n) return std::nullopt;
    out = std::to_string(n->value);
    p = n->end;
    if (at(p, U'之') || at(p, U'-')) {
      std::optional<Number> sub = number_at(p + 1);
      if (!sub) return std::nullopt;
      out += "之" + std::to_string(sub->value);
      p = sub->end;
      if (!at(p, U'號')) return std::nullopt;
      return p + 1;
    }
    if (!at(p, U'號')) return std::nullopt;
    ++p;
    if (at(p, U'之')) {
      if (std::optional<Number> sub = number_at(p + 1)) {
        out += "之" + std::to_string(sub->value);
        return sub->end;
      }
    }
    return p;
  }

  // 5樓, 5F, 5樓之2, 5之2樓, 地下1樓, B1, B1樓 → "5", "5之2", "B1". Returns the end.
  std::optional<size_t> floor(size_t p, std::string& out) const {
    bool basement = false;
    if (at(p, U"地下")) {
      basement = true;
      p += 2;
    } else if ((at(p, U'B') || at(p, U'b')) && p + 1 < s_.size() && is_ascii_digit(s_[p + 1])) {
      basement = true;
      p += 1;
    }
    std::optional<Number> n = number_at(p);
    if (!n) return std::nullopt;
    std::string value = std::to_string(n->value);
    if (basement) value.insert(value.begin(), 'B');
    p = n->end;
    auto is_floor_unit = [&](size_t i) { return at(i, U'樓') || at(i, U'F') || at(i, U'f'); };
    if (is_floor_unit(p)) {
      ++p;
      if (at(p, U'之')) {
        std::optional<Number> sub = number_at(p + 1);
        if (!sub) return std::nullopt;
        value += "之" + std::to_string(sub->value);
        p = sub->end;
      }
    } else if (at(p, U'之')) {
      std::optional<Number> sub = number_at(p + 1);
      if (!sub || !is_floor_unit(sub->end)) return std::nullopt;
      value += "之" + std::to_string(sub->value);
      p = sub->end + 1;
    } else if (!basement) {  // a bare "B1" is a floor, a bare "5" is not
      return std::nullopt;
    }
    out = std::move(value);
    return p;
  }

  std::u32string s_;
  std::optional<Address> result_;
  Error failure_;
  size_t failure_pos_ = 0;
  bool failure_set_ = false;
};

}  // namespace

Result<Address> Address::parse(std::string_view text) {
  if (text.size() > kMaxBytes) {
    return address_error("too_long",
                         "超過 " + std::to_string(kMaxBytes) + " 位元組，此為 " +
                             std::to_string(text.size()) + " 位元組",
                         "it is longer than " + std::to_string(kMaxBytes) + " bytes (" +
                             std::to_string(text.size()) + ")");
  }
  std::u32string decoded;
  if (!utf8::decode(text, decoded)) {
    return address_error("encoding", "含有無效的 UTF-8 編碼", "it is not valid UTF-8");
  }
  // Spaces between parts mean nothing and format() prints none, so they are dropped; letting
  // them split names would make a parse depend on them. The one exception separates two
  // numbers, as in 10號之1 2樓, where dropping it would change the numbers.
  std::u32string text32;
  for (size_t i = 0; i < decoded.size(); ++i) {
    const char32_t c = fold_width(decoded[i]);
    if (!is_space(c)) {
      text32.push_back(c);
      continue;
    }
    size_t next = i + 1;
    while (next < decoded.size() && is_space(fold_width(decoded[next]))) ++next;
    if (!text32.empty() && is_numeral(text32.back()) && next < decoded.size() &&
        is_numeral(fold_width(decoded[next]))) {
      text32.push_back(U' ');
    }
    i = next - 1;
  }
  if (text32.empty()) return address_error("empty", "未填寫", "it is empty");
  return Parser(std::move(text32)).run();
}

std::string Address::format() const {
  std::string out = county + district + village;
  if (!neighborhood.empty()) out += neighborhood + "鄰";
  out += road;
  if (!section.empty()) {
    uint32_t n = 0;
    bool digits = section.size() <= 2;
    for (char c : section) {
      digits = digits && c >= '0' && c <= '9';
      n = n * 10 + static_cast<uint32_t>(c - '0');
    }
    out += (digits && n > 0 ? chinese_numeral(n) : section) + "段";
  }
  if (!lane.empty()) out += lane + "巷";
  if (!alley.empty()) out += alley + "弄";
  if (!number.empty()) out += number + "號";
  if (!floor.empty()) {
    std::string_view f = floor;
    if (f.front() == 'B') {
      out += "地下";
      f.remove_prefix(1);
    }
    const size_t zhi = f.find("之");
    if (zhi == std::string_view::npos) {
      out += std::string(f) + "樓";
    } else {
      out += std::string(f.substr(0, zhi)) + "樓" + std::string(f.substr(zhi));
    }
  }
  return out;
}

}  // namespace huji::core
