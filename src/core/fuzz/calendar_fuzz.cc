// libFuzzer target: WorkingCalendar::load_text and the Date parsers on arbitrary bytes. Loading
// either fails with calendar.file and changes nothing, or every query on a loaded year
// answers; dates that parse re-parse from their formatted text. Run through scripts/fuzz.sh.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/calendar.h"
#include "core/date.h"
#include "core/utf8.h"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using huji::core::Date;
  using huji::core::WorkingCalendar;
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  if (huji::core::Result<Date> d = Date::parse_iso(text); d.ok()) {
    check(d->to_iso() == text);
  } else {
    check(huji::core::utf8::is_valid(d.error().message_zh));
  }
  if (huji::core::Result<Date> d = Date::parse_roc(text); d.ok()) {
    check(Date::parse_roc(d->to_roc()).ok() && *Date::parse_roc(d->to_roc()) == *d);
  } else {
    check(huji::core::utf8::is_valid(d.error().message_en));
  }

  WorkingCalendar cal;
  huji::core::Status s = cal.load_text(text, "fuzz");
  if (!s.ok()) {
    check(s.error().code == "calendar.file");
    check(huji::core::utf8::is_valid(s.error().message_zh) &&
          huji::core::utf8::is_valid(s.error().message_en));
    check(cal.years().empty() && cal.entries().empty());
    return 0;
  }
  for (int year : cal.years()) {
    const Date first = Date::from_ymd(year, 1, 1).value();
    check(cal.is_working_day(first).ok());
    // Queries inside a loaded year either answer or run into an unloaded year.
    huji::core::Result<Date> due = cal.due_date(first, 5);
    check(due.ok() || due.error().code == "calendar.year_not_loaded");
    huji::core::Result<Date> deadline = cal.deadline(first, 30);
    check(deadline.ok() || deadline.error().code == "calendar.year_not_loaded");
    if (due.ok()) check(*cal.working_days_between(first, *due) == 5);
  }
  return 0;
}
