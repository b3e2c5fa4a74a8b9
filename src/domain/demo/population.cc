#include "domain/demo/population.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/address.h"
#include "core/id_number.h"
#include "domain/register/event_keys.h"
#include "domain/demo/national.h"

namespace huji::domain::demo {
namespace {

using core::Date;
using core::Sex;

// ------------------------------------------------------------------------------------------
// Randomness: splitmix64 to seed and hash, xoshiro256** to draw. Integer arithmetic only, so
// a seed gives the same population with every compiler and standard library.

uint64_t splitmix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

uint64_t hash64(uint64_t x) { return splitmix64(x); }

class Rng {
 public:
  explicit Rng(uint64_t seed) {
    for (auto& w : s_) w = splitmix64(seed);
  }

  uint64_t next() {
    const uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, n) for 0 < n ≤ 2^32 (Lemire's multiply-shift on the top 32 bits).
  uint32_t below(uint64_t n) { return static_cast<uint32_t>(((next() >> 32) * n) >> 32); }
  // Uniform in [lo, hi]; lo ≤ hi, hi − lo < 2^32.
  int64_t between(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(below(static_cast<uint64_t>(hi - lo) + 1));
  }
  // True with probability bp / 10,000.
  bool bp(int basis_points) { return below(10000) < static_cast<uint32_t>(basis_points); }

 private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::array<uint64_t, 4> s_{};
};

// Cumulative integer weights; pick() is a binary search.
class Weighted {
 public:
  void add(uint32_t w) {
    total_ += w;
    cum_.push_back(total_);
  }
  size_t pick(Rng& rng) const {
    const uint32_t x = rng.below(total_);
    return static_cast<size_t>(std::upper_bound(cum_.begin(), cum_.end(), x) - cum_.begin());
  }
  bool empty() const { return total_ == 0; }

