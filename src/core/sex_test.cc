#include "core/sex.h"

#include <gtest/gtest.h>

#include "core/id_number.h"

namespace huji::core {
namespace {

TEST(Sex, CodeRoundTrips) {
  for (Sex s : {Sex::kMale, Sex::kFemale}) EXPECT_EQ(sex_from_code(sex_code(s)), s);
  EXPECT_STREQ(sex_code(Sex::kMale), "M");
  EXPECT_STREQ(sex_code(Sex::kFemale), "F");
}

TEST(Sex, OnlyMAndFAreCodes) {
  for (const char* bad : {"", "m", "f", "X", "MF", "1", "2"}) {
    EXPECT_EQ(sex_from_code(bad), std::nullopt) << bad;
  }
}

TEST(Sex, IdNumberDigitRoundTrips) {
  for (Sex s : {Sex::kMale, Sex::kFemale}) {
    EXPECT_EQ(IdNumber::make('A', IdNumber::sex_digit(s), 1234567).sex(), s);
  }
}

}  // namespace
}  // namespace huji::core
