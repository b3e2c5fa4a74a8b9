#include "demo/national.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <iterator>
#include <string_view>

#include "core/admin_divisions.h"
#include "demo/population.h"

namespace huji::demo {
namespace {

// Population at the end of 2024 in thousands, and the county's MOI office-code prefix.
struct CountyFacts {
  std::string_view county;
  int64_t thousands;
  std::string_view code_prefix;
  std::string_view old_county;  // before a merger or upgrade, "" when unchanged
};
constexpr CountyFacts kCountyFacts[] = {
    {"臺北市", 2490, "63000", ""},       {"新北市", 4048, "65000", "臺北縣"},
    {"桃園市", 2332, "68000", "桃園縣"}, {"臺中市", 2853, "66000", "臺中縣"},
    {"臺南市", 1856, "67000", "臺南縣"}, {"高雄市", 2732, "64000", "高雄縣"},
    {"宜蘭縣", 450, "10002", ""},        {"新竹縣", 591, "10004", ""},
    {"苗栗縣", 535, "10005", ""},        {"彰化縣", 1240, "10007", ""},
    {"南投縣", 480, "10008", ""},        {"雲林縣", 663, "10009", ""},
    {"嘉義縣", 483, "10010", ""},        {"屏東縣", 796, "10013", ""},
    {"臺東縣", 212, "10014", ""},        {"花蓮縣", 317, "10015", ""},
    {"澎湖縣", 108, "10016", ""},        {"基隆市", 362, "10017", ""},
    {"新竹市", 455, "10018", "新竹縣"},  {"嘉義市", 262, "10020", "嘉義縣"},
    {"金門縣", 145, "09020", ""},        {"連江縣", 14, "09007", ""},
};

// The MOI codes of the offices population.cc's 文山區 demo names; the others are assigned.
struct KnownCode {
  std::string_view county, district, code;
};
constexpr KnownCode kKnownCodes[] = {
    {"臺北市", "松山區", "63000010"}, {"臺北市", "信義區", "63000020"},
    {"臺北市", "大安區", "63000030"}, {"臺北市", "中山區", "63000040"},
    {"臺北市", "中正區", "63000050"}, {"臺北市", "大同區", "63000060"},
    {"臺北市", "萬華區", "63000070"}, {"臺北市", "文山區", "63000080"},
    {"臺北市", "南港區", "63000090"}, {"臺北市", "內湖區", "63000100"},
    {"臺北市", "士林區", "63000110"}, {"臺北市", "北投區", "63000120"},
    {"新北市", "板橋區", "65000010"}, {"新北市", "三重區", "65000020"},
    {"新北市", "中和區", "65000030"}, {"新北市", "永和區", "65000040"},
    {"新北市", "新莊區", "65000050"}, {"新北市", "新店區", "65000060"},
    {"新北市", "汐止區", "65000110"}, {"新北市", "土城區", "65000130"},
    {"新北市", "蘆洲區", "65000140"}, {"新北市", "深坑區", "65000180"},
    {"新北市", "石碇區", "65000190"}, {"桃園市", "桃園區", "68000010"},
    {"桃園市", "中壢區", "68000020"}, {"臺中市", "西屯區", "66000060"},
    {"臺中市", "北屯區", "66000080"}, {"臺中市", "豐原區", "66000090"},
    {"臺南市", "東區", "67000320"},   {"臺南市", "永康區", "67000310"},
    {"高雄市", "三民區", "64000050"}, {"高雄市", "苓雅區", "64000080"},
    {"高雄市", "鳳山區", "64000120"}, {"基隆市", "仁愛區", "10017040"},
    {"新竹市", "東區", "10018010"},   {"嘉義市", "東區", "10020010"},
    {"宜蘭縣", "宜蘭市", "10002010"}, {"新竹縣", "竹北市", "10004010"},
    {"苗栗縣", "苗栗市", "10005010"}, {"彰化縣", "彰化市", "10007010"},
    {"南投縣", "南投市", "10008010"}, {"雲林縣", "斗六市", "10009010"},
    {"嘉義縣", "太保市", "10010010"}, {"屏東縣", "屏東市", "10013010"},
    {"臺東縣", "臺東市", "10014010"}, {"花蓮縣", "花蓮市", "10015010"},
    {"澎湖縣", "馬公市", "10016010"}, {"金門縣", "金城鎮", "09020010"},
    {"連江縣", "南竿鄉", "09007010"},
};

// Districts of 臺中市, 臺南市 and 高雄市 that were already districts of the city before the
// 2010 mergers (their names did not change).
struct CityDistrict {
  std::string_view county, district;
};
constexpr CityDistrict kOldCityDistricts[] = {
    {"臺中市", "中區"},   {"臺中市", "東區"},   {"臺中市", "南區"},   {"臺中市", "西區"},
    {"臺中市", "北區"},   {"臺中市", "西屯區"}, {"臺中市", "南屯區"}, {"臺中市", "北屯區"},
    {"臺南市", "中西區"}, {"臺南市", "東區"},   {"臺南市", "南區"},   {"臺南市", "北區"},
    {"臺南市", "安平區"}, {"臺南市", "安南區"}, {"高雄市", "楠梓區"}, {"高雄市", "左營區"},
    {"高雄市", "鼓山區"}, {"高雄市", "三民區"}, {"高雄市", "鹽埕區"}, {"高雄市", "前金區"},
    {"高雄市", "新興區"}, {"高雄市", "苓雅區"}, {"高雄市", "前鎮區"}, {"高雄市", "旗津區"},
    {"高雄市", "小港區"},
};

// Townships of the merged counties that were a 縣轄市 or 鎮 before becoming districts (by
// their last name before the change); all others were 鄉.
constexpr CityDistrict kFormerTowns[] = {
    {"新北市", "板橋市"}, {"新北市", "三重市"}, {"新北市", "中和市"}, {"新北市", "永和市"},
    {"新北市", "新莊市"}, {"新北市", "新店市"}, {"新北市", "樹林市"}, {"新北市", "汐止市"},
    {"新北市", "土城市"}, {"新北市", "蘆洲市"}, {"新北市", "鶯歌鎮"}, {"新北市", "三峽鎮"},
    {"新北市", "淡水鎮"}, {"新北市", "瑞芳鎮"}, {"桃園市", "桃園市"}, {"桃園市", "中壢市"},
    {"桃園市", "平鎮市"}, {"桃園市", "八德市"}, {"桃園市", "楊梅市"}, {"桃園市", "大溪鎮"},
    {"臺中市", "豐原市"}, {"臺中市", "太平市"}, {"臺中市", "大里市"}, {"臺中市", "東勢鎮"},
    {"臺中市", "大甲鎮"}, {"臺中市", "清水鎮"}, {"臺中市", "沙鹿鎮"}, {"臺中市", "梧棲鎮"},
    {"臺南市", "新營市"}, {"臺南市", "永康市"}, {"臺南市", "鹽水鎮"}, {"臺南市", "白河鎮"},
    {"臺南市", "麻豆鎮"}, {"臺南市", "佳里鎮"}, {"臺南市", "學甲鎮"}, {"臺南市", "新化鎮"},
    {"臺南市", "善化鎮"}, {"高雄市", "鳳山市"}, {"高雄市", "岡山鎮"}, {"高雄市", "旗山鎮"},
    {"高雄市", "美濃鎮"},
};

constexpr std::string_view kWenshanCode = "63000080";
constexpr int kPeoplePerVillage = 3000;

// The last UTF-8 character of a name (all the suffixes here are 3-byte CJK characters).
std::string_view last_char(std::string_view s) {
  return s.size() >= 3 ? s.substr(s.size() - 3) : s;
}

std::string former_name(std::string_view county, std::string_view district) {
  if (county == "新竹市" || county == "嘉義市") {
    // Both were 縣轄市 of their counties until 1982; 香山 was a 鄉 of 新竹縣.
    return district == "香山區" ? "香山鄉" : std::string(county);
  }
  std::string_view stem = district;
  if (last_char(stem) == "區") stem.remove_suffix(3);
  for (const auto& t : kFormerTowns) {
    std::string_view name = t.district;
    if (t.county == county && name.substr(0, name.size() - 3) == stem) return std::string(name);
  }
  return std::string(stem) + "鄉";
}

// Weight of a township within its county: 6 for a city or city district, 2 for a 鎮, 1 for a 鄉.
int64_t kind_weight(const DistrictProfile& d) {
  const std::string_view kind = last_char(d.old_name.empty() ? d.district : d.old_name);
  if (kind == "鎮") return 2;
  if (kind == "鄉") return 1;
  return 6;
}

std::vector<DistrictProfile> build() {
  std::vector<DistrictProfile> out;
  for (const core::County& county : core::counties()) {
    const CountyFacts* facts = nullptr;
    for (const auto& f : kCountyFacts) {
      if (f.county == county.name) facts = &f;
    }
    const size_t first = out.size();
    std::vector<std::string> used;
    for (const auto& k : kKnownCodes) {
      if (k.county == county.name) used.emplace_back(k.code);
    }
    int next = 1;
    int64_t weights = 0;
    for (std::string_view name : county.districts) {
      DistrictProfile d;
      d.county = std::string(county.name);
      d.district = std::string(name);
      for (const auto& k : kKnownCodes) {
        if (k.county == county.name && k.district == name) d.code = std::string(k.code);
      }
      while (d.code.empty()) {
        // Prefix, two digits, 0: "63000080" is 臺北市's eighth.
        std::string code(facts->code_prefix);
        code += static_cast<char>('0' + next / 10 % 10);
        code += static_cast<char>('0' + next % 10);
        code += '0';
        ++next;
        if (std::find(used.begin(), used.end(), code) == used.end()) d.code = std::move(code);
      }
      bool old_city = false;
      for (const auto& c : kOldCityDistricts) {
        if (c.county == county.name && c.district == name) old_city = true;
      }
      if (!facts->old_county.empty() && !old_city) {
        d.old_county = std::string(facts->old_county);
        d.old_name = former_name(county.name, name);
      }
      weights += kind_weight(d);
      out.push_back(std::move(d));
    }
    for (size_t i = first; i < out.size(); ++i) {
      DistrictProfile& d = out[i];
      d.population = facts->thousands * 1000 * kind_weight(d) / weights;
      d.villages = d.code == kWenshanCode
                       ? static_cast<int>(demo_villages().size())
                       : static_cast<int>(std::max<int64_t>(
                             1, (d.population + kPeoplePerVillage / 2) / kPeoplePerVillage));
    }
  }
  return out;
}

// Characters of made-up village names: first and second character, disjoint, free of the
// door-plate grammar's unit words (里 村 鄰 路 街 段 巷 弄 號 樓 之) and of numerals.
constexpr std::string_view kVillageFirst[] = {
    "中", "仁", "信", "和", "民", "復", "光", "新", "福", "永", "長", "大", "文", "建",
    "自", "東", "西", "南", "北", "興", "太", "安", "平", "忠", "德", "明", "華", "榮",
    "成", "豐", "康", "泰", "順", "吉", "寶", "慶", "雙", "港", "崇", "聖",
};
constexpr std::string_view kVillageSecond[] = {
    "正", "山", "愛", "義", "生", "權", "族", "同", "化", "國", "強", "門",
    "隆", "樂", "孝", "美", "源", "盛", "富", "田", "林", "湖", "溪", "埔",
    "坑", "莊", "厝", "寮", "園", "洲", "尾", "頭", "后", "前", "厚", "勢",
};

// Common street names (the same rules).
constexpr std::string_view kRoadStems[] = {
    "中山", "中正", "民生", "民權", "民族", "建國", "復興", "光復", "和平", "信義", "仁愛",
    "忠孝", "自由", "成功", "勝利", "文化", "大同", "中華", "公園", "博愛", "自強", "光明",
    "長春", "重慶", "南京", "林森", "延平", "新生", "經國", "環河", "青年", "育英", "明德",
    "崇德", "永福", "福德", "興隆", "太平", "安和", "正義", "公正", "府前", "站前", "中興",
    "光華", "德興", "朝陽", "學府", "文昌", "武昌", "漢口", "長安", "民有", "民享", "介壽",
    "成德", "建成", "富貴", "榮華", "精忠", "北平", "天祥", "華興", "裕民", "金華", "開封",
    "崇文", "英士", "鎮興", "慈惠", "永安", "和睦", "國光", "福星", "益民", "東榮", "西寧",
    "新民", "莒光", "大智", "忠義", "仁和", "民主", "德安", "平等", "正氣", "大仁", "光興",
    "公館", "新興", "復國", "建功", "勤學", "忠勇", "祥和", "永豐", "和興", "吉林",
};
constexpr std::string_view kRoadEndings[] = {"路", "街", "東路", "西路", "南路", "北路"};

constexpr size_t kPairs = std::size(kVillageFirst) * std::size(kVillageSecond);  // 1,440
constexpr size_t kStems = std::size(kRoadStems);

uint64_t mix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

// A step coprime with n (n > 1), chosen by h.
uint64_t coprime_step(uint64_t n, uint64_t h) {
  auto gcd = [](uint64_t a, uint64_t b) {
    while (b) {
      const uint64_t t = a % b;
      a = b;
      b = t;
    }
    return a;
  };
  uint64_t step = 1 + h % (n - 1);
  while (gcd(step, n) != 1) step = step % (n - 1) + 1;
  return step;
}

}  // namespace

const std::vector<DistrictProfile>& national_districts() {
  static const std::vector<DistrictProfile> kAll = build();
  return kAll;
}

int64_t national_population() {
  static const int64_t kTotal = [] {
    int64_t n = 0;
    for (const auto& d : national_districts()) n += d.population;
    return n;
  }();
  return kTotal;
}

std::string national_village_name(size_t d, int i) {
  const DistrictProfile& p = national_districts()[d];
  if (p.code == kWenshanCode) return demo_villages()[static_cast<size_t>(i)].name;
  // An affine bijection of the name pairs, different per district: distinct names.
  const uint64_t h = mix(0x7EB1A6E5ULL + d);
  const uint64_t k = (coprime_step(kPairs, h) * static_cast<uint64_t>(i) + (h >> 32)) % kPairs;
  std::string name(kVillageFirst[k / std::size(kVillageSecond)]);
  name += kVillageSecond[k % std::size(kVillageSecond)];
  name += last_char(p.district) == "鄉" ? "村" : "里";
  return name;
}

std::string national_road_name(size_t d, int i) {
  // The first kStems names end in 路, the next in 街, then 東路 …: stems are permuted per
  // district, endings taken in order, so small districts have mostly 路.
  const uint64_t h = mix(0x40ADULL + d);
  const auto n = static_cast<uint64_t>(i);
  const uint64_t stem = (coprime_step(kStems, h) * (n % kStems) + (h >> 32)) % kStems;
  std::string name(kRoadStems[stem]);
  name += kRoadEndings[(n / kStems) % std::size(kRoadEndings)];
  return name;
}

}  // namespace huji::demo
