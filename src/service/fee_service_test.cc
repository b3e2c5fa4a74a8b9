#include "service/fee_service.h"

#include <gtest/gtest.h>

#include <string>

#include "service/crypto.h"
#include "testing/temp_db.h"

namespace huji::service {
namespace {

using core::Date;

Date d(const char* iso) { return Date::parse_iso(iso).value(); }

int64_t taipei_noon_ms(const char* iso) {
  return core::taipei_day_start_ms(d(iso)) + int64_t{12} * 3600 * 1000;
}

constexpr const char* kShipped =
    "effective 2011-05-01\n"
    "source 戶政規費收費標準\n"
    "item transcript_sheet 15 | 戶籍謄本（每張） | Household transcript (per sheet)\n"
    "item register_viewing 15 | 閱覽戶籍資料 | Viewing the register\n"
    "waiver official_use transcript_sheet | 機關公務使用 | Official use\n";

std::string version(const char* effective, int transcript_fee) {
  return std::string("effective ") + effective + "\nsource 調整\nitem transcript_sheet " +
         std::to_string(transcript_fee) +
         " | 戶籍謄本（每張） | Household transcript (per sheet)\n"
         "item register_viewing 15 | 閱覽戶籍資料 | Viewing the register\n";
}

class FeeServiceTest : public ::testing::Test {
 protected:
  FeeServiceTest() {
    files_ = domain::parse_fee_versions(kShipped, "test").value();
    admin_.username = "admin";
    admin_.role = domain::Role::kAdmin;
    admin_.office_code = "63000010";
    clerk_ = admin_;
    clerk_.username = "clerk";
    clerk_.role = domain::Role::kClerk;
  }

  FeeService make() { return {db_.store(), clock_, shared_, files_}; }

  testing::TempDb db_;
  core::ManualClock clock_{taipei_noon_ms("2026-12-05")};
  domain::SharedFeeSchedule shared_;
  std::vector<domain::FeeVersion> files_;
  Actor admin_, clerk_;
};

TEST_F(FeeServiceTest, AFeeThatChangesOnADateAppliesFromThatDate) {
  FeeService fees = make();
  ASSERT_TRUE(fees.refresh().ok());
  auto loaded = fees.load(admin_, {"req-fees"}, version("2026-12-06", 20));
  ASSERT_TRUE(loaded.ok()) << loaded.error().message_en;
  ASSERT_EQ(loaded->size(), 1u);
  EXPECT_EQ((*loaded)[0].origin, "database");
  // Today's quote is unchanged; tomorrow's is the new fee.
  EXPECT_EQ(shared_.get()->quote("transcript_sheet", d("2026-12-05"), 2).value().amount, 30);
  EXPECT_EQ(shared_.get()->quote("transcript_sheet", d("2026-12-06"), 2).value().amount, 40);

  auto versions = fees.versions();
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0].origin, "file");
  EXPECT_TRUE(versions[0].in_force);
  EXPECT_EQ(versions[1].loaded_by, "admin");
  EXPECT_FALSE(versions[1].in_force);

  auto tx = db_.store().begin(TxMode::kRead).value();
  AuditQuery q;
  q.username = "admin";
  auto entries = tx->query_audit(q).value();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].action, "fees.load");
  EXPECT_NE(entries[0].purpose.find("sha256 " + sha256_hex(version("2026-12-06", 20))),
            std::string::npos);
}

TEST_F(FeeServiceTest, AStoredVersionSurvivesARestartAndReachesAnotherServer) {
  FeeService first = make();
  ASSERT_TRUE(first.load(admin_, {"r"}, version("2027-01-01", 25)).ok());
  domain::SharedFeeSchedule other_shared;
  FeeService other(db_.store(), clock_, other_shared, files_);
  EXPECT_EQ(other_shared.get()->quote("transcript_sheet", d("2027-01-01")).value().amount, 15);
  ASSERT_TRUE(other.refresh().ok());
  EXPECT_EQ(other_shared.get()->quote("transcript_sheet", d("2027-01-01")).value().amount, 25);
  // Unchanged rows keep the schedule object.
  const auto before = other_shared.get();
  ASSERT_TRUE(other.refresh().ok());
  EXPECT_EQ(other_shared.get(), before);
}

TEST_F(FeeServiceTest, RefusesRetroactiveBadAndUnauthorisedVersions) {
  FeeService fees = make();
  EXPECT_EQ(fees.load(admin_, {"r"}, version("2026-12-05", 20)).error().code, "fees.retroactive");
  EXPECT_EQ(fees.load(admin_, {"r"}, "effective 2027-01-01\nitem x\n").error().code, "fees.file");
  EXPECT_EQ(fees.load(admin_, {"r"}, "# nothing\n").error().code, "fees.file");
  EXPECT_EQ(fees.load(clerk_, {"r"}, version("2027-01-01", 20)).error().code, "auth.forbidden");
  EXPECT_EQ(fees.versions().size(), 1u);
}

}  // namespace
}  // namespace huji::service
