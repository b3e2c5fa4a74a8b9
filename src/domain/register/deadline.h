#ifndef HUJI_DOMAIN_REGISTER_DEADLINE_H_
#define HUJI_DOMAIN_REGISTER_DEADLINE_H_

// Statutory registration deadlines and late fines (DOMAIN.md §3; 戶籍法 §79 and the MOI fine
// table 戶籍罰鍰處罰金額基準表):
//  - birth: 60 days from the birth;
//  - move-in, move-out, address change: due once the person has lived at the new place three
//    months, then within 30 days (so: event date + 3 months + 30 days);
//  - every other type: 30 days;
//  - ex officio registrations (逕為遷入) are the office's own act: never late.
// Days are counted under 行政程序法 §48 (WorkingCalendar::deadline): the start day is not
// counted, and a deadline on a day off moves to the next working day.

#include "core/calendar.h"
#include "core/date.h"
#include "core/result.h"
#include "domain/register/model.h"
#include "domain/register/statutory_rules.h"

namespace huji::domain {

struct Lateness {
  core::Date deadline;
  int days_late = 0;  // 0: on time
  int fine_min = 0;   // the table's amount: what the supervisor normally decides
  int fine_max = 0;   // the statutory maximum; 0 when on time
};

// Whether filing on `filed` is late for an event of `type` on `event_date`. When the calendar
// has no data for the deadline's year, the unshifted date counts (that year is either so far
// back that the case is over 180 days late whatever the shift, or after `filed`).
core::Result<Lateness> assess_lateness(EventType type, core::Date event_date, core::Date filed,
                                       const core::WorkingCalendar& calendar,
                                       const FineSchedule& fines);

}  // namespace huji::domain

#endif  // HUJI_DOMAIN_REGISTER_DEADLINE_H_
