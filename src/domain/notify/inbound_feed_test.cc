#include "domain/notify/inbound_feed.h"

#include <gtest/gtest.h>

namespace huji::domain::notify {
namespace {

const core::Date kToday = core::Date::parse_iso("2026-12-05").value();

std::string file(const std::string& body) { return std::string(kFeedHeader) + "\n" + body; }

TEST(InboundFeed, ParsesRecordsWithQuotesBomAndCrlf) {
  const std::string text =
      "\xEF\xBB\xBF" + std::string(kFeedHeader) +
      "\r\nNIA-1,a123456789,王小明,abroad_2y,2026-11-30,\"移署字第1號, 附件\"\r\n"
      "NIA-2,B120000008,\"陳\"\"大\"\"文\",reentry,2026-12-01,\r\n\r\n";
  ParsedFeed p = parse_feed("immigration", text, kToday);
  ASSERT_TRUE(p.errors.empty()) << p.errors[0].message_en;
  ASSERT_EQ(p.records.size(), 2u);
  EXPECT_EQ(p.records[0].line, 2);
  EXPECT_EQ(p.records[0].id_number, "A123456789");
  EXPECT_EQ(p.records[0].reference, "移署字第1號, 附件");
  EXPECT_EQ(p.records[1].name, "陳\"大\"文");
  EXPECT_EQ(p.records[1].event_date.to_iso(), "2026-12-01");
}

// Table: a bad line and the start of the error its line gets.
TEST(InboundFeed, ReportsEveryBadLineByNumber) {
  struct Case {
    std::string line, error_en;
  };
  const std::vector<Case> cases = {
      {"R1,A123456789,王,abroad_2y,2026-11-30", "line 2: must have 6"},
      {"R1,A123456780,王,abroad_2y,2026-11-30,", "line 2: bad id_number"},
      {"R1,A123456789,,abroad_2y,2026-11-30,", "line 2: name must"},
      {"R1,A123456789,王\xE2\x80\xAE,abroad_2y,2026-11-30,", "line 2: name must"},
      {"R1,A123456789,王,death,2026-11-30,",
       "line 2: event \"death\" is not one of abroad_2y, "
       "reentry"},
      {"R1,A123456789,王,abroad_2y,2026/11/30,", "line 2: event_date must"},
      {"R1,A123456789,王,abroad_2y,2026-12-06,", "line 2: event_date is after today"},
      {"R 1,A123456789,王,abroad_2y,2026-11-30,", "line 2: record_id must"},
      {"R1,A12345\"6789,王,abroad_2y,2026-11-30,", "line 2: must have 6"},
  };
  for (const auto& c : cases) {
    ParsedFeed p = parse_feed("immigration", file(c.line + "\n"), kToday);
    ASSERT_EQ(p.errors.size(), 1u) << c.line;
    EXPECT_EQ(p.errors[0].line, 2) << c.line;
    EXPECT_EQ(p.errors[0].message_en.rfind(c.error_en, 0), 0u)
        << c.line << " → " << p.errors[0].message_en;
    EXPECT_TRUE(p.records.empty());
  }
}

TEST(InboundFeed, RefusesAWrongHeaderAndARepeatedRecordId) {
  ParsedFeed p = parse_feed("death", "id,name\nR1\n", kToday);
  ASSERT_EQ(p.errors.size(), 1u);
  EXPECT_EQ(p.errors[0].line, 1);
  p = parse_feed("death", "", kToday);
  ASSERT_EQ(p.errors.size(), 1u);
  p = parse_feed("death",
                 file("H1,A123456789,王,death,2026-11-30,\nH1,B120000008,李,death,2026-11-30,\n"),
                 kToday);
  ASSERT_EQ(p.errors.size(), 1u);
  EXPECT_EQ(p.errors[0].line, 3);
  EXPECT_EQ(p.records.size(), 1u);
}

TEST(InboundFeed, TheLastLineAboutAPersonWins) {
  ParsedFeed p = parse_feed("immigration",
                            file("R1,A123456789,王,abroad_2y,2026-11-01,\n"
                                 "R2,B120000008,李,abroad_2y,2026-11-01,\n"
                                 "R3,A123456789,王,reentry,2026-11-20,\n"),
                            kToday);
  ASSERT_TRUE(p.errors.empty());
  EXPECT_EQ(last_wins(p.records), (std::vector<bool>{false, true, true}));
}

// A hand-worked example (seed 002 line 118): six abroad-2-years cases seen on 2026-12-10;
// two closed, one open past its limit of 12-04, two open within their limits (12-10 and
// 12-11: not counted), one closed after its limit (counts as done).
// notified = 6 − 2 = 4, in progress = 1, rate = (4 − 1) ÷ 4 = 75 %.
TEST(InboundFeed, AbroadCompletionLeavesOutCasesWithinTheLimit) {
  auto d = [](const char* iso) { return core::Date::parse_iso(iso).value(); };
  const std::vector<AbroadCase> cases = {
      {d("2026-12-01"), false}, {d("2026-12-02"), false}, {d("2026-12-04"), true},
      {d("2026-12-10"), true},  {d("2026-12-11"), true},  {d("2026-11-20"), false},
  };
  AbroadCompletion k = abroad_completion(cases, d("2026-12-10"));
  EXPECT_EQ(k.notified, 4);
  EXPECT_EQ(k.in_progress, 1);
  EXPECT_EQ(k.excluded, 2);
  ASSERT_TRUE(k.rate);
  EXPECT_DOUBLE_EQ(*k.rate, 0.75);
  EXPECT_FALSE(abroad_completion({{d("2026-12-11"), true}}, d("2026-12-10")).rate);
}

}  // namespace
}  // namespace huji::domain::notify
