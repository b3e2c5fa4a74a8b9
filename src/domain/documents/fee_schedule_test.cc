#include "domain/documents/fee_schedule.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace huji::domain {
namespace {

core::Date d(const char* iso) { return *core::Date::parse_iso(iso); }

FeeSchedule shipped() {
  std::ifstream in(HUJI_FEES_FILE);
  std::stringstream text;
  text << in.rdbuf();
  auto versions = parse_fee_versions(text.str(), "schedule.txt");
  EXPECT_TRUE(versions.ok()) << versions.error().message_en;
  return FeeSchedule(std::move(*versions));
}

TEST(FeeScheduleTest, TheShippedScheduleChargesWhatDomainSectionFourLists) {
  FeeSchedule s = shipped();
  const auto today = d("2026-12-05");
  EXPECT_EQ(s.quote("transcript_sheet", today)->amount, 15);
  EXPECT_EQ(s.quote("id_card_first", today)->amount, 50);
  EXPECT_EQ(s.quote("id_card_replacement", today)->amount, 200);
  EXPECT_EQ(s.quote("booklet", today)->amount, 30);
  EXPECT_EQ(s.quote("seal_certificate_sheet", today)->amount, 20);
}

TEST(FeeScheduleTest, AFeeThatChangesOnADateAppliesFromThatDate) {
  FeeSchedule s = shipped();
  EXPECT_EQ(s.quote("transcript_sheet", d("2011-04-30"))->amount, 20);
  EXPECT_EQ(s.quote("transcript_sheet", d("2011-05-01"))->amount, 15);
  EXPECT_EQ(s.quote("transcript_sheet", d("2011-05-01"))->effective, d("2011-05-01"));
  // An item the older schedule did not have is unknown before its version.
  EXPECT_EQ(s.quote("kinship_certificate", d("2010-01-01")).error().code, "fee.unknown_item");
  EXPECT_EQ(s.quote("transcript_sheet", d("2000-01-01")).error().code, "fee.unknown_item");
}

TEST(FeeScheduleTest, PerSheetAndExtraCopyAmounts) {
  FeeSchedule s = shipped();
  const auto today = d("2026-12-05");
  EXPECT_EQ(s.quote("transcript_sheet", today, 3)->amount, 45);
  auto en = s.quote("transcript_en", today, 3);
  ASSERT_TRUE(en.ok());
  EXPECT_EQ(en->unit_amount, 100);
  EXPECT_EQ(en->amount, 130);  // 100, then 15 per further copy
  EXPECT_EQ(s.quote("transcript_sheet", today, 0).error().code, "fee.quantity");
}

TEST(FeeScheduleTest, AWaiverChargesNothingForTheItemsItCovers) {
  FeeSchedule s = shipped();
  const auto today = d("2026-12-05");
  auto waived = s.quote("id_card_renewal", today, 1, "reorganisation");
  ASSERT_TRUE(waived.ok());
  EXPECT_EQ(waived->amount, 0);
  EXPECT_EQ(waived->waiver, "reorganisation");
  EXPECT_EQ(s.quote("seal_certificate_sheet", today, 1, "reorganisation").error().code,
            "fee.waiver_item");
  EXPECT_EQ(s.quote("booklet", today, 1, "no_such").error().code, "fee.unknown_waiver");
}

TEST(FeeScheduleTest, FormatParsesBackToTheSameVersion) {
  FeeSchedule s = shipped();
  for (const auto& v : s.versions()) {
    auto again = parse_fee_versions(format_fee_version(v), "again");
    ASSERT_TRUE(again.ok()) << again.error().message_en;
    ASSERT_EQ(again->size(), 1u);
    EXPECT_EQ(again->front(), v);
  }
}

TEST(FeeScheduleTest, BadLinesAreReportedWithTheirNumber) {
  auto bad = parse_fee_versions("effective 2024-01-01\nitem x 1O | a | b\n", "t");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "fees.file");
  EXPECT_NE(bad.error().message_en.find("line 2"), std::string::npos);
  EXPECT_EQ(parse_fee_versions("item x 1 | a | b\n", "t").error().code, "fees.file");
  EXPECT_EQ(parse_fee_versions("effective 2024-01-01\nitem x 1 | a | b\nwaiver w y | c | d\n", "t")
                .error()
                .code,
            "fees.file");
  EXPECT_EQ(parse_fee_versions("effective 2024-01-01\nitem x 1 | a | b\neffective 2024-01-01\n"
                               "item x 1 | a | b\n",
                               "t")
                .error()
                .code,
            "fees.duplicate");
  EXPECT_EQ(parse_fee_versions("effective 2024-01-01\n", "t").error().code, "fees.file");
}

}  // namespace
}  // namespace huji::domain
