#include "domain/register/deadline.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#ifndef HUJI_CALENDAR_DIR
#error "HUJI_CALENDAR_DIR must name the data/calendar directory"
#endif

namespace huji::domain {
namespace {

using core::Date;

Date d(const char* iso) { return Date::parse_iso(iso).value(); }

// The shipped government office calendar (data/calendar/2024.txt … 2026.txt).
class DeadlineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    core::Status s = cal_.load_directory(HUJI_CALENDAR_DIR);
    ASSERT_TRUE(s.ok()) << s.error().message_en;
    ASSERT_TRUE(cal_.has_year(2024) && cal_.has_year(2025) && cal_.has_year(2026));
  }

  Lateness assess(EventType type, const char* event, const char* filed,
                  std::map<std::string, std::string> fields = {}) {
    auto r = assess_lateness({type, d(event), d(filed), std::move(fields)}, cal_, RuleBook());
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message_en);
    return r.ok() ? *r : Lateness{};
  }

  core::WorkingCalendar cal_;
};

struct DeadlineCase {
  EventType type;
  const char* event;
  const char* deadline;
  const char* why;
};

TEST_F(DeadlineTest, DeadlinesPerType) {
  const std::vector<DeadlineCase> cases = {
      // Birth: 60 days. 2025-01-01 + 60 = 2025-03-02, a Sunday → Monday.
      {EventType::kBirth, "2025-01-01", "2025-03-03", "birth, 60 days, off a Sunday"},
      {EventType::kBirth, "2025-03-03", "2025-05-02", "birth, 60 days, a Friday"},
      // Others: 30 days. 2025-01-29 + 30 = 2025-02-28 (和平紀念日, Friday) → Monday 03-03.
      {EventType::kAcknowledgement, "2025-01-29", "2025-03-03", "holiday then weekend"},
      // 2025-03-03 + 30 = 2025-04-02, a Wednesday, just before the 04-03/04-04 holidays.
      {EventType::kDeath, "2025-03-03", "2025-04-02", "the day before two holidays"},
      // 2025-01-09 + 30 = 2025-02-08, the make-up Saturday: a working day.
      {EventType::kGuardianship, "2025-01-09", "2025-02-08", "make-up Saturday"},
      // 2024-01-13 + 30 = 2024-02-12 (春節) → 02-13, 02-14 holidays → Thursday 02-15.
      {EventType::kAdoption, "2024-01-13", "2024-02-15", "Lunar New Year"},
      // 2026-01-17 + 30 = 2026-02-16 (春節, through 02-20), weekend → Monday 02-23.
      {EventType::kNameCorrection, "2026-01-17", "2026-02-23", "Lunar New Year 2026"},
      {EventType::kFirstRegistration, "2024-05-01", "2024-05-31", "plain Friday"},
      // Moves: 3 months, then 30 days. 2024-06-10 + 3 months = 09-10; + 30 = 10-10 (國慶日,
      // Thursday) → Friday 10-11.
      {EventType::kMoveIn, "2024-06-10", "2024-10-11", "move-in off a holiday"},
      {EventType::kRestoration, "2024-06-10", "2024-10-11", "restoration is a move-in"},
      {EventType::kAddressChange, "2024-06-10", "2024-10-11", "address change off a holiday"},
      // 2025-01-31 + 3 months = 04-30 (clamped); + 30 = 05-30 (端午節補假) → Monday 06-02.
      {EventType::kMoveIn, "2025-01-31", "2025-06-02", "month end, then a holiday"},
  };
  for (const auto& c : cases) {
    const Lateness l = assess(c.type, c.event, c.event);
    EXPECT_EQ(l.deadline, d(c.deadline)) << event_type_code(c.type) << " " << c.event << ": "
                                         << c.why << ", got " << l.deadline.to_iso();
    EXPECT_EQ(l.days_late, 0);
    EXPECT_EQ(l.fine_min, 0);
    EXPECT_EQ(l.fine_max, 0);
  }
}

TEST_F(DeadlineTest, EveryOtherTypeHasThirtyDays) {
  const EventType others[] = {
      EventType::kDeath,
      EventType::kHeadChange,
      EventType::kNameCorrection,
      EventType::kBirthDateCorrection,
      EventType::kIdNumberChange,
      EventType::kFirstRegistration,
      EventType::kAcknowledgement,
      EventType::kAdoption,
      EventType::kAdoptionTermination,
      EventType::kGuardianship,
      EventType::kRevocation,  // applied for by a citizen
  };
  for (EventType t : others) {
    // 2024-05-01 + 30 = 2024-05-31, a Friday.
    EXPECT_EQ(assess(t, "2024-05-01", "2024-05-31").days_late, 0) << event_type_code(t);
    const Lateness l = assess(t, "2024-05-01", "2024-06-01");
    EXPECT_EQ(l.deadline, d("2024-05-31")) << event_type_code(t);
    EXPECT_EQ(l.days_late, 1) << event_type_code(t);
    EXPECT_EQ(l.fine_min, 300) << event_type_code(t);
    EXPECT_EQ(l.fine_max, 900) << event_type_code(t);
  }
}

