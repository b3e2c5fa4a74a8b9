#ifndef HUJI_DOMAIN_QUEUE_APPOINTMENT_H_
#define HUJI_DOMAIN_QUEUE_APPOINTMENT_H_

// Appointments (預約, DOMAIN §6): the office's opening hours, the slots a day offers and the
// Ministry's booking rules, all as configuration an admin edits (BookingRules; defaults are
// the Ministry's). No I/O: working days and holidays come from the office calendar given.
//
// Opening hours (Taipei time): Monday–Friday working days 08:00–17:00, with lunch-time
// service 12:00–13:30 kept open (中午彈性上班) or closed; Saturday service (週六便民服務)
// 08:00–12:00 on the Saturdays the office lists; holiday appointment days (假日預約結婚登記)
// 09:00–12:00 on the days off the office lists, for wedding registration only. A make-up
// working day (補行上班) is a working day. Other days are closed.
//
// The booking rules (check_booking):
//   - an ordinary booking is for a day 1–7 days ahead, made before 15:00 the day before;
//   - on a holiday appointment day only the wedding registration service is booked, from
//     3 working days to 30 days ahead;
//   - one booking per person (ID number) per day;
//   - more than 3 no-shows suspend booking for 6 months (suspended_until: the 4th no-show
//     starts a suspension of 6 months from its day; counting starts again after it);
//   - checked in more than 15 minutes after the slot's start: a walk-in (an ordinary ticket).
// 與民有約 (director meetings) are booked on the director's published weekdays and hours,
// one person per slot, under the same window and suspension rules.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/date.h"
#include "core/result.h"

namespace huji::domain::queue {

// Appointment statuses.
inline constexpr const char* kBooked = "booked";
inline constexpr const char* kCheckedIn = "checked_in";  // a ticket called at its slot
inline constexpr const char* kApptCancelled = "cancelled";
inline constexpr const char* kApptNoShow = "no_show";
inline constexpr const char* kWalkIn = "walk_in";  // came too late: an ordinary ticket

// Kinds of appointment.
inline constexpr const char* kCounterVisit = "counter";      // a service at a counter
inline constexpr const char* kDirectorMeeting = "director";  // 與民有約

// Reasons a home visit (到宅服務) is asked for.
inline constexpr const char* kHomeVisitReasons[] = {"disabled", "elderly_65_limited_mobility",
                                                    "seriously_ill"};

struct BookingRules {
  // Opening hours in minutes after midnight, Taipei time.
  int weekday_open_min = 8 * 60;
  int weekday_close_min = 17 * 60;
  bool lunch_service = true;  // lunch-time service: slots during lunch are offered
  int lunch_from_min = 12 * 60;
  int lunch_to_min = 13 * 60 + 30;
  int saturday_open_min = 8 * 60;
  int saturday_close_min = 12 * 60;
  std::vector<core::Date> saturday_days;  // Saturdays with Saturday service
  int holiday_open_min = 9 * 60;
  int holiday_close_min = 12 * 60;
  std::vector<core::Date> holiday_days;  // holiday appointment days (wedding registration)

  int slot_min = 30;                      // slot length
  int capacity = 2;                       // bookings per slot and service
  std::map<std::string, int> capacities;  // per service, over `capacity`

  int min_days_ahead = 1;
  int max_days_ahead = 7;
  int cutoff_min = 15 * 60;  // bookings for a day close at this time the day before
  std::string wedding_service = "registration";
  int wedding_min_working_days = 3;
  int wedding_max_days = 30;
  int per_person_per_day = 1;
  int max_no_shows = 3;  // more than this many suspend booking
  int suspend_months = 6;
  int late_min = 15;           // checked in later than this after the slot's start: walk-in
  int no_show_grace_min = 15;  // not checked in by the slot's end + this: no-show

  std::vector<int> director_weekdays = {3};  // 與民有約 days (0 Sunday … 6 Saturday)
  int director_from_min = 14 * 60;
  int director_to_min = 16 * 60;
  int director_slot_min = 30;

  int max_home_visits = 2;  // visits per home-visit case
};

enum class DayKind { kClosed, kWorking, kSaturday, kHoliday };
const char* day_kind_code(DayKind k);  // closed | working | saturday | holiday

// What kind of day `day` is for the office; calendar.year_not_loaded when the calendar does
// not cover it.
core::Result<DayKind> day_kind(const BookingRules& rules, const core::WorkingCalendar& calendar,
                               core::Date day);

// The slot starts (minutes after midnight) a day of `kind` offers: slots of slot_min that fit
// in the opening hours, none in the lunch break when lunch-time service is off.
std::vector<int> slot_starts(const BookingRules& rules, DayKind kind);
// The director's meeting slots on `day` (none on other weekdays or closed days).
std::vector<int> director_slot_starts(const BookingRules& rules, DayKind kind, core::Date day);

int capacity_of(const BookingRules& rules, const std::string& service);

// "09:30" for 570 minutes after midnight (0 ≤ minutes < 1440).
std::string hhmm(int minutes);

// The instant a slot starts: `start_min` after midnight of `day` in Taipei.
int64_t slot_ms(core::Date day, int start_min);

// What check_booking needs to know about the person and the slot.
struct BookingFacts {
  int person_bookings_that_day = 0;  // their live bookings (booked, checked in) that day
  std::vector<core::Date> no_shows;  // the days of their no-shows, any order
  int slot_taken = 0;                // live bookings of the slot and service
};

struct BookingRequest {
  std::string kind = kCounterVisit;  // counter | director
  std::string service;               // a counter visit's service
  core::Date day;
  int start_min = 0;
};

// Whether the booking may be made at `now_ms`; the first rule it breaks, with the rule's code
// (appointment.closed, appointment.no_slot, appointment.too_early, appointment.too_late,
// appointment.holiday_service, appointment.one_per_day, appointment.suspended,
// appointment.full).
core::Status check_booking(const BookingRules& rules, const core::WorkingCalendar& calendar,
                           int64_t now_ms, const BookingRequest& request,
                           const BookingFacts& facts);

// The day the suspension that the no-shows on `no_shows` caused ends (the 4th no-show's day
// plus 6 months, by default), or nullopt when they caused none. Suspended on days before it.
std::optional<core::Date> suspended_until(const BookingRules& rules,
                                          std::vector<core::Date> no_shows);

// A check-in at `now_ms` for a slot starting at `slot_start_ms`: on time (the ticket is ready
// at the slot's start) or late (more than late_min after it: a walk-in, ready now).
bool is_late(const BookingRules& rules, int64_t slot_start_ms, int64_t now_ms);
// When a booked appointment not checked in becomes a no-show.
int64_t no_show_at_ms(const BookingRules& rules, int64_t slot_end_ms);

bool is_home_visit_reason(const std::string& reason);

// Checks a configuration; the first problem as an error (appointment.rules).
core::Status check_rules(const BookingRules& rules);

// The rules as "key=value" lines and back (stored per office); unknown keys are refused.
std::string rules_text(const BookingRules& rules);
std::optional<BookingRules> parse_rules(const std::string& text);

}  // namespace huji::domain::queue

#endif  // HUJI_DOMAIN_QUEUE_APPOINTMENT_H_
