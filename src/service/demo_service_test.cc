// load_demo on both backends: the national demo goes through the store's bulk path in several
// batches, and the result is a register like any other — lookups work, the demo staff log in
// at 63000080, and replaying the event log gives the stored projections back. The PostgreSQL
// cases need a server: HUJI_TEST_PG_URL names a database the test may use to CREATE DATABASE
// (scripts/pg.sh start DIR prints one); when it is unset they are skipped.

#include "service/demo_service.h"

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <stdexcept>
#include <string>

#include "demo/national.h"
#include "service/register_rebuild.h"
#include "store/open_store.h"
#include "testing/backend_db.h"

namespace huji::service {
namespace {

namespace fs = std::filesystem;

enum class Backend { kSqlite, kPostgres };

using testing::pg_exec;
using testing::pg_test_url;
using testing::with_database;

// A store that hides its bulk path: load_demo falls back to write transactions.
class NoBulkStore final : public Store {
 public:
  explicit NoBulkStore(Store& inner) : inner_(inner) {}
  core::Result<std::unique_ptr<Transaction>> begin(TxMode mode) override {
    return inner_.begin(mode);
  }
  int schema_version() const override { return inner_.schema_version(); }

 private:
  Store& inner_;
};

// A store whose bulk path fails at the `fail_at`-th event, as a full disk would.
class FailingBulkStore final : public Store {
 public:
  FailingBulkStore(Store& inner, int fail_at) : inner_(inner), fail_at_(fail_at) {}
  core::Result<std::unique_ptr<Transaction>> begin(TxMode mode) override {
    return inner_.begin(mode);
  }
  int schema_version() const override { return inner_.schema_version(); }
  std::unique_ptr<BulkLoader> bulk_loader() override {
    return std::make_unique<Loader>(inner_.bulk_loader(), fail_at_);
  }

 private:
  class Loader final : public BulkLoader {
   public:
    Loader(std::unique_ptr<BulkLoader> inner, int fail_at)
        : inner_(std::move(inner)), left_(fail_at) {}
    core::Status put_office(const domain::Office& o) override { return inner_->put_office(o); }
    core::Status put_village(const domain::Village& v) override { return inner_->put_village(v); }
    core::Status put_door_plate(const domain::DoorPlate& p) override {
      return inner_->put_door_plate(p);
    }
    core::Status put_household(const domain::Household& h) override {
      return inner_->put_household(h);
    }
    core::Status put_person(const domain::Person& p) override { return inner_->put_person(p); }
    core::Status append_event(const domain::Event& e) override {
      if (--left_ == 0) {
        return core::Error::unavailable("store.error", "磁碟已滿", "disk full");
      }
      return inner_->append_event(e);
    }
    core::Status commit() override { return inner_->commit(); }
    core::Status defer_indexes() override { return inner_->defer_indexes(); }
    core::Status finish() override { return inner_->finish(); }

