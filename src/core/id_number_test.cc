#include "core/id_number.h"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>
#include <string>

namespace huji::core {
namespace {

struct ValidCase {
  const char* input;
  const char* canonical;
  IdKind kind;
  Sex sex;
  bool legacy;
};

// Check digits computed independently from DOMAIN.md §2.
const ValidCase kValid[] = {
    {"A123456789", "A123456789", IdKind::kCitizen, Sex::kMale, false},
    {"F222222222", "F222222222", IdKind::kCitizen, Sex::kFemale, false},
    {"H100000008", "H100000008", IdKind::kCitizen, Sex::kMale, false},
    {"B287654326", "B287654326", IdKind::kCitizen, Sex::kFemale, false},
    {"E120034007", "E120034007", IdKind::kCitizen, Sex::kMale, false},
    {"Z100000002", "Z100000002", IdKind::kCitizen, Sex::kMale, false},
    {"Y220045114", "Y220045114", IdKind::kCitizen, Sex::kFemale, false},  // 陽明山 (historic)
    {"I100000003", "I100000003", IdKind::kCitizen, Sex::kMale, false},    // I is 34
    {"O200000006", "O200000006", IdKind::kCitizen, Sex::kFemale, false},  // O is 35
    {"W199999999", "W199999999", IdKind::kCitizen, Sex::kMale, false},    // W is 32
    {"L122334452", "L122334452", IdKind::kCitizen, Sex::kMale, false},
    {"Q233445560", "Q233445560", IdKind::kCitizen, Sex::kFemale, false},
    {"K111111112", "K111111112", IdKind::kCitizen, Sex::kMale, false},
    {"N212345670", "N212345670", IdKind::kCitizen, Sex::kFemale, false},
    // New-style resident certificates (since 2021-01-02).
    {"A800000014", "A800000014", IdKind::kResident, Sex::kMale, false},
    {"F900123457", "F900123457", IdKind::kResident, Sex::kFemale, false},
    // Legacy two-letter resident numbers (valid until 2030-12-31).
    {"AA00000009", "AA00000009", IdKind::kResident, Sex::kMale, true},
    {"FB12345672", "FB12345672", IdKind::kResident, Sex::kFemale, true},
    {"HC12345676", "HC12345676", IdKind::kResident, Sex::kMale, true},
    {"TD76543211", "TD76543211", IdKind::kResident, Sex::kFemale, true},
    // Normalisation: lower case, surrounding whitespace.
    {"a123456789", "A123456789", IdKind::kCitizen, Sex::kMale, false},
    {"  A123456789 ", "A123456789", IdKind::kCitizen, Sex::kMale, false},
    {"\tf222222222\r\n", "F222222222", IdKind::kCitizen, Sex::kFemale, false},
    {"fb12345672", "FB12345672", IdKind::kResident, Sex::kFemale, true},
};

TEST(IdNumberTest, ParsesValidNumbers) {
  for (const ValidCase& c : kValid) {
    SCOPED_TRACE(c.input);
    Result<IdNumber> r = IdNumber::parse(c.input);
    ASSERT_TRUE(r.ok()) << r.error().code;
    EXPECT_EQ(r->str(), c.canonical);
    EXPECT_EQ(r->kind(), c.kind);
    EXPECT_EQ(r->sex(), c.sex);
    EXPECT_EQ(r->legacy_resident(), c.legacy);
    EXPECT_EQ(r->region_letter(), c.canonical[0]);
    EXPECT_TRUE(IdNumber::is_valid(c.input));
  }
}

struct InvalidCase {
  std::string input;
  const char* code;
};

TEST(IdNumberTest, RejectsInvalidNumbersWithTheRightCode) {
  const InvalidCase cases[] = {
      {"", "id_number.empty"},
      {"   ", "id_number.empty"},
      {"\t\n", "id_number.empty"},
      {"A12345678", "id_number.length"},
      {"A1234567890", "id_number.length"},
      {"A 123456789", "id_number.length"},
      {"A123-456-789", "id_number.length"},
      {"Ａ123456789", "id_number.length"},  // full-width letter is 3 bytes
      {"1123456789", "id_number.letter"},
      {"@123456789", "id_number.letter"},
      {"_123456789", "id_number.letter"},
      {std::string("\0"
                   "123456789",
                   10),
       "id_number.letter"},
      {"AE12345678", "id_number.second_letter"},
      {"AZ12345678", "id_number.second_letter"},
      {"A-23456789", "id_number.second_letter"},
      {"A12345678X", "id_number.digits"},
      {"A1234 6789", "id_number.digits"},
      {"AA1234567Z", "id_number.digits"},
      {"A12345678.", "id_number.digits"},
      {"A023456789", "id_number.sex_digit"},
      {"A323456789", "id_number.sex_digit"},
      {"A523456789", "id_number.sex_digit"},
      {"A723456789", "id_number.sex_digit"},
      {"A123456788", "id_number.checksum"},  // DOMAIN §2
      {"A123456780", "id_number.checksum"},
      {"B123456789", "id_number.checksum"},  // right digits, wrong region letter
      {"A213456789", "id_number.checksum"},  // transposed digits
      {"A800000015", "id_number.checksum"},
      {"AA00000008", "id_number.checksum"},
      {"AB00000009", "id_number.checksum"},  // second letter changes the sum
      // Example numbers often copied from the web that fail the checksum.
      {"A234567890", "id_number.checksum"},
      {"F123456789", "id_number.checksum"},
      {"H223456789", "id_number.checksum"},
  };
  for (const InvalidCase& c : cases) {
    SCOPED_TRACE(c.input);
    Result<IdNumber> r = IdNumber::parse(c.input);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, c.code);
    EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument);
    EXPECT_FALSE(r.error().message_zh.empty());
    EXPECT_FALSE(r.error().message_en.empty());
  }
}