 private:
  std::vector<uint32_t> cum_;
  uint32_t total_ = 0;
};

// ------------------------------------------------------------------------------------------
// Reference data.

// Surnames with their share of Taiwan's population in 1/100 % (MOI 全國姓名統計分析), then a
// tail of rarer ones (about 4 % together), so that the weights add up to about 10,000.
struct SurnameWeight {
  const char* name;
  uint32_t weight;
};
constexpr SurnameWeight kSurnames[] = {
    {"陳", 1114}, {"林", 829}, {"黃", 603}, {"張", 528}, {"李", 512}, {"王", 413}, {"吳", 404},
    {"劉", 316},  {"蔡", 293}, {"楊", 266}, {"許", 233}, {"鄭", 189}, {"謝", 176}, {"郭", 171},
    {"洪", 157},  {"曾", 136}, {"邱", 136}, {"廖", 126}, {"賴", 125}, {"周", 118}, {"徐", 113},
    {"蘇", 111},  {"葉", 110}, {"莊", 104}, {"呂", 100}, {"江", 93},  {"何", 92},  {"蕭", 88},
    {"羅", 86},   {"高", 84},  {"簡", 70},  {"朱", 69},  {"鍾", 66},  {"施", 60},  {"游", 59},
    {"詹", 58},   {"沈", 57},  {"彭", 57},  {"胡", 56},  {"余", 53},  {"盧", 53},  {"潘", 50},
    {"顏", 47},   {"梁", 46},  {"趙", 44},  {"柯", 43},  {"翁", 42},  {"魏", 41},  {"方", 35},
    {"孫", 34},   {"戴", 33},  {"范", 31},  {"宋", 31},  {"鄧", 30},  {"杜", 28},  {"侯", 27},
    {"曹", 27},   {"薛", 26},  {"傅", 25},  {"丁", 24},  {"溫", 23},  {"紀", 22},  {"蔣", 22},
    {"歐", 21},   {"藍", 21},  {"連", 20},  {"唐", 20},  {"馬", 19},  {"董", 18},  {"石", 18},
    {"卓", 17},   {"程", 16},  {"姚", 16},  {"康", 16},  {"馮", 15},  {"古", 15},  {"姜", 14},
    {"湯", 14},   {"汪", 13},  {"白", 13},  {"田", 12},  {"涂", 12},  {"鄒", 11},  {"巫", 11},
    {"尤", 10},   {"鐘", 10},  {"龔", 9},   {"嚴", 9},   {"韓", 9},   {"黎", 9},   {"阮", 8},
    {"袁", 8},    {"童", 8},   {"陸", 7},   {"金", 7},   {"錢", 6},   {"邵", 6},   {"張簡", 3},
    {"歐陽", 3},  {"范姜", 2}, {"邢", 10},  {"莫", 10},  {"賀", 10},  {"毛", 10},  {"管", 10},
    {"葛", 10},   {"俞", 10},  {"裴", 10},  {"甘", 10},  {"熊", 10},  {"伍", 10},  {"段", 10},
    {"倪", 10},   {"孔", 10},  {"任", 10},  {"秦", 10},  {"雷", 10},  {"殷", 10},  {"房", 10},
    {"柳", 10},   {"凌", 10},  {"夏", 10},  {"季", 10},  {"岳", 10},  {"譚", 10},  {"包", 10},
    {"向", 10},   {"易", 10},  {"郝", 10},  {"賈", 10},  {"崔", 10},  {"龍", 10},  {"常", 10},
    {"饒", 10},   {"左", 9},
};

// Given names by sex and birth decade: before 1950, the 1950s … the 2000s, 2010 and later.
constexpr int kEras = 8;
using NamePool = std::array<const char*, 20>;
constexpr std::array<NamePool, kEras> kMaleNames = {{
    {"清水", "金龍", "火旺", "進財", "萬福", "添丁", "文雄", "正雄", "武雄", "榮華",
     "明德", "福來", "水木", "春生", "天賜", "振興", "炳煌", "朝宗", "永福", "金水"},
    {"建國", "國華", "志明", "俊雄", "明輝", "文章", "政雄", "振華", "榮輝", "國棟",
     "文忠", "正義", "宗憲", "進興", "昭明", "忠信", "博文", "世昌", "勝利", "光明"},
    {"志明", "志偉", "建宏", "俊宏", "文彬", "國榮", "明宏", "耀宗", "志成", "世明",
     "銘宏", "家銘", "志忠", "錦輝", "明哲", "俊男", "建成", "政宏", "永昌", "信良"},
    {"志豪", "建志", "俊傑", "家榮", "志偉", "文傑", "建良", "明哲", "信宏", "嘉宏",
     "偉志", "宗賢", "俊宏", "家華", "嘉明", "志強", "智偉", "凱文", "政憲", "明志"},
    {"家豪", "志豪", "建宏", "俊傑", "冠宇", "宗翰", "彥廷", "家銘", "承翰", "俊宏",
     "信宏", "育賢", "冠廷", "智凱", "建良", "嘉偉", "建興", "偉倫", "哲維", "志銘"},
    {"家豪", "冠宇", "冠廷", "宗翰", "彥廷", "承翰", "柏翰", "家瑋", "俊宇", "哲瑋",
     "承恩", "冠霖", "柏宇", "宇軒", "育誠", "建霖", "子翔", "彥宏", "柏均", "瑋哲"},
    {"承恩", "宇軒", "冠宇", "柏翰", "彥廷", "承翰", "品睿", "柏宇", "宥廷", "子翔",
     "睿恩", "冠廷", "宇翔", "博宇", "家睿", "育辰", "聖傑", "俊宇", "翊維", "柏諺"},
    {"承恩", "宥辰", "品睿", "宸睿", "宇恩", "睿恩", "柏睿", "品叡", "宥翔", "恩宇",
     "宸宇", "允恩", "承睿", "禹安", "子睿", "宥安", "祐安", "宇辰", "恩碩", "侑恩"},
}};
constexpr std::array<NamePool, kEras> kFemaleNames = {{
    {"秀英", "玉蘭", "金蓮", "春嬌", "秀琴", "月娥", "玉英", "麗華", "美雲", "素珍",
     "秀蘭", "寶珠", "金枝", "碧霞", "淑貞", "玉梅", "滿妹", "秀鳳", "月桂", "菊妹"},
    {"淑貞", "美玲", "秀琴", "麗美", "美惠", "淑惠", "麗珠", "玉霞", "月英", "秀鳳",
     "素貞", "碧珠", "淑女", "美珠", "麗卿", "玉枝", "秀玉", "雪玉", "淑美", "麗雲"},
    {"淑芬", "美玲", "淑惠", "麗娟", "美華", "淑華", "秀玲", "惠美", "玉玲", "美惠",
     "淑娟", "慧玲", "淑玲", "麗珍", "秋香", "秀娟", "美琪", "雅惠", "素娥", "麗雪"},
    {"淑芬", "雅惠", "怡如", "惠君", "美玲", "佩芬", "佳玲", "淑娟", "雅玲", "慧君",
     "玉婷", "秀玲", "靜宜", "怡君", "淑婷", "美慧", "佩君", "惠雯", "麗君", "雅芬"},
    {"怡君", "雅婷", "雅雯", "怡婷", "佳穎", "佩君", "詩涵", "雅惠", "靜怡", "欣怡",
     "佳慧", "宜君", "佩珊", "婉婷", "心怡", "淑婷", "惠雯", "筱婷", "雅琪", "思穎"},
    {"雅婷", "怡君", "詩涵", "佳穎", "怡婷", "欣怡", "宜蓁", "郁婷", "雅筑", "詩婷",
     "佳蓉", "思妤", "婉瑜", "鈺婷", "家瑜", "庭瑄", "雅涵", "佩穎", "筱涵", "子晴"},
    {"詩涵", "宜蓁", "佳穎", "子晴", "品妍", "雅筑", "欣妤", "思妤", "宜庭", "郁涵",
     "芷瑄", "子涵", "以晴", "語彤", "亭妤", "芯瑜", "于庭", "羽彤", "品蓁", "沛晴"},
    {"品妍", "子晴", "詠晴", "品蓁", "宥蓁", "苡晴", "語彤", "芯妤", "恩寧", "心妍",
     "可晴", "詠心", "以恩", "禹彤", "羽彤", "宥恩", "芊妤", "晞恩", "沐晴", "語晨"},
}};

// Taiwan, end of 2024: share of each 5-year age band in 1/100 % (0–4 … 95–99, 100+), after the
// MOI's household registration statistics (戶籍人口統計).
constexpr int kBands = 21;
constexpr int kMaxAge = 105;
constexpr std::array<int, kBands> kBandShare = {314, 426, 436, 436, 548, 649, 659,
                                                730, 852, 801, 771, 771, 719, 669,
                                                517, 304, 203, 122, 56,  15,  2};

// 直轄市、縣、市 as birthplaces. Where a county was merged or renamed (2010-12-25 臺北縣 →
// 新北市, 臺中/臺南/高雄 縣市合併; 2014-12-25 桃園縣 → 桃園市; 1982-07-01 新竹市 and
// 嘉義市 split from their counties), a person born before the change may carry the old name
// and ID letter (L 臺中縣, R 臺南縣, S 高雄縣 …): `old_share` of them do.
struct CountyInfo {
  const char* name;
  char letter;
  const char* old_name;  // nullptr: unchanged
  char old_letter;
  int changed_y, changed_m, changed_d;
  int old_share_bp;
  uint32_t adult_weight;  // as birthplace of adults living in 文山區
};
constexpr int kTaipeiCounty = 0;
constexpr CountyInfo kCounties[] = {
    {"臺北市", 'A', nullptr, 'A', 0, 0, 0, 0, 480},
    {"新北市", 'F', "臺北縣", 'F', 2010, 12, 25, 10000, 100},
    {"桃園市", 'H', "桃園縣", 'H', 2014, 12, 25, 10000, 35},
    {"臺中市", 'B', "臺中縣", 'L', 2010, 12, 25, 5500, 40},
    {"臺南市", 'D', "臺南縣", 'R', 2010, 12, 25, 5000, 40},
    {"高雄市", 'E', "高雄縣", 'S', 2010, 12, 25, 4000, 45},
    {"基隆市", 'C', nullptr, 'C', 0, 0, 0, 0, 18},
    {"新竹市", 'O', "新竹縣", 'J', 1982, 7, 1, 10000, 10},
    {"嘉義市", 'I', "嘉義縣", 'Q', 1982, 7, 1, 10000, 10},
    {"宜蘭縣", 'G', nullptr, 'G', 0, 0, 0, 0, 22},
    {"新竹縣", 'J', nullptr, 'J', 0, 0, 0, 0, 12},
    {"苗栗縣", 'K', nullptr, 'K', 0, 0, 0, 0, 15},
    {"彰化縣", 'N', nullptr, 'N', 0, 0, 0, 0, 35},
    {"南投縣", 'M', nullptr, 'M', 0, 0, 0, 0, 18},
    {"雲林縣", 'P', nullptr, 'P', 0, 0, 0, 0, 30},
    {"嘉義縣", 'Q', nullptr, 'Q', 0, 0, 0, 0, 25},
    {"屏東縣", 'T', nullptr, 'T', 0, 0, 0, 0, 28},
    {"臺東縣", 'V', nullptr, 'V', 0, 0, 0, 0, 10},
    {"花蓮縣", 'U', nullptr, 'U', 0, 0, 0, 0, 14},
    {"澎湖縣", 'X', nullptr, 'X', 0, 0, 0, 0, 10},
    {"金門縣", 'W', nullptr, 'W', 0, 0, 0, 0, 4},
    {"連江縣", 'Z', nullptr, 'Z', 0, 0, 0, 0, 1},
};
constexpr int kCountyCount = static_cast<int>(std::size(kCounties));

// Other districts' household registration offices: where people moving into 文山區 come from
// and where those born elsewhere had their birth registered. Codes are the MOI town codes.
// `old_county`/`old_name` is how the place was called before its county's change date.
struct DistrictInfo {
  const char* code;
  int county;
  const char* name;
  const char* old_county;  // nullptr: unchanged
  const char* old_name;
  uint32_t origin_weight;  // as origin of a move into 文山區
};
constexpr DistrictInfo kDistricts[] = {
    {"63000010", 0, "松山區", nullptr, nullptr, 20},
    {"63000020", 0, "信義區", nullptr, nullptr, 35},
    {"63000030", 0, "大安區", nullptr, nullptr, 80},
    {"63000040", 0, "中山區", nullptr, nullptr, 25},
    {"63000050", 0, "中正區", nullptr, nullptr, 45},
    {"63000060", 0, "大同區", nullptr, nullptr, 10},
    {"63000070", 0, "萬華區", nullptr, nullptr, 25},
    {"63000090", 0, "南港區", nullptr, nullptr, 10},
    {"63000100", 0, "內湖區", nullptr, nullptr, 20},
    {"63000110", 0, "士林區", nullptr, nullptr, 18},
    {"63000120", 0, "北投區", nullptr, nullptr, 12},
    {"65000010", 1, "板橋區", "臺北縣", "板橋市", 40},
    {"65000020", 1, "三重區", "臺北縣", "三重市", 15},
    {"65000030", 1, "中和區", "臺北縣", "中和市", 60},
    {"65000040", 1, "永和區", "臺北縣", "永和市", 55},
    {"65000050", 1, "新莊區", "臺北縣", "新莊市", 15},
    {"65000060", 1, "新店區", "臺北縣", "新店市", 110},
    {"65000110", 1, "汐止區", "臺北縣", "汐止市", 8},
    {"65000130", 1, "土城區", "臺北縣", "土城市", 12},
    {"65000140", 1, "蘆洲區", "臺北縣", "蘆洲市", 6},
    {"65000180", 1, "深坑區", "臺北縣", "深坑鄉", 15},
    {"65000190", 1, "石碇區", "臺北縣", "石碇鄉", 2},
    {"68000010", 2, "桃園區", "桃園縣", "桃園市", 12},
    {"68000020", 2, "中壢區", "桃園縣", "中壢市", 8},
    {"66000060", 3, "西屯區", nullptr, nullptr, 8},
    {"66000080", 3, "北屯區", nullptr, nullptr, 6},
    {"66000090", 3, "豐原區", "臺中縣", "豐原市", 3},
    {"67000320", 4, "東區", nullptr, nullptr, 5},
    {"67000310", 4, "永康區", "臺南縣", "永康市", 4},
    {"64000050", 5, "三民區", nullptr, nullptr, 8},
    {"64000080", 5, "苓雅區", nullptr, nullptr, 5},
    {"64000120", 5, "鳳山區", "高雄縣", "鳳山市", 5},
    {"10017040", 6, "仁愛區", nullptr, nullptr, 5},
    {"10018010", 7, "東區", "新竹縣", "新竹市", 5},
    {"10020010", 8, "東區", "嘉義縣", "嘉義市", 3},
    {"10002010", 9, "宜蘭市", nullptr, nullptr, 5},
    {"10004010", 10, "竹北市", nullptr, nullptr, 3},
    {"10005010", 11, "苗栗市", nullptr, nullptr, 2},
    {"10007010", 12, "彰化市", nullptr, nullptr, 4},
    {"10008010", 13, "南投市", nullptr, nullptr, 2},
    {"10009010", 14, "斗六市", nullptr, nullptr, 2},
    {"10010010", 15, "太保市", nullptr, nullptr, 1},
    {"10013010", 16, "屏東市", nullptr, nullptr, 3},
    {"10014010", 17, "臺東市", nullptr, nullptr, 2},
    {"10015010", 18, "花蓮市", nullptr, nullptr, 3},
    {"10016010", 19, "馬公市", nullptr, nullptr, 1},
    {"09020010", 20, "金城鎮", nullptr, nullptr, 1},
    {"09007010", 21, "南竿鄉", nullptr, nullptr, 0},
};
constexpr int kHere = -1;  // district index meaning the demo office itself

constexpr const char* kOfficeCode = "63000080";
constexpr const char* kCounty = "臺北市";
constexpr const char* kDistrict = "文山區";

// Streets of 文山區 (road, section).
struct RoadInfo {
  const char* name;
  const char* section;
};
constexpr RoadInfo kRoads[] = {
    {"木柵路", "1"},   {"木柵路", "2"},  {"木柵路", "3"}, {"木柵路", "4"}, {"木柵路", "5"},
    {"興隆路", "1"},   {"興隆路", "2"},  {"興隆路", "3"}, {"興隆路", "4"}, {"羅斯福路", "5"},
    {"羅斯福路", "6"}, {"景文街", ""},   {"景福街", ""},  {"景華街", ""},  {"景興路", ""},
    {"景後街", ""},    {"景美街", ""},   {"景中街", ""},  {"溪口街", ""},  {"試院路", ""},
    {"秀明路", "1"},   {"秀明路", "2"},  {"辛亥路", "4"}, {"木新路", "2"}, {"木新路", "3"},
    {"忠順街", "1"},   {"忠順街", "2"},  {"保儀路", ""},  {"一壽街", ""},  {"萬芳路", ""},
    {"萬和街", ""},    {"萬美街", "1"},  {"萬美街", "2"}, {"萬寧街", ""},  {"指南路", "2"},
    {"指南路", "3"},   {"政大三街", ""}, {"萬壽路", ""},  {"老泉街", ""},  {"福興路", ""},
    {"仙岩路", ""},    {"恆光街", ""},
};
enum RoadId {
  kMuzha1,
  kMuzha2,
  kMuzha3,
  kMuzha4,
  kMuzha5,
  kXinglong1,
  kXinglong2,
  kXinglong3,
  kXinglong4,
  kRoosevelt5,
  kRoosevelt6,
  kJingwen,
  kJingfu,
  kJinghua,
  kJingxing,
  kJinghou,
  kJingmei,
  kJingzhong,
  kXikou,
  kShiyuan,
  kXiuming1,
  kXiuming2,
  kXinhai4,
  kMuxin2,
  kMuxin3,
  kZhongshun1,
  kZhongshun2,
  kBaoyi,
  kYishou,
  kWanfang,
  kWanhe,
  kWanmei1,
  kWanmei2,
  kWanning,
  kZhinan2,
  kZhinan3,
  kZhengda3,
  kWanshou,
  kLaoquan,
  kFuxing,
  kXianyan,
  kHengguang,
};

// 文山區's 43 里, their number of 鄰 and the streets they lie on.
struct VillageInfo {
  const char* name;
  int neighborhoods;
  std::array<int, 3> roads;  // -1: unused
};
constexpr VillageInfo kVillages[] = {
    {"景美里", 22, {kJingmei, kJingwen, kRoosevelt6}},
    {"景行里", 25, {kJingwen, kRoosevelt6, -1}},
    {"景東里", 24, {kJinghou, kJingxing, -1}},
    {"景慶里", 28, {kJingfu, kXikou, -1}},
    {"景仁里", 24, {kJingfu, kRoosevelt6, -1}},
    {"景華里", 26, {kJinghua, kJingxing, -1}},
    {"景興里", 20, {kJingxing, kJinghua, kJingzhong}},
    {"萬有里", 22, {kRoosevelt5, kXinglong1, -1}},
    {"萬祥里", 24, {kXinglong1, kRoosevelt5, -1}},
    {"萬隆里", 20, {kRoosevelt5, -1, -1}},
    {"萬年里", 23, {kRoosevelt5, kXinglong1, -1}},
    {"萬和里", 21, {kRoosevelt6, kXikou, -1}},
    {"萬盛里", 26, {kRoosevelt5, kJingwen, -1}},
    {"興豐里", 25, {kXinglong2, kFuxing, -1}},
    {"興光里", 27, {kXinglong3, kHengguang, -1}},
    {"興家里", 22, {kXinglong3, -1, -1}},
    {"興得里", 20, {kXinglong2, kXianyan, -1}},
    {"興業里", 23, {kFuxing, kXinglong2, -1}},
    {"興安里", 26, {kJinghua, kXinglong2, -1}},
    {"興福里", 22, {kXinglong2, kXinglong1, -1}},
    {"興旺里", 19, {kXinglong2, kXianyan, -1}},
    {"興泰里", 21, {kXinglong3, -1, -1}},
    {"興昌里", 24, {kXinhai4, kXinglong3, -1}},
    {"興邦里", 22, {kXinglong2, -1, -1}},
    {"試院里", 20, {kShiyuan, kMuzha1, -1}},
    {"華興里", 24, {kMuzha1, kXiuming1, -1}},
    {"明義里", 26, {kXinglong4, kXiuming1, -1}},
    {"明興里", 28, {kMuzha2, kXinglong4, -1}},
    {"木柵里", 30, {kMuzha3, kBaoyi, -1}},
    {"木新里", 35, {kMuzha3, kMuxin3, -1}},
    {"順興里", 24, {kMuzha2, kMuxin2, -1}},
    {"忠順里", 26, {kZhongshun1, kZhongshun2, -1}},
    {"樟林里", 25, {kMuxin2, kBaoyi, -1}},
    {"樟文里", 22, {kZhongshun1, kMuxin2, -1}},
    {"樟新里", 27, {kMuxin3, kYishou, -1}},
    {"樟腳里", 24, {kMuxin3, kYishou, -1}},
    {"老泉里", 12, {kLaoquan, kMuzha5, -1}},
    {"指南里", 16, {kZhinan3, kZhinan2, -1}},
    {"政大里", 18, {kZhinan2, kZhengda3, kWanshou}},
    {"萬興里", 30, {kXiuming2, kWanshou, -1}},
    {"博嘉里", 22, {kMuzha4, kMuzha5, -1}},
    {"萬美里", 28, {kWanmei1, kWanmei2, kWanfang}},
    {"萬芳里", 30, {kWanfang, kWanhe, kWanning}},
};
constexpr int kVillageCount = static_cast<int>(std::size(kVillages));
// The office's own door plate (文山區行政中心), target of 逕遷戶所.
constexpr int kOfficeVillage = 29;  // 木新里
constexpr const char* kOfficeNumber = "220";

// Naturalised spouses (新住民): country of origin, weight.
struct OriginCountry {
  const char* name;
  uint32_t weight;
};
constexpr OriginCountry kForeignOrigins[] = {
    {"中國大陸", 45}, {"越南", 38}, {"印尼", 8}, {"菲律賓", 4}, {"泰國", 3}, {"馬來西亞", 2},
};
constexpr const char* kVietnameseSurnames[] = {"阮", "陳", "黎", "范", "武", "黃"};

// 原住民族別, weighted roughly by their population.
constexpr SurnameWeight kTribes[] = {
    {"阿美族", 37}, {"排灣族", 18},  {"泰雅族", 16}, {"布農族", 11}, {"太魯閣族", 6}, {"卑南族", 3},
    {"魯凱族", 3},  {"賽德克族", 2}, {"鄒族", 1},    {"賽夏族", 1},  {"雅美族", 1},
};

// 稱謂 of the head's children and grandchildren by sex and 出生別.
constexpr std::array<const char*, 10> kSons = {"長子", "次子", "三子", "四子", "五子",
                                               "六子", "七子", "八子", "九子", "十子"};
constexpr std::array<const char*, 10> kDaughters = {"長女", "次女", "三女", "四女", "五女",
                                                    "六女", "七女", "八女", "九女", "十女"};

const char* child_relation(Sex sex, int order) {
  const size_t i = static_cast<size_t>(std::clamp(order, 1, 10) - 1);
  return sex == Sex::kMale ? kSons[i] : kDaughters[i];
}

// "No such date": day numbers before 1970 are negative, so -1 cannot serve.
constexpr int64_t kNever = std::numeric_limits<int64_t>::min();

int64_t day_of(int y, int m, int d) { return Date::from_civil(y, m, d); }
int64_t add_years(int64_t day, int n) {
  return Date::from_days_since_epoch(day).add_years(n).days_since_epoch();
}

// ------------------------------------------------------------------------------------------
// Ages: each draw is steered towards the 5-year bands that are behind their share of the
// persons recorded so far, within the window the family allows. The household structure
// decides who can be how old; this feedback makes the marginal distribution follow the
// pyramid however the household mix turns out.

class AgeBalancer {
 public:
  int sample(int lo, int hi, Rng& rng) {
    lo = std::clamp(lo, 0, kMaxAge);
    hi = std::clamp(hi, lo, kMaxAge);
    constexpr int64_t kLookahead = 100;
    std::array<uint64_t, kBands> w{};
    uint64_t total = 0;
    for (int b = band(lo); b <= band(hi); ++b) {
      const int b_lo = 5 * b;
      const int b_hi = b == kBands - 1 ? kMaxAge : 5 * b + 4;
      const int overlap = std::min(hi, b_hi) - std::max(lo, b_lo) + 1;
      const int64_t share = kBandShare[static_cast<size_t>(b)];
      const int64_t deficit =
          share * (total_ + kLookahead) - count_[static_cast<size_t>(b)] * 10000;
      const int64_t minimum = share * kLookahead / 20 + 1;
      const uint64_t weight = static_cast<uint64_t>(std::max(deficit, minimum)) *
                              static_cast<uint64_t>(overlap) * 60 /
                              static_cast<uint64_t>(b_hi - b_lo + 1);
      w[static_cast<size_t>(b)] = weight;
      total += weight;
    }
    // total can exceed 2^32: draw on 64 bits.
    uint64_t x = rng.next() % total;
    int b = band(lo);
    while (x >= w[static_cast<size_t>(b)]) x -= w[static_cast<size_t>(b++)];
    const int a_lo = std::max(lo, 5 * b);
    const int a_hi = std::min(hi, b == kBands - 1 ? kMaxAge : 5 * b + 4);
    return static_cast<int>(rng.between(a_lo, a_hi));
  }

