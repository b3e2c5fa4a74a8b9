#include "core/date.h"

#include <gtest/gtest.h>

#include <string>

#include "core/utf8.h"

namespace huji::core {
namespace {

Date d(const char* iso) { return Date::parse_iso(iso).value(); }

TEST(DateTest, DefaultIsTheFirstDayOfTheRepublic) {
  EXPECT_EQ(Date().to_iso(), "1912-01-01");
  EXPECT_EQ(Date().roc_year(), 1);
  EXPECT_EQ(Date().to_roc(), "民國1年01月01日");
}

TEST(DateTest, ParseIsoAndFormat) {
  Date x = d("2024-05-01");
  EXPECT_EQ(x.year(), 2024);
  EXPECT_EQ(x.month(), 5);
  EXPECT_EQ(x.day(), 1);
  EXPECT_EQ(x.roc_year(), 113);
  EXPECT_EQ(x.to_iso(), "2024-05-01");
  EXPECT_EQ(x.to_roc(), "民國113年05月01日");
  EXPECT_EQ(x.to_roc_short(), "113年05月01日");
  EXPECT_EQ(x.to_roc_slash(), "113/05/01");
  EXPECT_EQ(d("1970-01-01").days_since_epoch(), 0);
  EXPECT_EQ(d("1969-12-31").days_since_epoch(), -1);
  EXPECT_EQ(d("0001-01-01").to_iso(), "0001-01-01");
  EXPECT_EQ(d("9999-12-31").to_iso(), "9999-12-31");
}

TEST(DateTest, ParseIsoRejectsGarbage) {
  const char* bad[] = {
      "",           "2024-5-01",   "2024-05-1",      "20240501",
      "2024/05/01", "2024-05-01 ", " 2024-05-01",    "2024-13-01",
      "2024-00-10", "2024-04-31",  "2023-02-29",     "1900-02-29",
      "0000-01-01", "abcd-ef-gh",  "2024-02-3x",     "+024-05-01",
      "2024-0a-01", "2024-05-011", "２０２４-05-01", "\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8\xf7\xf6",
  };
  for (const char* text : bad) {
    Result<Date> r = Date::parse_iso(text);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.error().code, "date.invalid");
    EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument);
    // Messages quote the input but stay valid UTF-8, even for invalid bytes.
    EXPECT_TRUE(utf8::is_valid(r.error().message_zh)) << text;
    EXPECT_TRUE(utf8::is_valid(r.error().message_en)) << text;
  }
}

TEST(DateTest, ParseRocForms) {
  const std::pair<const char*, const char*> cases[] = {
      {"113/05/01", "2024-05-01"},       {"113-05-01", "2024-05-01"},
      {"113.05.01", "2024-05-01"},       {"113/5/1", "2024-05-01"},
      {"1130501", "2024-05-01"},         {"0990101", "2010-01-01"},
      {"民國113年5月1日", "2024-05-01"}, {"民國113年05月01日", "2024-05-01"},
      {"113年05月01日", "2024-05-01"},   {"民國1130501", "2024-05-01"},
      {"1/1/1", "1912-01-01"},           {"89/02/29", "2000-02-29"},
      {"民國38年12月7日", "1949-12-07"},
  };
  for (const auto& [text, iso] : cases) {
    Result<Date> r = Date::parse_roc(text);
    ASSERT_TRUE(r.ok()) << text;
    EXPECT_EQ(r->to_iso(), iso) << text;
  }
}

TEST(DateTest, ParseRocRejectsGarbage) {
  const char* bad[] = {
      "",         "民國",         "113/05-01",      "0/01/01",   "113/02/30",
      "1130230",  "113年5月",     "113/5/1x",       "113",       "113/",
      "113//01",  "年5月1日",     "民國-1年1月1日", "112/02/29", "113/13/01",
      "11305011", "１１３/05/01", "\xe6\xb0",       "113年5月1", "民國 113年5月1日",
  };
  for (const char* text : bad) {
    Result<Date> r = Date::parse_roc(text);
    ASSERT_FALSE(r.ok()) << text << " → " << r->to_iso();
    EXPECT_EQ(r.error().code, "date.invalid");
    EXPECT_TRUE(utf8::is_valid(r.error().message_zh)) << text;
  }
}