TEST(IdNumberTest, ChecksumMessageSaysWhy) {
  Result<IdNumber> r = IdNumber::parse("A123456788");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message_zh.find("檢查碼錯誤"), std::string::npos);
  EXPECT_NE(r.error().message_en.find("check digit does not match"), std::string::npos);
}

TEST(IdNumberTest, SingleDigitChangesAtOddWeightsAreDetected) {
  // Digits weighted 7, 3 and 1 (and the check digit) are coprime to 10, so any change there
  // breaks the sum. Weights 6, 5, 4 and 2 are not: the checksum cannot catch every typo there,
  // e.g. A123456789 → A123656789 (+2 × 5 = 10) still passes.
  const std::string good = "A123456789";
  for (size_t i : {2u, 6u, 8u, 9u}) {
    for (char d = '0'; d <= '9'; ++d) {
      if (d == good[i]) continue;
      std::string bad = good;
      bad[i] = d;
      EXPECT_FALSE(IdNumber::is_valid(bad)) << bad;
    }
  }
  EXPECT_TRUE(IdNumber::is_valid("A123656789"));
}

TEST(IdNumberTest, MakeRoundTripsForEveryLetterAndFirstDigit) {
  const uint32_t serials[] = {0, 1, 234567, 3456789, 9999999};
  for (char letter = 'A'; letter <= 'Z'; ++letter) {
    for (int first : {1, 2, 8, 9}) {
      for (uint32_t serial : serials) {
        IdNumber id = IdNumber::make(letter, first, serial);
        SCOPED_TRACE(id.str());
        Result<IdNumber> r = IdNumber::parse(id.str());
        ASSERT_TRUE(r.ok()) << r.error().code;
        EXPECT_EQ(*r, id);
        EXPECT_EQ(id.region_letter(), letter);
        EXPECT_EQ(id.kind(), first <= 2 ? IdKind::kCitizen : IdKind::kResident);
        EXPECT_EQ(id.sex(), first == 1 || first == 8 ? Sex::kMale : Sex::kFemale);
        EXPECT_FALSE(id.legacy_resident());
      }
    }
  }
  EXPECT_EQ(IdNumber::make('A', 1, 2345678).str(), "A123456789");
  EXPECT_EQ(IdNumber::make('a', 1, 2345678).str(), "A123456789");
  EXPECT_EQ(IdNumber::make('A', 8, 1).str(), "A800000014");
  EXPECT_EQ(IdNumber::make('H', 1, 0).str(), "H100000008");
}

