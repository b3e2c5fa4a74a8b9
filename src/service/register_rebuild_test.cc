#include "service/register_rebuild.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "service/registration_test_fixture.h"
#include "testing/temp_db.h"

namespace huji::service {
namespace {

// The rebuild after registrations made through the workflow, on a copy of the demo register.
class RegisterRebuildTest : public RegistrationServiceTest {};

TEST_F(RegisterRebuildTest, RebuildMatchesAfterRegistrationsAndDetectsTampering) {
  auto ms = mothers();
  ASSERT_GE(ms.size(), 2u);
  // A series of registrations of different kinds.
  ASSERT_TRUE(approve(submit(birth_of(ms[0], "林小寶"), "b1"), "b1r").ok());
  ASSERT_TRUE(approve(submit(birth_of(ms[1], "陳小明"), "b2"), "b2r").ok());
  auto men = singles(core::Sex::kMale);
  auto women = singles(core::Sex::kFemale);
  const domain::Person* bride = nullptr;
  for (const auto& w : women) {
    if (w.household_no != men.at(0).household_no) {
      bride = &w;
      break;
    }
  }
  ASSERT_NE(bride, nullptr);
  ASSERT_TRUE(
      approve(submit(marriage_of(men.at(0).id_number, bride->id_number), "m1"), "m1r").ok());
  const domain::Person& leaving = women.back();
  ASSERT_NE(leaving.id_number, bride->id_number);
  SubmitInput out;
  out.type = "move_out";
  out.event_date = "2025-06-01";
  out.subject_id = leaving.id_number;
  out.fields = {{"to", "日本"}};
  out.applicant = {leaving.name, leaving.id_number, "本人", "id_card"};
  auto mo = approve(submit(out, "o1"), "o1r");
  ASSERT_TRUE(mo.ok()) << mo.error().code << " " << mo.error().message_en;
  EXPECT_EQ(person(leaving.id_number)->status, domain::PersonStatus::kRemoved);

  auto clean = rebuild_register(db_.store(), false);
  ASSERT_TRUE(clean.ok()) << clean.error().message_en;
  EXPECT_TRUE(clean->differences.empty()) << clean->differences.front();
  {
    huji::testing::TempDb scratch;
    auto in_scratch = rebuild_register(db_.store(), false, &scratch.store());
    ASSERT_TRUE(in_scratch.ok()) << in_scratch.error().message_en;
    EXPECT_TRUE(in_scratch->differences.empty()) << in_scratch->differences.front();
    EXPECT_EQ(in_scratch->events, clean->events);
  }
  EXPECT_GT(clean->events, 0);
  EXPECT_GT(clean->persons, 0);
  EXPECT_GT(clean->households, 0);

  // Someone edits a projection behind the event log's back.
  {
    auto tx = db_.store().begin(TxMode::kWrite).value();
    auto p = tx->find_person(ms[0].id_number).value().value();
    p.name = "竄改者";
    ASSERT_TRUE(tx->put_person(p).ok());
    ASSERT_TRUE(tx->commit().ok());
  }
  auto dirty = rebuild_register(db_.store(), false);
  ASSERT_TRUE(dirty.ok());
  ASSERT_EQ(dirty->differences.size(), 1u);
  EXPECT_NE(dirty->differences[0].find(ms[0].id_number), std::string::npos);
  EXPECT_EQ(person(ms[0].id_number)->name, "竄改者");  // a check changes nothing

  auto repaired = rebuild_register(db_.store(), true);
  ASSERT_TRUE(repaired.ok());
  EXPECT_EQ(repaired->differences.size(), 1u);
  EXPECT_EQ(person(ms[0].id_number)->name, ms[0].name);
  auto after = rebuild_register(db_.store(), false);
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(after->differences.empty()) << after->differences.front();
}

// Rows missing on either side: a household deleted from the store, a person added to it.
TEST_F(RegisterRebuildTest, RebuildFindsRowsMissingOnEitherSide) {
  auto ms = mothers();
  ASSERT_FALSE(ms.empty());
  const std::string household_no = ms[0].household_no;
  domain::Person stray = ms[0];
  stray.id_number = "A100000002";  // a wrong check digit: no demo person has it
  {
    auto tx = db_.store().begin(TxMode::kWrite).value();
    ASSERT_TRUE(tx->delete_household(household_no).ok());
    ASSERT_TRUE(tx->put_person(stray).ok());
    ASSERT_TRUE(tx->commit().ok());
  }
  std::vector<std::string> expected = {
      "household " + household_no + " is in the replay but not stored",
      "person A100000002 is stored but not in the replay"};
  // The replay in memory and in a scratch database find the same.
  for (bool in_scratch : {false, true}) {
    huji::testing::TempDb scratch;
    auto dirty = rebuild_register(db_.store(), false, in_scratch ? &scratch.store() : nullptr);
    ASSERT_TRUE(dirty.ok()) << dirty.error().message_en;
    std::vector<std::string> got = dirty->differences;
    std::sort(got.begin(), got.end());
    EXPECT_EQ(got, expected) << (in_scratch ? "scratch" : "memory");
  }

  // Repaired from a scratch replay.
  huji::testing::TempDb scratch;
  auto repaired = rebuild_register(db_.store(), true, &scratch.store());
  ASSERT_TRUE(repaired.ok());
  auto after = rebuild_register(db_.store(), false);
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(after->differences.empty()) << after->differences.front();
  EXPECT_FALSE(person("A100000002").has_value());
  EXPECT_TRUE(household(household_no).has_value());

  // A scratch database must start empty: the one the repair used holds its replay.
  auto again = rebuild_register(db_.store(), false, &scratch.store());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "rebuild.scratch_not_empty");

  // A scratch store that cannot be written fails the rebuild: it is not a difference, and a
  // repair does not claim to have replaced anything.
  class Unwritable final : public Store {
   public:
    explicit Unwritable(Store& inner) : inner_(inner) {}
    core::Result<std::unique_ptr<Transaction>> begin(TxMode mode) override {
      if (mode == TxMode::kWrite) {
        return core::Error::unavailable("store.error", "磁碟已滿", "disk full");
      }
      return inner_.begin(mode);
    }
    int schema_version() const override { return inner_.schema_version(); }

   private:
    Store& inner_;
  };
  huji::testing::TempDb empty;
  Unwritable unwritable(empty.store());
  for (bool repair : {false, true}) {
    auto failed = rebuild_register(db_.store(), repair, &unwritable);
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(failed.error().code, "store.error");
  }
}

}  // namespace
}  // namespace huji::service
