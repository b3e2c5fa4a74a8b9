// The deadline table (tests/rules/deadlines.tsv): each line an event, a filing date and what
// the law makes of it, with the statute. See the file's header for the columns.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "domain/register/deadline.h"

#ifndef HUJI_RULE_TABLES_DIR
#error "HUJI_RULE_TABLES_DIR must name tests/rules"
#endif

namespace huji::domain {
namespace {

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string part;
  while (std::getline(in, part, sep)) out.push_back(part);
  return out;
}

TEST(DeadlineTable, EveryCaseHolds) {
  core::WorkingCalendar cal;
  ASSERT_TRUE(cal.load_directory(HUJI_CALENDAR_DIR).ok());
  std::ifstream rules_in(HUJI_RULES_FILE);
  std::stringstream rules_text;
  rules_text << rules_in.rdbuf();
  auto versions = parse_rule_versions(rules_text.str(), "statutory.txt");
  ASSERT_TRUE(versions.ok()) << versions.error().message_en;
  const RuleBook book(*versions);

  std::ifstream in(std::string(HUJI_RULE_TABLES_DIR) + "/deadlines.tsv");
  ASSERT_TRUE(in) << "tests/rules/deadlines.tsv";
  std::string line;
  int line_no = 0, cases = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    const auto col = split(line, '\t');
    ASSERT_EQ(col.size(), 9u) << "deadlines.tsv:" << line_no << " needs 9 columns";
    const std::string where = "deadlines.tsv:" + std::to_string(line_no) + " (" + col[0] + ")";
    ++cases;
    ASSERT_FALSE(col[0].empty()) << where << ": every case cites its statute";
    auto type = event_type_from_code(col[1]);
    ASSERT_TRUE(type) << where << ": unknown type " << col[1];
    LatenessInput input{*type, core::Date::parse_iso(col[3]).value(),
                        core::Date::parse_iso(col[4]).value(), {}};
    if (col[2] != "-") {
      for (const auto& kv : split(col[2], ';')) {
        const auto eq = kv.find('=');
        ASSERT_NE(eq, std::string::npos) << where;
        input.fields[kv.substr(0, eq)] = kv.substr(eq + 1);
      }
    }
    auto r = assess_lateness(input, cal, book);
    if (col[8] != "-") {
      ASSERT_FALSE(r.ok()) << where << ": expected " << col[8];
      EXPECT_EQ(r.error().code, col[8]) << where;
      continue;
    }
    ASSERT_TRUE(r.ok()) << where << ": " << r.error().message_en;
    if (col[5] == "none") {
      EXPECT_FALSE(r->has_deadline) << where;
    } else {
      EXPECT_TRUE(r->has_deadline) << where;
      const bool provisional = col[5][0] == '~';
      EXPECT_EQ(r->provisional, provisional) << where;
      EXPECT_EQ(r->deadline.to_iso(), col[5].substr(provisional ? 1 : 0)) << where;
    }
    EXPECT_EQ(r->days_late, std::stoi(col[6])) << where;
    EXPECT_EQ(r->fine_min, std::stoi(col[7])) << where;
    EXPECT_EQ(r->fine_max, r->days_late > 0 ? book.at(input.event_date).fines.statutory_max : 0)
        << where;
  }
  EXPECT_GT(cases, 20);
}

}  // namespace
}  // namespace huji::domain
