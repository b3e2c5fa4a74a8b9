#ifndef HUJI_SERVICE_REGISTRATION_TEST_FIXTURE_H_
#define HUJI_SERVICE_REGISTRATION_TEST_FIXTURE_H_

// The fixture of the registration workflow's tests (registration_service_test.cc,
// register_rebuild_test.cc): a copy of a 600-person demo register, a clock at 2025-06-16 in
// Taipei, the services and staff of every role, and helpers to submit and approve
// applications. Included by test sources only.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <set>

#include "core/id_number.h"
#include "service/audit.h"
#include "service/crypto.h"
#include "service/demo_service.h"
#include "service/nationality_service.h"
#include "service/person_service.h"
#include "service/registration_service.h"
#include "store/sqlite/sqlite_store.h"
#include "testing/temp_db.h"

#ifndef HUJI_CALENDAR_DIR
#error "HUJI_CALENDAR_DIR must name the data/calendar directory"
#endif

namespace huji::service {

namespace fs = std::filesystem;
using core::Date;
using core::ErrorKind;

inline constexpr char kOffice[] = "63000080";

// 2025-06-16 (a Monday) 10:00 in Taipei.
inline int64_t fake_now_ms() {
  return Date::from_ymd(2025, 6, 16).value().days_since_epoch() * 86'400'000 +
         int64_t{2} * 3600 * 1000;
}
inline Date d(int y, int m, int day) { return Date::from_ymd(y, m, day).value(); }

// The demo population (src/demo) generated once into a template file; every test works on
// its own copy in a temporary directory.
class DemoDb {
 public:
  static const std::string& template_path() {
    static const std::string path = [] {
      std::string tmpl = (fs::temp_directory_path() / "huji-regtest-tmpl-XXXXXX").string();
      std::string dir = mkdtemp(tmpl.data());
      std::string file = dir + "/template.db";
      {
        auto store = store::sqlite::SqliteStore::open(file).value();
        core::ManualClock clock(fake_now_ms());
        demo::DemoSpec spec;
        spec.persons = 600;
        spec.seed = 5;
        spec.today = clock.today_taipei();
        auto r = load_demo(*store, clock, spec);
        if (!r.ok()) {
          ADD_FAILURE() << r.error().message_en;
        }
      }
      return file;
    }();
    return path;
  }
  static void remove_template() {
    std::error_code ec;
    fs::remove_all(fs::path(template_path()).parent_path(), ec);
  }

  DemoDb() {
    std::string tmpl = (fs::temp_directory_path() / "huji-regtest-XXXXXX").string();
    dir_ = mkdtemp(tmpl.data());
    path_ = dir_ + "/huji.db";
    fs::copy_file(template_path(), path_);
    store_ = store::sqlite::SqliteStore::open(path_).value();
  }
  ~DemoDb() {
    store_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  store::sqlite::SqliteStore& store() { return *store_; }

 private:
  std::string dir_, path_;
  std::unique_ptr<store::sqlite::SqliteStore> store_;
};

// Removes the template after the last test.
class DemoTemplateCleanup : public ::testing::Environment {
 public:
  void TearDown() override { DemoDb::remove_template(); }
};
inline ::testing::Environment* const kCleanup =
    ::testing::AddGlobalTestEnvironment(new DemoTemplateCleanup);

class RegistrationServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    core::WorkingCalendar shipped;
    ASSERT_TRUE(shipped.load_directory(HUJI_CALENDAR_DIR).ok());
    calendar_.set(std::move(shipped));
  }

  // Persons of the demo register matching `pred`, in ID order.
  std::vector<domain::Person> persons_where(
      const std::function<bool(const domain::Person&)>& pred) {
    std::vector<domain::Person> out;
    auto tx = db_.store().begin(TxMode::kRead).value();
    EXPECT_TRUE(tx->scan_persons([&](const domain::Person& p) {
                    if (pred(p)) out.push_back(p);
                    return true;
                  }).ok());
    return out;
  }
  std::optional<domain::Person> person(const std::string& id) {
    return db_.store().begin(TxMode::kRead).value()->find_person(id).value();
  }
  std::optional<domain::Household> household(const std::string& no) {
    return db_.store().begin(TxMode::kRead).value()->find_household(no).value();
  }
  int64_t event_count() {
    int64_t n = 0;
    auto tx = db_.store().begin(TxMode::kRead).value();
    EXPECT_TRUE(tx->scan_events([&](const domain::Event&) { return ++n, true; }).ok());
    return n;
  }
  int age(const domain::Person& p) const { return p.birth_date.years_until(today_); }

