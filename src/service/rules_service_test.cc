#include "service/rules_service.h"

#include <gtest/gtest.h>

#include <string>

#include "service/crypto.h"
#include "testing/temp_db.h"

namespace huji::service {
namespace {

using core::Date;

int64_t taipei_noon_ms(const char* iso) {
  return core::taipei_day_start_ms(Date::parse_iso(iso).value()) + int64_t{12} * 3600 * 1000;
}

Date d(const char* iso) { return Date::parse_iso(iso).value(); }

// A version with `key value` instead of the default line.
std::string version(const char* effective, const std::string& key, const std::string& value) {
  domain::StatutoryRules r = domain::StatutoryRules::defaults();
  r.effective_from = d(effective);
  std::string text = domain::format_rule_version(r);
  const auto at = text.find("\n" + key + " ") + 1;
  text.replace(at, text.find('\n', at) - at, key + " " + value);
  return text;
}

class RulesServiceTest : public ::testing::Test {
 protected:
  RulesServiceTest() {
    domain::StatutoryRules shipped = domain::StatutoryRules::defaults();
    shipped.effective_from = d("2015-01-22");
    files_.push_back(shipped);
    admin_.username = "admin";
    admin_.role = domain::Role::kAdmin;
    admin_.office_code = "63000010";
    clerk_ = admin_;
    clerk_.username = "clerk";
    clerk_.role = domain::Role::kClerk;
    supervisor_ = admin_;
    supervisor_.username = "supervisor";
    supervisor_.role = domain::Role::kSupervisor;
  }

  RulesService make() { return {db_.store(), clock_, shared_, files_}; }

  testing::TempDb db_;
  core::ManualClock clock_{taipei_noon_ms("2026-12-04")};
  domain::SharedRuleBook shared_;
  std::vector<domain::StatutoryRules> files_;
  Actor admin_, clerk_, supervisor_;
};

TEST_F(RulesServiceTest, AVersionAppliesFromItsDateAndSurvivesARestart) {
  RulesService rules = make();
  ASSERT_TRUE(rules.refresh().ok());
  const std::string text = version("2027-01-01", "deadline.birth_days", "90");
  auto loaded = rules.load(admin_, {"req-rules"}, text);
  ASSERT_TRUE(loaded.ok()) << loaded.error().message_en;
  ASSERT_EQ(loaded->size(), 1u);
  EXPECT_EQ((*loaded)[0].source, "database");
  EXPECT_FALSE((*loaded)[0].in_force);  // from next year
  // Cases of before its date keep the old figure; later ones take the new.
  EXPECT_EQ(shared_.get()->at(d("2026-12-31")).birth_days, 60);
  EXPECT_EQ(shared_.get()->at(d("2027-01-01")).birth_days, 90);

  // Audited, with the text's digest.
  {
    auto tx = db_.store().begin(TxMode::kRead).value();
    AuditQuery q;
    q.username = "admin";
    auto entries = tx->query_audit(q).value();
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].action, "rules.load");
    EXPECT_NE(entries[0].purpose.find("2027-01-01"), std::string::npos);
    EXPECT_NE(entries[0].purpose.find("sha256 " + sha256_hex(text)), std::string::npos);
    EXPECT_EQ(entries[0].request_id, "req-rules");
  }

  // A restart: the file's version, then the stored ones over it.
  db_.reopen();
  domain::SharedRuleBook after;
  RulesService restarted(db_.store(), clock_, after, files_);
  EXPECT_EQ(after.get()->at(d("2027-06-01")).birth_days, 60);
  ASSERT_TRUE(restarted.refresh().ok());
  EXPECT_EQ(after.get()->at(d("2027-06-01")).birth_days, 90);
  auto versions = restarted.versions(admin_);
  ASSERT_TRUE(versions.ok());
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_EQ((*versions)[0].source, "file");
  EXPECT_TRUE((*versions)[0].in_force);
  EXPECT_EQ((*versions)[1].source, "database");
  EXPECT_EQ((*versions)[1].loaded_by, "admin");
}