  void record(int age) {
    ++count_[static_cast<size_t>(band(age))];
    ++total_;
  }

  static int band(int age) { return std::min(age / 5, kBands - 1); }

 private:
  std::array<int64_t, kBands> count_{};
  int64_t total_ = 0;
};

// Serial numbers of ID numbers: per (letter, first digit) a counter i maps to
// (a·i + c) mod 10^7 with gcd(a, 10^7) = 1, a bijection, so a stream never repeats for its
// 10^7 numbers and no set of issued numbers is needed. An exhausted stream (over 10^7 persons
// of one sex born in one county) spills over to the next letter.
//
// Windowed (the national scope): the counter's windows of 1,000 follow each other (from a
// seeded start) and only within a window is the serial scattered, by (a'·i + c) mod 1,000.
// Real serials are issued roughly in order of registration, so neighbours need not have
// far-apart numbers; and an index on ID numbers (persons' key, the events' subject index)
// then grows at one small place per stream instead of everywhere: with the full scatter,
// loading 23.5 million persons into SQLite slowed from 23,000 to under 10,000 persons a
// second by 7 million, as every batch rewrote most of those indexes' pages.
class IdAllocator {
 public:
  explicit IdAllocator(uint64_t seed, bool windowed = false) : windowed_(windowed) {
    for (size_t i = 0; i < offset_.size(); ++i) {
      uint64_t s = seed ^ (0xA5A5A5A5ULL * (i + 1));
      offset_[i] = static_cast<uint32_t>(splitmix64(s) % kSerials);
    }
  }

  std::string next(char letter, Sex sex) {
    const int digit = core::IdNumber::sex_digit(sex);
    for (int attempt = 0; attempt < 26; ++attempt) {
      const size_t stream = static_cast<size_t>(letter - 'A') * 2 + (sex == Sex::kMale ? 0 : 1);
      uint32_t& used = used_[stream];
      if (used < kSerials) {
        const uint64_t c = offset_[stream];
        const uint64_t serial =
            windowed_ ? (used / kWindow + c / kWindow) % (kSerials / kWindow) * kWindow +
                            (kWindowMultiplier * (used % kWindow) + c) % kWindow
                      : (kMultiplier * used + c) % kSerials;
        ++used;
        return core::IdNumber::make(letter, digit, static_cast<uint32_t>(serial)).str();
      }
      letter = letter == 'Z' ? 'A' : static_cast<char>(letter + 1);
    }
    return {};  // 520 million persons: not a population this generator is meant for
  }

 private:
  static constexpr uint64_t kSerials = 10'000'000;
  static constexpr uint64_t kMultiplier = 6'180'339;  // odd, not a multiple of 5
  static constexpr uint64_t kWindow = 1'000;           // divides kSerials
  static constexpr uint64_t kWindowMultiplier = 617;   // odd, not a multiple of 5
  const bool windowed_;
  std::array<uint32_t, 52> used_{};
  std::array<uint32_t, 52> offset_{};
};

// ------------------------------------------------------------------------------------------
// The household under construction.

enum class Role : uint8_t {
  kHead,        // 戶長
  kSpouse,      // 配偶 of the head
  kChild,       // 長子, 次女 … of the head
  kParent,      // 父, 母 of the head
  kSibling,     // 兄, 弟, 姊, 妹 of the head
  kChildInLaw,  // 媳, 女婿
  kGrandchild,  // 孫, 孫女
  kGhost,       // not registered here: an ex-spouse, a grandchild's parent living elsewhere
};

enum class Founding : uint8_t { kMoveIn, kSplit, kExOfficio };

struct Draft {
  Role role = Role::kHead;
  Sex sex = Sex::kMale;
  int age = 0;
  int64_t birth = 0;
  std::string surname, given;
  int father = -1, mother = -1, spouse = -1, ex = -1;  // indices into the household
  std::string father_name, mother_name;                // when the parent is not a member
  int birth_order = 1;
  const char* relation = "";
  const char* indigenous = "";
  int64_t marriage = kNever;  // with `spouse` or `ex`
  int64_t divorce = kNever;
  bool divorce_by_court = false;
  bool was_head = false;  // the household's former head (a late spouse or parent)
  bool deceased = false;
  int64_t death = kNever;
  bool emigrates = false;
  int64_t emigration = kNever;
  int foreign_origin = -1;  // index into kForeignOrigins for a naturalised spouse
  int64_t first_registration = kNever;
  // Timeline, filled by Generator::finish().
  int64_t arrival = kNever;  // joined this household (move-in, founding, birth here)
  bool born_here = false;
  bool marries_in = false;
  int origin = kHere;  // district the person moved in from
  int birth_county = kTaipeiCounty;
  bool old_county = false;
  int birth_office = kHere;
  int64_t name_change = kNever;
  std::string old_given;
  std::string id;

