#ifndef HUJI_CORE_CALENDAR_H_
#define HUJI_CORE_CALENDAR_H_

// The government office calendar (政府行政機關辦公日曆表, 人事行政總處; open data set 14718),
// kept as one data file per year that an admin can load (DOMAIN.md §2). Saturdays and Sundays
// are days off unless listed as a make-up working day (補行上班); Monday to Friday are working
// days unless listed as a holiday. A year with no data is never guessed at: every query on it
// fails with calendar.year_not_loaded.
//
// File format, one entry per line, '#' starts a comment:
//   year 2026                          (optional: declares a year even if it has no entries)
//   2024-02-08 holiday 農曆除夕前一日
//   2024-02-17 workday 補行上班
// The description after the kind is optional. A file named YYYY.txt may only hold entries of
// that year, and always declares it. A line `provisional` marks every year of the text as not
// yet checked against the published table (computed from the holiday rules, e.g. by
// scripts/calendar/make_year.mjs): such a year is used like any other, and reported.
//
// Loading replaces the data of every year the text declares, all or nothing.
// REQUIRES: external synchronization for loading; const queries may run concurrently.
// SharedCalendar below shares one calendar between request threads and a loader.

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "core/date.h"
#include "core/result.h"

namespace huji::core {

class WorkingCalendar {
 public:
  struct Entry {
    bool working = false;     // true: 補行上班 on a weekend; false: a holiday on a weekday
    std::string description;  // 農曆除夕前一日
  };

  // Error code calendar.file with the source and line number on a bad line; calendar.io when
  // the file or directory cannot be read.
  Status load_file(const std::string& path);
  Status load_text(std::string_view text, std::string_view source_name);
  Status load_directory(const std::string& dir);  // every YYYY.txt in it
  // The text of one year's file (as if named YYYY.txt: entries of `year` only).
  Status load_year(int year, std::string_view text, std::string_view source_name);

  bool has_year(int year) const { return years_.contains(year); }
  const std::set<int>& years() const { return years_; }
  // The loaded years whose text said `provisional`.
  const std::set<int>& provisional_years() const { return provisional_; }
  const std::map<int64_t, Entry>& entries() const { return entries_; }  // by days since epoch

  // calendar.year_not_loaded (kUnprocessable) if d's year has no data.
  Result<bool> is_working_day(Date d) const;
  // The Nth working day after `from` (`from` not counted); n = 0 gives `from` itself.
  // n < 0 → calendar.negative.
  Result<Date> due_date(Date from, int working_days) const;
  // Working days in (from, to]; when to < from, minus the working days in (to, from].
  Result<int> working_days_between(Date from, Date to) const;
  // 行政程序法 §48: from + days calendar days (the start day is not counted); if that day is
  // not a working day, the next working day. days < 0 → calendar.negative.
  Result<Date> deadline(Date from, int days) const;

 private:
  Status load_text_for(std::string_view text, std::string_view source_name, int file_year);

  std::set<int> years_;
  std::set<int> provisional_;
  std::map<int64_t, Entry> entries_;
};

// The calendar the request threads use, replaced whole when an admin loads a year: readers
// take a snapshot, which stays valid and unchanged while they hold it, so a computation never
// sees half a reload. Thread-safe.
class SharedCalendar {
 public:
  explicit SharedCalendar(WorkingCalendar initial = {})
      : current_(std::make_shared<const WorkingCalendar>(std::move(initial))) {}

  std::shared_ptr<const WorkingCalendar> get() const { return current_.load(); }
  void set(WorkingCalendar next) {
    current_.store(std::make_shared<const WorkingCalendar>(std::move(next)));
  }

 private:
  std::atomic<std::shared_ptr<const WorkingCalendar>> current_;
};

}  // namespace huji::core

#endif  // HUJI_CORE_CALENDAR_H_