   private:
    std::unique_ptr<BulkLoader> inner_;
    int left_;
  };
  Store& inner_;
  int fail_at_;
};

class DemoLoad : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kPostgres && pg_test_url().empty()) {
      GTEST_SKIP() << "HUJI_TEST_PG_URL is not set; start a cluster with `scripts/pg.sh start "
                      "DIR` and export the URL it prints to run the PostgreSQL cases";
    }
    std::string tmpl = (fs::temp_directory_path() / "huji-demo-test-XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }

  void TearDown() override {
    stores_.clear();
    for (const auto& db : pg_databases_) {
      (void)pg_exec(pg_test_url(), "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
    }
    if (!dir_.empty()) {
      std::error_code ec;
      fs::remove_all(dir_, ec);
    }
  }

  // A new, empty database of the backend under test.
  Store& fresh_store() {
    static std::atomic<int> counter{0};
    std::string db;
    if (GetParam() == Backend::kPostgres) {
      std::random_device rd;
      const std::string name = "huji_demo_t_" + std::to_string(getpid()) + "_" +
                               std::to_string(++counter) + "_" + std::to_string(rd() % 100000);
      const std::string err = pg_exec(pg_test_url(), "CREATE DATABASE " + name);
      EXPECT_EQ(err, "");
      pg_databases_.push_back(name);
      db = with_database(pg_test_url(), name);
    } else {
      db = dir_ + "/demo" + std::to_string(++counter) + ".db";
    }
    last_db_ = db;
    auto store = store::open_store(db);
    EXPECT_TRUE(store.ok()) << store.error().message_en;
    stores_.push_back(std::move(store).value());
    return *stores_.back();
  }

  core::ManualClock clock_{core::Date::from_ymd(2025, 3, 3).value().days_since_epoch() *
                           86'400'000};
  std::string dir_;
  std::string last_db_;  // what fresh_store() opened last
  std::vector<std::string> pg_databases_;
  std::vector<std::unique_ptr<Store>> stores_;
};

INSTANTIATE_TEST_SUITE_P(Backends, DemoLoad,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) {
                           return info.param == Backend::kSqlite ? "Sqlite" : "Postgres";
                         });

demo::DemoSpec national_spec(const core::Clock& clock, int persons, uint64_t seed) {
  demo::DemoSpec spec;
  spec.persons = persons;
  spec.seed = seed;
  spec.today = clock.today_taipei();
  spec.scope = demo::DemoScope::kNational;
  return spec;
}

RebuildReport rebuild_check(Store& store) {
  auto report = rebuild_register(store, false);
  EXPECT_TRUE(report.ok()) << report.error().message_en;
  return report.ok() ? *report : RebuildReport{};
}

TEST_P(DemoLoad, NationalDemoLoadsInBatchesAndReplays) {
  Store& store = fresh_store();
  DemoOptions options;
  options.batch_households = 300;
  int64_t last = 0;
  bool monotonic = true;
  options.progress = [&](int64_t done) {
    monotonic = monotonic && done >= last;
    last = done;
  };
  auto r = load_demo(store, clock_, national_spec(clock_, 4000, 11), options);
  ASSERT_TRUE(r.ok()) << r.error().message_en;
  EXPECT_TRUE(monotonic);
  EXPECT_EQ(last, 4000);
  EXPECT_EQ(r->persons, 4000);
  EXPECT_EQ(r->offices, 368);
  int villages = 0;
  for (const auto& d : demo::national_districts()) villages += d.villages;
  EXPECT_EQ(r->villages, villages);
  EXPECT_GE(r->batches, r->households / 300);
  EXPECT_GE(r->batches, 5);
  EXPECT_EQ(r->office_code, "63000080");
  EXPECT_EQ(r->rows(),
            r->offices + r->villages + r->persons + r->households + r->events + r->door_plates);

  auto tx = store.begin(TxMode::kRead);
  ASSERT_TRUE(tx.ok());
  int64_t persons = 0, households = 0, events = 0;
  std::map<std::string, int> households_per_office;
  ASSERT_TRUE((*tx)->scan_persons([&](const domain::Person&) { return ++persons > 0; }).ok());
  ASSERT_TRUE((*tx)
                  ->scan_households([&](const domain::Household& h) {
                    ++households_per_office[h.office_code];
                    return ++households > 0;
                  })
                  .ok());
  ASSERT_TRUE((*tx)->scan_events([&](const domain::Event&) { return ++events > 0; }).ok());
  EXPECT_EQ(persons, 4000);
  EXPECT_LE(households, r->households);  // a household whose members all left is not current
  EXPECT_GT(households, r->households * 9 / 10);
  EXPECT_EQ(events, r->events);
  EXPECT_GT(households_per_office.size(), 300u);
  auto sample = (*tx)->find_person(r->sample_person_id);
  ASSERT_TRUE(sample.ok() && sample->has_value());
  EXPECT_FALSE((*sample)->household_no.empty());
  auto clerk = (*tx)->find_user("clerk");
  ASSERT_TRUE(clerk.ok() && clerk->has_value());
  EXPECT_EQ((*clerk)->office_code, "63000080");
  auto office = (*tx)->find_office("65000010");
  ASSERT_TRUE(office.ok() && office->has_value());
  EXPECT_EQ((*office)->name, "新北市板橋戶政事務所");
  tx->reset();

  const RebuildReport report = rebuild_check(store);
  EXPECT_TRUE(report.differences.empty()) << report.differences.front();
  EXPECT_EQ(report.persons, 4000);
  EXPECT_EQ(report.events, r->events);
  // The same replay into a scratch SQLite database (`register rebuild --scratch`).
  {
    auto scratch = store::open_store(dir_ + "/scratch.db");
    ASSERT_TRUE(scratch.ok());
    auto in_scratch = rebuild_register(store, false, scratch->get());
    ASSERT_TRUE(in_scratch.ok()) << in_scratch.error().message_en;
    EXPECT_TRUE(in_scratch->differences.empty()) << in_scratch->differences.front();
    EXPECT_EQ(in_scratch->persons, 4000);
  }

  // A second load refuses: the database is no longer empty.
  auto again = load_demo(store, clock_, national_spec(clock_, 100, 12));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "demo.not_empty");
}

