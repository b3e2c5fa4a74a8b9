#include "service/calendar_service.h"

#include <gtest/gtest.h>

#include <string>

#include "service/crypto.h"
#include "service/nationality_service.h"
#include "testing/temp_db.h"

namespace huji::service {
namespace {

using core::Date;

int64_t taipei_noon_ms(const char* iso) {
  return core::taipei_day_start_ms(Date::parse_iso(iso).value()) + int64_t{12} * 3600 * 1000;
}

Date d(const char* iso) { return Date::parse_iso(iso).value(); }

const char* const k2027 =
    "# computed\nprovisional\n2027-02-04 holiday 農曆除夕前一日\n2027-02-05 holiday 農曆除夕\n";

class CalendarServiceTest : public ::testing::Test {
 protected:
  CalendarServiceTest() {
    EXPECT_TRUE(files_.load_text("year 2026\n2026-12-25 holiday 行憲紀念日\n", "files").ok());
    admin_.username = "admin";
    admin_.role = domain::Role::kAdmin;
    admin_.office_code = "63000010";
    clerk_ = admin_;
    clerk_.username = "clerk";
    clerk_.role = domain::Role::kClerk;
  }

  CalendarService make() { return {db_.store(), clock_, shared_, files_}; }

  testing::TempDb db_;
  core::ManualClock clock_{taipei_noon_ms("2026-12-04")};
  core::SharedCalendar shared_;
  core::WorkingCalendar files_;
  Actor admin_, clerk_;
};

TEST_F(CalendarServiceTest, AnAdminLoadsAYearThatSurvivesARestart) {
  CalendarService calendars = make();
  ASSERT_TRUE(calendars.refresh().ok());
  EXPECT_FALSE(shared_.get()->has_year(2027));
  auto loaded = calendars.load_year(admin_, {"req-cal"}, 2027, k2027);
  ASSERT_TRUE(loaded.ok()) << loaded.error().message_en;
  EXPECT_EQ(loaded->source, "database");
  EXPECT_TRUE(loaded->provisional);
  EXPECT_EQ(loaded->loaded_by, "admin");
  EXPECT_FALSE(*shared_.get()->is_working_day(d("2027-02-04")));

  // Audited, with who and which year.
  auto tx = db_.store().begin(TxMode::kRead).value();
  AuditQuery q;
  q.username = "admin";
  auto entries = tx->query_audit(q).value();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].action, "calendar.load");
  EXPECT_NE(entries[0].purpose.find("2027"), std::string::npos);
  // Which text was loaded: its digest, so a later change of the stored text is evident.
  EXPECT_NE(entries[0].purpose.find("sha256 " + sha256_hex(k2027)), std::string::npos);
  EXPECT_EQ(entries[0].request_id, "req-cal");
  tx.reset();

  // A restart (a new process: the files again, then the stored years).
  db_.reopen();
  core::SharedCalendar after;
  CalendarService restarted(db_.store(), clock_, after, files_);
  EXPECT_FALSE(after.get()->has_year(2027));
  ASSERT_TRUE(restarted.refresh().ok());
  EXPECT_TRUE(after.get()->has_year(2027));
  EXPECT_TRUE(after.get()->has_year(2026));
  auto overview = restarted.overview(admin_);
  ASSERT_TRUE(overview.ok());
  ASSERT_EQ(overview->years.size(), 2u);
  EXPECT_EQ(overview->years[0].year, 2026);
  EXPECT_EQ(overview->years[0].source, "file");
  EXPECT_FALSE(overview->years[0].provisional);
  EXPECT_EQ(overview->years[1].year, 2027);
  EXPECT_EQ(overview->years[1].source, "database");
  EXPECT_TRUE(overview->years[1].provisional);
  EXPECT_FALSE(overview->warning);
}

TEST_F(CalendarServiceTest, AStoredYearTakesPrecedenceOverTheFile) {
  CalendarService calendars = make();
  EXPECT_FALSE(*shared_.get()->is_working_day(d("2026-12-25")));
  ASSERT_TRUE(calendars.load_year(admin_, {"r"}, 2026, "2026-12-24 holiday 測試\n").ok());
  EXPECT_TRUE(*shared_.get()->is_working_day(d("2026-12-25")));
  EXPECT_FALSE(*shared_.get()->is_working_day(d("2026-12-24")));
  EXPECT_EQ(calendars.overview(admin_)->years.at(0).source, "database");
}

