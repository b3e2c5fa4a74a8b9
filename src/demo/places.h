#ifndef HUJI_DEMO_PLACES_H_
#define HUJI_DEMO_PLACES_H_

// Reference data of the demo generator about places: counties as birthplaces (with their
// names and ID letters before a merger), the offices people move into 文山區 from, and
// 文山區's own streets and 43 里.

#include <array>
#include <cstdint>
#include <iterator>

namespace huji::demo {

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
inline constexpr int kTaipeiCounty = 0;
inline constexpr CountyInfo kCounties[] = {
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
inline constexpr int kCountyCount = static_cast<int>(std::size(kCounties));

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
inline constexpr DistrictInfo kDistricts[] = {
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
inline constexpr int kHere = -1;  // district index meaning the demo office itself

inline constexpr const char* kOfficeCode = "63000080";
inline constexpr const char* kCounty = "臺北市";
inline constexpr const char* kDistrict = "文山區";

// Streets of 文山區 (road, section).
struct RoadInfo {
  const char* name;
  const char* section;
};
inline constexpr RoadInfo kRoads[] = {
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
inline constexpr VillageInfo kVillages[] = {
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
inline constexpr int kVillageCount = static_cast<int>(std::size(kVillages));
// The office's own door plate (文山區行政中心), target of 逕遷戶所.
inline constexpr int kOfficeVillage = 29;  // 木新里
inline constexpr const char* kOfficeNumber = "220";

}  // namespace huji::demo

#endif  // HUJI_DEMO_PLACES_H_