TEST_P(DemoLoad, OfficeDemoStillLoadsAndReplays) {
  Store& store = fresh_store();
  demo::DemoSpec spec;
  spec.persons = 1500;
  spec.seed = 3;
  spec.today = clock_.today_taipei();
  auto r = load_demo(store, clock_, spec);
  ASSERT_TRUE(r.ok()) << r.error().message_en;
  EXPECT_EQ(r->persons, 1500);
  EXPECT_EQ(r->batches, 1);
  EXPECT_EQ(r->office_name, "臺北市文山區戶政事務所");
  const RebuildReport report = rebuild_check(store);
  EXPECT_TRUE(report.differences.empty()) << report.differences.front();
  EXPECT_EQ(report.persons, 1500);
}

// The bulk path stores exactly what the per-row path (write transactions) stores.
TEST_P(DemoLoad, BulkPathStoresWhatTransactionsStore) {
  Store& bulk = fresh_store();
  Store& plain_inner = fresh_store();
  NoBulkStore plain(plain_inner);
  DemoOptions options;
  options.batch_households = 200;
  ASSERT_TRUE(load_demo(bulk, clock_, national_spec(clock_, 1200, 4), options).ok());
  ASSERT_TRUE(load_demo(plain, clock_, national_spec(clock_, 1200, 4), options).ok());

  auto a = bulk.begin(TxMode::kRead);
  auto b = plain_inner.begin(TxMode::kRead);
  ASSERT_TRUE(a.ok() && b.ok());
  std::vector<domain::Event> ea, eb;
  ASSERT_TRUE((*a)->scan_events([&](const domain::Event& e) {
                    ea.push_back(e);
                    return true;
                  })
                  .ok());
  ASSERT_TRUE((*b)->scan_events([&](const domain::Event& e) {
                    eb.push_back(e);
                    return true;
                  })
                  .ok());
  ASSERT_EQ(ea.size(), eb.size());
  for (size_t i = 0; i < ea.size(); ++i) {
    EXPECT_EQ(ea[i].seq, eb[i].seq);
    EXPECT_EQ(ea[i].type, eb[i].type);
    EXPECT_EQ(ea[i].subject_id, eb[i].subject_id);
    EXPECT_EQ(ea[i].household_no, eb[i].household_no);
    EXPECT_EQ(ea[i].event_date, eb[i].event_date);
    EXPECT_EQ(ea[i].office_code, eb[i].office_code);
    EXPECT_EQ(ea[i].data, eb[i].data) << "event " << ea[i].seq;
  }
  std::vector<domain::Person> pa, pb;
  ASSERT_TRUE((*a)->scan_persons([&](const domain::Person& p) {
                    pa.push_back(p);
                    return true;
                  })
                  .ok());
  ASSERT_TRUE((*b)->scan_persons([&](const domain::Person& p) {
                    pb.push_back(p);
                    return true;
                  })
                  .ok());
  ASSERT_EQ(pa.size(), 1200u);
  EXPECT_TRUE(pa == pb);
  for (int64_t id : {int64_t{1}, int64_t{500}, int64_t{1000}}) {
    auto x = (*a)->find_door_plate(id);
    auto y = (*b)->find_door_plate(id);
    ASSERT_TRUE(x.ok() && y.ok() && x->has_value() && y->has_value());
    EXPECT_EQ((*x)->address, (*y)->address);
    EXPECT_EQ((*x)->office_code, (*y)->office_code);
    auto by_text = (*a)->find_door_plate_by_address((*x)->address.format());
    ASSERT_TRUE(by_text.ok() && by_text->has_value());
  }
}

