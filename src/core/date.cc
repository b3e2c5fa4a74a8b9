#include "core/date.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>

#include "core/utf8.h"

namespace huji::core {
namespace {

// Howard Hinnant's civil-from-days algorithms.
struct Ymd {
  int y, m, d;
};

Ymd civil_from_days(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

Error bad_date(std::string_view text) {
  const std::string t = utf8::quote(text, 32);
  return Error::invalid("date.invalid", "日期格式錯誤或不存在：" + t, "not a valid date: " + t);
}

// Parses a run of ASCII digits starting at pos; advances pos. Returns -1 when none.
int read_int(std::string_view s, size_t& pos, size_t max_digits) {
  size_t start = pos;
  int v = 0;
  while (pos < s.size() && pos - start < max_digits && s[pos] >= '0' && s[pos] <= '9') {
    v = v * 10 + (s[pos] - '0');
    ++pos;
  }
  return pos == start ? -1 : v;
}

bool consume(std::string_view s, size_t& pos, std::string_view lit) {
  if (s.substr(pos, lit.size()) == lit) {
    pos += lit.size();
    return true;
  }
  return false;
}

}  // namespace

int64_t Date::from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + static_cast<unsigned>(d) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool Date::is_leap_year(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int Date::days_in_month(int y, int m) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap_year(y) ? 29 : kDays[static_cast<size_t>(m - 1)];
}

Result<Date> Date::from_ymd(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 ||
      day > days_in_month(year, month)) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return bad_date(buf);
  }
  Date d;
  d.days_ = from_civil(year, month, day);
  return d;
}

Result<Date> Date::parse_iso(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return bad_date(text);
  size_t pos = 0;
  int y = read_int(text, pos, 4);
  if (pos != 4) return bad_date(text);
  pos = 5;
  int m = read_int(text, pos, 2);
  if (pos != 7) return bad_date(text);
  pos = 8;
  int d = read_int(text, pos, 2);
  if (pos != 10 || y < 0 || m < 0 || d < 0) return bad_date(text);
  auto r = from_ymd(y, m, d);
  if (!r.ok()) return bad_date(text);
  return r;
}

Result<Date> Date::parse_roc(std::string_view text) {
  size_t pos = 0;
  consume(text, pos, "民國");
  int y = -1, m = -1, d = -1;
  if (text.size() - pos == 7 &&
      text.find_first_not_of("0123456789", pos) == std::string_view::npos) {
    y = read_int(text, pos, 3);
    m = read_int(text, pos, 2);
    d = read_int(text, pos, 2);
  } else {
    y = read_int(text, pos, 3);
    if (y < 0) return bad_date(text);
    if (consume(text, pos, "年")) {
      m = read_int(text, pos, 2);
      if (m < 0 || !consume(text, pos, "月")) return bad_date(text);
      d = read_int(text, pos, 2);
      if (d < 0 || !consume(text, pos, "日")) return bad_date(text);
    } else if (pos < text.size() && (text[pos] == '/' || text[pos] == '-' || text[pos] == '.')) {
      char sep = text[pos++];
      m = read_int(text, pos, 2);
      if (m < 0 || pos >= text.size() || text[pos] != sep) return bad_date(text);
      ++pos;
      d = read_int(text, pos, 2);
    } else {
      return bad_date(text);
    }
  }
  if (pos != text.size() || y < 1 || m < 0 || d < 0) return bad_date(text);
  auto r = from_ymd(y + 1911, m, d);
  if (!r.ok()) return bad_date(text);
  return r;
}

int Date::year() const { return civil_from_days(days_).y; }
int Date::month() const { return civil_from_days(days_).m; }
int Date::day() const { return civil_from_days(days_).d; }

Weekday Date::weekday() const {
  // 1970-01-01 was a Thursday.
  int64_t w = (days_ % 7 + 7 + 4) % 7;
  return static_cast<Weekday>(w);
}

Date Date::add_months(int n) const {
  Ymd c = civil_from_days(days_);
  // Floor division: a negative total (before year 0) must not yield month 0 or below.
  const int64_t total = int64_t{c.y} * 12 + (c.m - 1) + n;
  const int64_t q = total >= 0 ? total / 12 : -((-total + 11) / 12);
  const int y = static_cast<int>(q);
  const int m = static_cast<int>(total - q * 12) + 1;
  int d = std::min(c.d, days_in_month(y, m));
  return from_days_since_epoch(from_civil(y, m, d));
}

int Date::years_until(Date on) const {
  Ymd b = civil_from_days(days_);
  Ymd o = civil_from_days(on.days_);
  int age = o.y - b.y;
  if (o.m < b.m || (o.m == b.m && o.d < b.d)) --age;
  return age;
}

std::string Date::to_iso() const {
  Ymd c = civil_from_days(days_);
  if (c.y < 0 || c.y > 9999) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.y, c.m, c.d);
    return buf;
  }
  // Digit by digit: bulk loads format hundreds of millions of dates.
  std::string out = "0000-00-00";
  const auto put = [&out](size_t at, int v, int width) {
    for (int i = width - 1; i >= 0; --i, v /= 10)
      out[at + static_cast<size_t>(i)] = static_cast<char>('0' + v % 10);
  };
  put(0, c.y, 4);
  put(5, c.m, 2);
  put(8, c.d, 2);
  return out;
}

std::string Date::to_roc_short() const {
  Ymd c = civil_from_days(days_);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%d年%02d月%02d日", c.y - 1911, c.m, c.d);
  return buf;
}

std::string Date::to_roc() const { return "民國" + to_roc_short(); }

std::string Date::to_roc_slash() const {
  Ymd c = civil_from_days(days_);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%d/%02d/%02d", c.y - 1911, c.m, c.d);
  return buf;
}

}  // namespace huji::core
