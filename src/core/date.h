#ifndef HUJI_CORE_DATE_H_
#define HUJI_CORE_DATE_H_

// A civil (proleptic Gregorian) calendar date, stored as ISO and shown in the ROC calendar
// (民國年 = AD year − 1911). Always valid: construct through from_ymd / parse_iso / parse_roc.

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace huji::core {

enum class Weekday { kSunday = 0, kMonday, kTuesday, kWednesday, kThursday, kFriday, kSaturday };

class Date {
 public:
  // 1912-01-01 (民國元年) is a sensible default for an uninitialised date.
  Date() : days_(from_civil(1912, 1, 1)) {}

  // Validates year 1..9999, month 1..12, day within the month.
  static Result<Date> from_ymd(int year, int month, int day);
  // "YYYY-MM-DD", exactly.
  static Result<Date> parse_iso(std::string_view text);
  // ROC forms: "113/05/01", "113-05-01", "1130501" (7 digits), "民國113年5月1日", "113年05月01日".
  static Result<Date> parse_roc(std::string_view text);
  static Date from_days_since_epoch(int64_t days) {
    Date d;
    d.days_ = days;
    return d;
  }

  int year() const;
  int month() const;
  int day() const;
  int roc_year() const { return year() - 1911; }
  Weekday weekday() const;
  int64_t days_since_epoch() const { return days_; }  // 1970-01-01 is 0

  Date add_days(int64_t n) const { return from_days_since_epoch(days_ + n); }
  // Same day n months later, clamped to the month's end (01-31 + 1 month = 02-28/29).
  Date add_months(int n) const;
  Date add_years(int n) const { return add_months(12 * n); }
  int64_t days_until(Date other) const { return other.days_ - days_; }
  // Completed years of age on `on` (a person born 02-29 turns a year older on 03-01).
  int years_until(Date on) const;

  std::string to_iso() const;        // "2024-05-01"
  std::string to_roc() const;        // "民國113年05月01日"
  std::string to_roc_short() const;  // "113年05月01日" (the transcript's 記事 wording)
  std::string to_roc_slash() const;  // "113/05/01"

  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 false positive on a defaulted <=>
  auto operator<=>(const Date&) const = default;

  static int64_t from_civil(int y, int m, int d);
  static bool is_leap_year(int y);
  static int days_in_month(int y, int m);

 private:
  int64_t days_;
};

}  // namespace huji::core

#endif  // HUJI_CORE_DATE_H_
