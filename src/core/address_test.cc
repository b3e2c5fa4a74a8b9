#include "core/address.h"

#include <gtest/gtest.h>

#include <random>
#include <set>
#include <string>
#include <vector>

#include "core/admin_divisions.h"
#include "core/id_number.h"

namespace huji::core {
namespace {

// ---- Administrative divisions ---------------------------------------------------------------

TEST(AdminDivisionsTest, Has22CountiesAnd368Districts) {
  size_t districts = 0;
  std::set<char> letters;
  std::set<std::string_view> names;
  for (const County& c : counties()) {
    districts += c.districts.size();
    letters.insert(c.id_letter);
    names.insert(c.name);
  }
  EXPECT_EQ(counties().size(), 22u);
  EXPECT_EQ(names.size(), 22u);
  EXPECT_EQ(letters.size(), 22u);
  EXPECT_EQ(districts, 368u);
}

TEST(AdminDivisionsTest, DistrictCountsPerCounty) {
  const std::pair<const char*, size_t> expected[] = {
      {"臺北市", 12}, {"新北市", 29}, {"桃園市", 13}, {"臺中市", 29}, {"臺南市", 37},
      {"高雄市", 38}, {"宜蘭縣", 12}, {"新竹縣", 13}, {"苗栗縣", 18}, {"彰化縣", 26},
      {"南投縣", 13}, {"雲林縣", 20}, {"嘉義縣", 18}, {"屏東縣", 33}, {"臺東縣", 16},
      {"花蓮縣", 13}, {"澎湖縣", 6},  {"基隆市", 7},  {"新竹市", 3},  {"嘉義市", 2},
      {"金門縣", 6},  {"連江縣", 4},
  };
  for (const auto& [name, count] : expected) {
    const County* c = find_county(name);
    ASSERT_NE(c, nullptr) << name;
    EXPECT_EQ(c->districts.size(), count) << name;
  }
}

TEST(AdminDivisionsTest, IdLettersMatchIdNumberRegions) {
  for (const County& c : counties()) {
    EXPECT_EQ(std::string_view(IdNumber::region_name(c.id_letter)), c.name) << c.id_letter;
  }
}

TEST(AdminDivisionsTest, NoDistrictIsAPrefixOfAnotherInItsCounty) {
  // The address parser relies on this to read the district without backtracking.
  for (const County& c : counties()) {
    std::set<std::string_view> seen;
    for (std::string_view a : c.districts) {
      EXPECT_TRUE(seen.insert(a).second) << c.name << a;
      for (std::string_view b : c.districts) {
        if (a != b) {
          EXPECT_NE(b.substr(0, a.size()), a) << c.name << ": " << a << " / " << b;
        }
      }
    }
  }
}

TEST(AdminDivisionsTest, FindCountyAcceptsTai) {
  ASSERT_NE(find_county("台北市"), nullptr);
  EXPECT_EQ(find_county("台北市")->name, "臺北市");
  EXPECT_EQ(find_county("臺北市")->id_letter, 'A');
  EXPECT_EQ(find_county("台東縣")->name, "臺東縣");
  EXPECT_EQ(find_county("新竹縣")->id_letter, 'J');
  EXPECT_EQ(find_county("新竹市")->id_letter, 'O');
  EXPECT_EQ(find_county("臺北縣"), nullptr);  // became 新北市 in 2010
  EXPECT_EQ(find_county("臺北"), nullptr);
  EXPECT_EQ(find_county(""), nullptr);
  EXPECT_EQ(find_district(*find_county("臺東縣"), "台東市"), "臺東市");
  EXPECT_EQ(find_district(*find_county("雲林縣"), "台西鄉"), "臺西鄉");
  EXPECT_EQ(find_district(*find_county("新竹縣"), "東區"), "");
  EXPECT_EQ(normalize_tai("台灣台北"), "臺灣臺北");
}

// ---- Parsing --------------------------------------------------------------------------------

struct Case {
  const char* input;
  Address want;
};

Address a(const char* county, const char* district, const char* village, const char* nb,
          const char* road, const char* section, const char* lane, const char* alley,
          const char* number, const char* floor) {
  return Address{county, district, village, nb, road, section, lane, alley, number, floor};
}

const Case kCases[] = {
    // Government offices and other public door plates across the 22 counties.
    {"臺北市信義區市府路1號", a("臺北市", "信義區", "", "", "市府路", "", "", "", "1", "")},
    {"新竹市東區中正路120號", a("新竹市", "東區", "", "", "中正路", "", "", "", "120", "")},
    {"彰化縣北斗鎮斗苑路一段97號", a("彰化縣", "北斗鎮", "", "", "斗苑路", "1", "", "", "97", "")},
    {"臺北市大同區昌吉街57號", a("臺北市", "大同區", "", "", "昌吉街", "", "", "", "57", "")},
    {"台北市文山區木柵路三段220號",
     a("臺北市", "文山區", "", "", "木柵路", "3", "", "", "220", "")},
    {"臺北市文山區萬芳里5鄰興隆路三段115巷3弄10之1號5樓之2",
     a("臺北市", "文山區", "萬芳里", "5", "興隆路", "3", "115", "3", "10之1", "5之2")},
    {"高雄市苓雅區四維三路2號", a("高雄市", "苓雅區", "", "", "四維三路", "", "", "", "2", "")},
    {"新北市板橋區中山路一段161號",
     a("新北市", "板橋區", "", "", "中山路", "1", "", "", "161", "")},
    {"桃園市桃園區縣府路1號", a("桃園市", "桃園區", "", "", "縣府路", "", "", "", "1", "")},
    {"臺中市西屯區臺灣大道三段99號",
     a("臺中市", "西屯區", "", "", "臺灣大道", "3", "", "", "99", "")},
    {"臺南市安平區永華路二段6號", a("臺南市", "安平區", "", "", "永華路", "2", "", "", "6", "")},
    {"基隆市中正區義一路1號", a("基隆市", "中正區", "", "", "義一路", "", "", "", "1", "")},
    {"嘉義市東區中山路199號", a("嘉義市", "東區", "", "", "中山路", "", "", "", "199", "")},
    {"新竹縣竹北市光明六路10號", a("新竹縣", "竹北市", "", "", "光明六路", "", "", "", "10", "")},
    {"苗栗縣苗栗市府前路1號", a("苗栗縣", "苗栗市", "", "", "府前路", "", "", "", "1", "")},
    {"彰化縣彰化市中山路二段416號",
     a("彰化縣", "彰化市", "", "", "中山路", "2", "", "", "416", "")},
    {"南投縣南投市中興路660號", a("南投縣", "南投市", "", "", "中興路", "", "", "", "660", "")},
    {"雲林縣斗六市雲林路二段515號",
     a("雲林縣", "斗六市", "", "", "雲林路", "2", "", "", "515", "")},
    {"嘉義縣朴子市光復路35號", a("嘉義縣", "朴子市", "", "", "光復路", "", "", "", "35", "")},
    {"屏東縣屏東市自由路527號", a("屏東縣", "屏東市", "", "", "自由路", "", "", "", "527", "")},
    {"宜蘭縣宜蘭市縣政北路1號", a("宜蘭縣", "宜蘭市", "", "", "縣政北路", "", "", "", "1", "")},
    {"花蓮縣花蓮市府前路17號", a("花蓮縣", "花蓮市", "", "", "府前路", "", "", "", "17", "")},
    {"臺東縣臺東市中山路276號", a("臺東縣", "臺東市", "", "", "中山路", "", "", "", "276", "")},
    {"澎湖縣馬公市治平路32號", a("澎湖縣", "馬公市", "", "", "治平路", "", "", "", "32", "")},
    {"金門縣金城鎮民生路60號", a("金門縣", "金城鎮", "", "", "民生路", "", "", "", "60", "")},
    {"連江縣南竿鄉介壽村1鄰76號", a("連江縣", "南竿鄉", "介壽村", "1", "", "", "", "", "76", "")},
    {"臺北市中正區重慶南路一段122號",
     a("臺北市", "中正區", "", "", "重慶南路", "1", "", "", "122", "")},
    {"臺北市中正區凱達格蘭大道1號",
     a("臺北市", "中正區", "", "", "凱達格蘭大道", "", "", "", "1", "")},
    {"臺北市中山區林森北路511號", a("臺北市", "中山區", "", "", "林森北路", "", "", "", "511", "")},
    {"新北市新店區北新路三段200號",
     a("新北市", "新店區", "", "", "北新路", "3", "", "", "200", "")},
    {"臺北市大安區忠孝東路四段216巷27弄3號",
     a("臺北市", "大安區", "", "", "忠孝東路", "4", "216", "27", "3", "")},
    {"高雄市鳳山區光復路二段132號",
     a("高雄市", "鳳山區", "", "", "光復路", "2", "", "", "132", "")},
    {"臺中市中區中山路1號", a("臺中市", "中區", "", "", "中山路", "", "", "", "1", "")},
    // 市, 里 and 村 inside road names; districts whose names contain 里 or 市.
    {"臺中市西屯區市政路386號", a("臺中市", "西屯區", "", "", "市政路", "", "", "", "386", "")},
    {"臺中市西區美村路一段99號", a("臺中市", "西區", "", "", "美村路", "1", "", "", "99", "")},
    {"臺中市大里區新村路1號", a("臺中市", "大里區", "", "", "新村路", "", "", "", "1", "")},
    {"屏東縣里港鄉里港路3號", a("屏東縣", "里港鄉", "", "", "里港路", "", "", "", "3", "")},
    {"新北市萬里區瑪鋉路221號", a("新北市", "萬里區", "", "", "瑪鋉路", "", "", "", "221", "")},
    {"南投縣埔里鎮中山路三段5號", a("南投縣", "埔里鎮", "", "", "中山路", "3", "", "", "5", "")},
    {"花蓮縣玉里鎮中山路一段1號", a("花蓮縣", "玉里鎮", "", "", "中山路", "1", "", "", "1", "")},
    {"臺南市新市區中興街3號", a("臺南市", "新市區", "", "", "中興街", "", "", "", "3", "")},
    {"臺東縣太麻里鄉泰和村泰和路1號",
     a("臺東縣", "太麻里鄉", "泰和村", "", "泰和路", "", "", "", "1", "")},
    {"嘉義縣阿里山鄉中正村2鄰55號",
     a("嘉義縣", "阿里山鄉", "中正村", "2", "", "", "", "", "55", "")},
    {"新竹市北區中正路1號", a("新竹市", "北區", "", "", "中正路", "", "", "", "1", "")},
    {"新北市三重區重新路一段2號之3",
     a("新北市", "三重區", "", "", "重新路", "1", "", "", "2之3", "")},
    {"高雄市前鎮區成功二路25號3樓",
     a("高雄市", "前鎮區", "", "", "成功二路", "", "", "", "25", "3")},
    {"臺北市萬華區大理街132號", a("臺北市", "萬華區", "", "", "大理街", "", "", "", "132", "")},
    // Normalisation: 台, full-width and Chinese numerals, 號之, 地下, F, spaces, postal codes.
    {"台東縣台東市中山路２７６號", a("臺東縣", "臺東市", "", "", "中山路", "", "", "", "276", "")},
    {"雲林縣台西鄉中山路1號", a("雲林縣", "臺西鄉", "", "", "中山路", "", "", "", "1", "")},
    {"臺北市中正區重慶南路一段一二二號",
     a("臺北市", "中正區", "", "", "重慶南路", "1", "", "", "122", "")},
    {"臺北市文山區萬芳里十二鄰興隆路三段一百零五號",
     a("臺北市", "文山區", "萬芳里", "12", "興隆路", "3", "", "", "105", "")},
    {"臺中市西屯區臺灣大道十段1號",
     a("臺中市", "西屯區", "", "", "臺灣大道", "10", "", "", "1", "")},
    {"臺北市信義區市府路10號之1", a("臺北市", "信義區", "", "", "市府路", "", "", "", "10之1", "")},
    {"臺北市信義區市府路10-1號", a("臺北市", "信義區", "", "", "市府路", "", "", "", "10之1", "")},
    {"臺北市信義區市府路10號之1 5樓",
     a("臺北市", "信義區", "", "", "市府路", "", "", "", "10之1", "5")},
    {"臺北市信義區市府路1號地下1樓",
     a("臺北市", "信義區", "", "", "市府路", "", "", "", "1", "B1")},
    {"臺北市信義區市府路1號地下一樓之3",
     a("臺北市", "信義區", "", "", "市府路", "", "", "", "1", "B1之3")},
    {"臺北市信義區市府路1號B2", a("臺北市", "信義區", "", "", "市府路", "", "", "", "1", "B2")},
    {"臺北市信義區市府路1號12F", a("臺北市", "信義區", "", "", "市府路", "", "", "", "1", "12")},
    {"臺北市信義區市府路1號5之2樓",
     a("臺北市", "信義區", "", "", "市府路", "", "", "", "1", "5之2")},
    {"臺北市信義區市府路1號十樓", a("臺北市", "信義區", "", "", "市府路", "", "", "", "1", "10")},
    {" 臺北市 信義區 市府路 1號 ", a("臺北市", "信義區", "", "", "市府路", "", "", "", "1", "")},
    {"臺北市　信義區　市府路１號", a("臺北市", "信義區", "", "", "市府路", "", "", "", "1", "")},
    {"110臺北市信義區市府路1號", a("臺北市", "信義區", "", "", "市府路", "", "", "", "1", "")},
    {"11008 臺北市信義區市府路1號", a("臺北市", "信義區", "", "", "市府路", "", "", "", "1", "")},
    {"臺北市信義區市府路001號", a("臺北市", "信義區", "", "", "市府路", "", "", "", "1", "")},
};

TEST(AddressTest, ParsesRealShapedAddresses) {
  int checked = 0;
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.input);
    Result<Address> r = Address::parse(c.input);
    ASSERT_TRUE(r.ok()) << r.error().code << " " << r.error().message_zh;
    EXPECT_EQ(r->county, c.want.county);
    EXPECT_EQ(r->district, c.want.district);
    EXPECT_EQ(r->village, c.want.village);
    EXPECT_EQ(r->neighborhood, c.want.neighborhood);
    EXPECT_EQ(r->road, c.want.road);
    EXPECT_EQ(r->section, c.want.section);
    EXPECT_EQ(r->lane, c.want.lane);
    EXPECT_EQ(r->alley, c.want.alley);
    EXPECT_EQ(r->number, c.want.number);
    EXPECT_EQ(r->floor, c.want.floor);
    // Whatever the input looked like, its canonical form parses back to the same value.
    Result<Address> again = Address::parse(r->format());
    ASSERT_TRUE(again.ok()) << r->format();
    EXPECT_EQ(*again, *r) << r->format();
    ++checked;
  }
  EXPECT_GE(checked, 60);
}

