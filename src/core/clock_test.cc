#include "core/clock.h"

#include <gtest/gtest.h>

namespace huji::core {
namespace {

Date d(int y, int m, int day) { return Date::from_ymd(y, m, day).value(); }

// 2025-06-16 00:00 in Taipei is 2025-06-15 16:00 UTC.
constexpr int64_t kJune16Taipei = 1'750'032'000'000 - int64_t{8} * 3'600'000;

TEST(TaipeiDay, StartsAtMidnightInTaipei) {
  EXPECT_EQ(taipei_day_start_ms(d(2025, 6, 16)), kJune16Taipei);
  EXPECT_EQ(taipei_day_start_ms(d(1970, 1, 1)), -8 * 3'600'000);
}

TEST(TaipeiDay, DateOfAnInstant) {
  EXPECT_EQ(taipei_date_of_ms(kJune16Taipei), d(2025, 6, 16));
  EXPECT_EQ(taipei_date_of_ms(kJune16Taipei - 1), d(2025, 6, 15));
  EXPECT_EQ(taipei_date_of_ms(kJune16Taipei + kDayMs - 1), d(2025, 6, 16));
  EXPECT_EQ(taipei_date_of_ms(kJune16Taipei + kDayMs), d(2025, 6, 17));
  // Before the epoch in UTC+8: floor, not truncation, towards the earlier day.
  EXPECT_EQ(taipei_date_of_ms(-8 * 3'600'000 - 1), d(1969, 12, 31));
}

TEST(TaipeiDay, EveryInstantOfADayMapsBackToIt) {
  for (const Date day : {d(1969, 12, 31), d(2000, 2, 29), d(2024, 12, 31), d(2025, 1, 1)}) {
    const int64_t start = taipei_day_start_ms(day);
    EXPECT_EQ(taipei_date_of_ms(start), day);
    EXPECT_EQ(taipei_date_of_ms(start + kDayMs / 2), day);
    EXPECT_EQ(taipei_date_of_ms(start + kDayMs - 1), day);
    EXPECT_EQ(taipei_date_of_ms(start - 1), day.add_days(-1));
  }
}

TEST(TaipeiDay, ClockTodayIsTheTaipeiDate) {
  ManualClock clock(kJune16Taipei - 1);
  EXPECT_EQ(clock.today_taipei(), d(2025, 6, 15));
  clock.advance_ms(1);
  EXPECT_EQ(clock.today_taipei(), d(2025, 6, 16));
}

}  // namespace
}  // namespace huji::core
