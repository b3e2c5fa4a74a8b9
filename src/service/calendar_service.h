#ifndef HUJI_SERVICE_CALENDAR_SERVICE_H_
#define HUJI_SERVICE_CALENDAR_SERVICE_H_

// 政府行政機關辦公日曆表: the working calendar the deadlines are counted on, made of the year
// files in data/calendar (read at start) and the years an admin loads through the API. A
// loaded year is stored (table calendar_years), so it survives a restart and every server on
// one database uses it; it takes precedence over the file of the same year (stored > file),
// because the file is what shipped with the program and the admin's text is the later word.
//
// Threading: the calendar itself is a core::SharedCalendar that request threads read without
// a lock; loading and refreshing replace it whole under this service's own mutex.

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.h"
#include "core/clock.h"
#include "service/actor.h"
#include "service/store.h"

namespace huji::service {

struct CalendarYearView {
  int year = 0;
  std::string source;  // "file" (data/calendar) or "database" (loaded by an admin)
  bool provisional = false;
  std::string loaded_by;  // database years only
  int64_t loaded_ms = 0;
};

// A day a year's calendar lists: a holiday on a weekday, or a make-up working day (補行上班)
// on a weekend. Other days follow the week.
struct CalendarDay {
  core::Date date;
  bool working = false;
  std::string description;
};

struct CalendarOverview {
  std::vector<CalendarYearView> years;  // by year
  // From October 1 (Taipei date) on, next year's calendar should be loaded: without it any
  // deadline that reaches into next year is refused (calendar.year_not_loaded).
  std::optional<core::Error> warning;
};

class CalendarService {
 public:
  // `files`: what data/calendar held at start; `shared` is set to it and the stored years.
  CalendarService(Store& store, const core::Clock& clock, core::SharedCalendar& shared,
                  core::WorkingCalendar files);

  // Reads the stored years and puts them over the files' (at start, and to take in what
  // another server loaded).
  core::Status refresh();

  // Loads `year` from `text` (core/calendar.h's format, entries of that year only), all or
  // nothing: calendar.file with the line number when a line is bad. Admins only; audited.
  core::Result<CalendarYearView> load_year(const Actor& actor, const RequestContext& ctx, int year,
                                           std::string_view text);

  // The years in force and their sources, after a refresh. Admins only.
  core::Result<CalendarOverview> overview(const Actor& actor);

  // The days `year` lists, by date; calendar.year_not_loaded when it is not loaded. Admins only.
  core::Result<std::vector<CalendarDay>> year_days(const Actor& actor, int year);

  // calendar.next_year_missing on `today` from October 1 on when next year is not loaded.
  static std::optional<core::Error> next_year_warning(const core::WorkingCalendar& cal,
                                                      core::Date today);

 private:
  // Replaces the shared calendar with the files' years and `stored_` over them.
  core::Status rebuild();

  Store& store_;
  const core::Clock& clock_;
  core::SharedCalendar& shared_;
  const core::WorkingCalendar files_;
  std::mutex mu_;                             // guards stored_ and writes to shared_
  std::map<int, CalendarYearRecord> stored_;  // by year
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_CALENDAR_SERVICE_H_