TEST(AddressTest, CanonicalTextRoundTrips) {
  const char* canonical[] = {
      "臺北市文山區萬芳里5鄰興隆路三段115巷3弄10之1號5樓之2",
      "臺北市信義區市府路1號",
      "新竹市東區中正路120號",
      "彰化縣北斗鎮斗苑路一段97號",
      "臺北市大同區昌吉街57號",
      "臺北市文山區木柵路三段220號",
      "臺中市西屯區臺灣大道十段1號",
      "臺中市西屯區臺灣大道二十一段1號",
      "臺北市大安區忠孝東路四段216巷27弄3號地下1樓",
      "臺北市大安區忠孝東路四段216巷27弄3號地下2樓之1",
      "嘉義縣阿里山鄉中正村2鄰55號",
      "連江縣南竿鄉介壽村1鄰76號",
      "臺東縣太麻里鄉泰和村泰和路1號",
      "新北市三重區重新路一段2之3號12樓",
      "臺中市西區美村路一段99號",
      "屏東縣里港鄉里港路3號",
  };
  for (const char* text : canonical) {
    Result<Address> r = Address::parse(text);
    ASSERT_TRUE(r.ok()) << text << ": " << r.error().code;
    EXPECT_EQ(r->format(), text);
  }
}

// Found by address_fuzz: a space inside a name used to change where the village ended, so the
// canonical text (which has no spaces) parsed differently. Spaces are now dropped first.
TEST(AddressTest, SpacesDoNotChangeTheParse) {
  const std::pair<const char*, const char*> cases[] = {
      {"臺中市西區美村二路美村　路1號", "臺中市西區美村二路美村路1號"},
      {"臺北市 文山區 萬芳 里 5 鄰 興隆路 三 段 1 號", "臺北市文山區萬芳里5鄰興隆路三段1號"},
      {"臺北市信義區市府路10號之1  2樓", "臺北市信義區市府路10之1號2樓"},
  };
  for (const auto& [input, canonical] : cases) {
    Result<Address> r = Address::parse(input);
    ASSERT_TRUE(r.ok()) << input << ": " << r.error().code;
    EXPECT_EQ(r->format(), canonical);
    Result<Address> again = Address::parse(canonical);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again, *r);
  }
  EXPECT_EQ(Address::parse("臺北市信義區市府路1 2號").error().code, "address.number");
}

