#include "core/calendar.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>
#include <utility>
#include <vector>

#include "core/utf8.h"

namespace huji::core {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// Splits off the first whitespace-delimited word of `s`.
std::string_view next_word(std::string_view& s) {
  s = trim(s);
  size_t end = 0;
  while (end < s.size() && !is_space(s[end])) ++end;
  std::string_view word = s.substr(0, end);
  s.remove_prefix(end);
  s = trim(s);
  return word;
}

// "2024.txt" → 2024; 0 when the name is not a year file.
int year_of_file_name(std::string_view name) {
  if (name.size() != 8 || name.substr(4) != ".txt") return 0;
  int year = 0;
  for (char c : name.substr(0, 4)) {
    if (c < '0' || c > '9') return 0;
    year = year * 10 + (c - '0');
  }
  return year;
}

Error file_error(std::string_view source, int line, const std::string& zh, const std::string& en) {
  const std::string src = utf8::quote(source, 200);
  const std::string where = src + ":" + std::to_string(line) + ": ";
  return Error::invalid("calendar.file",
                        "行事曆檔案第 " + std::to_string(line) + " 行錯誤（" + src + "）：" + zh,
                        where + en);
}

Error year_not_loaded(int year) {
  return Error::unprocessable("calendar.year_not_loaded",
                              "尚未載入" + std::to_string(year) + "年（民國" +
                                  std::to_string(year - 1911) +
                                  "年）的政府行政機關辦公日曆表，無法計算上班日",
                              "the government office calendar for " + std::to_string(year) +
                                  " is not loaded, so working days cannot be computed");
}

Error negative(std::string_view what) {
  return Error::invalid("calendar.negative", "日數不可為負數（" + std::string(what) + "）",
                        "the number of days must not be negative (" + std::string(what) + ")");
}

bool is_weekend(Date d) {
  const Weekday w = d.weekday();
  return w == Weekday::kSaturday || w == Weekday::kSunday;
}

}  // namespace

Status WorkingCalendar::load_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Error::unavailable("calendar.io", "無法讀取行事曆檔案：" + path,
                              "cannot read calendar file " + path);
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) {
    return Error::unavailable("calendar.io", "讀取行事曆檔案失敗：" + path,
                              "error while reading calendar file " + path);
  }
  const std::string name = std::filesystem::path(path).filename().string();
  return load_text_for(buf.str(), path, year_of_file_name(name));
}

Status WorkingCalendar::load_text(std::string_view text, std::string_view source_name) {
  return load_text_for(text, source_name, 0);
}

Status WorkingCalendar::load_year(int year, std::string_view text, std::string_view source_name) {
  return load_text_for(text, source_name, year);
}

Status WorkingCalendar::load_directory(const std::string& dir) {
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (year_of_file_name(it->path().filename().string()) != 0) files.push_back(it->path());
  }
  if (ec) {
    return Error::unavailable("calendar.io", "無法讀取行事曆目錄：" + dir,
                              "cannot read calendar directory " + dir + ": " + ec.message());
  }
  if (files.empty()) {
    return Error::not_found("calendar.io", "行事曆目錄中沒有 YYYY.txt 檔案：" + dir,
                            "no YYYY.txt files in calendar directory " + dir);
  }
  std::sort(files.begin(), files.end());
  // All or nothing: load into a copy and keep it only if every file is good.
  WorkingCalendar staged = *this;
  for (const auto& f : files) HUJI_TRY(staged.load_file(f.string()));
  *this = std::move(staged);
  return {};
}