  std::string name() const { return surname + given; }
  bool ghost() const { return role == Role::kGhost; }
  bool removed() const { return deceased || emigrates; }
};

// A sibling who never lived in the household, kept only to number 出生別.
struct Phantom {
  Sex sex;
  int64_t birth;
};

// ------------------------------------------------------------------------------------------
// Where an office's households live, and the offices elsewhere its people came from.

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
  std::vector<uint32_t> origin_weights;               // parallel to *offices, as origin of a move
  std::array<uint32_t, kCountyCount> county_weights{};  // as birth county of adults living here
};

// What all offices of one generated register share: the sink, ID numbers, door plate ids and
// household numbers are unique across them.
struct Shared {
  Shared(PopulationSink& s, uint64_t seed, bool is_national)
      : sink(s), ids(seed, /*windowed=*/is_national), national(is_national) {}
  PopulationSink& sink;
  IdAllocator ids;
  const bool national;
  // Steers ages towards Taiwan's pyramid over all offices together: a small district's few
  // households could not follow it on their own.
  AgeBalancer ages;
  int64_t last_plate_id = 0;
  uint64_t households = 0;                  // office scope: the scattered F… numbers
  std::array<uint32_t, 26> per_letter{};  // national scope: households per county letter
};

// ------------------------------------------------------------------------------------------

class Generator {
 public:
  // `rng_seed` seeds the draws, `street_seed` scatters the building slots.
  Generator(const DemoSpec& spec, Shared& shared, const Area& area, const Elsewhere& elsewhere,
            uint64_t rng_seed, uint64_t street_seed)
      : spec_(spec),
        shared_(shared),
        sink_(shared.sink),
        area_(area),
        offices_(*elsewhere.offices),
        rng_(rng_seed),
        ids_(shared.ids),
        ages_(shared.ages),
        today_(spec.today.days_since_epoch()),
        streets_(area.villages.size()) {
    for (const auto& s : kSurnames) surname_weights_.add(s.weight);
    for (uint32_t w : elsewhere.county_weights) county_weights_.add(w);
    for (uint32_t w : elsewhere.origin_weights) origin_weights_.add(w);
    for (const auto& o : kForeignOrigins) foreign_weights_.add(o.weight);
    for (const auto& t : kTribes) tribe_weights_.add(t.weight);
    for (int c = 0; c < kCountyCount; ++c) {
      const auto& county = kCounties[c];
      changed_[static_cast<size_t>(c)] =
          county.old_name ? day_of(county.changed_y, county.changed_m, county.changed_d) : 0;
      for (int variant = 0; variant < 2; ++variant) {
        Weighted& w = birth_offices_[static_cast<size_t>(c)][static_cast<size_t>(variant)];
        std::vector<int>& list =
            birth_office_list_[static_cast<size_t>(c)][static_cast<size_t>(variant)];
        for (int pass = 0; pass < 2 && list.empty(); ++pass) {
          for (int d = 0; d < static_cast<int>(offices_.size()); ++d) {
            const OtherOffice& dist = offices_[static_cast<size_t>(d)];
            if (dist.county != c) continue;
            // The old variant of a merged county (臺中縣 …) registers in its former
            // townships; fall back to all districts of the county when none is listed.
            const bool old_area =
                !dist.old_county.empty() && county.old_name && dist.old_county == county.old_name;
            if (pass == 0 && county.old_letter != county.letter && old_area != (variant == 1)) {
              continue;
            }
            list.push_back(d);
            w.add(dist.birth_weight);
          }
        }
      }
    }
    for (const auto& v : area_.villages) {
      village_weights_.add(static_cast<uint32_t>(v.neighborhoods));
    }
    // For every (village, road) pair: how many villages share the road and which one this is,
    // so that their building numbers never collide.
    const int villages = static_cast<int>(area_.villages.size());
    for (int v = 0; v < villages; ++v) {
      for (size_t r = 0; r < 3; ++r) {
        const int road = area_.villages[static_cast<size_t>(v)].roads[r];
        if (road < 0) continue;
        int share = 0, index = 0;
        for (int u = 0; u < villages; ++u) {
          for (int other : area_.villages[static_cast<size_t>(u)].roads) {
            if (other != road) continue;
            if (u == v) index = share;
            ++share;
          }
        }
        Street& s = streets_[static_cast<size_t>(v)][r];
        s.sharing = share;
        s.index = index;
        uint64_t h = static_cast<uint64_t>(v * 64 + road) ^ (street_seed << 20);
        s.cursor = static_cast<uint32_t>(splitmix64(h) % kSlots);
      }
    }
  }

  // The office's own plate, where 逕遷戶所 persons are registered: before its households.
  void emit_office_plate() {
    DoorPlate plate;
    plate.id = ++shared_.last_plate_id;
    plate.office_code = area_.office.code;
    plate.address.county = area_.office.county;
    plate.address.district = area_.office.district;
    plate.address.village = area_.villages[static_cast<size_t>(area_.office_village)].name;
    const AreaRoad& road = area_.roads[static_cast<size_t>(area_.office_road)];
    plate.address.road = road.name;
    plate.address.section = road.section;
    plate.address.number = area_.office_number;
    office_plate_id_ = plate.id;
    sink_.door_plate(plate);
  }

  // Exactly `persons` persons in households of this office.
  void run_households(int persons) {
    int remaining = std::max(persons, 0);
    while (remaining > 0) {
      members_.clear();
      phantoms_.clear();
      real_ = 0;
      build_household(remaining);
      remaining -= real_;
    }
  }

 private:
  // ---- helpers for drafting people

  Draft& d(int i) { return members_[static_cast<size_t>(i)]; }

  static int era(int64_t birth) {
    const int y = Date::from_days_since_epoch(birth).year();
    return std::clamp((y - 1940) / 10, 0, kEras - 1);
  }

  const char* given_name(Sex sex, int64_t birth) {
    const auto& pool = sex == Sex::kMale ? kMaleNames[static_cast<size_t>(era(birth))]
                                         : kFemaleNames[static_cast<size_t>(era(birth))];
    return pool[rng_.below(pool.size())];
  }

  const char* surname() { return kSurnames[surname_weights_.pick(rng_)].name; }

  // A birth date for someone `age` completed years old today; babies are at least 3 days old
  // so that their birth can already be registered.
  int64_t birth_for_age(int age) {
    const int64_t hi = age == 0 ? today_ - 3 : add_years(today_, -age);
    const int64_t lo = add_years(today_, -age - 1) + 1;
    return rng_.between(lo, std::max(lo, hi));
  }

  // A given name no other member of the household already has with the same surname.
  void name_person(Draft& p) {
    for (int attempt = 0; attempt < 8; ++attempt) {
      p.given = given_name(p.sex, p.birth);
      bool clash = false;
      for (const auto& m : members_) {
        if (&m != &p && m.given == p.given && m.surname == p.surname) clash = true;
      }
      if (!clash) return;
    }
  }

  int add(Draft p) {
    if (!p.ghost()) ++real_;
    members_.push_back(std::move(p));
    return static_cast<int>(members_.size()) - 1;
  }

  // An adult whose parents are not in the household: names for them, a random 出生別.
  int add_adult(Role role, Sex sex, int age, const char* relation) {
    Draft p;
    p.role = role;
    p.sex = sex;
    p.age = age;
    p.birth = birth_for_age(age);
    p.surname = surname();
    p.relation = relation;
    name_person(p);
    fill_outside_parents(p, p.surname);
    // Older cohorts had more children, so later 出生別 are more common among them.
    static constexpr std::array<uint32_t, 5> kYoung = {45, 30, 15, 7, 3};
    static constexpr std::array<uint32_t, 5> kOld = {35, 27, 18, 11, 9};
    const auto& w = era(p.birth) <= 1 ? kOld : kYoung;
    uint32_t x = rng_.below(100);
    int order = 1;
    for (uint32_t wi : w) {
      if (x < wi) break;
      x -= wi;
      ++order;
    }
    p.birth_order = order;
    return add(std::move(p));
  }

  void fill_outside_parents(Draft& p, const std::string& father_surname) {
    const char* father_given = given_name(Sex::kMale, add_years(p.birth, -30));
    if (father_given == p.given) father_given = given_name(Sex::kMale, add_years(p.birth, -30));
    p.father_name = father_surname + father_given;
    // One draw per statement: the order of evaluation of operands is unspecified, and the
    // stream must not depend on the compiler.
    p.mother_name = surname();
    p.mother_name += given_name(Sex::kFemale, add_years(p.birth, -27));
  }

  // Age gap husband − wife, in years.
  int spouse_gap() {
    static constexpr std::array<int, 16> kGap = {-3, -2, -1, 0, 1, 2,  3,  4,
                                                 5,  6,  7,  8, 9, 10, 12, 15};
    static constexpr std::array<uint32_t, 16> kWeight = {3, 4, 6, 10, 12, 12, 11, 9,
                                                         8, 6, 5, 4,  3,  3,  2,  1};
    uint32_t x = rng_.below(99);
    for (size_t i = 0; i < kGap.size(); ++i) {
      if (x < kWeight[i]) return kGap[i];
      x -= kWeight[i];
    }
    return 2;
  }

  // The spouse of member `a`; `role` is kSpouse, kParent, kChildInLaw or kGhost.
  int add_spouse(int a, Role role, const char* relation, bool same_sex = false) {
    const Draft& p = d(a);
    const Sex sex = same_sex ? p.sex : (p.sex == Sex::kMale ? Sex::kFemale : Sex::kMale);
    int gap = same_sex ? static_cast<int>(rng_.between(-6, 6)) : spouse_gap();
    int age = p.sex == Sex::kMale ? p.age - gap : p.age + gap;
    age = std::clamp(age, 20, kMaxAge);
    Draft s;
    s.role = role;
    s.sex = sex;
    s.age = age;
    s.birth = birth_for_age(age);
    s.relation = relation;
    s.surname = surname();
    name_person(s);
    fill_outside_parents(s, s.surname);
    s.birth_order = static_cast<int>(rng_.between(1, 3));
    const int i = add(std::move(s));
    if (role == Role::kGhost) {
      d(a).ex = i;
    } else {
      d(a).spouse = i;
      d(i).spouse = a;
    }
    return i;
  }

  int first_marriage_age(int64_t wife_birth) {
    static constexpr std::array<int, kEras> kAge = {21, 23, 25, 27, 29, 30, 30, 30};
    return kAge[static_cast<size_t>(era(wife_birth))];
  }

  // Marriage date of a and b (b may be a ghost), before their first child when possible.
  int64_t marriage_date(int a, int b, int64_t first_child) {
    const Draft& x = d(a);
    const Draft& y = d(b);
    const int64_t younger = std::max(x.birth, y.birth);
    const int64_t wife_birth = x.sex == Sex::kFemale ? x.birth : y.birth;
    int64_t lo = add_years(younger, 20);
    int64_t hi = today_ - 5;
    if (first_child != kNever) {
      // Married before the first child; at 18 already if that is what it takes.
      const int64_t latest = first_child - 30;
      // +1: someone born on 02-29 comes of age on 03-01.
      if (latest < lo) lo = std::min(lo, add_years(younger, 18) + 1);
      if (latest >= lo) hi = std::max(lo, std::min(hi, first_child - rng_.between(30, 900)));
    }
    if (hi < lo) hi = std::min(today_ - 5, lo + 3 * 365);
    lo = std::min(lo, hi);
    int64_t target =
        add_years(wife_birth, first_marriage_age(wife_birth)) + rng_.between(-2 * 365, 4 * 365);
    if (target < lo) target = lo + rng_.between(0, std::min<int64_t>(hi - lo, 730));
    if (target > hi) target = hi - rng_.between(0, std::min<int64_t>(hi - lo, 730));
    return target;
  }

  void marry(int a, int b, int64_t first_child) {
    const int64_t m = marriage_date(a, b, first_child);
    d(a).marriage = m;
    d(b).marriage = m;
  }

  // Children of father f and mother m (members or ghosts; -1 for none), at most `cap` real
  // members more; older children may have left home and only count for 出生別.
  void add_children(int f, int m, int count, int cap, Role role, int max_age = 48) {
    const Draft* pf = f >= 0 ? &d(f) : nullptr;
    const Draft* pm = m >= 0 ? &d(m) : nullptr;
    const int older = std::max(pf ? pf->age : 0, pm ? pm->age : 0);
    const int younger = std::min(pf ? pf->age : kMaxAge, pm ? pm->age : kMaxAge);
    const int lo = std::max(0, older - 44);
    const int hi = std::min(younger - 19, max_age);
    if (lo > hi) return;
    const size_t first = members_.size();
    // Children take the father's surname, a few the mother's (民法 §1059).
    const std::string child_surname = !pm                     ? pf->surname
                                      : !pf || !rng_.bp(9800) ? pm->surname
                                                              : pf->surname;
    const std::string father_name = pf ? pf->name() : std::string();
    const std::string mother_name = pm ? pm->name() : std::string();
    const char* tribe = (pf && *pf->indigenous)   ? pf->indigenous
                        : (pm && *pm->indigenous) ? pm->indigenous
                                                  : "";
    for (int k = 0; k < count && k < cap; ++k) {
      Draft c;
      c.role = role;
      c.sex = rng_.bp(5170) ? Sex::kMale : Sex::kFemale;  // 107 boys per 100 girls at birth
      c.surname = child_surname;
      c.father = f;
      c.mother = m;
      c.father_name = father_name;
      c.mother_name = mother_name;
      c.indigenous = tribe;
      bool placed = false;
      if (k > 0 && rng_.bp(120)) {  // twins
        c.age = members_.back().age;
        c.birth = members_.back().birth;
        placed = true;
      }
      for (int attempt = 0; attempt < 6 && !placed; ++attempt) {
        c.age = ages_.sample(lo, hi, rng_);
        c.birth = birth_for_age(c.age);
        placed = true;
        for (size_t j = first; j < members_.size(); ++j) {
          const int64_t gap = c.birth - members_[j].birth;
          if (gap > -300 && gap < 300) placed = false;
        }
      }
      if (!placed) continue;
      name_person(c);
      add(std::move(c));
    }
    // Older brothers and sisters who moved out.
    if (hi >= 24 && rng_.bp(3500)) {
      const int n = rng_.bp(7000) ? 1 : 2;
      for (int k = 0; k < n; ++k) {
        const int age = static_cast<int>(rng_.between(std::max(lo, 22), hi));
        phantoms_.push_back({rng_.bp(5170) ? Sex::kMale : Sex::kFemale, birth_for_age(age)});
      }
    }
    number_children(first, role);
    phantoms_.clear();
  }

