#include "domain/notify/notification_rate.h"

#include <gtest/gtest.h>

namespace huji::domain::notify {
namespace {

core::Date d(const char* iso) { return core::Date::parse_iso(iso).value(); }

RegistrationFact reg(int64_t id, const char* type, const char* day, const char* person,
                     std::vector<ConsentLine> consents) {
  RegistrationFact f;
  f.application_id = id;
  f.office = "63000080";
  f.type = type;
  f.registered_on = d(day);
  f.person = person;
  f.consents = std::move(consents);
  return f;
}

ConsentLine sys(const char* group) { return {group, kChannelSystem}; }
const ConsentLine kDeclined{"", kChannelDeclined};

// Seed 002 §7's own example: one citizen notifies the tax office, the motor vehicles office
// and two land offices (one group "land") on one day. By hand: tax 1 + vehicles 1 + land 1
// (two land offices are one agency) = 3.
TEST(NotificationRate, WenshansExampleCountsThreeAgencies) {
  const std::vector<RegistrationFact> facts = {
      reg(1, "move_in", "2026-03-02", "A123456789",
          {sys("tax"), sys("vehicles"), sys("land"), sys("land")})};
  EXPECT_EQ(count_units(facts, true).system, 3);
  // 北斗: 3 units ÷ 1 notifiable registration = 300 % (seed 002: 達100%以上).
  const auto b = beidou_rate(facts);
  EXPECT_EQ(b.notified, 3);
  EXPECT_EQ(b.notifiable, 1);
  ASSERT_TRUE(b.rate);
  EXPECT_DOUBLE_EQ(*b.rate, 3.0);
}

// "同一日再次通報該3機關則不再重複計算": a second registration of the same citizen the same
// day notifying the same three agencies adds nothing: still 3 units, now over 2 registrations
// (北斗 3 ÷ 2 = 150 %). The next day the same three count again: 6 units ÷ 3 = 200 %.
TEST(NotificationRate, TheSameCitizenDayAndAgencyCountsOnce) {
  std::vector<RegistrationFact> facts = {
      reg(1, "move_in", "2026-03-02", "A123456789", {sys("tax"), sys("vehicles"), sys("land")}),
      reg(2, "name_change", "2026-03-02", "A123456789",
          {sys("tax"), sys("vehicles"), sys("land")})};
  auto b = beidou_rate(facts);
  EXPECT_EQ(b.notified, 3);
  EXPECT_EQ(b.notifiable, 2);
  EXPECT_DOUBLE_EQ(*b.rate, 1.5);
  facts.push_back(reg(3, "address_change", "2026-03-03", "A123456789",
                      {sys("tax"), sys("vehicles"), sys("land")}));
  b = beidou_rate(facts);
  EXPECT_EQ(b.notified, 6);
  EXPECT_EQ(b.notifiable, 3);
  EXPECT_DOUBLE_EQ(*b.rate, 2.0);
}

// Two citizens the same day are two units each agency: A (tax) + B (tax) = 2.
TEST(NotificationRate, DifferentCitizensCountApart) {
  const std::vector<RegistrationFact> facts = {
      reg(1, "birth", "2026-03-02", "A123456789", {sys("tax")}),
      reg(2, "birth", "2026-03-02", "B223456789", {sys("tax")})};
  EXPECT_EQ(beidou_rate(facts).notified, 2);
}

// 北斗's denominator is the notifiable registrations only: a divorce (not notifiable) and an
// ex officio move-in (seed 002: 不含逕為遷入) are left out; notifications made outside the
// system or declined are not in its numerator. By hand: notifiable = move_in + birth = 2;
// notified = A's tax (system) = 1 (B's land is "other"); 1 ÷ 2 = 50 %.
TEST(NotificationRate, BeidouCountsOnlyNotifiableRegistrationsAndTheSystemChannel) {
  const std::vector<RegistrationFact> facts = {
      reg(1, "move_in", "2026-03-02", "A123456789", {sys("tax")}),
      reg(2, "birth", "2026-03-02", "B223456789", {{"land", kChannelOther}}),
      reg(3, "divorce", "2026-03-02", "C123456789", {}),
      reg(4, "ex_officio_move_in", "2026-03-02", "D123456789", {}),
      reg(5, "birth", "2026-03-05", "E123456789", {kDeclined})};
  const auto b = beidou_rate(facts);
  EXPECT_EQ(b.notifiable, 3);  // move_in, birth, birth
  EXPECT_EQ(b.notified, 1);
  EXPECT_DOUBLE_EQ(*b.rate, 1.0 / 3.0);
}

// 大同 (seed 004 CPI.1) over ten registrations, worked by hand:
//   #1 A move_in   tax system, vehicles system, land other   → system 2, other 1
//   #2 A name_change same day: tax system (again), land office → nothing new (tax counted;
//      land already counted on "other", which ranks before "office")
//   #3 B birth     nhi office                                  → office 1
//   #4 C birth     declined                                    → declined 1
//   #5 D death     declined                                    → declined 1
//   #6–#10 five divorces, no consent                           → none
// numerator = 2 × 0.65 + 1 × 0.30 + 1 × 0.05 + 2 = 1.30 + 0.30 + 0.05 + 2 = 3.65
// denominator = 10 registrations; rate = 36.5 %.
TEST(NotificationRate, DatongWeighsTheChannelsAndCountsDeclinedRegistrations) {
  std::vector<RegistrationFact> facts = {
      reg(1, "move_in", "2026-03-02", "A123456789",
          {sys("tax"), sys("vehicles"), {"land", kChannelOther}}),
      reg(2, "name_change", "2026-03-02", "A123456789", {sys("tax"), {"land", kChannelOffice}}),
      reg(3, "birth", "2026-03-02", "B223456789", {{"nhi", kChannelOffice}}),
      reg(4, "birth", "2026-03-03", "C123456789", {kDeclined}),
      reg(5, "death", "2026-03-03", "D123456789", {kDeclined})};
  for (int64_t i = 6; i <= 10; ++i) facts.push_back(reg(i, "divorce", "2026-03-04", "E1", {}));
  const auto r = datong_rate(facts);
  EXPECT_EQ(r.units.system, 2);
  EXPECT_EQ(r.units.other, 1);
  EXPECT_EQ(r.units.office, 1);
  EXPECT_EQ(r.declined, 2);
  EXPECT_NEAR(r.numerator, 3.65, 1e-9);
  EXPECT_EQ(r.registrations, 10);
  ASSERT_TRUE(r.rate);
  EXPECT_NEAR(*r.rate, 0.365, 1e-9);
}

// A unit notified on one registration through the system and on another outside it counts
// once, as system: by hand 0.65 ÷ 2 = 32.5 %, not (0.65 + 0.30) ÷ 2.
TEST(NotificationRate, AUnitCountsOnItsBestChannelOnce) {
  const std::vector<RegistrationFact> facts = {
      reg(1, "move_in", "2026-03-02", "A123456789", {{"tax", kChannelOther}}),
      reg(2, "name_change", "2026-03-02", "A123456789", {sys("tax")})};
  const auto r = datong_rate(facts);
  EXPECT_EQ(r.units.system, 1);
  EXPECT_EQ(r.units.other, 0);
  EXPECT_NEAR(*r.rate, 0.325, 1e-9);
}

// The scale of 大同's published actuals (seed 004: 6.79 %, 9.02 %, 52.71 %), by hand: 100
// registrations, 8 notified through the system and 1 declined: (8 × 0.65 + 1) ÷ 100 = 6.2 %.
TEST(NotificationRate, DatongScaleByHand) {
  std::vector<RegistrationFact> facts;
  for (int i = 0; i < 100; ++i) {
    std::vector<ConsentLine> c;
    if (i < 8) c.push_back(sys("tax"));
    if (i == 8) c.push_back(kDeclined);
    facts.push_back(reg(i + 1, "move_in", "2026-03-02", ("P" + std::to_string(i)).c_str(), c));
  }
  EXPECT_NEAR(*datong_rate(facts).rate, 0.062, 1e-9);
}

TEST(NotificationRate, NoRegistrationsNoRate) {
  EXPECT_FALSE(beidou_rate({}).rate);
  EXPECT_FALSE(datong_rate({}).rate);
  // Registrations, but none notifiable: 北斗 has no rate, 大同 is 0 %.
  const std::vector<RegistrationFact> facts = {reg(1, "divorce", "2026-03-02", "A1", {})};
  EXPECT_FALSE(beidou_rate(facts).rate);
  EXPECT_DOUBLE_EQ(*datong_rate(facts).rate, 0.0);
}

// Seed 002: at least 5 % of last week's cases, at least one: 1 → 1, 20 → 1, 21 → 2, 100 → 5,
// 101 → 6.
TEST(NotificationRate, ReviewSampleIsAtLeastFivePercent) {
  EXPECT_EQ(review_sample_size(0), 0);
  EXPECT_EQ(review_sample_size(1), 1);
  EXPECT_EQ(review_sample_size(20), 1);
  EXPECT_EQ(review_sample_size(21), 2);
  EXPECT_EQ(review_sample_size(100), 5);
  EXPECT_EQ(review_sample_size(101), 6);
}

}  // namespace
}  // namespace huji::domain::notify
