#include "domain/register/deadline.h"

namespace huji::domain {

core::Result<Lateness> assess_lateness(EventType type, core::Date event_date, core::Date filed,
                                       const core::WorkingCalendar& calendar,
                                       const FineSchedule& fines) {
  Lateness out;
  if (type == EventType::kExOfficioMoveIn || type == EventType::kConversion ||
      type == EventType::kRevocation) {
    out.deadline = filed;
    return out;
  }
  core::Date start = event_date;
  int days = 30;
  if (type == EventType::kBirth) {
    days = 60;
  } else if (type == EventType::kMoveIn || type == EventType::kMoveOut ||
             type == EventType::kAddressChange) {
    start = event_date.add_months(3);
  }
  const core::Date raw = start.add_days(days);
  if (calendar.has_year(raw.year())) {
    // The shift to the next working day may cross into a year without data: fall back then.
    auto shifted = calendar.deadline(start, days);
    out.deadline = shifted.ok() ? *shifted : raw;
  } else {
    out.deadline = raw;
  }
  const int64_t late = out.deadline.days_until(filed);
  if (late > 0) {
    out.days_late = static_cast<int>(late);
    out.fine_min = fines.amount_for(out.days_late);
    out.fine_max = std::max(out.fine_min, fines.statutory_max);
  }
  return out;
}

}  // namespace huji::domain
