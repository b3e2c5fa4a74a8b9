#ifndef HUJI_DOMAIN_REGISTER_STATUTORY_RULES_H_
#define HUJI_DOMAIN_REGISTER_STATUTORY_RULES_H_

// The statutory figures the register's rules count with (deadline lengths, fine bands, the
// nationality periods, caps, KPI targets), as configuration with effective dates: a RuleBook
// holds every version an admin loaded; a case is judged by the version in force on its date
// (the event date for deadlines and fines), so a change applies from its date and older cases
// keep the rules of theirs. The defaults are the law as of 2026 (each figure cites its source).
//
// Text format (one version per block, '#' starts a comment, blank lines ignored):
//   effective 2015-01-01
//   source 戶籍法 §29-§36、§48-§51、§79; 戶籍罰鍰處罰金額基準表
//   deadline.birth_days 60
//   fine.bands 15:300 30:500 180:700
//   ...
// Every key must be known and every version complete (a later block does not inherit from an
// earlier one): a figure left out would silently be the default, which a change of law must
// not do. parse_rule_book() reports the first bad line with its number (rules.file).

#include <array>
#include <atomic>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/result.h"

namespace huji::domain {

// Fines for late applications, by days late (戶籍法 §79; the MOI fine table 戶籍罰鍰處罰金額
// 基準表).
struct FineSchedule {
  struct Band {
    int up_to_days;  // inclusive upper bound of the band
    int amount;      // NT$
    bool operator==(const Band&) const = default;
  };
  std::vector<Band> bands;  // ascending
  int beyond = 900;         // more days late than the last band
  int statutory_max = 900;  // §79: NT$300–900

  // 1–15 days NT$300, 16–30 500, 31–180 700, over 180 900.
  static FineSchedule defaults();
  // The table's amount for `days_late` (> 0).
  int amount_for(int days_late) const;
  bool operator==(const FineSchedule&) const = default;
};

struct StatutoryRules {
  core::Date effective_from = core::Date::from_days_since_epoch(0);  // 1970-01-01
  std::string source;  // the statutes and tables the figures come from

  // Deadlines (戶籍法 §48–§51 with §79; 行政程序法 §48 for counting).
  int birth_days = 60;       // 出生: 60 days from the birth (§48)
  int general_days = 30;     // every type with a statutory period, unless below (§48)
  int move_stay_months = 3;  // 遷徙: due once the person has lived there 3 months (§16, §17)
  int move_days = 30;        // … then within 30 days (§48)
  int abroad_years = 2;      // 遷出 abroad: the duty arises after 2 years abroad (§16 ¶3)
  // 結婚 and 兩願離婚 take effect by registration since 民法 §982 as amended (in force
  // 2008-05-23): a marriage before this date is counted like any other event.
  core::Date registration_marriage_since =
      core::Date::from_days_since_epoch(core::Date::from_civil(2008, 5, 23));
  // 兩願離婚 takes effect by registration since 民法 §1050 as amended (in force 1985-06-05).
  core::Date registration_agreed_divorce_since =
      core::Date::from_days_since_epoch(core::Date::from_civil(1985, 6, 5));

  FineSchedule fines = FineSchedule::defaults();  // §79
  int fine_after_reminder = 900;  // §79: still not filed after the written reminder (催告)
  int reminder_days = 7;          // the new period a 催告 sets (施行細則; office practice)
  // §76 false application: corrected by the applicant / found by staff / reported by others.
  std::array<int, 3> false_application_fines = {3000, 6000, 9000};

  // Nationality (國籍法 and 國籍法施行細則; DOMAIN.md §3).
  int nationality_registration_working_days = 30;  // from the day after the Ministry's letter
  int proof_of_loss_years = 1;   // naturalized persons: proof of loss of the original nationality
  int proof_reminder_days = 60;  // remind this long before the proof is due

  int name_change_cap = 3;  // 姓名條例 §9 ¶2: changes on its grounds at most three times
  // 民法 §12: of full age at 18 (since 2023-01-01; 20 before). Below it a person applies
  // through the legal representative (民法 §1086), who is then the applicant.
  int age_of_majority = 18;
  // 民法 §980: the minimum age to marry (since 2023-01-01 18 for both; before, 18 for a man
  // and 16 for a woman, with the legal representative's consent under §981).
  int marriage_min_age_man = 18;
  int marriage_min_age_woman = 18;

  // 主動關懷通報 (seed 004 CC1.1): a marriage where a party is this old or older on its date
  // (老人福利法 §2: 年滿六十五歲), and a divorce with a child younger than this on its date
  // (兒童及少年福利與權益保障法 §2: 未滿十八歲).
  int care_elderly_age = 65;
  int care_child_age = 18;

  // KPI targets (seeds 000/002, DOMAIN.md §9), as fractions.
  double target_registration_correctness = 0.97;  // 北斗 97 %; 大同 100 %
  // When > 0, the target is also "not below the average of the prior N years" (大同: 3).
  int target_correctness_prior_years = 0;
  double target_care_list_rate = 1.0;  // seed 004 CC1.1: 實際通報 ÷ 符合通報條件
  // 跨機關通報比率 (issue 19): 北斗 (seed 000: 單一簽入通報件數 ÷ 戶籍登記可通報件數, 94–96 %)
  // and 大同's weighted formula (seed 004 CPI.1: 80 %); domain/notify/notification_rate.h.
  double target_notification_rate_beidou = 0.96;
  double target_notification_rate_datong = 0.80;

  static StatutoryRules defaults();
  bool operator==(const StatutoryRules&) const = default;
};

// Parses one or more versions (the format above); rules.file with the source and line number
// on the first bad line, rules.duplicate when two blocks share an effective date. Every key is
// required in every block, unless `inherit` is given: then a block starts from it and a key it
// leaves out keeps the inherited figure. That is for a version stored before a key existed
// (a later release added the key): it keeps the figure in force before it, never a default.
core::Result<std::vector<StatutoryRules>> parse_rule_versions(
    std::string_view text, std::string_view source_name, const StatutoryRules* inherit = nullptr);
// One version as a block of the format above, which parses back to the same value.
std::string format_rule_version(const StatutoryRules& rules);

// Every version, by effective date. Never empty: a book without versions holds the defaults.
class RuleBook {
 public:
  RuleBook();
  explicit RuleBook(std::vector<StatutoryRules> versions);  // sorted on construction

  // The version in force on `d` (the latest one effective on or before it; the earliest one
  // when `d` precedes them all).
  const StatutoryRules& at(core::Date d) const;
  const std::vector<StatutoryRules>& versions() const { return versions_; }

 private:
  std::vector<StatutoryRules> versions_;  // ascending effective_from, unique
};

// The book the request threads use, replaced whole when an admin loads a version (like
// core::SharedCalendar). Thread-safe.
class SharedRuleBook {
 public:
  explicit SharedRuleBook(RuleBook initial = {})
      : current_(std::make_shared<const RuleBook>(std::move(initial))) {}
  std::shared_ptr<const RuleBook> get() const { return current_.load(); }
  void set(RuleBook next) { current_.store(std::make_shared<const RuleBook>(std::move(next))); }

 private:
  std::atomic<std::shared_ptr<const RuleBook>> current_;
};

}  // namespace huji::domain

#endif  // HUJI_DOMAIN_REGISTER_STATUTORY_RULES_H_