// A write that fails half-way stops the generating thread and is reported; nothing hangs.
TEST_P(DemoLoad, AFailedWriteStopsTheLoadAndIsReported) {
  Store& inner = fresh_store();
  FailingBulkStore failing(inner, 5'000);
  DemoOptions options;
  options.batch_households = 200;
  int64_t progressed = 0;
  options.progress = [&](int64_t done) { progressed = done; };
  auto r = load_demo(failing, clock_, national_spec(clock_, 20'000, 5), options);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "store.error");
  EXPECT_EQ(r.error().message_en, "disk full");
  EXPECT_LT(progressed, 20'000);
  // The batches committed before the failure stay, and their indexes were built.
  auto tx = inner.begin(TxMode::kRead);
  ASSERT_TRUE(tx.ok());
  int64_t events = 0;
  ASSERT_TRUE((*tx)->scan_events([&](const domain::Event&) { return ++events > 0; }).ok());
  EXPECT_LT(events, 5'000);
}

// An exception on the writing side (here from the progress callback) reaches the caller after
// the generating thread is stopped and joined — not std::terminate on a joinable thread.
TEST_P(DemoLoad, AnExceptionWhileWritingStopsTheGenerator) {
  Store& store = fresh_store();
  DemoOptions options;
  options.batch_households = 100;
  options.progress = [](int64_t) { throw std::runtime_error("display gone"); };
  EXPECT_THROW((void)load_demo(store, clock_, national_spec(clock_, 20'000, 9), options),
               std::runtime_error);
}

// The generator's own refusal (no date to generate for) reaches the caller from its thread.
TEST_P(DemoLoad, TheGeneratorsErrorReachesTheCaller) {
  Store& store = fresh_store();
  demo::DemoSpec spec;
  spec.persons = 100;
  EXPECT_THROW((void)load_demo(store, clock_, spec), std::invalid_argument);
}

// SQLite: the load runs in rollback-journal mode when it has the file to itself, and leaves
// the database in WAL either way — also when another connection kept it from switching.
TEST_P(DemoLoad, SqliteEndsInWalMode) {
  if (GetParam() != Backend::kSqlite) GTEST_SKIP() << "SQLite only";
  const auto journal_mode = [](const std::string& path) {
    sqlite3* db = nullptr;
    std::string mode;
    if (sqlite3_open(path.c_str(), &db) == SQLITE_OK &&
        sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr) ==
            SQLITE_OK) {  // reads the header, which tells whether the file is in WAL mode
      sqlite3_stmt* q = nullptr;
      if (sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &q, nullptr) == SQLITE_OK &&
          sqlite3_step(q) == SQLITE_ROW) {
        mode = reinterpret_cast<const char*>(sqlite3_column_text(q, 0));
      }
      sqlite3_finalize(q);
    }
    sqlite3_close(db);
    return mode;
  };

  Store& alone = fresh_store();
  const std::string alone_path = last_db_;
  std::string during;
  DemoOptions options;
  options.batch_households = 100;
  options.progress = [&](int64_t) {
    if (during.empty()) {
      // A second connection reads the journal the loader writes; in WAL mode it would see
      // "wal", which is persistent in the file.
      during = journal_mode(alone_path);
    }
  };
  ASSERT_TRUE(load_demo(alone, clock_, national_spec(clock_, 2'000, 6), options).ok());
  EXPECT_EQ(during, "delete");  // not WAL: the file's header no longer says so
  EXPECT_EQ(journal_mode(alone_path), "wal");

  Store& shared = fresh_store();
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(last_db_.c_str(), &other), SQLITE_OK);
  sqlite3_stmt* q = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(other, "SELECT count(*) FROM offices", -1, &q, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(q), SQLITE_ROW);
  sqlite3_finalize(q);
  ASSERT_TRUE(load_demo(shared, clock_, national_spec(clock_, 2'000, 6)).ok());
  sqlite3_close(other);
  EXPECT_EQ(journal_mode(last_db_), "wal");
  auto tx = shared.begin(TxMode::kRead);
  ASSERT_TRUE(tx.ok());
  auto office = (*tx)->find_office("65000010");
  ASSERT_TRUE(office.ok() && office->has_value());
}

}  // namespace
}  // namespace huji::service