  // A married woman of 20–40 living with her husband in a household of the office, whose
  // household no other chosen mother shares.
  std::vector<domain::Person> mothers() {
    std::vector<domain::Person> out;
    std::set<std::string> households;
    for (auto& p : persons_where([&](const domain::Person& p) {
           return p.status == domain::PersonStatus::kActive && p.sex == core::Sex::kFemale &&
                  p.spouse_id && age(p) >= 20 && age(p) <= 40 && !p.household_no.empty();
         })) {
      auto husband = person(*p.spouse_id);
      if (!husband || husband->household_no != p.household_no || age(*husband) < 20) continue;
      if (!households.insert(p.household_no).second) continue;
      out.push_back(std::move(p));
    }
    return out;
  }
  // Unmarried active adults (≥ 25) of one sex.
  std::vector<domain::Person> singles(core::Sex sex) {
    return persons_where([&](const domain::Person& p) {
      return p.status == domain::PersonStatus::kActive && p.sex == sex && !p.spouse_id &&
             age(p) >= 25 && age(p) <= 60 && !p.household_no.empty();
    });
  }

  SubmitInput birth_of(const domain::Person& mother, const std::string& name,
                       Date born = d(2025, 6, 1)) {
    SubmitInput in;
    in.type = "birth";
    in.event_date = born.to_iso();
    in.fields = {
        {"name", name}, {"sex", "M"}, {"place", "臺北市"}, {"mother_id", mother.id_number}};
    if (mother.spouse_id) in.fields["father_id"] = *mother.spouse_id;
    in.applicant = {mother.name, mother.id_number, "母", "id_card"};
    return in;
  }
  SubmitInput marriage_of(const std::string& a, const std::string& b) {
    SubmitInput in;
    in.type = "marriage";
    in.event_date = d(2025, 6, 10).to_iso();
    in.subject_id = a;
    in.fields = {{"spouse_id", b}};
    in.applicant = {"當事人", a, "both_parties", "id_card"};
    return in;
  }

  ApplicationRecord submit(const SubmitInput& in, const std::string& key,
                           const Actor* who = nullptr) {
    auto r = regs_.submit(who ? *who : clerk_, {"req-" + key}, in, key);
    EXPECT_TRUE(r.ok()) << r.error().code << ": " << r.error().message_en;
    return r.ok() ? *r : ApplicationRecord{};
  }
  core::Result<ApplicationRecord> approve(const ApplicationRecord& a, const std::string& key,
                                          std::optional<int> fine = std::nullopt,
                                          std::string note = "") {
    ReviewInput in;
    in.approve = true;
    in.version = a.version;
    in.fine = fine;
    in.note = std::move(note);
    return regs_.review(supervisor_, {"req-" + key}, a.id, in, key);
  }
  std::vector<AuditEntry> audit_by(const std::string& username) {
    AuditQuery q;
    q.username = username;
    q.limit = 1000;
    return db_.store().begin(TxMode::kRead).value()->query_audit(q).value();
  }

  DemoDb db_;
  core::ManualClock clock_{fake_now_ms()};
  const Date today_ = clock_.today_taipei();
  core::SharedCalendar calendar_;
  domain::SharedRuleBook rules_;
  RegistrationService regs_{db_.store(), clock_, calendar_, rules_};
  PersonService persons_{db_.store(), clock_};
  Actor clerk_{1, "clerk", "", domain::Role::kClerk, kOffice, ""};
  Actor supervisor_{2, "supervisor", "", domain::Role::kSupervisor, kOffice, ""};
  Actor chief_{3, "chief", "", domain::Role::kSupervisor, kOffice, ""};
  Actor auditor_{4, "auditor", "", domain::Role::kAuditor, kOffice, ""};
  Actor admin_{5, "admin", "", domain::Role::kAdmin, kOffice, ""};
  Actor other_supervisor_{6, "sup-daan", "", domain::Role::kSupervisor, "63000030", ""};
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_REGISTRATION_TEST_FIXTURE_H_
