#include "domain/register/statutory_rules.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#ifndef HUJI_RULES_FILE
#error "HUJI_RULES_FILE must name data/rules/statutory.txt"
#endif

namespace huji::domain {
namespace {

core::Date d(const char* iso) { return core::Date::parse_iso(iso).value(); }

std::string shipped() {
  std::ifstream in(HUJI_RULES_FILE);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(StatutoryRules, TheShippedFileIsTheDefaults) {
  auto versions = parse_rule_versions(shipped(), "statutory.txt");
  ASSERT_TRUE(versions.ok()) << versions.error().message_en;
  ASSERT_EQ(versions->size(), 2u);
  StatutoryRules expected = StatutoryRules::defaults();
  expected.effective_from = d("2023-01-01");
  expected.source = (*versions)[1].source;
  EXPECT_EQ((*versions)[1], expected);
  // Before 民法 §12 and §980 as amended (in force 2023-01-01): of age at 20, women marry at 16.
  expected.effective_from = d("2015-01-22");
  expected.source = (*versions)[0].source;
  expected.age_of_majority = 20;
  expected.marriage_min_age_woman = 16;
  EXPECT_EQ((*versions)[0], expected);
}

TEST(StatutoryRules, FormatParsesBack) {
  StatutoryRules r = StatutoryRules::defaults();
  r.effective_from = d("2027-07-01");
  r.fines.bands = {{10, 400}, {60, 800}};
  r.fines.beyond = 1200;
  r.target_registration_correctness = 0.9998;
  r.false_application_fines = {1, 2, 3};
  auto back = parse_rule_versions(format_rule_version(r), "x");
  ASSERT_TRUE(back.ok()) << back.error().message_en;
  ASSERT_EQ(back->size(), 1u);
  EXPECT_EQ((*back)[0], r);
}

// The defaults' text with the line of `key` replaced by `line`, and that line's number.
std::pair<std::string, int> with_line(const std::string& key, const std::string& line) {
  std::string text = format_rule_version(StatutoryRules::defaults());
  const auto at = text.find("\n" + key + " ") + 1;
  const int number = static_cast<int>(std::count(
                         text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n')) +
                     1;
  text.replace(at, text.find('\n', at) - at, line);
  return {text, number};
}

TEST(StatutoryRules, BadTextNamesTheLine) {
  const std::string good = format_rule_version(StatutoryRules::defaults());
  const int lines = static_cast<int>(std::count(good.begin(), good.end(), '\n'));
  struct Case {
    std::string text;
    std::string code;
    std::string where;
  };
  std::vector<Case> cases = {
      {"deadline.birth_days 60\n", "rules.file", "x:1"},  // no effective line first
      {"effective 2027-13-01\n", "rules.file", "x:1"},
      {good + "bogus.key 1\n", "rules.file", "x:" + std::to_string(lines + 1)},
      {"effective 2027-01-01\ndeadline.birth_days 60\n", "rules.file", "x:1"},  // incomplete
      {good + good, "rules.duplicate", ""},
      {"# nothing\n", "rules.empty", ""},
  };
  for (const auto& [key, line] : std::vector<std::pair<std::string, std::string>>{
           {"deadline.birth_days", "deadline.birth_days 0"},
           {"deadline.general_days", "deadline.birth_days 60"},  // repeated
           {"fine.bands", "fine.bands 30:500 15:300"},           // out of order
           {"target.registration_correctness", "target.registration_correctness 1.5"},
           {"fine.false_application", "fine.false_application 3000 6000"},
           {"law.marriage_by_registration_since", "law.marriage_by_registration_since 2008"}}) {
    auto [text, number] = with_line(key, line);
    cases.push_back({text, "rules.file", "x:" + std::to_string(number)});
  }
  for (const auto& c : cases) {
    auto r = parse_rule_versions(c.text, "x");
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_EQ(r.error().code, c.code) << c.text;
    EXPECT_NE(r.error().message_en.find(c.where), std::string::npos) << r.error().message_en;
  }
}

TEST(RuleBook, TheVersionInForceOnADate) {
  StatutoryRules a = StatutoryRules::defaults();
  a.effective_from = d("2015-01-22");
  StatutoryRules b = a;
  b.effective_from = d("2027-07-01");
  b.birth_days = 90;
  const RuleBook book({b, a});  // any order
  EXPECT_EQ(book.at(d("2027-06-30")).birth_days, 60);
  EXPECT_EQ(book.at(d("2027-07-01")).birth_days, 90);
  EXPECT_EQ(book.at(d("2030-01-01")).birth_days, 90);
  // Before every version: the earliest one.
  EXPECT_EQ(book.at(d("1990-01-01")).birth_days, 60);
  EXPECT_EQ(RuleBook().versions().size(), 1u);
}

TEST(StatutoryRules, AnInheritingParseKeepsTheFiguresABlockLeavesOut) {
  StatutoryRules base = StatutoryRules::defaults();
  base.name_change_cap = 5;
  const std::string text = "effective 2027-07-01\ndeadline.birth_days 90\n";
  EXPECT_EQ(parse_rule_versions(text, "t").error().code, "rules.file");
  auto v = parse_rule_versions(text, "t", &base);
  ASSERT_TRUE(v.ok()) << v.error().message_en;
  ASSERT_EQ(v->size(), 1u);
  EXPECT_EQ((*v)[0].birth_days, 90);
  EXPECT_EQ((*v)[0].name_change_cap, 5);
  EXPECT_EQ((*v)[0].effective_from, d("2027-07-01"));
}

}  // namespace
}  // namespace huji::domain
