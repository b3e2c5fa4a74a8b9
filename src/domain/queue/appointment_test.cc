#include "domain/queue/appointment.h"

#include <gtest/gtest.h>

#include "core/clock.h"

namespace huji::domain::queue {
namespace {

core::Date d(const char* iso) { return *core::Date::parse_iso(iso); }

// Taipei time `hh:mm` on `iso`.
int64_t at(const char* iso, int hh, int mm = 0) { return slot_ms(d(iso), hh * 60 + mm); }

// December 2026 with one weekday holiday (Friday the 25th).
core::WorkingCalendar calendar() {
  core::WorkingCalendar c;
  EXPECT_TRUE(c.load_text("year 2026\n2026-12-25 holiday 行憲紀念日\n", "test").ok());
  return c;
}

BookingRequest visit(const char* iso, int hh, int mm = 0, const std::string& service = "seal") {
  BookingRequest q;
  q.service = service;
  q.day = d(iso);
  q.start_min = hh * 60 + mm;
  return q;
}

std::string code_of(const core::Status& s) { return s.ok() ? "ok" : s.error().code; }

TEST(AppointmentTest, WorkingDaySlotsWithAndWithoutLunchService) {
  BookingRules r;
  auto slots = slot_starts(r, DayKind::kWorking);
  ASSERT_EQ(slots.size(), 18u);  // 08:00–17:00 in 30 minutes
  EXPECT_EQ(slots.front(), 8 * 60);
  EXPECT_EQ(slots.back(), 16 * 60 + 30);
  r.lunch_service = false;
  slots = slot_starts(r, DayKind::kWorking);
  EXPECT_EQ(slots.size(), 15u);  // 12:00, 12:30 and 13:00 overlap 12:00–13:30
  EXPECT_EQ(std::count(slots.begin(), slots.end(), 13 * 60), 0);
  EXPECT_EQ(std::count(slots.begin(), slots.end(), 13 * 60 + 30), 1);
  r.slot_min = 15;
  EXPECT_EQ(slot_starts(r, DayKind::kWorking).size(), 30u);
  EXPECT_TRUE(slot_starts(r, DayKind::kClosed).empty());
}

TEST(AppointmentTest, DayKindsFromTheCalendarAndTheOfficesLists) {
  BookingRules r;
  r.saturday_days = {d("2026-12-12")};
  r.holiday_days = {d("2026-12-25")};
  auto cal = calendar();
  EXPECT_EQ(*day_kind(r, cal, d("2026-12-11")), DayKind::kWorking);
  EXPECT_EQ(*day_kind(r, cal, d("2026-12-12")), DayKind::kSaturday);
  EXPECT_EQ(*day_kind(r, cal, d("2026-12-19")), DayKind::kClosed);  // not a service Saturday
  EXPECT_EQ(*day_kind(r, cal, d("2026-12-20")), DayKind::kClosed);
  EXPECT_EQ(*day_kind(r, cal, d("2026-12-25")), DayKind::kHoliday);
  EXPECT_EQ(slot_starts(r, DayKind::kSaturday).size(), 8u);  // 08:00–12:00
  EXPECT_EQ(slot_starts(r, DayKind::kHoliday).size(), 6u);   // 09:00–12:00
  EXPECT_FALSE(day_kind(r, cal, d("2027-01-04")).ok());      // calendar not loaded
}

TEST(AppointmentTest, CutoffAtThreeInTheAfternoonTheDayBefore) {
  BookingRules r;
  auto cal = calendar();
  const auto q = visit("2026-12-08", 9);
  EXPECT_EQ(code_of(check_booking(r, cal, at("2026-12-07", 14, 59) + 59'999, q, {})), "ok");
  EXPECT_EQ(code_of(check_booking(r, cal, at("2026-12-07", 15), q, {})), "appointment.too_late");
  EXPECT_EQ(code_of(check_booking(r, cal, at("2026-12-08", 7), q, {})), "appointment.too_late");
}

TEST(AppointmentTest, AtMostSevenDaysAhead) {
  BookingRules r;
  auto cal = calendar();
  const int64_t now = at("2026-12-07", 10);
  EXPECT_EQ(code_of(check_booking(r, cal, now, visit("2026-12-14", 9), {})), "ok");
  EXPECT_EQ(code_of(check_booking(r, cal, now, visit("2026-12-15", 9), {})),
            "appointment.too_early");
}

TEST(AppointmentTest, ClosedDaysAndSlotsOutsideTheHours) {
  BookingRules r;
  auto cal = calendar();
  const int64_t now = at("2026-12-07", 10);
  EXPECT_EQ(code_of(check_booking(r, cal, now, visit("2026-12-12", 9), {})), "appointment.closed");
  EXPECT_EQ(code_of(check_booking(r, cal, now, visit("2026-12-08", 17), {})),
            "appointment.no_slot");
  EXPECT_EQ(code_of(check_booking(r, cal, now, visit("2026-12-08", 9, 10), {})),
            "appointment.no_slot");
}

TEST(AppointmentTest, HolidayWeddingThreeWorkingDaysToThirtyDays) {
  BookingRules r;
  r.holiday_days = {d("2026-12-19"), d("2026-12-26")};
  auto cal = calendar();
  const auto wedding = visit("2026-12-19", 9, 0, "registration");
  // Working days after the 15th up to the 19th: 16, 17, 18.
  EXPECT_EQ(code_of(check_booking(r, cal, at("2026-12-15", 16), wedding, {})), "ok");
  EXPECT_EQ(code_of(check_booking(r, cal, at("2026-12-16", 8), wedding, {})),
            "appointment.too_late");
  EXPECT_EQ(code_of(check_booking(r, cal, at("2026-12-15", 10), visit("2026-12-19", 9), {})),
            "appointment.holiday_service");
  const auto later = visit("2026-12-26", 9, 0, "registration");
  EXPECT_EQ(code_of(check_booking(r, cal, at("2026-11-26", 9), later, {})), "ok");  // 30 days
  EXPECT_EQ(code_of(check_booking(r, cal, at("2026-11-25", 23), later, {})),
            "appointment.too_early");  // 31 days
}

TEST(AppointmentTest, OnePerPersonPerDayAndCapacity) {
  BookingRules r;
  r.capacities["seal"] = 1;
  auto cal = calendar();
  const int64_t now = at("2026-12-07", 10);
  BookingFacts f;
  f.person_bookings_that_day = 1;
  EXPECT_EQ(code_of(check_booking(r, cal, now, visit("2026-12-08", 9), f)),
            "appointment.one_per_day");
  f = {};
  f.slot_taken = 1;
  EXPECT_EQ(code_of(check_booking(r, cal, now, visit("2026-12-08", 9), f)), "appointment.full");
  EXPECT_EQ(code_of(check_booking(r, cal, now, visit("2026-12-08", 9, 0, "transcript"), f)),
            "ok");  // capacity 2
}

TEST(AppointmentTest, TheFourthNoShowSuspendsForSixMonths) {
  BookingRules r;
  std::vector<core::Date> ns = {d("2026-06-01"), d("2026-06-10"), d("2026-07-01")};
  EXPECT_FALSE(suspended_until(r, ns));
  ns.push_back(d("2026-07-20"));
  ASSERT_TRUE(suspended_until(r, ns));
  EXPECT_EQ(*suspended_until(r, ns), d("2027-01-20"));
  auto cal = calendar();
  BookingFacts f;
  f.no_shows = ns;
  EXPECT_EQ(code_of(check_booking(r, cal, at("2026-12-07", 10), visit("2026-12-08", 9), f)),
            "appointment.suspended");
  // After the suspension the count starts again: three more do not suspend.
  ns.insert(ns.end(), {d("2027-02-01"), d("2027-02-02"), d("2027-02-03")});
  EXPECT_EQ(*suspended_until(r, ns), d("2027-01-20"));
  ns.push_back(d("2027-02-04"));
  EXPECT_EQ(*suspended_until(r, ns), d("2027-08-04"));
}

TEST(AppointmentTest, FifteenMinutesLateIsAWalkIn) {
  BookingRules r;
  const int64_t slot = at("2026-12-08", 9);
  EXPECT_FALSE(is_late(r, slot, slot - 3'600'000));
  EXPECT_FALSE(is_late(r, slot, slot + int64_t{15} * 60'000));
  EXPECT_TRUE(is_late(r, slot, slot + int64_t{15} * 60'000 + 1));
  EXPECT_EQ(no_show_at_ms(r, slot + int64_t{30} * 60'000), slot + int64_t{45} * 60'000);
}

TEST(AppointmentTest, DirectorMeetingsOnTheDirectorsDays) {
  BookingRules r;  // Wednesdays 14:00–16:00
  auto cal = calendar();
  EXPECT_EQ(director_slot_starts(r, DayKind::kWorking, d("2026-12-09")).size(), 4u);
  EXPECT_TRUE(director_slot_starts(r, DayKind::kWorking, d("2026-12-08")).empty());
  BookingRequest q = visit("2026-12-09", 14);
  q.kind = kDirectorMeeting;
  EXPECT_EQ(code_of(check_booking(r, cal, at("2026-12-07", 10), q, {})), "ok");
  BookingFacts f;
  f.slot_taken = 1;
  EXPECT_EQ(code_of(check_booking(r, cal, at("2026-12-07", 10), q, f)), "appointment.full");
  q.start_min = 9 * 60;
  EXPECT_EQ(code_of(check_booking(r, cal, at("2026-12-07", 10), q, {})), "appointment.no_slot");
}

TEST(AppointmentTest, RulesRoundTripAndChecks) {
  BookingRules r;
  r.lunch_service = false;
  r.saturday_days = {d("2026-12-12")};
  r.holiday_days = {d("2026-12-25")};
  r.capacities["seal"] = 4;
  r.director_weekdays = {1, 3};
  auto back = parse_rules(rules_text(r));
  ASSERT_TRUE(back);
  EXPECT_EQ(rules_text(*back), rules_text(r));
  EXPECT_TRUE(check_rules(r).ok());
  EXPECT_FALSE(parse_rules("nonsense=1\n"));
  r.saturday_days = {d("2026-12-11")};
  EXPECT_EQ(code_of(check_rules(r)), "appointment.rules");
  r = {};
  r.weekday_close_min = 7 * 60;
  EXPECT_FALSE(check_rules(r).ok());
  EXPECT_TRUE(is_home_visit_reason("seriously_ill"));
  EXPECT_FALSE(is_home_visit_reason("busy"));
}

}  // namespace
}  // namespace huji::domain::queue