TEST(AddressTest, RoadNamesAreBounded) {
  EXPECT_TRUE(Address::parse("臺北市中正區凱達格蘭大道1號").ok());
  Result<Address> r = Address::parse("臺北市信義區市府路市府路市府路市府路市府路1號");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "address.number");
}

TEST(AddressTest, FormatPrintsSectionInChineseAndTheRestInDigits) {
  Address x;
  x.county = "臺北市";
  x.district = "文山區";
  x.village = "萬芳里";
  x.neighborhood = "5";
  x.road = "興隆路";
  x.section = "3";
  x.lane = "115";
  x.alley = "3";
  x.number = "10之1";
  x.floor = "5之2";
  EXPECT_EQ(x.format(), "臺北市文山區萬芳里5鄰興隆路三段115巷3弄10之1號5樓之2");
  x.section = "12";
  x.floor = "B1";
  EXPECT_EQ(x.format(), "臺北市文山區萬芳里5鄰興隆路十二段115巷3弄10之1號地下1樓");
  EXPECT_EQ(Address{}.format(), "");  // never crashes, even on an empty value
}

struct Rejection {
  std::string input;
  const char* code;
};

TEST(AddressTest, RejectsGarbageWithTheRightCode) {
  const Rejection cases[] = {
      {"", "address.empty"},
      {"   ", "address.empty"},
      {"　", "address.empty"},
      {std::string(201, 'x'), "address.too_long"},
      {std::string(67, 'x') + "臺北市信義區市府路1號" + std::string(110, ' '), "address.too_long"},
      {"\xff\xfe", "address.encoding"},
      {"臺北市\xe5", "address.encoding"},        // truncated 3-byte sequence
      {"\xc0\xaf", "address.encoding"},          // overlong '/'
      {"\xed\xa0\x80", "address.encoding"},      // UTF-16 surrogate
      {"\xf4\x90\x80\x80", "address.encoding"},  // above U+10FFFF
      {"信義區市府路1號", "address.county"},
      {"台灣省臺北市信義區市府路1號", "address.county"},
      {"臺北縣板橋區中山路一段161號", "address.county"},
      {"Taipei City", "address.county"},
      {"110", "address.county"},
      {"臺北市板橋區中山路1號", "address.district"},
      {"臺北市", "address.district"},
      {"新竹縣東區中正路120號", "address.district"},
      {"臺中市豐原鎮中正路1號", "address.district"},
      {"臺北市信意區市府路1號", "address.district"},
      {"臺北市信義區1號", "address.road"},
      {"臺北市信義區萬芳里1號", "address.road"},
      {"臺北市信義區", "address.road"},
      {"臺北市信義區市府路", "address.number"},
      {"臺北市信義區市府路一段", "address.number"},
      {"臺北市信義區市府路0號", "address.number"},
      {"臺北市信義區市府路號", "address.number"},
      {"臺北市信義區市府路123456號", "address.number"},
      {"臺北市信義區市府路1之號", "address.number"},
      {"臺北市信義區市府路十二三號", "address.number"},
      {"臺北市信義區市府路1號ABC", "address.trailing"},
      {"臺北市信義區市府路1號5", "address.trailing"},
      {"臺北市信義區市府路1號5樓503室", "address.trailing"},
      {"臺北市信義區市府路1號1號", "address.trailing"},
      {"臺北市信義區市府路1號5樓之", "address.trailing"},
      {"臺北市大安區新生南路三段一段號外", "address.number"},
  };
  for (const Rejection& c : cases) {
    SCOPED_TRACE(c.input);
    Result<Address> r = Address::parse(c.input);
    ASSERT_FALSE(r.ok()) << r->format();
    EXPECT_EQ(r.error().code, c.code) << r.error().message_zh;
    EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument);
    EXPECT_FALSE(r.error().message_zh.empty());
    EXPECT_FALSE(r.error().message_en.empty());
  }
}