  // 出生別 and 稱謂 of members [first, end) who are siblings, counting phantoms.
  void number_children(size_t first, Role role) {
    for (size_t i = first; i < members_.size(); ++i) {
      Draft& c = members_[i];
      int order = 1;
      for (size_t j = first; j < members_.size(); ++j) {
        const Draft& o = members_[j];
        if (j != i && o.sex == c.sex && (o.birth < c.birth || (o.birth == c.birth && j < i))) {
          ++order;
        }
      }
      for (const auto& ph : phantoms_) {
        if (ph.sex == c.sex && ph.birth < c.birth) ++order;
      }
      c.birth_order = order;
      if (role == Role::kGrandchild) {
        c.relation = c.sex == Sex::kMale ? "孫" : "孫女";
      } else {
        c.relation = child_relation(c.sex, order);
      }
    }
  }

  int64_t earliest_child_birth(int parent) {
    int64_t first = kNever;
    for (const auto& m : members_) {
      if (m.father == parent || m.mother == parent) {
        if (first == kNever || m.birth < first) first = m.birth;
      }
    }
    return first;
  }

  int64_t latest_child_birth(int parent) {
    int64_t last = kNever;
    for (const auto& m : members_) {
      if (m.father == parent || m.mother == parent) last = std::max(last, m.birth);
    }
    return last;
  }

  Sex single_sex(int age) {
    const int male_bp = age < 40 ? 5600 : age < 65 ? 4900 : age < 80 ? 4000 : 3000;
    return rng_.bp(male_bp) ? Sex::kMale : Sex::kFemale;
  }

  // Divorced from a ghost ex-spouse; `first_child` bounds the marriage as usual.
  void divorce(int a, int64_t first_child, int64_t last_child) {
    Draft& p = d(a);
    if (p.ex < 0) add_spouse(a, Role::kGhost, "");
    const int64_t m = marriage_date(a, d(a).ex, first_child);
    d(a).marriage = m;
    int64_t lo = std::max(m + 365, last_child != kNever ? last_child + 180 : m + 365);
    const int64_t hi = today_ - 5;
    if (lo > hi) lo = std::min(hi, m + 30);
    d(a).divorce = rng_.between(std::min(lo, hi), hi);
    d(a).divorce_by_court = rng_.bp(1800);
  }

  // ---- household types (Taiwan: many one-person 戶, couples, nuclear families, three
  // generations, single parents)

  enum class Kind {
    kSingle,
    kCouple,
    kNuclear,
    kSingleParent,
    kWithParents,
    kThreeGen,
    kSiblings,
    kGrandparent
  };

  void build_household(int cap) {
    static constexpr std::array<uint32_t, 8> kWeight = {340, 170, 225, 90, 65, 60, 30, 20};
    static constexpr std::array<int, 8> kMinSize = {1, 2, 3, 2, 2, 3, 2, 2};
    uint32_t x = rng_.below(1000);
    size_t k = 0;
    while (x >= kWeight[k]) x -= kWeight[k++];
    if (kMinSize[k] > cap) k = cap >= 2 ? 1 : 0;
    Founding founding = Founding::kMoveIn;
    switch (static_cast<Kind>(k)) {
      case Kind::kSingle:
        founding = build_single(cap);
        break;
      case Kind::kCouple:
        build_couple();
        break;
      case Kind::kNuclear:
        build_nuclear(cap);
        break;
      case Kind::kSingleParent:
        build_single_parent(cap);
        break;
      case Kind::kWithParents:
        build_with_parents(cap);
        break;
      case Kind::kThreeGen:
        build_three_generations(cap);
        break;
      case Kind::kSiblings:
        build_siblings(cap);
        break;
      case Kind::kGrandparent:
        build_grandparent(cap);
        break;
    }
    if (rng_.bp(80)) make_indigenous();
    finish(founding);
  }

  Founding build_single(int cap) {
    const int age = ages_.sample(20, kMaxAge, rng_);
    const int h = add_adult(Role::kHead, single_sex(age), age, "戶長");
    if (age >= 60 && cap >= 2 && rng_.bp(3000)) {
      // Widowed: the late spouse stays on the household's record as removed.
      const int s = add_spouse(h, Role::kSpouse, "配偶");
      d(s).deceased = true;
      d(s).was_head = d(s).sex == Sex::kMale && rng_.bp(7000);
      marry(h, s, kNever);
    } else if (age >= 30 && rng_.bp(1800)) {
      divorce(h, kNever, kNever);
    } else if (age >= 75 && rng_.bp(400)) {
      d(h).deceased = true;  // the whole household is removed (全戶除戶)
    }
    if (!d(h).deceased) {
      if (age < 45 && rng_.bp(3500)) return Founding::kSplit;
      if (rng_.bp(120)) return Founding::kExOfficio;
    }
    return Founding::kMoveIn;
  }

  void build_couple() {
    const int age = ages_.sample(22, 100, rng_);
    const bool same_sex = rng_.bp(40);
    const Sex head_sex = rng_.bp(7800) ? Sex::kMale : Sex::kFemale;
    const int h = add_adult(Role::kHead, head_sex, age, "戶長");
    const int s = add_spouse(h, Role::kSpouse, "配偶", same_sex);
    marry(h, s, kNever);
    if (same_sex) {
      // Same-sex marriage can be registered since 2019-05-24 (釋字第748號施行法).
      const int64_t law = day_of(2019, 5, 24);
      const int64_t lo = std::max({law, add_years(d(h).birth, 20), add_years(d(s).birth, 20)});
      if (lo <= today_ - 5) {
        const int64_t m = rng_.between(lo, today_ - 5);
        d(h).marriage = d(s).marriage = m;
      } else {
        d(s).sex = d(h).sex == Sex::kMale ? Sex::kFemale : Sex::kMale;
        name_person(d(s));
      }
    }
    maybe_naturalised(h, s);
  }

  // The couple heading a family: returns {father, mother}.
  std::pair<int, int> head_couple(int lo, int hi, int male_head_bp) {
    const int age = ages_.sample(lo, hi, rng_);
    const Sex head_sex = rng_.bp(male_head_bp) ? Sex::kMale : Sex::kFemale;
    const int h = add_adult(Role::kHead, head_sex, age, "戶長");
    const int s = add_spouse(h, Role::kSpouse, "配偶");
    return head_sex == Sex::kMale ? std::pair{h, s} : std::pair{s, h};
  }

  int children_count() {
    static constexpr std::array<uint32_t, 4> kWeight = {38, 45, 14, 3};
    uint32_t x = rng_.below(100);
    int n = 1;
    for (uint32_t w : kWeight) {
      if (x < w) break;
      x -= w;
      ++n;
    }
    return n;
  }

  void build_nuclear(int cap) {
    auto [f, m] = head_couple(24, 72, 8000);
    add_children(f, m, children_count(), cap - 2, Role::kChild);
    marry(f, m, earliest_child_birth(f));
    maybe_naturalised(f, m);
    maybe_emigrate_child();
  }

  void build_single_parent(int cap) {
    const int age = ages_.sample(25, 80, rng_);
    const Sex sex = rng_.bp(7500) ? Sex::kFemale : Sex::kMale;
    const int h = add_adult(Role::kHead, sex, age, "戶長");
    const bool widowed = cap >= 3 && rng_.bp(3500);
    const int other =
        widowed ? add_spouse(h, Role::kSpouse, "配偶") : add_spouse(h, Role::kGhost, "");
    const int f = sex == Sex::kMale ? h : other;
    const int m = sex == Sex::kMale ? other : h;
    static constexpr std::array<int, 3> kCount = {1, 1, 2};
    const int n = rng_.bp(1200) ? 3 : kCount[rng_.below(3)];
    add_children(f, m, n, cap - (widowed ? 2 : 1), Role::kChild);
    if (widowed) {
      marry(h, other, earliest_child_birth(h));
      d(other).deceased = true;
      d(other).was_head = d(other).sex == Sex::kMale && rng_.bp(6000);
    } else {
      divorce(h, earliest_child_birth(h), latest_child_birth(h));
    }
  }

  // A head living with their own parents (父, 母), possibly with a spouse and children.
  void build_with_parents(int cap) {
    const int age = ages_.sample(25, 65, rng_);
    const Sex sex = rng_.bp(7000) ? Sex::kMale : Sex::kFemale;
    const int h = add_adult(Role::kHead, sex, age, "戶長");
    int budget = cap - 1;
    // Parents: both, mother only, father only; a late parent may stay on the record.
    const uint32_t which = rng_.below(100);
    const bool father_alive = which < 45 || which >= 85;
    const bool mother_alive = which < 85;
    const int m_age = ages_.sample(age + 20, std::min(age + 42, kMaxAge), rng_);
    Draft mo;
    mo.role = Role::kParent;
    mo.sex = Sex::kFemale;
    mo.age = m_age;
    mo.birth = birth_for_age(m_age);
    mo.surname = surname();
    mo.relation = "母";
    name_person(mo);
    fill_outside_parents(mo, mo.surname);
    mo.birth_order = static_cast<int>(rng_.between(1, 3));
    Draft fa;
    fa.role = Role::kParent;
    fa.sex = Sex::kMale;
    fa.age = std::clamp(m_age + spouse_gap(), age + 19, std::min(age + 44, kMaxAge));
    fa.birth = birth_for_age(fa.age);
    fa.surname = d(h).surname;
    fa.relation = "父";
    name_person(fa);
    fill_outside_parents(fa, fa.surname);
    fa.birth_order = static_cast<int>(rng_.between(1, 3));
    const bool keep_father = budget >= 2 && (father_alive || rng_.bp(4500));
    const bool keep_mother = budget >= 1 && (mother_alive || (budget >= 2 && rng_.bp(4500)));
    int fi = -1, mi = -1;
    if (keep_father && budget > 0) {
      fi = add(std::move(fa));
      d(fi).deceased = !father_alive;
      --budget;
    }
    if (keep_mother && budget > 0) {
      mi = add(std::move(mo));
      d(mi).deceased = !mother_alive;
      --budget;
    }
    if (fi >= 0 && mi >= 0) {
      d(fi).spouse = mi;
      d(mi).spouse = fi;
      marry(fi, mi, d(h).birth_order == 1 ? d(h).birth : d(h).birth - rng_.between(400, 3000));
    }
    Draft& head = d(h);
    if (fi >= 0) {
      head.father = fi;
      head.father_name = d(fi).name();
      d(fi).was_head = d(fi).deceased ? rng_.bp(7000) : rng_.bp(2500);
    }
    if (mi >= 0) {
      head.mother = mi;
      head.mother_name = d(mi).name();
    }
    if (fi < 0) head.father_name = head.surname + given_name(Sex::kMale, d(h).birth - 30 * 365);
    // Don't let the late parent be the only one besides the head: at least one parent lives.
    if ((fi < 0 || d(fi).deceased) && (mi < 0 || d(mi).deceased)) {
      if (mi >= 0)
        d(mi).deceased = false;
      else if (fi >= 0)
        d(fi).deceased = false;
    }
    if (budget >= 1 && age >= 24 && rng_.bp(5500)) {
      const int s = add_spouse(h, Role::kSpouse, "配偶");
      --budget;
      const int f = sex == Sex::kMale ? h : s;
      const int m = sex == Sex::kMale ? s : h;
      if (budget > 0 && rng_.bp(7000)) add_children(f, m, children_count(), budget, Role::kChild);
      marry(h, s, earliest_child_birth(h));
    }
  }

