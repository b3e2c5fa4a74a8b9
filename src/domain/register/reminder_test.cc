#include "domain/register/reminder.h"

#include <gtest/gtest.h>

namespace huji::domain {
namespace {

core::Date d(const char* iso) { return core::Date::parse_iso(iso).value(); }

TEST(Reminder, AnOpenReminderLapsesTheDayAfterItsNewPeriod) {  // 戶籍法 §48 ¶3, §48-2
  EXPECT_EQ(reminder_state(ReminderStatus::kOpen, d("2026-03-10"), d("2026-03-10")),
            ReminderStatus::kOpen);
  EXPECT_EQ(reminder_state(ReminderStatus::kOpen, d("2026-03-10"), d("2026-03-11")),
            ReminderStatus::kLapsed);
  EXPECT_EQ(reminder_state(ReminderStatus::kComplied, d("2026-03-10"), d("2026-04-11")),
            ReminderStatus::kComplied);
}

TEST(Reminder, StatusCodesRoundTrip) {
  for (auto s : {ReminderStatus::kOpen, ReminderStatus::kComplied, ReminderStatus::kLapsed,
                 ReminderStatus::kFiledAfterLapse, ReminderStatus::kRegisteredExOfficio}) {
    EXPECT_EQ(reminder_status_from_code(reminder_status_code(s)), s);
  }
  EXPECT_FALSE(reminder_status_from_code("closed"));
}

TEST(Reminder, FalseApplicationFinesFollowTheTable) {  // 戶籍法 §76; 戶籍罰鍰處罰金額基準表
  const StatutoryRules rules = StatutoryRules::defaults();
  EXPECT_EQ(false_application_fine(rules, FalseApplicationGrade::kSelfCorrected), 3000);
  EXPECT_EQ(false_application_fine(rules, FalseApplicationGrade::kFoundByStaff), 6000);
  EXPECT_EQ(false_application_fine(rules, FalseApplicationGrade::kReportedByOthers), 9000);
  EXPECT_EQ(false_application_grade_from_code("reported_by_others"),
            FalseApplicationGrade::kReportedByOthers);
  EXPECT_FALSE(false_application_grade_from_code("anonymous"));
}

TEST(Reminder, OnlyTheKindsOfSection48_2AreRegisteredExOfficio) {
  EXPECT_TRUE(registered_ex_officio_after_reminder(EventType::kBirth));
  EXPECT_TRUE(registered_ex_officio_after_reminder(EventType::kMoveIn));
  EXPECT_FALSE(registered_ex_officio_after_reminder(EventType::kAdoption));
  EXPECT_EQ(registration_name_zh(EventType::kAddressChange), "住址變更登記");
  EXPECT_TRUE(registered_ex_officio_after_reminder(EventType::kDeathDeclaration));
  EXPECT_EQ(registration_name_zh(EventType::kDeathDeclaration), "死亡宣告登記");
}

// 戶籍法 §48-2, 施行細則 §5: the office's own registration answers the duty it registers.
TEST(Reminder, TheOfficesOwnRegistrationsAnswerTheirCounterpartDuty) {
  using V = std::vector<EventType>;
  EXPECT_EQ(reminder_types_answered(EventType::kExOfficioAddressChange),
            V{EventType::kAddressChange});
  EXPECT_EQ(reminder_types_answered(EventType::kExOfficioMoveOut), V{EventType::kMoveOut});
  EXPECT_EQ(reminder_types_answered(EventType::kExOfficioMoveIn),
            (V{EventType::kMoveIn, EventType::kAddressChange}));
  EXPECT_EQ(reminder_types_answered(EventType::kBirth), V{EventType::kBirth});
  EXPECT_TRUE(office_own_registration(EventType::kExOfficioMoveOut));
  EXPECT_FALSE(office_own_registration(EventType::kMoveOut));
}

}  // namespace
}  // namespace huji::domain