TEST_F(DeadlineTest, TheShiftedDeadlineIsStillOnTime) {
  // Birth 2025-01-01: the 60th day is Sunday 03-02; filing on Monday 03-03 is on time.
  EXPECT_EQ(assess(EventType::kBirth, "2025-01-01", "2025-03-02").days_late, 0);
  EXPECT_EQ(assess(EventType::kBirth, "2025-01-01", "2025-03-03").days_late, 0);
  const Lateness late = assess(EventType::kBirth, "2025-01-01", "2025-03-04");
  EXPECT_EQ(late.days_late, 1);
  EXPECT_EQ(late.fine_min, 300);
  // Birth on 2025-01-02: 60 days is Monday 03-03, no shift; 03-04 is a day late.
  EXPECT_EQ(assess(EventType::kBirth, "2025-01-02", "2025-03-04").days_late, 1);
  // A move is not late at three months: only 30 days after that.
  EXPECT_EQ(assess(EventType::kMoveIn, "2024-06-10", "2024-09-30").days_late, 0);
  EXPECT_EQ(assess(EventType::kMoveIn, "2024-06-10", "2024-10-12").days_late, 1);
  // The 30-day rule applied to a move-in would be wrong by three months.
  EXPECT_EQ(assess(EventType::kDeath, "2024-06-10", "2024-10-11").days_late, 93);
}

TEST_F(DeadlineTest, FineBands) {
  // Birth 2025-01-02: deadline Monday 2025-03-03.
  struct Band {
    const char* filed;
    int days_late;
    int fine;
  };
  const Band bands[] = {
      {"2025-03-03", 0, 0},     {"2025-03-04", 1, 300},   {"2025-03-18", 15, 300},
      {"2025-03-19", 16, 500},  {"2025-04-02", 30, 500},  {"2025-04-03", 31, 700},
      {"2025-08-30", 180, 700}, {"2025-08-31", 181, 900}, {"2026-12-31", 668, 900},
  };
  for (const auto& b : bands) {
    const Lateness l = assess(EventType::kBirth, "2025-01-02", b.filed);
    EXPECT_EQ(l.deadline, d("2025-03-03"));
    EXPECT_EQ(l.days_late, b.days_late) << b.filed;
    EXPECT_EQ(l.fine_min, b.fine) << b.filed;
    EXPECT_EQ(l.fine_max, b.days_late > 0 ? 900 : 0) << b.filed;
  }
}

TEST(FineSchedule, DefaultTable) {
  const FineSchedule s = FineSchedule::defaults();
  EXPECT_EQ(s.amount_for(1), 300);
  EXPECT_EQ(s.amount_for(15), 300);
  EXPECT_EQ(s.amount_for(16), 500);
  EXPECT_EQ(s.amount_for(30), 500);
  EXPECT_EQ(s.amount_for(31), 700);
  EXPECT_EQ(s.amount_for(180), 700);
  EXPECT_EQ(s.amount_for(181), 900);
  EXPECT_EQ(s.amount_for(10000), 900);
  EXPECT_EQ(s.statutory_max, 900);
}

TEST_F(DeadlineTest, ConfiguredSchedule) {
  StatutoryRules rules = StatutoryRules::defaults();
  rules.fines.bands = {{10, 100}};
  rules.fines.beyond = 200;
  rules.fines.statutory_max = 900;
  auto r = assess_lateness({EventType::kDeath, d("2024-05-01"), d("2024-06-20"), {}}, cal_,
                           RuleBook({rules}));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->days_late, 20);
  EXPECT_EQ(r->fine_min, 200);
  EXPECT_EQ(r->fine_max, 900);
}

// A change of the figures applies from its date; earlier events keep the rules of theirs.
TEST_F(DeadlineTest, TheRulesOfTheEventDate) {
  StatutoryRules old_law = StatutoryRules::defaults();
  StatutoryRules new_law = old_law;
  new_law.effective_from = d("2025-03-01");
  new_law.general_days = 45;
  const RuleBook book({old_law, new_law});
  auto before =
      assess_lateness({EventType::kDeath, d("2024-11-20"), d("2024-11-20"), {}}, cal_, book);
  auto after =
      assess_lateness({EventType::kDeath, d("2025-03-03"), d("2025-03-03"), {}}, cal_, book);
  ASSERT_TRUE(before.ok() && after.ok());
  EXPECT_EQ(before->deadline, d("2024-12-20"));  // 30 days
  EXPECT_EQ(after->deadline, d("2025-04-17"));   // 45 days
}