  // An older head and spouse with a married child (媳 or 女婿) and grandchildren.
  void build_three_generations(int cap) {
    const int age = ages_.sample(52, 95, rng_);
    const Sex sex = rng_.bp(7500) ? Sex::kMale : Sex::kFemale;
    const int h = add_adult(Role::kHead, sex, age, "戶長");
    int budget = cap - 1;
    int s = -1;
    if (budget >= 3 && rng_.bp(8500)) {
      s = add_spouse(h, Role::kSpouse, "配偶");
      --budget;
    }
    const int f = sex == Sex::kMale ? h : s;
    const int m = sex == Sex::kMale ? s : h;
    // The married child: usually a son (傳統 patrilocal), sometimes a daughter with 女婿.
    const size_t first = members_.size();
    if (s >= 0) {
      add_children(f, m, 1, 1, Role::kChild, 62);
    } else {
      // Widowed or divorced head: the other parent is outside the household.
      const int ghost = add_spouse(h, Role::kGhost, "");
      add_children(sex == Sex::kMale ? h : ghost, sex == Sex::kMale ? ghost : h, 1, 1, Role::kChild,
                   62);
    }
    if (members_.size() == first || members_.back().ghost()) {
      if (s >= 0) marry(h, s, kNever);
      return;
    }
    const int c = static_cast<int>(members_.size()) - 1;
    if (d(c).age < 22) {
      if (s >= 0) marry(h, s, earliest_child_birth(h));
      return;
    }
    --budget;
    // This child is the one who stayed: mostly the eldest son.
    if (d(c).sex == Sex::kFemale && rng_.bp(7000)) {
      d(c).sex = Sex::kMale;
      name_person(d(c));
    }
    d(c).birth_order = rng_.bp(6000) ? 1 : static_cast<int>(rng_.between(2, 3));
    d(c).relation = child_relation(d(c).sex, d(c).birth_order);
    if (budget >= 1) {
      const int in_law = add_spouse(c, Role::kChildInLaw, d(c).sex == Sex::kMale ? "媳" : "女婿");
      --budget;
      const int gf = d(c).sex == Sex::kMale ? c : in_law;
      const int gm = d(c).sex == Sex::kMale ? in_law : c;
      if (budget > 0 && rng_.bp(8000)) {
        add_children(gf, gm, children_count(), budget, Role::kGrandchild);
      }
      marry(c, in_law, earliest_child_birth(c));
      maybe_naturalised(c, in_law);
    }
    if (s >= 0) {
      marry(h, s, d(c).birth_order == 1 ? d(c).birth : d(c).birth - rng_.between(400, 3000));
      if (age >= 65 && rng_.bp(2500)) {
        d(s).deceased = true;
        d(s).was_head = d(s).sex == Sex::kMale && rng_.bp(6000);
      }
    }
    maybe_emigrate_child();
  }

  void build_siblings(int cap) {
    const int age = ages_.sample(20, 80, rng_);
    const int h = add_adult(Role::kHead, single_sex(age), age, "戶長");
    const int n = cap >= 3 && rng_.bp(2500) ? 2 : 1;
    const size_t first = members_.size() - 1;
    for (int k = 0; k < n; ++k) {
      Draft s;
      s.role = Role::kSibling;
      s.sex = rng_.bp(5000) ? Sex::kMale : Sex::kFemale;
      s.age = ages_.sample(std::max(18, age - 12), std::min(kMaxAge, age + 12), rng_);
      s.birth = birth_for_age(s.age);
      if (s.birth == d(h).birth) s.birth -= 400;
      s.surname = d(h).surname;
      s.father_name = d(h).father_name;
      s.mother_name = d(h).mother_name;
      name_person(s);
      add(std::move(s));
    }
    if (rng_.bp(4000))
      phantoms_.push_back(
          {rng_.bp(5000) ? Sex::kMale : Sex::kFemale, d(h).birth - rng_.between(400, 4000)});
    number_children(first, Role::kSibling);
    phantoms_.clear();
    const Draft& head = d(h);
    for (size_t i = first + 1; i < members_.size(); ++i) {
      Draft& s = members_[i];
      const bool older = s.birth < head.birth;
      s.relation = s.sex == Sex::kMale ? (older ? "兄" : "弟") : (older ? "姊" : "妹");
    }
    d(h).relation = "戶長";
  }

  // Grandparents raising grandchildren (隔代教養): the middle generation lives elsewhere.
  void build_grandparent(int cap) {
    const int age = ages_.sample(55, 90, rng_);
    const Sex sex = rng_.bp(6000) ? Sex::kFemale : Sex::kMale;
    const int h = add_adult(Role::kHead, sex, age, "戶長");
    int budget = cap - 1;
    int s = -1;
    if (budget >= 2 && rng_.bp(5000)) {
      s = add_spouse(h, Role::kSpouse, "配偶");
      --budget;
    }
    // The grandchildren's parents, a child of the head and that child's spouse.
    const int grandfather = sex == Sex::kMale ? h : s;
    Draft parent;
    parent.role = Role::kGhost;
    parent.sex = Sex::kMale;
    parent.age = static_cast<int>(rng_.between(std::max(20, age - 44), std::max(20, age - 20)));
    parent.birth = birth_for_age(parent.age);
    parent.surname = grandfather >= 0 ? d(grandfather).surname : std::string(surname());
    name_person(parent);
    const int p = add(std::move(parent));
    const int other = add_spouse(p, Role::kGhost, "");
    d(p).spouse = other;
    d(other).spouse = p;
    add_children(p, other, rng_.bp(6500) ? 1 : 2, budget, Role::kGrandchild, 25);
    if (s >= 0) {
      marry(h, s, d(p).birth);
      if (age >= 65 && rng_.bp(2000)) {
        d(s).deceased = true;
        d(s).was_head = d(s).sex == Sex::kMale && rng_.bp(6000);
      }
    }
  }

  // About 3% of marriages of the last three decades brought a spouse from abroad who was
  // naturalised and first registered here (新住民).
  void maybe_naturalised(int a, int b) {
    Draft& wife = d(b).sex == Sex::kFemale ? d(b) : d(a);
    if (wife.sex != Sex::kFemale || wife.role == Role::kHead || wife.role == Role::kGhost) return;
    if (d(a).sex == d(b).sex) return;
    if (wife.marriage < day_of(1992, 1, 1) || wife.marriage > today_ - 3 * 365) return;
    if (!rng_.bp(300)) return;
    wife.foreign_origin = static_cast<int>(foreign_weights_.pick(rng_));
    if (std::string_view(kForeignOrigins[wife.foreign_origin].name) == "越南") {
      wife.surname = kVietnameseSurnames[rng_.below(std::size(kVietnameseSurnames))];
      name_person(wife);
    }
    wife.father_name = wife.surname + given_name(Sex::kMale, add_years(wife.birth, -30));
    wife.first_registration = std::min(today_ - 5, wife.marriage + rng_.between(2 * 365, 6 * 365));
    wife.indigenous = "";
  }

  void maybe_emigrate_child() {
    for (auto& m : members_) {
      if (m.role == Role::kChild && m.age >= 22 && m.age <= 45 && rng_.bp(150)) m.emigrates = true;
    }
  }

  void make_indigenous() {
    const char* tribe = kTribes[tribe_weights_.pick(rng_)].name;
    for (auto& m : members_) {
      if (m.ghost() || m.foreign_origin >= 0) continue;
      const bool by_blood = m.role == Role::kHead || m.role == Role::kChild ||
                            m.role == Role::kParent || m.role == Role::kSibling ||
                            m.role == Role::kGrandchild;
      if (by_blood || rng_.bp(4000)) m.indigenous = tribe;
    }
  }

  // ---- timeline, ID numbers, events, emission

  std::string place_from(int district, int64_t on) const {
    const OtherOffice& dist = offices_[static_cast<size_t>(district)];
    if (!dist.old_county.empty() && on < changed_[static_cast<size_t>(dist.county)]) {
      return dist.old_county + dist.old_name;
    }
    return kCounties[dist.county].name + dist.name;
  }

  int pick_origin() { return static_cast<int>(origin_weights_.pick(rng_)); }

  // Birth county (with its historic variant) and the office that registered the birth.
  void place_birth(Draft& p, int county) {
    const CountyInfo& c = kCounties[county];
    p.birth_county = county;
    p.old_county =
        c.old_name && p.birth < changed_[static_cast<size_t>(county)] && rng_.bp(c.old_share_bp);
    if (county == area_.county && rng_.bp(2500)) {
      p.birth_office = kHere;
      return;
    }
    const size_t variant = p.old_county ? 1 : 0;
    const auto& list = birth_office_list_[static_cast<size_t>(county)][variant];
    p.birth_office = list[birth_offices_[static_cast<size_t>(county)][variant].pick(rng_)];
  }

  // Born in `district`'s area, registered by its office.
  void place_birth_at(Draft& p, int district) {
    const OtherOffice& dist = offices_[static_cast<size_t>(district)];
    const CountyInfo& c = kCounties[dist.county];
    p.birth_county = dist.county;
    p.old_county = !dist.old_county.empty() && c.old_name && dist.old_county == c.old_name &&
                   p.birth < changed_[static_cast<size_t>(dist.county)];
    p.birth_office = district;
  }

  const char* birth_county_name(const Draft& p) const {
    const CountyInfo& c = kCounties[p.birth_county];
    return p.old_county ? c.old_name : c.name;
  }

  char birth_letter(const Draft& p) const {
    const CountyInfo& c = kCounties[p.birth_county];
    return p.old_county ? c.old_letter : c.letter;
  }

  const std::string& office_code(int district) const {
    return district == kHere ? area_.office.code : offices_[static_cast<size_t>(district)].code;
  }

  int64_t lag(int64_t on, int lo, int hi) { return std::min(today_, on + rng_.between(lo, hi)); }

  Event& add_event(EventType type, int subject, int64_t on, int64_t registered, int office) {
    Event& e = events_.emplace_back();
    e.type = type;
    e.subject_id = d(subject).id;
    e.household_no = household_no_;
    e.event_date = Date::from_days_since_epoch(on);
    e.registered_on = Date::from_days_since_epoch(std::max(on, registered));
    e.office_code = office_code(office);
    return e;
  }