TEST_F(CalendarServiceTest, ABadFileIsRefusedWithItsLineAndChangesNothing) {
  CalendarService calendars = make();
  auto held = shared_.get();
  auto bad = calendars.load_year(admin_, {"r"}, 2027, "2027-02-04 holiday\n2027-02-30 holiday\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "calendar.file");
  EXPECT_NE(bad.error().message_en.find(":2:"), std::string::npos) << bad.error().message_en;
  auto other = calendars.load_year(admin_, {"r"}, 2027, "2028-01-03 holiday\n");
  EXPECT_EQ(other.error().code, "calendar.file") << "entries of another year";
  EXPECT_EQ(calendars.load_year(admin_, {"r"}, 1999, "").error().code, "calendar.year");
  EXPECT_EQ(calendars.load_year(admin_, {"r"}, 2027, "# nothing\n").error().code, "calendar.empty");
  auto nul = calendars.load_year(admin_, {"r"}, 2027, std::string("2027-01-01 holiday\n#\0\n", 22));
  EXPECT_EQ(nul.error().code, "calendar.file");
  EXPECT_NE(nul.error().message_en.find(":2:"), std::string::npos) << nul.error().message_en;
  EXPECT_EQ(shared_.get(), held);
  auto tx = db_.store().begin(TxMode::kRead).value();
  EXPECT_TRUE(tx->list_calendar_years().value().empty());
}

TEST_F(CalendarServiceTest, OnlyAnAdminLoadsOrLists) {
  CalendarService calendars = make();
  EXPECT_EQ(calendars.load_year(clerk_, {"r"}, 2027, k2027).error().code, "auth.forbidden");
  EXPECT_EQ(calendars.overview(clerk_).error().code, "auth.forbidden");
  EXPECT_FALSE(shared_.get()->has_year(2027));
}

TEST_F(CalendarServiceTest, WarnsFromOctoberWhenNextYearIsMissing) {
  CalendarService calendars = make();
  clock_.set_ms(taipei_noon_ms("2026-09-30"));
  EXPECT_FALSE(calendars.overview(admin_)->warning);
  // 2026-10-01 00:00 in Taipei is still September 30 in UTC: the Taipei date counts.
  clock_.set_ms(core::taipei_day_start_ms(d("2026-10-01")));
  auto warned = calendars.overview(admin_);
  ASSERT_TRUE(warned->warning);
  EXPECT_EQ(warned->warning->code, "calendar.next_year_missing");
  EXPECT_NE(warned->warning->message_en.find("2027"), std::string::npos);
  EXPECT_NE(warned->warning->message_zh.find("民國116年"), std::string::npos);
  ASSERT_TRUE(calendars.load_year(admin_, {"r"}, 2027, k2027).ok());
  EXPECT_FALSE(calendars.overview(admin_)->warning);
}

TEST_F(CalendarServiceTest, ANationalityCaseIntoTheLoadedYearIsCounted) {
  CalendarService calendars = make();
  domain::SharedRuleBook rules;
  NationalityService nationality(db_.store(), clock_, shared_, rules);
  {
    auto tx = db_.store().begin(TxMode::kWrite).value();
    domain::Office office;
    office.code = clerk_.office_code;
    office.name = "臺北市信義區戶政事務所";
    ASSERT_TRUE(tx->put_office(office).ok());
    ASSERT_TRUE(tx->commit().ok());
  }
  NewNationalityCase in{"restoration", "王大明", "", "2026-11-20", "", false};
  Actor clerk = clerk_;
  auto before = nationality.open(clerk, {"r"}, in, "k1");
  ASSERT_FALSE(before.ok());
  EXPECT_EQ(before.error().code, "calendar.year_not_loaded");
  ASSERT_TRUE(calendars.load_year(admin_, {"r"}, 2027, "2027-01-01 holiday 開國紀念日\n").ok());
  auto after = nationality.open(clerk, {"r"}, in, "k2");
  ASSERT_TRUE(after.ok()) << after.error().message_en;
  EXPECT_EQ(after->record.registration_due.year(), 2027);
}

}  // namespace
}  // namespace huji::service
