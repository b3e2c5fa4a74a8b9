#include "domain/register/care_list.h"

#include <gtest/gtest.h>

namespace huji::domain {
namespace {

core::Date d(const char* iso) { return core::Date::parse_iso(iso).value(); }

Person person(const char* id, const char* born) {
  Person p;
  p.id_number = id;
  p.birth_date = d(born);
  return p;
}

const StatutoryRules kRules = StatutoryRules::defaults();

TEST(CareList, AMarriageQualifiesWhenAPartyIs65OnItsDate) {  // 老人福利法 §2
  const auto q =
      qualify_for_care_list(EventType::kMarriage, d("2026-11-10"),
                            {person("A", "1961-11-10"), person("B", "1980-01-01")}, {}, kRules);
  ASSERT_TRUE(q.reason);
  EXPECT_EQ(*q.reason, CareReason::kElderlyMarriage);
  EXPECT_EQ(q.party_ages, (std::vector<int>{65, 46}));
  EXPECT_STREQ(care_reason_code(*q.reason), "elderly_marriage");
}

TEST(CareList, AMarriageTheDayBeforeThe65thBirthdayDoesNotQualify) {
  const auto q =
      qualify_for_care_list(EventType::kMarriage, d("2026-11-09"),
                            {person("A", "1961-11-10"), person("B", "1961-11-10")}, {}, kRules);
  EXPECT_FALSE(q.reason);
  EXPECT_EQ(q.party_ages, (std::vector<int>{64, 64}));
}

TEST(CareList, TheElderlyAgeComesFromTheRules) {
  StatutoryRules rules = kRules;
  rules.care_elderly_age = 60;
  EXPECT_TRUE(qualify_for_care_list(EventType::kMarriage, d("2026-11-10"),
                                    {person("A", "1965-01-01"), person("B", "1970-01-01")}, {},
                                    rules)
                  .reason);
}

TEST(CareList, ADivorceQualifiesWithAChildUnder18OnItsDate) {  // 兒少福利與權益保障法 §2
  const std::vector<Person> parties = {person("A", "1980-01-01"), person("B", "1982-01-01")};
  // Turns 18 on the divorce's date: no longer a minor child; the younger one is, once.
  const std::vector<Person> children = {person("C", "2008-11-10"), person("D", "2015-05-05"),
                                        person("D", "2015-05-05")};
  const auto q =
      qualify_for_care_list(EventType::kDivorce, d("2026-11-10"), parties, children, kRules);
  ASSERT_TRUE(q.reason);
  EXPECT_EQ(*q.reason, CareReason::kDivorceWithMinorChildren);
  EXPECT_EQ(q.minor_children, 1);
}

TEST(CareList, ChildrenBornAfterTheDivorceOrDeadDoNotCount) {
  const std::vector<Person> parties = {person("A", "1980-01-01"), person("B", "1982-01-01")};
  Person dead = person("C", "2015-01-01");
  dead.status = PersonStatus::kRemoved;
  dead.removal_reason = "death";
  Person emigrated = person("E", "2016-01-01");
  emigrated.status = PersonStatus::kRemoved;
  emigrated.removal_reason = "emigration";
  const auto none = qualify_for_care_list(EventType::kDivorce, d("2026-11-10"), parties,
                                          {dead, person("D", "2026-12-01")}, kRules);
  EXPECT_FALSE(none.reason);
  EXPECT_EQ(none.minor_children, 0);
  // A child abroad is still the couple's child.
  EXPECT_TRUE(
      qualify_for_care_list(EventType::kDivorce, d("2026-11-10"), parties, {emigrated}, kRules)
          .reason);
}

TEST(CareList, ADivorceWithoutChildrenAndOtherTypesDoNotQualify) {
  const std::vector<Person> elderly = {person("A", "1940-01-01"), person("B", "1945-01-01")};
  EXPECT_FALSE(
      qualify_for_care_list(EventType::kDivorce, d("2026-11-10"), elderly, {}, kRules).reason);
  EXPECT_FALSE(
      qualify_for_care_list(EventType::kMoveIn, d("2026-11-10"), elderly, {}, kRules).reason);
}

TEST(CareList, AMonthWithoutQualifyingCasesHasNoRate) {  // seed 004 CC1.1
  EXPECT_FALSE(care_list_rate(0, 0));
  EXPECT_DOUBLE_EQ(*care_list_rate(4, 3), 0.75);
  EXPECT_DOUBLE_EQ(*care_list_rate(2, 2), 1.0);
}

TEST(CareList, MonthsParseToTheirFirstAndLastDay) {
  auto feb = parse_month("2028-02");
  ASSERT_TRUE(feb.ok());
  EXPECT_EQ(feb->first, d("2028-02-01"));
  EXPECT_EQ(feb->last, d("2028-02-29"));
  for (const char* bad : {"2026-13", "2026-1", "2026/11", "", "2026-00", "20x6-11", "2026-11-01"}) {
    EXPECT_FALSE(parse_month(bad).ok()) << bad;
    EXPECT_EQ(parse_month(bad).error().code, "care_list.month") << bad;
  }
}

}  // namespace
}  // namespace huji::domain