  void finish(Founding founding) {
    const int64_t T = today_;
    const int n = static_cast<int>(members_.size());

    // 1. The founding date D0: someone of the founding generation had turned 18; recent
    //    years are more likely than distant ones.
    int64_t eldest = T;
    for (const auto& m : members_) {
      if (m.ghost() || m.role == Role::kSpouse || m.role == Role::kChildInLaw) continue;
      eldest = std::min(eldest, m.birth);
    }
    const int64_t hi0 = T - 5;
    int64_t lo0 = std::max(add_years(eldest, 18), add_years(T, -60));
    if (founding == Founding::kExOfficio) lo0 = std::max(lo0, add_years(T, -6));
    lo0 = std::min(lo0, hi0);
    const uint64_t span = static_cast<uint64_t>(hi0 - lo0) + 1;
    const uint32_t u1 = rng_.below(span);
    const uint32_t u2 = rng_.below(span);
    const int64_t d0 = hi0 - static_cast<int64_t>(std::min(u1, u2));
    const int x = pick_origin();

    // 2. Who came when, eldest first so that parents are placed before their children.
    order_.clear();
    for (int i = 0; i < n; ++i) order_.push_back(i);
    std::stable_sort(order_.begin(), order_.end(),
                     [this](int a, int b) { return d(a).birth < d(b).birth; });
    for (int i : order_) {
      Draft& p = d(i);
      if (p.ghost()) continue;
      const bool by_marriage = p.role == Role::kSpouse || p.role == Role::kChildInLaw;
      if (by_marriage && p.marriage > d0) {
        p.marries_in = true;
        p.arrival = std::min(T - 3, p.marriage + rng_.between(0, 60));
        p.origin = pick_origin();
      } else if (p.birth < d0) {
        p.arrival = d0;
        p.origin = x;
      } else {
        bool parent_here = false;
        for (int par : {p.father, p.mother}) {
          if (par >= 0 && !d(par).ghost() && d(par).arrival != kNever &&
              d(par).arrival <= p.birth) {
            parent_here = true;
          }
        }
        if (parent_here) {
          p.born_here = true;
          p.arrival = p.birth;
        } else {
          p.arrival = std::min(T - 3, p.birth + rng_.between(30, 1000));
          p.origin = pick_origin();
        }
      }
      if (p.foreign_origin >= 0) {
        if (p.first_registration >= d0) {
          p.arrival = p.first_registration;
          p.marries_in = false;
          p.origin = kHere;
        } else {
          p.arrival = std::max(p.arrival, p.first_registration + rng_.between(1, 200));
          p.arrival = std::min(p.arrival, T - 3);
        }
      }
    }

    // 3. Birthplaces.
    for (int i = 0; i < n; ++i) {
      Draft& p = d(i);
      if (p.ghost() || p.foreign_origin >= 0) continue;
      if (p.born_here) {
        p.birth_county = area_.county;
        p.birth_office = kHere;
        continue;
      }
      // Whoever grew up in this family was born where it lived before moving here.
      const bool child = p.role == Role::kChild || p.role == Role::kGrandchild ||
                         (p.father >= 0 && !d(p.father).ghost()) ||
                         (p.mother >= 0 && !d(p.mother).ghost());
      const int origin = p.origin == kHere ? x : p.origin;
      if (founding == Founding::kSplit) {
        // Grew up in the district, in their parents' household.
        place_birth(p, area_.county);
        if (rng_.bp(6000)) p.birth_office = kHere;
      } else if (child) {
        place_birth_at(p, origin);  // born where the family lived before moving here
      } else if (rng_.bp(3000)) {
        place_birth(p, offices_[static_cast<size_t>(origin)].county);
      } else {
        place_birth(p, static_cast<int>(county_weights_.pick(rng_)));
      }
    }

    // 4. Deaths, emigration, head changes, name changes.
    for (int i = 0; i < n; ++i) {
      Draft& p = d(i);
      if (p.ghost()) continue;
      if (p.deceased) {
        int64_t lo = std::max({p.arrival, p.marriage, p.first_registration, p.birth}) + 30;
        for (const auto& m : members_) {
          if (m.father == i || m.mother == i) lo = std::max(lo, m.birth + 30);
        }
        if (p.spouse >= 0) lo = std::max(lo, d(p.spouse).arrival + 30);
        const int64_t hi = T - 5;
        if (lo > hi || (i == 0 && real_ > 1)) {
          p.deceased = false;
        } else {
          const int64_t from = std::max(lo, add_years(T, -15));
          p.death = rng_.between(std::min(from, hi), hi);
        }
      }
      if (p.emigrates) {
        const int64_t lo = std::max(p.arrival, add_years(p.birth, 20));
        if (lo > T - 5) {
          p.emigrates = false;
        } else {
          p.emigration = rng_.between(lo, T - 5);
        }
      }
      if (!p.removed() && p.age >= 20 && rng_.bp(80)) {
        const int64_t lo = std::max(p.arrival, add_years(p.birth, 20));
        if (lo <= T - 5) {
          p.name_change = rng_.between(lo, T - 5);
          p.old_given = p.given;
          for (int attempt = 0; attempt < 4 && p.old_given == p.given; ++attempt) {
            p.old_given = given_name(p.sex, p.birth);
          }
          if (p.old_given == p.given) p.name_change = kNever;
        }
      }
    }

    // 5. ID numbers.
    for (int i = 0; i < n; ++i) {
      Draft& p = d(i);
      if (p.ghost()) continue;
      char letter;
      if (p.foreign_origin >= 0) {
        const bool here = p.first_registration >= d0;
        letter = kCounties[here ? area_.county : offices_[static_cast<size_t>(x)].county].letter;
      } else {
        letter = birth_letter(p);
      }
      p.id = ids_.next(letter, p.sex);
    }

    // 6. The household record and its plate.
    household_no_ = next_household_no();
    Household h;
    h.household_no = household_no_;
    h.office_code = area_.office.code;
    h.door_plate_id = founding == Founding::kExOfficio ? office_plate_id_ : next_plate();
    h.head_id = d(0).id;
    h.established = Date::from_days_since_epoch(d0);

    // 7. Events.
    events_.clear();
    for (int i = 0; i < n; ++i) {
      Draft& p = d(i);
      if (p.ghost()) continue;
      if (p.foreign_origin >= 0) {
        const bool here = p.first_registration >= d0;
        Event& e = add_event(EventType::kFirstRegistration, i, p.first_registration,
                             lag(p.first_registration, 0, 10), here ? kHere : x);
        e.data.emplace(event_key::kFrom, kForeignOrigins[p.foreign_origin].name);
      } else {
        Event& e = add_event(EventType::kBirth, i, p.birth, lag(p.birth, 3, 50), p.birth_office);
        e.data.emplace(event_key::kPlace, birth_county_name(p));
      }
    }
    for (int i = 0; i < n; ++i) {
      Draft& p = d(i);
      if (p.ghost() || p.born_here) continue;
      if (p.foreign_origin >= 0 && p.first_registration >= d0) continue;
      const int64_t reg = lag(p.arrival, 0, 14);
      if (!p.marries_in && p.arrival == d0 && founding == Founding::kSplit) {
        add_event(EventType::kHouseholdSplit, i, p.arrival, reg, kHere);
      } else if (!p.marries_in && p.arrival == d0 && founding == Founding::kExOfficio) {
        add_event(EventType::kExOfficioMoveIn, i, p.arrival, reg, kHere)
            .data.emplace(event_key::kFrom, place_from(p.origin, p.arrival));
      } else {
        add_event(EventType::kMoveIn, i, p.arrival, reg, kHere)
            .data.emplace(event_key::kFrom, place_from(p.origin, p.arrival));
      }
    }
    for (int i = 0; i < n; ++i) {
      Draft& p = d(i);
      if (p.ghost() || p.marriage == kNever) continue;
      const int partner = p.spouse >= 0 ? p.spouse : p.ex;
      if (partner < 0) continue;
      if (p.spouse >= 0 && !d(p.spouse).ghost() && p.spouse < i) continue;  // written with i's
      const int office = p.marriage >= d0 ? kHere : x;
      const int64_t reg = lag(p.marriage, 0, 30);
      for (int who : {i, partner}) {
        if (d(who).ghost()) continue;
        const int other = who == i ? partner : i;
        Event& e = add_event(EventType::kMarriage, who, p.marriage, reg, office);
        if (!d(other).ghost()) e.data.emplace(event_key::kSpouseId, d(other).id);
        e.data.emplace(event_key::kSpouseName, d(other).name());
      }
      if (p.divorce != kNever) {
        Event& e = add_event(EventType::kDivorce, i, p.divorce, lag(p.divorce, 0, 30),
                             p.divorce >= d0 ? kHere : x);
        e.data.emplace(event_key::kSpouseName, d(partner).name());
        e.data.emplace(event_key::kReason, p.divorce_by_court ? "court" : "agreed");
      }
    }
    for (int i = 0; i < n; ++i) {
      Draft& p = d(i);
      if (p.ghost()) continue;
      if (p.deceased) add_event(EventType::kDeath, i, p.death, lag(p.death, 2, 30), kHere);
      if (p.emigrates) {
        add_event(EventType::kMoveOut, i, p.emigration, lag(p.emigration, 0, 10), kHere)
            .data.emplace(event_key::kTo, "國外");
      }
      if (p.name_change != kNever) {
        Event& e = add_event(EventType::kNameChange, i, p.name_change, p.name_change, kHere);
        e.data.emplace(event_key::kOldName, p.surname + p.old_given);
        e.data.emplace(event_key::kNewName, p.name());
      }
      if (p.was_head) {
        // The head took over from this member: after their death, or handed over in life.
        int64_t on = kNever;
        if (p.deceased) {
          on = std::min(T, p.death + rng_.between(3, 40));
        } else {
          const int64_t lo = std::max({d0, add_years(d(0).birth, 30), d(0).arrival});
          if (lo <= T - 5) on = rng_.between(lo, T - 5);
        }
        if (on != kNever) {
          add_event(EventType::kHeadChange, 0, on, lag(on, 0, 20), kHere)
              .data.emplace(event_key::kOldHeadName, p.name());
        }
      }
    }
    // A move within the district (住址變更) for everyone living here at the time.
    if (rng_.bp(1100) && d0 + 365 <= T - 5) {
      const int64_t on = rng_.between(d0 + 365, T - 5);
      const int64_t reg = lag(on, 0, 14);
      for (int i = 0; i < n; ++i) {
        const Draft& p = d(i);
        if (p.ghost() || p.arrival > on) continue;
        if ((p.deceased && p.death <= on) || (p.emigrates && p.emigration <= on)) continue;
        add_event(EventType::kAddressChange, i, on, reg, kHere);
      }
    }
    std::stable_sort(events_.begin(), events_.end(),
                     [](const Event& a, const Event& b) { return a.event_date < b.event_date; });

    // 8. Persons, in the transcript's order: 戶長, 配偶, 父母, 兄弟姊妹, then children (each
    //    followed by their spouse) and grandchildren, each generation by age.
    auto rank = [this](int i) -> int64_t {
      const Draft& p = d(i);
      switch (p.role) {
        case Role::kHead:
          return 0;
        case Role::kSpouse:
          return 1;
        case Role::kParent:
          return 2;
        case Role::kSibling:
          return 3;
        case Role::kChildInLaw:
          return 4 + 2 * (static_cast<int64_t>(d(p.spouse).birth) + (1LL << 32));
        case Role::kChild:
          return 4 + 2 * (static_cast<int64_t>(p.birth) + (1LL << 32)) - 1;
        case Role::kGrandchild:
          return (1LL << 40) + p.birth;
        case Role::kGhost:
          return 1LL << 50;
      }
      return 1LL << 50;
    };
    std::stable_sort(order_.begin(), order_.end(),
                     [&rank](int a, int b) { return rank(a) < rank(b); });
    persons_.clear();
    for (int i : order_) {
      const Draft& p = d(i);
      if (p.ghost()) continue;
      Person& q = persons_.emplace_back();
      q.id_number = p.id;
      q.name = p.name();
      q.sex = p.sex;
      q.birth_date = Date::from_days_since_epoch(p.birth);
      q.birth_place =
          p.foreign_origin >= 0 ? kForeignOrigins[p.foreign_origin].name : birth_county_name(p);
      if (p.father >= 0) {
        if (!d(p.father).ghost()) q.father_id = d(p.father).id;
        q.father_name = d(p.father).name();
      } else {
        q.father_name = p.father_name;
      }
      if (p.mother >= 0) {
        if (!d(p.mother).ghost()) q.mother_id = d(p.mother).id;
        q.mother_name = d(p.mother).name();
      } else {
        q.mother_name = p.mother_name;
      }
      if (p.spouse >= 0 && !d(p.spouse).ghost()) q.spouse_id = d(p.spouse).id;
      q.indigenous = p.indigenous;
      if (p.removed()) {
        q.status = PersonStatus::kRemoved;
        q.removal_reason = p.deceased ? "death" : "emigration";
      } else {
        q.household_no = household_no_;
        ages_.record(p.age);
      }
      q.relation = p.relation;
      q.birth_order = p.birth_order;
    }
    sink_.household(h, persons_, events_);
  }