TEST(DateTest, FromYmdValidates) {
  EXPECT_TRUE(Date::from_ymd(2024, 2, 29).ok());
  EXPECT_FALSE(Date::from_ymd(2023, 2, 29).ok());
  EXPECT_FALSE(Date::from_ymd(2024, 0, 1).ok());
  EXPECT_FALSE(Date::from_ymd(2024, 13, 1).ok());
  EXPECT_FALSE(Date::from_ymd(2024, 1, 0).ok());
  EXPECT_FALSE(Date::from_ymd(2024, 1, 32).ok());
  EXPECT_FALSE(Date::from_ymd(0, 1, 1).ok());
  EXPECT_FALSE(Date::from_ymd(10000, 1, 1).ok());
  EXPECT_FALSE(Date::from_ymd(-5, -5, -5).ok());
  EXPECT_EQ(Date::from_ymd(2024, 6, 30).value().to_iso(), "2024-06-30");
}

TEST(DateTest, LeapYears) {
  EXPECT_TRUE(Date::is_leap_year(2000));
  EXPECT_TRUE(Date::is_leap_year(2024));
  EXPECT_TRUE(Date::is_leap_year(1912));
  EXPECT_FALSE(Date::is_leap_year(1900));
  EXPECT_FALSE(Date::is_leap_year(2100));
  EXPECT_FALSE(Date::is_leap_year(2023));
  EXPECT_EQ(Date::days_in_month(2024, 2), 29);
  EXPECT_EQ(Date::days_in_month(2023, 2), 28);
  EXPECT_EQ(Date::days_in_month(2100, 2), 28);
  EXPECT_EQ(Date::days_in_month(2024, 4), 30);
  EXPECT_EQ(Date::days_in_month(2024, 12), 31);
  EXPECT_EQ(d("2024-02-28").add_days(1).to_iso(), "2024-02-29");
  EXPECT_EQ(d("2023-02-28").add_days(1).to_iso(), "2023-03-01");
  EXPECT_EQ(d("2024-01-01").days_until(d("2025-01-01")), 366);
  EXPECT_EQ(d("2023-01-01").days_until(d("2024-01-01")), 365);
}

TEST(DateTest, AddDays) {
  EXPECT_EQ(d("2024-12-31").add_days(1).to_iso(), "2025-01-01");
  EXPECT_EQ(d("2025-01-01").add_days(-1).to_iso(), "2024-12-31");
  EXPECT_EQ(d("2024-01-10").add_days(30).to_iso(), "2024-02-09");
  EXPECT_EQ(d("2024-05-01").add_days(0), d("2024-05-01"));
  EXPECT_EQ(d("2024-05-01").days_until(d("2024-04-01")), -30);
}

TEST(DateTest, AddMonthsClampsToTheMonthEnd) {
  const std::tuple<const char*, int, const char*> cases[] = {
      {"2024-01-31", 1, "2024-02-29"},  {"2023-01-31", 1, "2023-02-28"},
      {"2024-03-31", -1, "2024-02-29"}, {"2024-03-31", 1, "2024-04-30"},
      {"2024-05-15", 0, "2024-05-15"},  {"2024-05-15", 12, "2025-05-15"},
      {"2024-01-15", -1, "2023-12-15"}, {"2024-01-15", -13, "2022-12-15"},
      {"2024-12-31", 2, "2025-02-28"},  {"2024-08-31", -6, "2024-02-29"},
      {"2024-11-30", 3, "2025-02-28"},  {"2024-02-29", 24, "2026-02-28"},
  };
  for (const auto& [from, n, want] : cases) {
    EXPECT_EQ(d(from).add_months(n).to_iso(), want) << from << " + " << n;
  }
  EXPECT_EQ(d("2024-02-29").add_years(1).to_iso(), "2025-02-28");
  EXPECT_EQ(d("2024-02-29").add_years(4).to_iso(), "2028-02-29");
  EXPECT_EQ(d("2024-02-29").add_years(-4).to_iso(), "2020-02-29");
  // Far before year 1 must not crash (month arithmetic uses floor division).
  Date early = d("0001-01-15").add_months(-13);
  EXPECT_EQ(early.month(), 12);
  EXPECT_EQ(early.day(), 15);
}