TEST_F(RulesServiceTest, AnotherServersVersionIsTakenInOnRefresh) {
  RulesService one = make();
  domain::SharedRuleBook other_book;
  RulesService other(db_.store(), clock_, other_book, files_);
  ASSERT_TRUE(one.refresh().ok() && other.refresh().ok());
  ASSERT_TRUE(one.load(admin_, {}, version("2027-03-01", "fine.after_reminder", "1200")).ok());
  EXPECT_EQ(other_book.get()->at(d("2027-03-01")).fine_after_reminder, 900);
  ASSERT_TRUE(other.refresh().ok());
  EXPECT_EQ(other_book.get()->at(d("2027-03-01")).fine_after_reminder, 1200);
}

TEST_F(RulesServiceTest, RefusalsLeaveTheBookAsItWas) {
  RulesService rules = make();
  ASSERT_TRUE(rules.refresh().ok());
  const auto before = shared_.get();
  // Not retroactive: cases begun keep the rules of their date.
  auto past = rules.load(admin_, {}, version("2026-12-03", "deadline.birth_days", "90"));
  ASSERT_FALSE(past.ok());
  EXPECT_EQ(past.error().code, "rules.retroactive");
  // Nor today: applications entered earlier today would be reviewed with other figures.
  auto today = rules.load(admin_, {}, version("2026-12-04", "deadline.birth_days", "90"));
  ASSERT_FALSE(today.ok());
  EXPECT_EQ(today.error().code, "rules.retroactive");
  // All or nothing: a good block with a bad one loads neither.
  auto mixed = rules.load(admin_, {},
                          version("2027-01-01", "deadline.birth_days", "90") +
                              version("2027-02-01", "deadline.birth_days", "zero"));
  ASSERT_FALSE(mixed.ok());
  EXPECT_EQ(mixed.error().code, "rules.file");
  EXPECT_NE(mixed.error().message_en.find("rules:"), std::string::npos);
  // Only admins load; clerks may not even read them.
  auto clerk = rules.load(clerk_, {}, version("2027-01-01", "deadline.birth_days", "90"));
  ASSERT_FALSE(clerk.ok());
  EXPECT_EQ(clerk.error().kind, core::ErrorKind::kPermissionDenied);
  EXPECT_FALSE(rules.versions(clerk_).ok());
  EXPECT_TRUE(rules.versions(supervisor_).ok());  // supervisors read the targets
  // Bidi controls are refused like anywhere else.
  auto bidi = rules.load(admin_, {}, version("2027-01-01", "source", "戶籍法\u202e"));
  ASSERT_FALSE(bidi.ok());
  EXPECT_EQ(bidi.error().code, "rules.file");
  EXPECT_EQ(shared_.get(), before);
  ASSERT_TRUE(rules.refresh().ok());
  EXPECT_EQ(shared_.get()->versions().size(), 1u);
}

// A version stored by an earlier release lacks a key added since (law.marriage_min_age_woman
// here): it keeps the figure in force the day before it, not a default, and huji still starts.
// Loading a new text still needs every key.
TEST_F(RulesServiceTest, AVersionStoredBeforeAKeyExistedKeepsTheFigureInForceBeforeIt) {
  files_[0].marriage_min_age_woman = 16;  // the shipped 2015 version: the law before 2023
  std::string text = version("2027-01-01", "deadline.birth_days", "90");
  const auto at = text.find("law.marriage_min_age_woman ");
  ASSERT_NE(at, std::string::npos);
  text.erase(at, text.find('\n', at) + 1 - at);
  {
    auto tx = db_.store().begin(TxMode::kWrite).value();
    ASSERT_TRUE(tx->put_rule_version({d("2027-01-01"), text, "admin", 1}).ok());
    ASSERT_TRUE(tx->commit().ok());
  }
  RulesService rules = make();
  auto refreshed = rules.refresh();
  ASSERT_TRUE(refreshed.ok()) << refreshed.error().message_en;
  EXPECT_EQ(shared_.get()->at(d("2027-01-01")).birth_days, 90);
  EXPECT_EQ(shared_.get()->at(d("2027-01-01")).marriage_min_age_woman, 16);
  EXPECT_EQ(rules.load(admin_, {"r"}, text).error().code, "rules.file");
}

}  // namespace
}  // namespace huji::service