  // ---- household numbers and door plates

  std::string next_household_no() {
    static constexpr uint64_t kNumbers = 10'000'000;
    if (shared_.national) {
      // The county's letter + 7 digits counting up: unique nationally, and a registration's
      // next number (the largest + 1) is free. No county comes near 10^7 households within
      // load_demo's 30 million persons (新北市, the largest, would hold about 2 million).
      const char letter = kCounties[area_.county].letter;
      const uint32_t n = ++shared_.per_letter[static_cast<size_t>(letter - 'A')];
      char out[9];
      out[0] = letter;
      uint32_t v = n % kNumbers;
      for (int k = 7; k >= 1; --k) {
        out[k] = static_cast<char>('0' + v % 10);
        v /= 10;
      }
      out[8] = '\0';
      return out;
    }
    // "F" + 7 digits, scattered by a bijection of the counter (see IdAllocator).
    const uint64_t i = shared_.households++;
    const uint64_t n = (4'567'891ULL * (i % kNumbers) + household_offset()) % kNumbers;
    std::string out(1, static_cast<char>('F' + i / kNumbers));
    char digits[8];
    uint64_t v = n;
    for (int k = 6; k >= 0; --k) {
      digits[k] = static_cast<char>('0' + v % 10);
      v /= 10;
    }
    out.append(digits, 7);
    return out;
  }

  uint64_t household_offset() const {
    uint64_t s = spec_.seed ^ 0x5EEDULL;
    return splitmix64(s) % 10'000'000;
  }

  // Building slots of one (village, road): 300 numbers on the road itself, then 200 lanes of
  // 120 numbers each plus 8 alleys of 30. Slots are visited ring by ring (the road and lanes
  // 0–19 first, then lanes 20–39 …) and within a ring in an order scattered by an affine
  // bijection: a small population spreads over the street without running up lane numbers
  // no street has, a large one still finds a free slot.
  static constexpr uint32_t kRoadNumbers = 300;
  static constexpr uint32_t kLaneSlots = 120 + 8 * 30;
  static constexpr uint32_t kRingLanes = 20;
  static constexpr uint32_t kRings = 10;
  static constexpr uint32_t kRingSlots = kRingLanes * kLaneSlots;         // 7,200
  static constexpr uint32_t kSlots = kRoadNumbers + kRings * kRingSlots;  // 72,300
  static constexpr uint64_t kSlotStep = 8'893;  // coprime with 7,200 and 7,500

  // The n-th slot visited on a street whose scatter offset is `cursor`.
  static uint32_t slot_of(uint32_t n, uint32_t cursor) {
    uint32_t base = 0, size = kRoadNumbers + kRingSlots;
    while (n >= size) {
      n -= size;
      base += size;
      size = kRingSlots;
    }
    return base + static_cast<uint32_t>((kSlotStep * n + cursor) % size);
  }

  struct Street {
    int sharing = 1;  // villages on this road
    int index = 0;    // this village among them
    uint32_t cursor = 0;
    uint32_t used = 0;
  };

  struct Building {
    core::Address address;            // without floor
    std::vector<std::string> floors;  // "" for the ground floor
    size_t next = 0;
  };

  // Starts a new building at the next free slot of a street; false when the street is full.
  bool new_building(Building& b) {
    for (int attempt = 0; attempt < 64; ++attempt) {
      const int v = static_cast<int>(village_weights_.pick(rng_));
      const auto& roads = area_.villages[static_cast<size_t>(v)].roads;
      size_t r = rng_.below(3);
      while (roads[r] < 0) r = (r + 1) % 3;
      Street& s = streets_[static_cast<size_t>(v)][r];
      if (s.used >= kSlots) continue;
      const uint32_t slot = slot_of(s.used, s.cursor);
      ++s.used;
      const AreaRoad& road = area_.roads[static_cast<size_t>(roads[r])];
      core::Address& a = b.address;
      a.county = area_.office.county;
      a.district = area_.office.district;
      a.village = area_.villages[static_cast<size_t>(v)].name;
      a.road = road.name;
      a.section = road.section;
      a.lane.clear();
      a.alley.clear();
      const uint64_t k = static_cast<uint64_t>(s.sharing);
      const uint64_t j = static_cast<uint64_t>(s.index);
      uint64_t number = 0;
      uint64_t block = 0;  // which stretch of the street, for the 鄰
      if (slot < kRoadNumbers) {
        number = slot * k + j + 1;
        block = slot / 40;
      } else {
        const uint64_t t = slot - kRoadNumbers;
        const uint64_t lane_v = (t / kLaneSlots) * k + j;
        // Lane numbers follow the house number where the lane branches off: increasing,
        // with a little jitter that keeps them distinct.
        const uint64_t lane =
            2 * lane_v + 1 + (hash64(lane_v * 131 + static_cast<uint64_t>(roads[r])) & 1);
        a.lane = std::to_string(lane);
        const uint64_t u = t % kLaneSlots;
        if (u < 120) {
          number = u + 1;
        } else {
          const uint64_t alley = (u - 120) / 30;
          a.alley = std::to_string(alley * 3 + 1 + lane % 3);
          number = (u - 120) % 30 + 1;
        }
        block = 1000 + lane_v;
      }
      a.number = std::to_string(number);
      const uint64_t hs =
          hash64((static_cast<uint64_t>(v) << 40) ^ (static_cast<uint64_t>(r) << 32) ^ slot);
      const bool office_clash =
          roads[r] == area_.office_road && a.lane.empty() && a.number == area_.office_number;
      if (hs % 100 < 4 || office_clash) {
        a.number += "之1";
      } else if (hs % 100 < 6) {
        a.number += "之2";
      }
      const uint64_t nb = hash64((static_cast<uint64_t>(v) << 32) ^
                                 (static_cast<uint64_t>(roads[r]) << 24) ^ block);
      a.neighborhood = std::to_string(
          1 + nb % static_cast<uint64_t>(area_.villages[static_cast<size_t>(v)].neighborhoods));
      // Houses (透天), walk-up apartments (公寓) and elevator buildings (大樓).
      b.floors.clear();
      b.next = 0;
      const uint32_t kind = rng_.below(100);
      if (kind < 12) {
        b.floors.emplace_back();
      } else {
        const int top = kind < 60 ? static_cast<int>(rng_.between(4, 5))
                                  : static_cast<int>(rng_.between(7, 15));
        for (int f = kind < 60 ? 1 : 2; f <= top; ++f) {
          b.floors.push_back(f == 1 ? std::string() : std::to_string(f));
        }
      }
      return true;
    }
    return false;
  }

  void emit_plate(const core::Address& address, const std::string& floor, bool abolished) {
    plate_.id = ++shared_.last_plate_id;
    plate_.office_code = area_.office.code;
    plate_.address = address;
    plate_.address.floor = floor;
    plate_.abolished = abolished;
    sink_.door_plate(plate_);
  }

  // A plate for the next household: usually the next flat of the current building, sometimes
  // one shared with the previous household (一址多戶); about 1 in 11 plates stays vacant, and
  // now and then an abolished plate (廢止門牌) of a demolished house is on the record.
  int64_t next_plate() {
    if (last_used_plate_ > 0 && rng_.bp(250)) return last_used_plate_;
    for (;;) {
      if (building_.next >= building_.floors.size()) {
        if (rng_.bp(60)) {
          Building gone;
          if (new_building(gone)) emit_plate(gone.address, std::string(), true);
        }
        if (!new_building(building_)) {
          // Every street is full (beyond 10^8 persons); reuse the office plate.
          return office_plate_id_;
        }
      }
      emit_plate(building_.address, building_.floors[building_.next++], false);
      if (rng_.bp(900)) continue;  // vacant
      last_used_plate_ = plate_.id;
      return plate_.id;
    }
  }

  const DemoSpec& spec_;
  Shared& shared_;
  PopulationSink& sink_;
  const Area& area_;
  const std::vector<OtherOffice>& offices_;
  Rng rng_;
  IdAllocator& ids_;
  AgeBalancer& ages_;
  const int64_t today_;

  Weighted surname_weights_, county_weights_, origin_weights_, foreign_weights_, tribe_weights_,
      village_weights_;
  std::array<int64_t, kCountyCount> changed_{};
  std::array<std::array<Weighted, 2>, kCountyCount> birth_offices_;
  std::array<std::array<std::vector<int>, 2>, kCountyCount> birth_office_list_;
  std::vector<std::array<Street, 3>> streets_;

  std::vector<Draft> members_;
  std::vector<Phantom> phantoms_;
  std::vector<int> order_;
  int real_ = 0;
  std::vector<Event> events_;
  std::vector<Person> persons_;
  std::string household_no_;

  Building building_;
  DoorPlate plate_;
  int64_t last_used_plate_ = 0;
  int64_t office_plate_id_ = 0;
};

// ------------------------------------------------------------------------------------------
// The demo office's area and the offices its people came from.

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

// "新北市新店戶政事務所": 新北市's offices drop the 區, the others keep the full name.
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
  Generator g(spec, shared, area, elsewhere, spec.seed * 0x9E3779B97F4A7C15ULL + 0x1234567ULL,
              spec.seed);
  g.emit_office_plate();  // plate 1
  g.run_households(spec.persons);
}

// ------------------------------------------------------------------------------------------
// The national scope: every district's area, made up from national.h's names except 文山區's.

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
    remainders.push_back({-(share % total), d});
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
    Generator g(spec, shared, areas[d], elsewhere, rng_seed, street_seed);
    g.emit_office_plate();
    g.run_households(quota[d]);
  }
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

}  // namespace huji::domain::demo