TEST_F(DeadlineTest, TheOfficesOwnActsAreNeverLate) {
  for (const char* filed : {"2024-01-02", "2025-06-30", "2026-12-31"}) {
    for (EventType t :
         {EventType::kExOfficioMoveIn, EventType::kLossOfNationality, EventType::kConversion}) {
      const Lateness l = assess(t, "2020-01-01", filed);
      EXPECT_FALSE(l.has_deadline) << event_type_code(t);
      EXPECT_EQ(l.days_late, 0) << filed;
      EXPECT_EQ(l.fine_min, 0) << filed;
      EXPECT_EQ(l.fine_max, 0) << filed;
    }
  }
  EXPECT_EQ(assess(EventType::kRevocation, "2000-01-01", "2025-01-01", {{"initiated_by", "office"}})
                .days_late,
            0);
  EXPECT_EQ(assess(EventType::kRevocation, "2024-05-01", "2024-06-01").days_late, 1);
}

// A deadline in a year without a calendar: at least the unshifted day, at most
// kMaxDaysOffInARow later. Never the unshifted day alone.
TEST_F(DeadlineTest, YearsWithoutData) {
  // 2019-12-02 + 30 = 2020-01-01, no data for 2020: five years late whatever the shift.
  const Lateness l = assess(EventType::kDeath, "2019-12-02", "2025-01-15");
  EXPECT_TRUE(l.provisional);
  EXPECT_EQ(l.deadline, d("2020-01-01"));
  EXPECT_EQ(l.days_late, d("2020-01-01").days_until(d("2025-01-15")) - kMaxDaysOffInARow);
  EXPECT_EQ(l.fine_min, 900);
  // Filed before the unshifted day: on time whatever the shift.
  const Lateness future = assess(EventType::kBirth, "2027-12-01", "2027-12-20");
  EXPECT_TRUE(future.provisional);
  EXPECT_EQ(future.days_late, 0);
  // 2027 ships (provisional): its Saturday 01-30 moves to Monday, and that is not provisional.
  const Lateness shipped = assess(EventType::kBirth, "2026-12-01", "2026-12-20");
  EXPECT_EQ(shipped.deadline, d("2027-02-01"));
  EXPECT_FALSE(shipped.provisional);
  // Late by 5 to 19 days: NT$300 or 500 depending on the shift → refused.
  auto r =
      assess_lateness({EventType::kDeath, d("2019-12-02"), d("2020-01-20"), {}}, cal_, RuleBook());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "calendar.year_not_loaded");
}

TEST(DeadlineText, AShiftIntoAYearWithoutDataIsNotGuessed) {
  // A calendar with 2026 only, where 12-31 is a holiday: the next working day is in 2027.
  core::WorkingCalendar cal;
  ASSERT_TRUE(cal.load_text("year 2026\n2026-12-31 holiday 測試\n", "test").ok());
  // Four days after the unshifted day: maybe late, maybe not.
  auto r =
      assess_lateness({EventType::kDeath, d("2026-12-01"), d("2027-01-04"), {}}, cal, RuleBook());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "calendar.year_not_loaded");
  // On the unshifted day: on time.
  auto on_time =
      assess_lateness({EventType::kDeath, d("2026-12-01"), d("2026-12-31"), {}}, cal, RuleBook());
  ASSERT_TRUE(on_time.ok());
  EXPECT_EQ(on_time->days_late, 0);
  EXPECT_TRUE(on_time->provisional);
}

// The holidays of DOMAIN.md §2 typed in directly, without the data files.
TEST(DeadlineText, HolidaysFromTheDomainNotes) {
  core::WorkingCalendar cal;
  ASSERT_TRUE(cal.load_text("2025-01-01 holiday\n"
                            "2025-01-27 holiday\n2025-01-28 holiday\n2025-01-29 holiday\n"
                            "2025-01-30 holiday\n2025-01-31 holiday\n"
                            "2025-02-08 workday\n"
                            "2025-02-28 holiday\n2025-04-03 holiday\n2025-04-04 holiday\n"
                            "2025-05-30 holiday\n2025-09-29 holiday\n2025-10-06 holiday\n"
                            "2025-10-10 holiday\n2025-10-24 holiday\n2025-12-25 holiday\n",
                            "domain")
                  .ok());
  auto assess = [&](EventType t, const char* event) {
    return assess_lateness({t, d(event), d(event), {}}, cal, RuleBook()).value().deadline;
  };
  // 2024-12-28 + 30 = 2025-01-27 (調整放假) → the whole New Year week → Saturday 02-01 is off
  // → Monday 02-03.
  EXPECT_EQ(assess(EventType::kGuardianship, "2024-12-28"), d("2025-02-03"));
  EXPECT_EQ(assess(EventType::kGuardianship, "2025-01-09"), d("2025-02-08"));
  // 2025-08-30 + 30 = 09-29 (教師節補假) → Tuesday 09-30.
  EXPECT_EQ(assess(EventType::kDeath, "2025-08-30"), d("2025-09-30"));
}

}  // namespace
}  // namespace huji::domain