TEST(AddressTest, ErrorMessagesSayWhy) {
  Result<Address> r = Address::parse("臺北市板橋區中山路1號");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message_zh.find("臺北市沒有「板橋區"), std::string::npos)
      << r.error().message_zh;
  EXPECT_NE(r.error().message_en.find("臺北市 has no township or district"), std::string::npos);
  r = Address::parse("臺北市信義區市府路1號5樓503室");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message_zh.find("503室"), std::string::npos) << r.error().message_zh;
}

TEST(AddressTest, EveryDistrictOfEveryCountyParses) {
  for (const County& c : counties()) {
    for (std::string_view d : c.districts) {
      const std::string text = std::string(c.name) + std::string(d) + "中正路1號";
      Result<Address> r = Address::parse(text);
      ASSERT_TRUE(r.ok()) << text << ": " << r.error().code;
      EXPECT_EQ(r->district, d);
      EXPECT_EQ(r->format(), text);
    }
  }
}

// A deterministic stand-in for the fuzzer: addresses assembled from random choices per part,
// then randomly mutated, never crash, and whatever parses round-trips through format().
TEST(AddressTest, RandomAddressesRoundTrip) {
  const std::vector<std::vector<std::string>> slots = {
      {"", "110", "11008 "},
      {"臺北市信義區", "台北市文山區", "新竹縣竹北市", "新竹市東區", "彰化縣彰化市",
       "嘉義縣阿里山鄉", "臺東縣太麻里鄉", "台東縣台東市", "高雄市鳳山區", "臺北縣板橋區",
       "新竹縣東區", "臺中市中區"},
      {"", "", "萬芳里", "新村", "中正村", "里", "光明里民"},
      {"", "", "5鄰", "十二鄰", "０鄰", "鄰"},
      {"", "市府路", "興隆路", "新村路", "里港路", "臺灣大道", "大路街", "美村路", "中華一路"},
      {"", "", "三段", "3段", "十段", "二十一段", "一百段", "段"},
      {"", "", "115巷", "一一五巷", "巷"},
      {"", "", "3弄", "三弄"},
      {"1號", "10之1號", "10號之1", "10-1號", "一百零五號", "號", "0號", "１２號", "99999號"},
      {"", "", "5樓", "5樓之2", "5之2樓", "地下1樓", "B1", "12F", "十樓", "樓", "5", "503室"},
  };
  const std::vector<std::string> noise = {"之", "號", "樓",   "路", "里",   "村", " ",  "-",
                                          "1",  "一", "\xe5", "x",  "地下", "B",  "〇", "百"};
  std::mt19937 rng(20240501);
  auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
  int parsed = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    for (const auto& options : slots) {
      text += options[pick(options.size())];
      if (pick(10) == 0) text += noise[pick(noise.size())];
    }
    Result<Address> r = Address::parse(text);
    if (!r.ok()) continue;
    ++parsed;
    Result<Address> again = Address::parse(r->format());
    ASSERT_TRUE(again.ok()) << text << " → " << r->format() << ": " << again.error().code;
    ASSERT_EQ(*again, *r) << text << " → " << r->format();
    ASSERT_EQ(again->format(), r->format());
  }
  EXPECT_GT(parsed, 1000);
}

}  // namespace
}  // namespace huji::core