Status WorkingCalendar::load_text_for(std::string_view text, std::string_view source_name,
                                      int file_year) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a UTF-8 BOM from Excel
  std::set<int> years;
  if (file_year != 0) years.insert(file_year);
  std::map<int64_t, Entry> entries;
  bool provisional = false;
  int line_no = 0;
  while (!text.empty()) {
    ++line_no;
    const size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    if (size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    line = trim(line);
    if (line.empty()) continue;

    std::string_view first = next_word(line);
    if (first == "provisional") {
      if (!line.empty()) {
        return file_error(source_name, line_no, "provisional 一行不可有其他文字",
                          "a 'provisional' line has nothing after the word");
      }
      provisional = true;
      continue;
    }
    if (first == "year") {
      std::string_view y = next_word(line);
      Result<Date> d = Date::parse_iso(std::string(y) + "-01-01");
      if (y.size() != 4 || !d.ok() || !line.empty()) {
        return file_error(source_name, line_no, "year 後須為四位數西元年，例如「year 2026」",
                          "'year' must be followed by a four-digit year, e.g. 'year 2026'");
      }
      if (file_year != 0 && d->year() != file_year) {
        return file_error(
            source_name, line_no, "年份與檔名 " + std::to_string(file_year) + ".txt 不符",
            "year does not match the file name " + std::to_string(file_year) + ".txt");
      }
      years.insert(d->year());
      continue;
    }
    Result<Date> date = Date::parse_iso(first);
    if (!date.ok()) {
      return file_error(
          source_name, line_no,
          "日期須為 YYYY-MM-DD 格式且存在，此為「" + utf8::quote(first) + "」",
          "the date must be an existing YYYY-MM-DD date, not '" + utf8::quote(first) + "'");
    }
    std::string_view kind = next_word(line);
    if (!utf8::is_valid(line)) {
      return file_error(source_name, line_no, "說明文字不是有效的 UTF-8 編碼",
                        "the description is not valid UTF-8");
    }
    if (auto bad = utf8::find_forbidden(line, false)) {
      return file_error(source_name, line_no,
                        "說明文字含不允許的字元 " + utf8::code_point_name(bad->code_point),
                        "the description contains a character that is not allowed: " +
                            utf8::code_point_name(bad->code_point));
    }
    Entry entry;
    entry.description = std::string(line);
    if (kind == "holiday") {
      entry.working = false;
    } else if (kind == "workday") {
      entry.working = true;
      if (!is_weekend(*date)) {
        return file_error(source_name, line_no,
                          date->to_iso() + " 不是週六或週日，不能列為補行上班日",
                          date->to_iso() +
                              " is not a Saturday or Sunday, so it cannot be a "
                              "make-up working day");
      }
    } else {
      return file_error(
          source_name, line_no,
          "種類須為 holiday（放假）或 workday（補行上班），此為「" + utf8::quote(kind) + "」",
          "the kind must be 'holiday' or 'workday', not '" + utf8::quote(kind) + "'");
    }
    if (file_year != 0 && date->year() != file_year) {
      return file_error(source_name, line_no,
                        date->to_iso() + " 不屬於檔名 " + std::to_string(file_year) + ".txt 的年份",
                        date->to_iso() + " is not in the year of the file name " +
                            std::to_string(file_year) + ".txt");
    }
    if (!entries.emplace(date->days_since_epoch(), std::move(entry)).second) {
      return file_error(source_name, line_no, date->to_iso() + " 重複列出",
                        date->to_iso() + " is listed twice");
    }
    years.insert(date->year());
  }

  // Commit: replace every declared year.
  for (int y : years) {
    const int64_t first = Date::from_civil(y, 1, 1);
    const int64_t last = Date::from_civil(y, 12, 31);
    entries_.erase(entries_.lower_bound(first), entries_.upper_bound(last));
    years_.insert(y);
    if (provisional) {
      provisional_.insert(y);
    } else {
      provisional_.erase(y);
    }
  }
  entries_.merge(entries);
  return {};
}

Result<bool> WorkingCalendar::is_working_day(Date d) const {
  if (!has_year(d.year())) return year_not_loaded(d.year());
  if (auto it = entries_.find(d.days_since_epoch()); it != entries_.end()) {
    return it->second.working;
  }
  return !is_weekend(d);
}

Result<Date> WorkingCalendar::due_date(Date from, int working_days) const {
  if (working_days < 0) return negative("working_days = " + std::to_string(working_days));
  Date d = from;
  for (int left = working_days; left > 0;) {
    d = d.add_days(1);
    HUJI_ASSIGN_OR_RETURN(bool working, is_working_day(d));
    if (working) --left;
  }
  return d;
}

Result<int> WorkingCalendar::working_days_between(Date from, Date to) const {
  const int sign = to < from ? -1 : 1;
  if (to < from) std::swap(from, to);
  int count = 0;
  for (Date d = from.add_days(1); d <= to; d = d.add_days(1)) {
    HUJI_ASSIGN_OR_RETURN(bool working, is_working_day(d));
    if (working) ++count;
  }
  return sign * count;
}

Result<Date> WorkingCalendar::deadline(Date from, int days) const {
  if (days < 0) return negative("days = " + std::to_string(days));
  Date d = from.add_days(days);
  for (;;) {
    HUJI_ASSIGN_OR_RETURN(bool working, is_working_day(d));
    if (working) return d;
    d = d.add_days(1);
  }
}

}  // namespace huji::core