TEST(DateTest, Weekday) {
  EXPECT_EQ(d("1970-01-01").weekday(), Weekday::kThursday);
  EXPECT_EQ(d("1969-12-31").weekday(), Weekday::kWednesday);
  EXPECT_EQ(d("1969-12-28").weekday(), Weekday::kSunday);
  EXPECT_EQ(d("1912-01-01").weekday(), Weekday::kMonday);
  EXPECT_EQ(d("2024-05-01").weekday(), Weekday::kWednesday);
  EXPECT_EQ(d("2024-02-17").weekday(), Weekday::kSaturday);
  EXPECT_EQ(d("2024-02-10").weekday(), Weekday::kSaturday);
  EXPECT_EQ(d("2025-01-26").weekday(), Weekday::kSunday);
  EXPECT_EQ(d("2000-02-29").weekday(), Weekday::kTuesday);
  EXPECT_EQ(d("0001-01-01").weekday(), Weekday::kMonday);
  // Seven days later is the same weekday, across the epoch.
  for (Date x = d("1969-12-01"); x < d("1970-02-01"); x = x.add_days(1)) {
    EXPECT_EQ(x.add_days(7).weekday(), x.weekday()) << x.to_iso();
  }
}

TEST(DateTest, YearsUntilOnLeapDayBirthdays) {
  const Date born = d("2000-02-29");
  EXPECT_EQ(born.years_until(d("2000-02-29")), 0);
  EXPECT_EQ(born.years_until(d("2001-02-28")), 0);  // not yet: turns 1 on 03-01
  EXPECT_EQ(born.years_until(d("2001-03-01")), 1);
  EXPECT_EQ(born.years_until(d("2004-02-28")), 3);
  EXPECT_EQ(born.years_until(d("2004-02-29")), 4);
  EXPECT_EQ(born.years_until(d("2014-02-28")), 13);  // 14 only from 2014-03-01 (first ID card)
  EXPECT_EQ(born.years_until(d("2014-03-01")), 14);
  EXPECT_EQ(d("1990-05-01").years_until(d("2024-04-30")), 33);
  EXPECT_EQ(d("1990-05-01").years_until(d("2024-05-01")), 34);
  EXPECT_EQ(d("1924-01-01").years_until(d("2024-01-01")), 100);  // centenarian check
  EXPECT_EQ(d("1924-01-02").years_until(d("2024-01-01")), 99);
}

TEST(DateTest, EveryDayRoundTripsThroughIsoAndRoc) {
  for (Date x = d("1912-01-01"); x <= d("2100-12-31"); x = x.add_days(1)) {
    Result<Date> iso = Date::parse_iso(x.to_iso());
    ASSERT_TRUE(iso.ok()) << x.to_iso();
    ASSERT_EQ(*iso, x);
    Result<Date> roc = Date::parse_roc(x.to_roc());
    ASSERT_TRUE(roc.ok()) << x.to_roc();
    ASSERT_EQ(*roc, x);
    ASSERT_EQ(*Date::parse_roc(x.to_roc_slash()), x);
    ASSERT_EQ(*Date::parse_roc(x.to_roc_short()), x);
    ASSERT_EQ(Date::from_days_since_epoch(x.days_since_epoch()), x);
  }
}

TEST(DateTest, Ordering) {
  EXPECT_LT(d("2024-02-28"), d("2024-02-29"));
  EXPECT_GT(d("2025-01-01"), d("2024-12-31"));
  EXPECT_EQ(d("2024-05-01"), Date::from_ymd(2024, 5, 1).value());
}

}  // namespace
}  // namespace huji::core