TEST(IdNumberTest, MakeLegacyRoundTrips) {
  for (char letter = 'A'; letter <= 'Z'; ++letter) {
    for (char second = 'A'; second <= 'D'; ++second) {
      IdNumber id = IdNumber::make_legacy(letter, second, 1234567);
      SCOPED_TRACE(id.str());
      Result<IdNumber> r = IdNumber::parse(id.str());
      ASSERT_TRUE(r.ok()) << r.error().code;
      EXPECT_EQ(*r, id);
      EXPECT_TRUE(id.legacy_resident());
      EXPECT_EQ(id.kind(), IdKind::kResident);
      EXPECT_EQ(id.sex(), second == 'A' || second == 'C' ? Sex::kMale : Sex::kFemale);
    }
  }
  EXPECT_EQ(IdNumber::make_legacy('F', 'B', 1234567).str(), "FB12345672");
}

TEST(IdNumberTest, ExactlyOneCheckDigitIsValid) {
  for (char letter = 'A'; letter <= 'Z'; ++letter) {
    std::string base = std::string(1, letter) + "21234567";
    int valid = 0;
    for (char d = '0'; d <= '9'; ++d) valid += IdNumber::is_valid(base + d) ? 1 : 0;
    EXPECT_EQ(valid, 1) << base;
  }
}

TEST(IdNumberTest, MakeRejectsProgrammerErrors) {
  EXPECT_THROW(IdNumber::make('1', 1, 0), std::invalid_argument);
  EXPECT_THROW(IdNumber::make('A', 3, 0), std::invalid_argument);
  EXPECT_THROW(IdNumber::make('A', 1, 10'000'000), std::invalid_argument);
  EXPECT_THROW(IdNumber::make_legacy('A', 'E', 0), std::invalid_argument);
}

TEST(IdNumberTest, RegionNames) {
  EXPECT_STREQ(IdNumber::region_name('A'), "臺北市");
  EXPECT_STREQ(IdNumber::region_name('B'), "臺中市");
  EXPECT_STREQ(IdNumber::region_name('C'), "基隆市");
  EXPECT_STREQ(IdNumber::region_name('D'), "臺南市");
  EXPECT_STREQ(IdNumber::region_name('E'), "高雄市");
  EXPECT_STREQ(IdNumber::region_name('F'), "新北市");
  EXPECT_STREQ(IdNumber::region_name('G'), "宜蘭縣");
  EXPECT_STREQ(IdNumber::region_name('H'), "桃園市");
  EXPECT_STREQ(IdNumber::region_name('I'), "嘉義市");
  EXPECT_STREQ(IdNumber::region_name('J'), "新竹縣");
  EXPECT_STREQ(IdNumber::region_name('K'), "苗栗縣");
  EXPECT_STREQ(IdNumber::region_name('L'), "臺中縣");
  EXPECT_STREQ(IdNumber::region_name('M'), "南投縣");
  EXPECT_STREQ(IdNumber::region_name('N'), "彰化縣");
  EXPECT_STREQ(IdNumber::region_name('O'), "新竹市");
  EXPECT_STREQ(IdNumber::region_name('P'), "雲林縣");
  EXPECT_STREQ(IdNumber::region_name('Q'), "嘉義縣");
  EXPECT_STREQ(IdNumber::region_name('R'), "臺南縣");
  EXPECT_STREQ(IdNumber::region_name('S'), "高雄縣");
  EXPECT_STREQ(IdNumber::region_name('T'), "屏東縣");
  EXPECT_STREQ(IdNumber::region_name('U'), "花蓮縣");
  EXPECT_STREQ(IdNumber::region_name('V'), "臺東縣");
  EXPECT_STREQ(IdNumber::region_name('W'), "金門縣");
  EXPECT_STREQ(IdNumber::region_name('X'), "澎湖縣");
  EXPECT_STREQ(IdNumber::region_name('Y'), "陽明山管理局");
  EXPECT_STREQ(IdNumber::region_name('Z'), "連江縣");
  EXPECT_STREQ(IdNumber::region_name('a'), "臺北市");
  EXPECT_EQ(IdNumber::region_name('1'), nullptr);
  EXPECT_EQ(IdNumber::region_name('\0'), nullptr);
  EXPECT_EQ(IdNumber::region_name('\xff'), nullptr);
}

TEST(IdNumberTest, OrdersByText) {
  std::set<IdNumber> ids = {IdNumber::make('F', 2, 1), IdNumber::make('A', 1, 2345678),
                            IdNumber::make('A', 1, 2345678)};
  ASSERT_EQ(ids.size(), 2u);
  EXPECT_EQ(ids.begin()->str(), "A123456789");
}

}  // namespace
}  // namespace huji::core
