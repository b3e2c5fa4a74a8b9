// One suite for every storage backend: each case runs against SQLite and PostgreSQL and must
// behave the same, so service code can rely on service::Store's contract alone. The
// PostgreSQL cases need a server: HUJI_TEST_PG_URL names a database the test may use to
// CREATE DATABASE (scripts/pg.sh start DIR prints one); when it is unset they are skipped.
// Each case gets a fresh database (a new file, or a new PostgreSQL database), so cases are
// independent and may run in parallel.

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "core/id_number.h"
#include "service/audit.h"
#include "service/register_state.h"
#include "store/migrations/migrations.h"
#include "store/open_store.h"
#include "store/postgres/pg_db.h"
#include "store/postgres/pg_store.h"
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_store.h"

namespace huji::store {
namespace {

using service::Store;
using service::Transaction;
using service::TxMode;

enum class Backend { kSqlite, kPostgres };

// The advisory lock PgStore's writers take (pg_store.cc, kWriterLock).
constexpr int64_t kPgWriterLock = 0x68756a6957524954;

// a + b. (Not "literal" + std::to_string(…): GCC 12 warns falsely about it at -O3, bug 105329.)
std::string cat(std::string a, const std::string& b) {
  a += b;
  return a;
}

std::string pg_test_url() {
  const char* u = std::getenv("HUJI_TEST_PG_URL");
  return u ? u : "";
}

constexpr const char* kNoServer =
    "HUJI_TEST_PG_URL is not set; start a cluster with `scripts/pg.sh start DIR` and export the "
    "URL it prints to run the PostgreSQL cases";

// `url` with its database replaced by `db`.
std::string with_database(const std::string& url, const std::string& db) {
  const size_t scheme = url.find("://");
  const size_t from = scheme == std::string::npos ? 0 : scheme + 3;
  const size_t query = url.find('?', from);
  const size_t slash = std::min(url.find('/', from), query);
  return url.substr(0, slash) + "/" + db + (query == std::string::npos ? "" : url.substr(query));
}

PGconn* pg_connect(const std::string& url) {
  const char* keys[] = {"gssencmode", "dbname", nullptr};
  const char* vals[] = {"disable", url.c_str(), nullptr};
  return PQconnectdbParams(keys, vals, 1);
}

// Runs SQL on its own connection: "" when it succeeded, else the error message.
std::string pg_exec(PGconn* c, const std::string& sql, std::string* first_value = nullptr) {
  PGresult* r = PQexec(c, sql.c_str());
  const auto st = PQresultStatus(r);
  std::string err;
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
    err = PQerrorMessage(c);
    if (err.empty()) err = "failed";
  } else if (first_value && PQntuples(r) > 0) {
    *first_value = PQgetvalue(r, 0, 0);
  }
  PQclear(r);
  return err;
}

std::string pg_exec(const std::string& url, const std::string& sql,
                    std::string* first_value = nullptr) {
  PGconn* c = pg_connect(url);
  std::string err =
      PQstatus(c) == CONNECTION_OK ? pg_exec(c, sql, first_value) : std::string(PQerrorMessage(c));
  PQfinish(c);
  return err;
}

std::string unique_db_name() {
  static std::atomic<int> counter{0};
  std::random_device rd;
  return "huji_t_" + std::to_string(getpid()) + "_" + std::to_string(++counter) + "_" +
         std::to_string(rd() % 1'000'000);
}

// A fresh PostgreSQL database for one test, dropped afterwards.
class PgTestDatabase {
 public:
  // Empty url() when no server is configured or CREATE DATABASE failed (see error()).
  PgTestDatabase() {
    admin_ = pg_test_url();
    if (admin_.empty()) return;
    name_ = unique_db_name();
    error_ = pg_exec(admin_, "CREATE DATABASE " + name_);
    if (error_.empty()) url_ = with_database(admin_, name_);
  }
  ~PgTestDatabase() {
    if (!url_.empty()) (void)pg_exec(admin_, "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  }
  const std::string& url() const { return url_; }
  const std::string& name() const { return name_; }
  const std::string& error() const { return error_; }
  const std::string& admin() const { return admin_; }

 private:
  std::string admin_, name_, url_, error_;
};

class StoreConformance : public ::testing::TestWithParam<Backend> {
 protected:
  bool pg() const { return GetParam() == Backend::kPostgres; }

  void SetUp() override {
    if (pg()) {
      if (pg_test_url().empty()) GTEST_SKIP() << kNoServer;
      pgdb_ = std::make_unique<PgTestDatabase>();
      ASSERT_FALSE(pgdb_->url().empty()) << "cannot create a test database: " << pgdb_->error();
    } else {
      std::string tmpl =
          (std::filesystem::temp_directory_path() / "huji-store-test-XXXXXX").string();
      ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
      dir_ = tmpl;
      path_ = dir_ + "/huji.db";
    }
    auto s = open();
    ASSERT_TRUE(s.ok()) << s.error().message_en;
    store_ = std::move(s).value();
  }

  void TearDown() override {
    store_.reset();
    pgdb_.reset();
    if (!dir_.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(dir_, ec);
    }
  }

  core::Result<std::unique_ptr<Store>> open() {
    if (pg()) {
      HUJI_ASSIGN_OR_RETURN(auto s, postgres::PgStore::open(pgdb_->url()));
      return std::unique_ptr<Store>(std::move(s));
    }
    HUJI_ASSIGN_OR_RETURN(auto s, sqlite::SqliteStore::open(path_));
    return std::unique_ptr<Store>(std::move(s));
  }

  Store& store() { return *store_; }

  // Closes and reopens the database (as after a restart).
  void reopen() {
    store_.reset();
    auto s = open();
    ASSERT_TRUE(s.ok()) << s.error().message_en;
    store_ = std::move(s).value();
  }

  std::unique_ptr<Transaction> begin(TxMode mode) {
    auto tx = store().begin(mode);
    EXPECT_TRUE(tx.ok()) << tx.error().message_en;
    return tx.ok() ? std::move(tx).value() : nullptr;
  }

  // Runs SQL directly, past the store, as an operator with psql or sqlite3 could: "" when it
  // succeeded, else the error message. `first_value` receives the first row's first column.
  std::string raw(const std::string& sql, std::string* first_value = nullptr) {
    if (pg()) return pg_exec(pgdb_->url(), sql, first_value);
    sqlite3* db = nullptr;
    std::string err;
    if (sqlite3_open(path_.c_str(), &db) != SQLITE_OK) {
      err = sqlite3_errmsg(db);
    } else {
      sqlite3_busy_timeout(db, 5000);
      auto cb = [](void* out, int, char** values, char**) {
        auto* s = static_cast<std::string*>(out);
        if (s && s->empty() && values[0]) *s = values[0];
        return 0;
      };
      char* msg = nullptr;
      if (sqlite3_exec(db, sql.c_str(), cb, first_value, &msg) != SQLITE_OK) {
        err = msg ? msg : "failed";
      }
      sqlite3_free(msg);
    }
    sqlite3_close(db);
    return err;
  }

  std::string raw_value(const std::string& sql) {
    std::string v;
    std::string err = raw(sql, &v);
    EXPECT_EQ(err, "") << sql;
    return v;
  }

  std::unique_ptr<PgTestDatabase> pgdb_;
  std::string dir_, path_;
  std::unique_ptr<Store> store_;
};

// ---------------------------------------------------------------------------------------
// Records used by the cases.

domain::Office office(const std::string& code = "63000080") {
  return {code, "臺北市文山區戶政事務所", "臺北市", "文山區", "臺北市文山區木柵路三段220號"};
}

domain::Person person(const std::string& id, const std::string& hh, int year = 1990,
                      const std::string& relation = "戶長") {
  domain::Person p;
  p.id_number = id;
  p.name = "王小明";
  p.sex = core::Sex::kMale;
  p.birth_date = core::Date::from_ymd(year, 3, 2).value();
  p.birth_place = "臺北市";
  p.household_no = hh;
  p.relation = relation;
  p.birth_order = 1;
  p.version = 1;
  return p;
}

domain::DoorPlate plate(int64_t id, const std::string& number, bool abolished = false) {
  domain::DoorPlate p;
  p.id = id;
  p.office_code = "63000080";
  p.address.county = "臺北市";
  p.address.district = "文山區";
  p.address.village = "萬芳里";
  p.address.neighborhood = "5";
  p.address.road = "興隆路";
  p.address.section = "3";
  p.address.number = number;
  p.abolished = abolished;
  return p;
}

domain::Household household(const std::string& no, int64_t plate_id = 1, int64_t version = 1) {
  domain::Household h;
  h.household_no = no;
  h.office_code = "63000080";
  h.door_plate_id = plate_id;
  h.head_id = "A123456789";
  h.established = core::Date::from_ymd(2001, 7, 9).value();
  h.version = version;
  return h;
}

domain::Event event(const std::string& subject, const std::string& hh) {
  domain::Event e;
  e.type = domain::EventType::kMoveIn;
  e.subject_id = subject;
  e.household_no = hh;
  e.event_date = core::Date::from_ymd(2024, 5, 1).value();
  e.registered_on = core::Date::from_ymd(2024, 5, 3).value();
  e.office_code = "63000080";
  e.data["from"] = "臺北市大安區";
  return e;
}

service::AuditEntry audit(int64_t seq, const std::string& user, const std::string& subject,
                          int64_t at_ms) {
  service::AuditEntry e;
  e.seq = seq;
  e.at_ms = at_ms;
  e.username = user;
  e.role = "clerk";
  e.office_code = "63000080";
  e.action = "person.read";
  e.subject_id = subject;
  e.purpose = "受理申請";
  e.request_id = "r" + std::to_string(seq);
  e.outcome = "ok";
  e.prev_hash = seq > 1 ? std::to_string(seq - 1) : "";
  e.hash = std::to_string(seq);
  return e;
}

core::Date iso(const char* text) { return core::Date::parse_iso(text).value(); }

service::ApplicationRecord application(const std::string& subject, int64_t entered_ms) {
  service::ApplicationRecord a;
  a.office_code = "63000080";
  a.type = "move_in";
  a.subject_id = subject;
  a.event_date = iso("2024-05-01");
  a.fields = {{"from", "臺北市大安區"}, {"household_no", "F0000001"}};
  a.applicant_name = "王小明";
  a.applicant_id = subject;
  a.applicant_relation = "agent";
  a.identity_check = "國民身分證";
  a.applicant_interest = "房屋所有權人";
  a.principal_id = "A223456788";
  a.principal_relation = "self";
  a.entered_by = "clerk1";
  a.entered_ms = entered_ms;
  a.expected_versions = {{"F0000001", 3}, {"F0000002", 1}};
  a.deadline = iso("2024-05-31");
  a.days_late = 2;
  a.fine_min = 300;
  a.fine_max = 900;
  return a;
}

// Writes the office and door plate 1 that households refer to.
void put_reference_data(Transaction& tx) {
  ASSERT_TRUE(tx.put_office(office()).ok());
  ASSERT_TRUE(tx.put_door_plate(plate(1, "115")).ok());
}

// ---------------------------------------------------------------------------------------
// Schema and transactions.

TEST_P(StoreConformance, MigratesAndReopens) {
  // Every migration once (versions are assigned per change and may be merged out of order).
  const auto& all = pg() ? postgres_migrations() : sqlite_migrations();
  const int newest = all.back().version;
  const std::string count = std::to_string(all.size());
  EXPECT_EQ(store().schema_version(), newest);
  EXPECT_EQ(raw_value("SELECT COUNT(*) FROM schema_migrations"), count);
  reopen();
  EXPECT_EQ(store().schema_version(), newest);
  EXPECT_EQ(raw_value("SELECT COUNT(*) FROM schema_migrations"), count);
}

TEST_P(StoreConformance, SchemaNewerThanTheBinaryIsRefused) {
  ASSERT_EQ(raw("INSERT INTO schema_migrations (version, name, applied_ms) "
                "VALUES (999, 'from the future', 0)"),
            "");
  store_.reset();
  auto s = open();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "store.schema_too_new");
}

TEST_P(StoreConformance, CommittedWritesAreVisibleAndRolledBackOnesAreNot) {
  {
    auto tx = begin(TxMode::kWrite);
    ASSERT_TRUE(tx->put_office(office()).ok());
    ASSERT_TRUE(tx->put_person(person("A123456789", "F0000001")).ok());
    ASSERT_TRUE(tx->commit().ok());
  }
  {
    auto tx = begin(TxMode::kWrite);
    ASSERT_TRUE(tx->put_person(person("F131104093", "F0000002")).ok());
    // destroyed without commit: rolled back
  }
  reopen();
  auto tx = begin(TxMode::kRead);
  auto a = tx->find_person("A123456789").value();
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->name, "王小明");
  EXPECT_EQ(a->birth_date.to_iso(), "1990-03-02");
  EXPECT_FALSE(tx->find_person("F131104093").value().has_value());
}

TEST_P(StoreConformance, CommitTwiceIsAnError) {
  auto tx = begin(TxMode::kWrite);
  ASSERT_TRUE(tx->put_office(office()).ok());
  ASSERT_TRUE(tx->commit().ok());
  EXPECT_FALSE(tx->commit().ok());
}

TEST_P(StoreConformance, ReadTransactionSeesOneSnapshot) {
  auto reader = begin(TxMode::kRead);
  EXPECT_FALSE(reader->find_office("63000080").value().has_value());
  {
    auto tx = begin(TxMode::kWrite);
    ASSERT_TRUE(tx->put_office(office()).ok());
    ASSERT_TRUE(tx->commit().ok());
  }
  EXPECT_FALSE(reader->find_office("63000080").value().has_value());
  ASSERT_TRUE(reader->commit().ok());
  EXPECT_TRUE(begin(TxMode::kRead)->find_office("63000080").value().has_value());
}

TEST_P(StoreConformance, EventsAndAuditAreAppendOnlyEvenThroughRawSql) {
  auto tx = begin(TxMode::kWrite);
  domain::Event e = event("A123456789", "F0000001");
  auto seq1 = tx->append_event(e).value();
  auto seq2 = tx->append_event(e).value();
  EXPECT_LT(seq1, seq2);
  ASSERT_TRUE(tx->append_audit(audit(1, "alice", "A123456789", 1000)).ok());
  ASSERT_TRUE(tx->commit().ok());

  auto events = begin(TxMode::kRead)->events_of("A123456789").value();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].data.at("from"), "臺北市大安區");
  EXPECT_EQ(events[0].type, domain::EventType::kMoveIn);

  // Even a direct UPDATE or DELETE through SQL is refused by the schema.
  EXPECT_NE(raw("UPDATE events SET subject_id = 'X'"), "");
  EXPECT_NE(raw("DELETE FROM events"), "");
  EXPECT_NE(raw("DELETE FROM audit"), "");
  EXPECT_NE(raw("UPDATE audit SET purpose = 'x'"), "");
  if (pg()) {
    EXPECT_NE(raw("TRUNCATE events"), "");
    EXPECT_NE(raw("TRUNCATE audit"), "");
    // Refused even when no row would change.
    EXPECT_NE(raw("DELETE FROM events WHERE seq < 0"), "");
  }
  EXPECT_EQ(raw_value("SELECT COUNT(*) FROM events"), "2");
  EXPECT_EQ(raw_value("SELECT COUNT(*) FROM audit"), "1");
}

// Role separation (issue 15 item 4): the tables belong to an owner role that migrates them;
// huji serve logs in as an application role granted INSERT and SELECT only on the audit trail,
// so it can append and read but neither delete, rewrite nor truncate entries, nor drop or
// disable the append-only triggers (only a table's owner may).
TEST_P(StoreConformance, PostgresAppRoleMayOnlyAppendToAndReadTheAuditTrail) {
  if (!pg()) GTEST_SKIP() << "PostgreSQL roles";
  const std::string name = unique_db_name(), owner = name + "_owner", app = name + "_app";
  auto as = [&](const std::string& role) {
    std::string url = with_database(pgdb_->admin(), name);
    const size_t user = url.find("://") + 3;
    return url.substr(0, user) + role + url.substr(url.find('@', user));
  };
  ASSERT_EQ(raw("CREATE ROLE " + owner + " LOGIN; CREATE ROLE " + app + " LOGIN"), "");
  ASSERT_EQ(pg_exec(pgdb_->admin(), "CREATE DATABASE " + name + " OWNER " + owner), "");
  {
    auto owned = postgres::PgStore::open(as(owner));
    ASSERT_TRUE(owned.ok()) << owned.error().message_en;
    ASSERT_TRUE(grant_app_role(**owned, app).ok());
    ASSERT_TRUE(grant_app_role(**owned, app).ok()) << "granting again changes nothing";
  }
  {
    auto served = postgres::PgStore::open(as(app));
    ASSERT_TRUE(served.ok()) << "an up-to-date schema needs no change: "
                             << served.error().message_en;
    auto tx = (*served)->begin(TxMode::kWrite).value();
    ASSERT_TRUE(tx->put_office(office()).ok());
    ASSERT_TRUE(tx->append_audit(audit(1, "alice", "A123456789", 1000)).ok());
    ASSERT_TRUE(tx->append_event(event("A123456789", "F0000001")).ok());
    ASSERT_TRUE(tx->set_audit_journal_mark("j1", 1).ok());
    ASSERT_TRUE(tx->commit().ok());
    EXPECT_TRUE((*served)->begin(TxMode::kRead).value()->last_audit().value().has_value());
  }
  const std::string app_url = as(app);
  for (const std::string sql :
       {"DELETE FROM audit", "DELETE FROM audit WHERE seq < 0", "UPDATE audit SET purpose = 'x'",
        "TRUNCATE audit", "DELETE FROM events", "UPDATE schema_migrations SET version = 1"}) {
    const std::string err = pg_exec(app_url, sql);
    EXPECT_NE(err.find("permission denied"), std::string::npos) << sql << ": " << err;
  }
  for (const std::string sql : {"ALTER TABLE audit DISABLE TRIGGER USER",
                                "DROP TRIGGER audit_no_delete ON audit", "DROP TABLE audit"}) {
    const std::string err = pg_exec(app_url, sql);
    EXPECT_NE(err.find("must be owner"), std::string::npos) << sql << ": " << err;
  }
  std::string count;
  EXPECT_EQ(pg_exec(app_url, "SELECT count(*) FROM audit", &count), "");
  EXPECT_EQ(count, "1");
  // A newer huji run as the application's role cannot migrate: a clear error, not a crash.
  EXPECT_EQ(pg_exec(as(owner),
                    "DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM "
                    "schema_migrations)"),
            "");
  auto outdated = postgres::PgStore::open(app_url);
  ASSERT_FALSE(outdated.ok());
  EXPECT_EQ(outdated.error().code, "store.migrate_denied") << outdated.error().message_en;
  (void)pg_exec(pgdb_->admin(), "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  EXPECT_EQ(raw("DROP ROLE " + app + "; DROP ROLE " + owner), "");
}

// Group commit: concurrent writers share batches; each committed writer's data is durable and
// visible, and a writer that rolls back leaves nothing behind, whatever its batch-mates did.
// The audit journal's mark per journal: none until set, replaced by the next value, kept by a
// commit and not by a rollback.
TEST_P(StoreConformance, AuditJournalMarksPerJournal) {
  {
    auto tx = begin(TxMode::kWrite);
    EXPECT_EQ(tx->audit_journal_mark("j1").value(), std::nullopt);
    ASSERT_TRUE(tx->set_audit_journal_mark("j1", 5).ok());
    ASSERT_TRUE(tx->set_audit_journal_mark("j2", 7).ok());
    ASSERT_TRUE(tx->set_audit_journal_mark("j1", 9).ok());
    EXPECT_EQ(tx->audit_journal_mark("j1").value(), 9);
    ASSERT_TRUE(tx->commit().ok());
  }
  {
    auto tx = begin(TxMode::kWrite);
    ASSERT_TRUE(tx->set_audit_journal_mark("j2", 100).ok());
  }  // rolled back
  auto tx = begin(TxMode::kRead);
  EXPECT_EQ(tx->audit_journal_mark("j1").value(), 9);
  EXPECT_EQ(tx->audit_journal_mark("j2").value(), 7);
  EXPECT_EQ(tx->audit_journal_mark("j3").value(), std::nullopt);
}

TEST_P(StoreConformance, CalendarYearsAreReplacedByYear) {
  {
    auto tx = begin(TxMode::kWrite);
    EXPECT_TRUE(tx->list_calendar_years().value().empty());
    ASSERT_TRUE(tx->put_calendar_year({2028, "2028-01-03 holiday\n", false, "admin", 5}).ok());
    ASSERT_TRUE(
        tx->put_calendar_year({2027, "provisional\n2027-02-04 holiday 小年夜\n", true, "admin", 6})
            .ok());
    ASSERT_TRUE(
        tx->put_calendar_year({2027, "2027-02-04 holiday 農曆除夕前一日\n", false, "admin2", 7})
            .ok());
    ASSERT_TRUE(tx->commit().ok());
  }
  auto tx = begin(TxMode::kRead);
  auto years = tx->list_calendar_years().value();
  ASSERT_EQ(years.size(), 2u);
  EXPECT_EQ(years[0].year, 2027);
  EXPECT_EQ(years[0].text, "2027-02-04 holiday 農曆除夕前一日\n");
  EXPECT_FALSE(years[0].provisional);
  EXPECT_EQ(years[0].loaded_by, "admin2");
  EXPECT_EQ(years[0].loaded_ms, 7);
  EXPECT_EQ(years[1].year, 2028);
}

TEST_P(StoreConformance, RuleVersionsAreReplacedByDate) {
  const auto d = [](const char* iso) { return core::Date::parse_iso(iso).value(); };
  {
    auto tx = begin(TxMode::kWrite);
    EXPECT_TRUE(tx->list_rule_versions().value().empty());
    ASSERT_TRUE(tx->put_rule_version({d("2028-01-01"), "effective 2028-01-01\n", "admin", 5}).ok());
    ASSERT_TRUE(tx->put_rule_version({d("2027-07-01"), "first\n", "admin", 6}).ok());
    ASSERT_TRUE(tx->put_rule_version({d("2027-07-01"), "second\n", "admin2", 7}).ok());
    ASSERT_TRUE(tx->commit().ok());
  }
  {
    auto tx = begin(TxMode::kWrite);
    ASSERT_TRUE(tx->put_rule_version({d("2029-01-01"), "rolled back\n", "admin", 8}).ok());
  }
  auto tx = begin(TxMode::kRead);
  auto versions = tx->list_rule_versions().value();
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0].effective_from, d("2027-07-01"));
  EXPECT_EQ(versions[0].text, "second\n");
  EXPECT_EQ(versions[0].loaded_by, "admin2");
  EXPECT_EQ(versions[0].loaded_ms, 7);
  EXPECT_EQ(versions[1].effective_from, d("2028-01-01"));
}

TEST_P(StoreConformance, ConcurrentWritersCommitAndRollBackAlone) {
  {
    auto tx = begin(TxMode::kWrite);
    ASSERT_TRUE(tx->put_office(office()).ok());
    ASSERT_TRUE(tx->commit().ok());
  }
  constexpr int kThreads = 8, kPerThread = 40;
  std::atomic<int> committed{0}, failures{0};
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        auto tx = store().begin(TxMode::kWrite);
        if (!tx.ok()) {
          ++failures;
          continue;
        }
        domain::Village v{"63000080", std::to_string(t * 1000 + i), i};
        if (!(*tx)->put_village(v).ok()) {
          ++failures;
          continue;
        }
        if (i % 5 == 4) continue;  // abandoned: rolled back by the destructor
        if ((*tx)->commit().ok())
          ++committed;
        else
          ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(committed.load(), kThreads * kPerThread * 4 / 5);
  reopen();
  auto villages = begin(TxMode::kRead)->list_villages("63000080").value();
  EXPECT_EQ(static_cast<int>(villages.size()), committed.load());
  for (const auto& v : villages) EXPECT_NE(v.neighborhoods % 5, 4) << v.name;
}

// The audit chain: each writer reads the last entry and appends the next. Writers must not
// interleave, or two would chain onto the same entry (and collide on seq).
TEST_P(StoreConformance, ConcurrentAuditWritersKeepOneChain) {
  constexpr int kThreads = 8, kPerThread = 25;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        auto tx = store().begin(TxMode::kWrite);
        if (!tx.ok()) {
          ++failures;
          continue;
        }
        auto last = (*tx)->last_audit();
        if (!last.ok()) {
          ++failures;
          continue;
        }
        const int64_t seq = *last ? (*last)->seq + 1 : 1;
        service::AuditEntry e = audit(seq, cat("u", std::to_string(t)), "", seq);
        e.prev_hash = *last ? (*last)->hash : "";
        e.hash = cat("h", std::to_string(seq));
        if (!(*tx)->append_audit(e).ok() || !(*tx)->commit().ok()) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  int64_t expect = 1;
  std::string prev;
  ASSERT_TRUE(begin(TxMode::kRead)
                  ->scan_audit([&](const service::AuditEntry& e) {
                    EXPECT_EQ(e.seq, expect);
                    EXPECT_EQ(e.prev_hash, prev);
                    prev = e.hash;
                    ++expect;
                    return true;
                  })
                  .ok());
  EXPECT_EQ(expect - 1, kThreads * kPerThread);
}

TEST_P(StoreConformance, UnreachableDatabaseIsAClearError) {
  if (!pg()) {
    auto r = sqlite::SqliteStore::open("/proc/huji-cannot-be-here/x.db");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "store.open");
    EXPECT_EQ(r.error().kind, core::ErrorKind::kUnavailable);
    return;
  }
  // Port 1 on the loopback: nothing listens there, the connection is refused at once.
  auto r = postgres::PgStore::open("postgresql://huji@127.0.0.1:1/huji");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "store.unavailable");
  EXPECT_EQ(r.error().kind, core::ErrorKind::kUnavailable);
  EXPECT_NE(r.error().message_en.find("host 127.0.0.1 port 1 "), std::string::npos)
      << r.error().message_en;
  EXPECT_NE(r.error().message_zh.find("主機 127.0.0.1，埠 1，"), std::string::npos)
      << r.error().message_zh;
}

// ---------------------------------------------------------------------------------------
// Offices, staff and the register.

TEST_P(StoreConformance, OfficesVillagesAndDoorPlates) {
  auto tx = begin(TxMode::kWrite);
  ASSERT_TRUE(tx->put_office(office()).ok());
  domain::Office renamed = office();
  renamed.name = "臺北市文山區戶政事務所（新址）";
  ASSERT_TRUE(tx->put_office(renamed).ok());  // upsert
  EXPECT_EQ(tx->find_office("63000080").value()->name, renamed.name);
  EXPECT_FALSE(tx->find_office("00000000").value().has_value());

  ASSERT_TRUE(tx->put_village({"63000080", "萬芳里", 20}).ok());
  ASSERT_TRUE(tx->put_village({"63000080", "木柵里", 12}).ok());
  ASSERT_TRUE(tx->put_village({"63000080", "萬芳里", 21}).ok());  // upsert
  auto villages = tx->list_villages("63000080").value();
  ASSERT_EQ(villages.size(), 2u);
  // Byte order of the UTF-8 names, as SQLite's BINARY collation: 木 (E6 9C A8) < 萬 (E8 90 AC).
  EXPECT_EQ(villages[0].name, "木柵里");
  EXPECT_EQ(villages[1].neighborhoods, 21);

  ASSERT_TRUE(tx->put_door_plate(plate(7, "10之1", /*abolished=*/true)).ok());
  ASSERT_TRUE(tx->put_door_plate(plate(9, "10之1")).ok());
  auto p = tx->find_door_plate(7).value();
  ASSERT_TRUE(p.has_value());
  EXPECT_TRUE(p->abolished);
  EXPECT_EQ(p->address, plate(7, "10之1").address);
  EXPECT_FALSE(tx->find_door_plate(8).value().has_value());
  // The same address: the plate in use comes first.
  auto by_address = tx->find_door_plate_by_address(plate(0, "10之1").address.format()).value();
  ASSERT_TRUE(by_address.has_value());
  EXPECT_EQ(by_address->id, 9);
  ASSERT_TRUE(tx->put_door_plate(plate(9, "10之1", /*abolished=*/true)).ok());  // upsert
  EXPECT_TRUE(tx->find_door_plate(9).value()->abolished);
  EXPECT_EQ(tx->find_door_plate_by_address(plate(0, "10之1").address.format()).value()->id, 7);
  ASSERT_TRUE(tx->commit().ok());
}

TEST_P(StoreConformance, DuplicateUsernameIsAConflictAndTheTransactionGoesOn) {
  auto tx = begin(TxMode::kWrite);
  ASSERT_TRUE(tx->put_office(office()).ok());
  service::UserRecord u;
  u.username = "clerk1";
  u.display_name = "王";
  u.office_code = "63000080";
  u.password_hash = "x";
  ASSERT_TRUE(tx->insert_user(u).ok());
  auto again = tx->insert_user(u);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "user.exists");
  EXPECT_EQ(again.error().kind, core::ErrorKind::kConflict);
  // The conflict is an answer, not a failure of the transaction.
  u.username = "clerk2";
  ASSERT_TRUE(tx->insert_user(u).ok());
  ASSERT_TRUE(tx->commit().ok());
  auto rd = begin(TxMode::kRead);
  EXPECT_TRUE(rd->find_user("clerk1").value().has_value());
  EXPECT_TRUE(rd->find_user("clerk2").value().has_value());
}

TEST_P(StoreConformance, UsersAndSessions) {
  auto tx = begin(TxMode::kWrite);
  ASSERT_TRUE(tx->put_office(office()).ok());
  service::UserRecord u;
  u.username = "auditor1";
  u.display_name = "陳稽核";
  u.role = domain::Role::kAuditor;
  u.office_code = "63000080";
  u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
  u.active = false;
  u.created_ms = 1'700'000'000'123;
  const int64_t id = tx->insert_user(u).value();
  EXPECT_GT(id, 0);
  auto found = tx->find_user("auditor1").value();
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, id);
  EXPECT_EQ(found->display_name, "陳稽核");
  EXPECT_EQ(found->role, domain::Role::kAuditor);
  EXPECT_EQ(found->password_hash, u.password_hash);
  EXPECT_FALSE(found->active);
  EXPECT_EQ(found->created_ms, 1'700'000'000'123);
  ASSERT_TRUE(tx->update_login_state(id, 3, 1'700'000'900'000).ok());
  auto by_id = tx->find_user_by_id(id).value();
  ASSERT_TRUE(by_id.has_value());
  EXPECT_EQ(by_id->username, "auditor1");
  EXPECT_EQ(by_id->failed_logins, 3);
  EXPECT_EQ(by_id->locked_until_ms, 1'700'000'900'000);
  EXPECT_FALSE(tx->find_user("nobody").value().has_value());
  EXPECT_FALSE(tx->find_user_by_id(id + 100).value().has_value());

  ASSERT_TRUE(tx->insert_session({"abc123", id, 1000, 2000, false}).ok());
  auto s = tx->find_session("abc123").value();
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->user_id, id);
  EXPECT_EQ(s->created_ms, 1000);
  EXPECT_EQ(s->expires_ms, 2000);
  EXPECT_FALSE(s->revoked);
  ASSERT_TRUE(tx->revoke_session("abc123").ok());
  EXPECT_TRUE(tx->find_session("abc123").value()->revoked);
  EXPECT_FALSE(tx->find_session("other").value().has_value());
  ASSERT_TRUE(tx->commit().ok());
}

TEST_P(StoreConformance, AccountStateLoginBucketsAndOneTimeCodes) {
  auto tx = begin(TxMode::kWrite);
  ASSERT_TRUE(tx->put_office(office()).ok());
  service::UserRecord u;
  u.username = "clerk9";
  u.display_name = "林";
  u.office_code = "63000080";
  u.password_hash = "old";
  u.created_ms = 1;
  const int64_t id = tx->insert_user(u).value();
  ASSERT_TRUE(tx->insert_session({"s1", id, 1, 99, false}).ok());
  ASSERT_TRUE(tx->insert_session({"s2", id, 1, 99, false}).ok());
  ASSERT_TRUE(tx->revoke_user_sessions(id).ok());
  EXPECT_TRUE(tx->find_session("s1").value()->revoked);
  EXPECT_TRUE(tx->find_session("s2").value()->revoked);
  ASSERT_TRUE(tx->set_user_active(id, false).ok());
  ASSERT_TRUE(tx->set_password_hash(id, "new").ok());
  ASSERT_TRUE(tx->set_totp_secret(id, "JBSWY3DP").ok());
  auto found = tx->find_user_by_id(id).value().value();
  EXPECT_FALSE(found.active);
  EXPECT_EQ(found.password_hash, "new");
  EXPECT_EQ(found.totp_secret, "JBSWY3DP");
  EXPECT_EQ(found.totp_last_step, 0);
  EXPECT_TRUE(tx->advance_totp_step(id, 5).value());
  EXPECT_FALSE(tx->advance_totp_step(id, 5).value()) << "a step is accepted once";
  EXPECT_FALSE(tx->advance_totp_step(id, 4).value());
  EXPECT_EQ(tx->find_user_by_id(id).value()->totp_last_step, 5);

  EXPECT_TRUE(tx->totp_required_roles().value().empty());
  ASSERT_TRUE(tx->set_totp_required("supervisor", true).ok());
  ASSERT_TRUE(tx->set_totp_required("supervisor", true).ok());
  ASSERT_TRUE(tx->set_totp_required("admin", true).ok());
  EXPECT_EQ(tx->totp_required_roles().value(), (std::vector<std::string>{"admin", "supervisor"}));
  ASSERT_TRUE(tx->set_totp_required("admin", false).ok());
  EXPECT_EQ(tx->totp_required_roles().value(), (std::vector<std::string>{"supervisor"}));

  auto empty = tx->find_login_bucket("clerk9", "192.0.2.1").value();
  EXPECT_EQ(empty.account, "clerk9");
  EXPECT_EQ(empty.address, "192.0.2.1");
  EXPECT_EQ(empty.failures, 0);
  ASSERT_TRUE(tx->put_login_bucket({"clerk9", "192.0.2.1", 3, 1'700'000'000'000, 0}).ok());
  ASSERT_TRUE(tx->put_login_bucket({"clerk9", "", 4, 1'700'000'000'000, 0}).ok());
  ASSERT_TRUE(tx->put_login_bucket({"", "192.0.2.1", 7, 1'700'000'000'000, 0}).ok());
  ASSERT_TRUE(tx->put_login_bucket({"clerk9", "192.0.2.1", 0, 1'700'000'000'000, 5}).ok());
  auto pair = tx->find_login_bucket("clerk9", "192.0.2.1").value();
  EXPECT_EQ(pair.failures, 0);
  EXPECT_EQ(pair.last_success_ms, 5);
  EXPECT_EQ(tx->find_login_bucket("", "192.0.2.1").value().failures, 7);
  ASSERT_TRUE(tx->clear_login_buckets("clerk9").ok());
  EXPECT_EQ(tx->find_login_bucket("clerk9", "").value().failures, 0);
  EXPECT_EQ(tx->find_login_bucket("clerk9", "192.0.2.1").value().last_success_ms, 0);
  EXPECT_EQ(tx->find_login_bucket("", "192.0.2.1").value().failures, 7) << "the address's stays";
  ASSERT_TRUE(tx->prune_login_buckets(1'700'000'000'001, 1).ok());
  EXPECT_EQ(tx->find_login_bucket("", "192.0.2.1").value().failures, 0);
  ASSERT_TRUE(tx->commit().ok());
}

TEST_P(StoreConformance, SearchPersonsByNameAndDoorPlatesByAddress) {
  auto tx = begin(TxMode::kWrite);
  put_reference_data(*tx);
  domain::Person removed = person("A123456780", "F0000001", 1990);
  removed.status = domain::PersonStatus::kRemoved;
  domain::Person other = person("B123456789", "F0000002", 1970);
  other.name = "王小華";
  for (const auto& p : {person("A123456789", "F0000001", 1990), removed,
                        person("A223456781", "F0000002", 1960), other}) {
    ASSERT_TRUE(tx->put_person(p).ok());
  }
  auto ids = [](const std::vector<domain::Person>& ps) {
    std::vector<std::string> out;
    out.reserve(ps.size());
    for (const auto& p : ps) out.push_back(p.id_number);
    return out;
  };
  const std::optional<std::string> any;
  // Active first, then by birth date; the exact name only.
  EXPECT_EQ(ids(tx->persons_named("王小明", any, any, 10).value()),
            (std::vector<std::string>{"A223456781", "A123456789", "A123456780"}));
  EXPECT_EQ(ids(tx->persons_named("王小明", "1990-03-02", any, 10).value()),
            (std::vector<std::string>{"A123456789", "A123456780"}));
  EXPECT_EQ(ids(tx->persons_named("王小明", any, "F0000002", 10).value()),
            std::vector<std::string>{"A223456781"});
  EXPECT_EQ(tx->persons_named("王小明", any, any, 2).value().size(), 2u);
  EXPECT_TRUE(tx->persons_named("王小", any, any, 10).value().empty());

  domain::DoorPlate upstairs = plate(11, "10");
  upstairs.address.floor = "3";
  ASSERT_TRUE(tx->put_door_plate(upstairs).ok());
  ASSERT_TRUE(tx->put_door_plate(plate(12, "10", /*abolished=*/true)).ok());
  ASSERT_TRUE(tx->put_door_plate(plate(13, "12")).ok());
  core::Address at = plate(0, "10").address;
  at.village.clear();  // typed without 村里 and 鄰: every plate at that number
  at.neighborhood.clear();
  auto plates = tx->door_plates_at(at, 10).value();
  ASSERT_EQ(plates.size(), 2u);
  EXPECT_EQ(plates[0].id, 11);  // in use first
  EXPECT_EQ(plates[1].id, 12);
  at.floor = "3";
  ASSERT_EQ(tx->door_plates_at(at, 10).value().size(), 1u);
  at.village = "木柵里";
  EXPECT_TRUE(tx->door_plates_at(at, 10).value().empty());
  ASSERT_TRUE(tx->commit().ok());
}

TEST_P(StoreConformance, PersonsHouseholdsAndEvents) {
  auto tx = begin(TxMode::kWrite);
  put_reference_data(*tx);
  ASSERT_TRUE(tx->put_household(household("F0000001")).ok());
  auto h = tx->find_household("F0000001").value();
  ASSERT_TRUE(h.has_value());
  EXPECT_EQ(h->established.to_iso(), "2001-07-09");
  EXPECT_EQ(h->door_plate_id, 1);
  ASSERT_TRUE(tx->put_household(household("F0000001", 1, 2)).ok());  // replace
  EXPECT_EQ(tx->find_household("F0000001").value()->version, 2);

  domain::Person son = person("A123456780", "F0000001", 1990, "長子");
  domain::Person wife = person("A223456781", "F0000001", 1962, "配偶");
  wife.sex = core::Sex::kFemale;
  wife.spouse_id = "A123456789";
  domain::Person head = person("A123456789", "F0000001", 1960, "戶長");
  head.spouse_id = "A223456781";
  head.father_name = "王大明";
  ASSERT_TRUE(tx->put_person(son).ok());
  ASSERT_TRUE(tx->put_person(wife).ok());
  ASSERT_TRUE(tx->put_person(head).ok());
  ASSERT_TRUE(tx->put_person(person("B123456789", "F0000002")).ok());
  auto members = tx->household_members("F0000001").value();
  ASSERT_EQ(members.size(), 3u);
  EXPECT_EQ(members[0].id_number, head.id_number);  // the head first, then by birth date
  EXPECT_EQ(members[1].id_number, wife.id_number);
  EXPECT_EQ(members[2].id_number, son.id_number);
  EXPECT_EQ(members[1].sex, core::Sex::kFemale);
  EXPECT_EQ(members[1].spouse_id, std::optional<std::string>("A123456789"));
  EXPECT_FALSE(members[2].father_id.has_value());

  // Children wherever they live, by father or by mother, in ID order.
  domain::Person daughter = person("A223456700", "F0000002", 1995, "同居人");
  daughter.father_id = head.id_number;
  daughter.mother_id = wife.id_number;
  domain::Person stepson = person("A123456700", "", 1985, "");
  stepson.father_id = head.id_number;
  ASSERT_TRUE(tx->put_person(daughter).ok());
  ASSERT_TRUE(tx->put_person(stepson).ok());
  auto ids = [](const std::vector<domain::Person>& ps) {
    std::vector<std::string> out;
    out.reserve(ps.size());
    for (const auto& p : ps) out.push_back(p.id_number);
    return out;
  };
  EXPECT_EQ(ids(tx->children_of(head.id_number).value()),
            (std::vector<std::string>{"A123456700", "A223456700"}));
  EXPECT_EQ(ids(tx->children_of(wife.id_number).value()), std::vector<std::string>{"A223456700"});
  EXPECT_TRUE(tx->children_of(son.id_number).value().empty());

  domain::Person removed = son;
  removed.status = domain::PersonStatus::kRemoved;
  removed.removal_reason = "death";
  removed.household_no = "";
  removed.version = 2;
  ASSERT_TRUE(tx->put_person(removed).ok());  // replace
  auto back = tx->find_person(son.id_number).value();
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->status, domain::PersonStatus::kRemoved);
  EXPECT_EQ(back->removal_reason, "death");
  EXPECT_EQ(back->version, 2);
  EXPECT_EQ(tx->household_members("F0000001").value().size(), 2u);

  domain::Event e = event(head.id_number, "F0000001");
  const int64_t first = tx->append_event(e).value();
  domain::Event fix = e;
  fix.type = domain::EventType::kNameCorrection;
  fix.corrects_seq = first;
  fix.data = {{"field", "name"}, {"to", "王曉明"}};
  const int64_t second = tx->append_event(fix).value();
  ASSERT_TRUE(tx->append_event(event(wife.id_number, "F0000001")).ok());
  auto events = tx->events_of(head.id_number).value();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].seq, first);
  EXPECT_FALSE(events[0].corrects_seq.has_value());
  EXPECT_EQ(events[0].event_date.to_iso(), "2024-05-01");
  EXPECT_EQ(events[0].registered_on.to_iso(), "2024-05-03");
  EXPECT_EQ(events[1].seq, second);
  EXPECT_EQ(events[1].type, domain::EventType::kNameCorrection);
  EXPECT_EQ(events[1].corrects_seq, std::optional<int64_t>(first));
  EXPECT_EQ(events[1].data.at("to"), "王曉明");

  ASSERT_TRUE(tx->delete_household("F0000001").ok());
  EXPECT_FALSE(tx->find_household("F0000001").value().has_value());
  ASSERT_TRUE(tx->commit().ok());
}

TEST_P(StoreConformance, PersonRecordEqualsItsSingleReads) {
  auto tx = begin(TxMode::kWrite);
  put_reference_data(*tx);
  ASSERT_TRUE(tx->put_household(household("F0000001")).ok());
  domain::Person head = person("A123456789", "F0000001", 1960, "戶長");
  head.spouse_id = "A223456781";
  domain::Person wife = person("A223456781", "F0000001", 1962, "配偶");
  wife.sex = core::Sex::kFemale;
  wife.spouse_id = head.id_number;
  domain::Person son = person("A123456780", "F0000001", 1990, "長子");
  son.father_id = head.id_number;
  son.mother_id = "A200000008";  // not in the register: only the name is kept
  son.mother_name = "陳美";
  domain::Person moved_out = person("A123456700", "", 1985, "");  // no household
  moved_out.father_id = head.id_number;
  domain::Person lost = person("B123456789", "F9999999", 1970, "戶長");  // household missing
  for (const auto* p : {&head, &wife, &son, &moved_out, &lost}) {
    ASSERT_TRUE(tx->put_person(*p).ok());
  }
  ASSERT_TRUE(tx->append_event(event(son.id_number, "F0000001")).ok());
  domain::Event second = event(son.id_number, "F0000001");
  second.data = {{"from", "新北市"}};
  ASSERT_TRUE(tx->append_event(second).ok());

  for (const auto& id : {son.id_number, head.id_number, moved_out.id_number, lost.id_number}) {
    SCOPED_TRACE(id);
    auto fast = tx->read_person_record(id);
    auto plain = tx->Transaction::read_person_record(id);  // the call-by-call default
    ASSERT_TRUE(fast.ok()) << fast.error().message_en;
    ASSERT_TRUE(plain.ok());
    ASSERT_TRUE(fast->has_value());
    const service::PersonRecord& a = **fast;
    const service::PersonRecord& b = **plain;
    EXPECT_EQ(a.person, b.person);
    EXPECT_EQ(a.father, b.father);
    EXPECT_EQ(a.mother, b.mother);
    EXPECT_EQ(a.spouse, b.spouse);
    EXPECT_EQ(a.household, b.household);
    EXPECT_EQ(a.door_plate.has_value(), b.door_plate.has_value());
    if (a.door_plate && b.door_plate) {
      EXPECT_EQ(a.door_plate->id, b.door_plate->id);
      EXPECT_EQ(a.door_plate->address, b.door_plate->address);
    }
    EXPECT_EQ(a.members, b.members);
    ASSERT_EQ(a.events.size(), b.events.size());
    for (size_t i = 0; i < a.events.size(); ++i) {
      EXPECT_EQ(a.events[i].seq, b.events[i].seq);
      EXPECT_EQ(a.events[i].data, b.events[i].data);
    }
  }
  auto son_record = tx->read_person_record(son.id_number).value().value();
  ASSERT_TRUE(son_record.father.has_value());
  EXPECT_EQ(son_record.father->id_number, head.id_number);
  EXPECT_FALSE(son_record.mother.has_value());
  ASSERT_TRUE(son_record.household.has_value());
  ASSERT_TRUE(son_record.door_plate.has_value());
  EXPECT_EQ(son_record.door_plate->id, 1);
  ASSERT_EQ(son_record.members.size(), 3u);
  EXPECT_EQ(son_record.members[0].id_number, head.id_number);
  ASSERT_EQ(son_record.events.size(), 2u);
  EXPECT_EQ(son_record.events[1].data.at("from"), "新北市");
  auto head_record = tx->read_person_record(head.id_number).value().value();
  ASSERT_TRUE(head_record.spouse.has_value());
  EXPECT_EQ(head_record.spouse->name, wife.name);
  auto lost_record = tx->read_person_record(lost.id_number).value().value();
  EXPECT_FALSE(lost_record.household.has_value());
  EXPECT_FALSE(lost_record.door_plate.has_value());
  EXPECT_TRUE(lost_record.members.empty());
  EXPECT_FALSE(tx->read_person_record("F131104093").value().has_value());
}

TEST_P(StoreConformance, PostgresPipelineReportsTheFailedStatementAndRecovers) {
  if (!pg()) GTEST_SKIP() << "libpq pipeline mode";
  using postgres::Connection;
  const std::string url = pgdb_->url();
  auto c = Connection::open(url, postgres::parse_endpoint(url).value(), 5000).value();
  auto make = [&](int divisor) {
    auto st = c->prepare("SELECT 10 / $1::int").value();
    st.bind(1, divisor);
    return st;
  };
  {
    auto a = make(2), b = make(5);
    ASSERT_TRUE(c->pipeline({&a, &b}).ok());
    ASSERT_TRUE(a.step().value());
    EXPECT_EQ(a.int64(0), 5);
    ASSERT_TRUE(b.step().value());
    EXPECT_EQ(b.int64(0), 2);
    EXPECT_FALSE(b.step().value());
  }
  {
    auto a = make(1), b = make(0), d = make(10);
    auto s = c->pipeline({&a, &b, &d});
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.error().message_en.find("division by zero"), std::string::npos)
        << s.error().message_en;
    ASSERT_TRUE(a.step().value());  // the statement before the failure ran
    EXPECT_EQ(a.int64(0), 10);
    EXPECT_FALSE(d.step().value());  // the one after it did not
  }
  // The connection is out of pipeline mode, idle and usable.
  EXPECT_TRUE(c->idle());
  EXPECT_TRUE(c->healthy());
  auto again = make(5);
  ASSERT_TRUE(again.step().value());
  EXPECT_EQ(again.int64(0), 2);
}

TEST_P(StoreConformance, PersonsAtOneAddressAndAgeCountsPerVillage) {
  auto tx = begin(TxMode::kWrite);
  put_reference_data(*tx);
  domain::DoorPlate other = plate(2, "7");
  other.address.village = "興安里";
  ASSERT_TRUE(tx->put_door_plate(other).ok());
  domain::Office far = office("10007010");
  ASSERT_TRUE(tx->put_office(far).ok());
  domain::DoorPlate far_plate = plate(3, "1");
  far_plate.office_code = "10007010";
  ASSERT_TRUE(tx->put_door_plate(far_plate).ok());
  ASSERT_TRUE(tx->put_household(household("F0000002", 1)).ok());
  ASSERT_TRUE(tx->put_household(household("F0000001", 1)).ok());
  ASSERT_TRUE(tx->put_household(household("F0000003", 2)).ok());
  domain::Household far_hh = household("F0000004", 3);
  far_hh.office_code = "10007010";
  ASSERT_TRUE(tx->put_household(far_hh).ok());
  // On 2024-03-01: born 1990-03-02 is 33, born 1990-03-01 is 34, born 2024-02-01 is 0.
  ASSERT_TRUE(tx->put_person(person("A123456789", "F0000001", 1990)).ok());
  domain::Person older = person("A123456780", "F0000002", 1990);
  older.birth_date = core::Date::from_ymd(1990, 3, 1).value();
  ASSERT_TRUE(tx->put_person(older).ok());
  domain::Person baby = person("A223456781", "F0000003", 2024, "長女");
  baby.sex = core::Sex::kFemale;
  baby.birth_date = core::Date::from_ymd(2024, 2, 1).value();
  ASSERT_TRUE(tx->put_person(baby).ok());
  domain::Person gone = person("A123456798", "", 1950);
  gone.status = domain::PersonStatus::kRemoved;
  ASSERT_TRUE(tx->put_person(gone).ok());
  ASSERT_TRUE(tx->put_person(person("B123456780", "F0000004", 1990)).ok());

  auto at = tx->households_at_door_plate(1).value();
  ASSERT_EQ(at.size(), 2u);
  EXPECT_EQ(at[0].household_no, "F0000001");
  EXPECT_EQ(at[1].household_no, "F0000002");
  EXPECT_TRUE(tx->households_at_door_plate(99).value().empty());

  auto counts = tx->age_counts("63000080", core::Date::from_ymd(2024, 3, 1).value()).value();
  ASSERT_EQ(counts.size(), 3u);  // the removed person and the other office's are not counted
  EXPECT_EQ(counts[0].village, "興安里");
  EXPECT_EQ(counts[0].sex, core::Sex::kFemale);
  EXPECT_EQ(counts[0].age, 0);
  EXPECT_EQ(counts[0].count, 1);
  EXPECT_EQ(counts[1].village, "萬芳里");
  EXPECT_EQ(counts[1].age, 33);
  EXPECT_EQ(counts[2].age, 34);
  EXPECT_EQ(counts[1].count + counts[2].count, 2);
}

TEST_P(StoreConformance, MaxIdSerial) {
  auto tx = begin(TxMode::kWrite);
  EXPECT_EQ(tx->max_id_serial('A', 1).value(), -1);
  ASSERT_TRUE(tx->put_person(person("A100000001", "F0000001")).ok());
  ASSERT_TRUE(tx->put_person(person("A123456789", "F0000001")).ok());
  ASSERT_TRUE(tx->put_person(person("A299999992", "F0000001")).ok());
  ASSERT_TRUE(tx->put_person(person("A912345670", "F0000001")).ok());
  ASSERT_TRUE(tx->put_person(person("B187654321", "F0000001")).ok());
  EXPECT_EQ(tx->max_id_serial('A', 1).value(), 2345678);
  EXPECT_EQ(tx->max_id_serial('A', 2).value(), 9999999);
  EXPECT_EQ(tx->max_id_serial('A', 9).value(), 1234567);
  EXPECT_EQ(tx->max_id_serial('B', 1).value(), 8765432);
  EXPECT_EQ(tx->max_id_serial('B', 2).value(), -1);
  EXPECT_EQ(tx->max_id_serial('C', 1).value(), -1);
}

// A prefix whose last serial is in use (as the demo population's are) takes the lowest free
// serial, searched from the prefix's cursor, which moves up to it in the same transaction: a
// birth costs a probe or two, not one per number given before (#14), and a number passed is
// not given again even when its row is gone.
TEST_P(StoreConformance, FullIdRangeSearchGoesOnFromItsCursor) {
  auto id = [](uint32_t serial) { return core::IdNumber::make('A', 1, serial).str(); };
  {
    auto tx = begin(TxMode::kWrite);
    for (uint32_t serial : {1u, 2u, 3u, 9'999'999u}) {
      ASSERT_TRUE(tx->put_person(person(id(serial), "F0000001")).ok());
    }
    ASSERT_TRUE(tx->commit().ok());
  }
  auto allocate = [&](bool keep) {
    auto tx = begin(TxMode::kWrite);
    service::TxRegisterState state(*tx);
    const uint32_t serial = state.next_id_serial('A', 1).value();
    EXPECT_TRUE(tx->put_person(person(id(serial), "F0000001")).ok());
    if (keep) {
      EXPECT_TRUE(tx->commit().ok());
    }
    return serial;
  };
  EXPECT_EQ(allocate(true), 4u);
  EXPECT_EQ(allocate(true), 5u);
  EXPECT_EQ(allocate(false), 6u);
  EXPECT_EQ(allocate(true), 6u) << "a rolled-back search leaves the cursor";
  ASSERT_EQ(raw("DELETE FROM persons WHERE id_number = '" + id(2) + "'"), "");
  EXPECT_EQ(allocate(true), 7u) << "the search does not go back";
  auto tx = begin(TxMode::kRead);
  EXPECT_EQ(tx->id_serial_cursor("A1").value(), std::optional<int64_t>(7));
  EXPECT_EQ(tx->id_serial_cursor("A2").value(), std::nullopt);
}

TEST_P(StoreConformance, MaxHouseholdNoConsidersEventsToo) {
  auto tx = begin(TxMode::kWrite);
  put_reference_data(*tx);
  EXPECT_EQ(tx->max_household_no("F").value(), "");
  ASSERT_TRUE(tx->put_household(household("F0000003")).ok());
  ASSERT_TRUE(tx->put_household(household("G9999999")).ok());
  EXPECT_EQ(tx->max_household_no("F").value(), "F0000003");
  // A household merged away survives only in the event log; its number must not come back.
  ASSERT_TRUE(tx->append_event(event("A123456789", "F0000007")).ok());
  EXPECT_EQ(tx->max_household_no("F").value(), "F0000007");
  ASSERT_TRUE(tx->put_household(household("F0000009")).ok());
  EXPECT_EQ(tx->max_household_no("F").value(), "F0000009");
  EXPECT_EQ(tx->max_household_no("G").value(), "G9999999");
  EXPECT_EQ(tx->max_household_no("H").value(), "");
}

// More rows than one page of PgStore's keyset scans, so paging is exercised; the visitor uses
// the transaction while scanning, as the rebuild does.
// The bulk path may drop the loaded tables' secondary indexes while loading; finish() builds
// them again, and so does a loader given up before finish().
TEST_P(StoreConformance, BulkLoadDefersIndexesAndAlwaysBuildsThemAgain) {
  const std::string count_sql =
      pg() ? "SELECT count(*) FROM pg_indexes WHERE tablename IN ('persons', 'events', "
             "'households', 'door_plates')"
           : "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name IN "
             "('persons', 'events', 'households', 'door_plates')";
  const std::string before = raw_value(count_sql);
  ASSERT_NE(before, "0");
  {
    auto loader = store().bulk_loader();
    ASSERT_TRUE(loader);
    ASSERT_TRUE(loader->defer_indexes().ok());
    EXPECT_LT(std::stoi(raw_value(count_sql)), std::stoi(before)) << "dropped while loading";
    ASSERT_TRUE(loader->put_person(person("A123456789", "")).ok());
    ASSERT_TRUE(loader->finish().ok());
    EXPECT_EQ(raw_value(count_sql), before);
  }
  {
    auto loader = store().bulk_loader();
    ASSERT_TRUE(loader->defer_indexes().ok());
    ASSERT_TRUE(loader->put_person(person("B123456789", "")).ok());
  }  // abandoned: the batch rolls back, the indexes come back
  EXPECT_EQ(raw_value(count_sql), before);
  auto tx = begin(TxMode::kRead);
  EXPECT_TRUE(tx->find_person("A123456789").value().has_value());
  EXPECT_FALSE(tx->find_person("B123456789").value().has_value());
}

TEST_P(StoreConformance, ScansVisitEverythingInOrderAndStopEarly) {
  constexpr int kEvents = 2345, kPersons = 1234, kHouseholds = 1100, kAudit = 2001;
  {
    auto tx = begin(TxMode::kWrite);
    put_reference_data(*tx);
    for (int i = 0; i < kEvents; ++i) {
      const std::string hh = cat("F", std::to_string(1000000 + i));
      ASSERT_TRUE(tx->append_event(event("A123456789", hh)).ok());
    }
    // Inserted in an order other than the key order.
    for (int i = kPersons - 1; i >= 0; --i) {
      ASSERT_TRUE(tx->put_person(person("A1" + std::to_string(10000000 + i * 7), "F0000001")).ok());
    }
    for (int i = 0; i < kHouseholds; ++i) {
      ASSERT_TRUE(tx->put_household(household("F" + std::to_string(9999999 - i))).ok());
    }
    for (int i = 1; i <= kAudit; ++i) {
      ASSERT_TRUE(tx->append_audit(audit(i, "alice", "", i)).ok());
    }
    ASSERT_TRUE(tx->commit().ok());
  }
  auto tx = begin(TxMode::kRead);
  int n = 0;
  int64_t last_seq = 0;
  ASSERT_TRUE(tx->scan_events([&](const domain::Event& e) {
                  EXPECT_GT(e.seq, last_seq);
                  last_seq = e.seq;
                  if (n++ % 500 == 0) {
                    EXPECT_TRUE(tx->find_door_plate(1).value().has_value());
                  }
                  return true;
                }).ok());
  EXPECT_EQ(n, kEvents);

  n = 0;
  std::string last_id;
  ASSERT_TRUE(tx->scan_persons([&](const domain::Person& p) {
                  EXPECT_LT(last_id, p.id_number);
                  last_id = p.id_number;
                  ++n;
                  return true;
                }).ok());
  EXPECT_EQ(n, kPersons);

  n = 0;
  std::string last_no;
  ASSERT_TRUE(tx->scan_households([&](const domain::Household& h) {
                  EXPECT_LT(last_no, h.household_no);
                  last_no = h.household_no;
                  ++n;
                  return true;
                }).ok());
  EXPECT_EQ(n, kHouseholds);

  n = 0;
  ASSERT_TRUE(tx->scan_audit([&](const service::AuditEntry& a) {
                  EXPECT_EQ(a.seq, ++n);
                  return true;
                }).ok());
  EXPECT_EQ(n, kAudit);

  // Stopping early.
  n = 0;
  ASSERT_TRUE(tx->scan_events([&](const domain::Event&) { return ++n < 1500; }).ok());
  EXPECT_EQ(n, 1500);
  n = 0;
  ASSERT_TRUE(tx->scan_persons([&](const domain::Person&) { return ++n < 3; }).ok());
  EXPECT_EQ(n, 3);
  n = 0;
  ASSERT_TRUE(tx->scan_households([&](const domain::Household&) { return ++n < 1001; }).ok());
  EXPECT_EQ(n, 1001);
  n = 0;
  ASSERT_TRUE(tx->scan_audit([&](const service::AuditEntry&) { return ++n < 1000; }).ok());
  EXPECT_EQ(n, 1000);
}

TEST_P(StoreConformance, ClearProjectionsKeepsTheEventLog) {
  {
    auto tx = begin(TxMode::kWrite);
    put_reference_data(*tx);
    ASSERT_TRUE(tx->put_household(household("F0000001")).ok());
    ASSERT_TRUE(tx->put_person(person("A123456789", "F0000001")).ok());
    ASSERT_TRUE(tx->append_event(event("A123456789", "F0000001")).ok());
    ASSERT_TRUE(tx->commit().ok());
  }
  {
    auto tx = begin(TxMode::kWrite);
    ASSERT_TRUE(tx->clear_projections().ok());
    ASSERT_TRUE(tx->commit().ok());
  }
  auto tx = begin(TxMode::kRead);
  EXPECT_FALSE(tx->find_person("A123456789").value().has_value());
  EXPECT_FALSE(tx->find_household("F0000001").value().has_value());
  EXPECT_EQ(tx->events_of("A123456789").value().size(), 1u);
  EXPECT_TRUE(tx->find_door_plate(1).value().has_value());
}

// ---------------------------------------------------------------------------------------
// Registration workflow.

TEST_P(StoreConformance, ApplicationsInsertFindUpdateWithVersionAndList) {
  auto tx = begin(TxMode::kWrite);
  ASSERT_TRUE(tx->put_office(office()).ok());
  ASSERT_TRUE(tx->put_office(office("10007010")).ok());
  const int64_t id1 = tx->insert_application(application("A123456789", 1000)).value();
  const int64_t id2 = tx->insert_application(application("B123456789", 2000)).value();
  service::ApplicationRecord elsewhere = application("C123456789", 1500);
  elsewhere.office_code = "10007010";
  ASSERT_TRUE(tx->insert_application(elsewhere).ok());
  EXPECT_LT(id1, id2);

  auto a = tx->find_application(id1).value();
  ASSERT_TRUE(a.has_value());
  service::ApplicationRecord want = application("A123456789", 1000);
  EXPECT_EQ(a->id, id1);
  EXPECT_EQ(a->office_code, want.office_code);
  EXPECT_EQ(a->type, want.type);
  EXPECT_EQ(a->status, service::ApplicationStatus::kPendingReview);
  EXPECT_EQ(a->subject_id, want.subject_id);
  EXPECT_EQ(a->event_date, want.event_date);
  EXPECT_EQ(a->fields, want.fields);
  EXPECT_EQ(a->applicant_name, want.applicant_name);
  EXPECT_EQ(a->applicant_relation, want.applicant_relation);
  EXPECT_EQ(a->identity_check, want.identity_check);
  EXPECT_EQ(a->applicant_interest, "房屋所有權人");
  EXPECT_EQ(a->principal_id, "A223456788");
  EXPECT_EQ(a->principal_relation, "self");
  EXPECT_EQ(a->entered_by, "clerk1");
  EXPECT_EQ(a->entered_ms, 1000);
  EXPECT_EQ(a->expected_versions, want.expected_versions);
  EXPECT_EQ(a->deadline, iso("2024-05-31"));
  EXPECT_FALSE(a->registered_on);
  EXPECT_EQ(a->days_late, 2);
  EXPECT_EQ(a->fine_min, 300);
  EXPECT_EQ(a->fine_max, 900);
  EXPECT_FALSE(a->fine_decided.has_value());
  EXPECT_EQ(a->version, 1);
  EXPECT_FALSE(tx->find_application(id2 + 100).value().has_value());

  // Review: the version moves from 1 to 2 once; a second writer holding version 1 loses.
  service::ApplicationRecord reviewed = *a;
  reviewed.status = service::ApplicationStatus::kRegistered;
  reviewed.reviewed_by = "supervisor1";
  reviewed.reviewed_ms = 5000;
  reviewed.review_note = "核准";
  reviewed.fine_decided = 600;
  reviewed.registered_on = iso("2024-05-03");
  reviewed.first_event_seq = 10;
  reviewed.last_event_seq = 12;
  reviewed.result_subject_id = "A123456789";
  reviewed.sample_result = "correct";
  reviewed.sample_reason = "抽核";
  reviewed.sampled_by = "supervisor2";
  reviewed.sampled_ms = 6000;
  reviewed.undo = {{"p.A123456789.after_version", "3"}, {"p.A123456789.before.name", "王小明"}};
  reviewed.revoked_by = 77;
  reviewed.version = 2;
  EXPECT_TRUE(tx->update_application(reviewed).value());
  EXPECT_FALSE(tx->update_application(reviewed).value());  // stored version is 2 now
  auto b = tx->find_application(id1).value();
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->status, service::ApplicationStatus::kRegistered);
  EXPECT_EQ(b->reviewed_by, "supervisor1");
  EXPECT_EQ(b->reviewed_ms, 5000);
  EXPECT_EQ(b->review_note, "核准");
  EXPECT_EQ(b->fine_decided, std::optional<int>(600));
  EXPECT_EQ(b->registered_on, iso("2024-05-03"));
  EXPECT_EQ(b->first_event_seq, 10);
  EXPECT_EQ(b->last_event_seq, 12);
  EXPECT_EQ(b->result_subject_id, "A123456789");
  EXPECT_EQ(b->sample_result, "correct");
  EXPECT_EQ(b->sample_reason, "抽核");
  EXPECT_EQ(b->sampled_by, "supervisor2");
  EXPECT_EQ(b->sampled_ms, 6000);
  EXPECT_EQ(b->undo, reviewed.undo);
  EXPECT_EQ(b->revoked_by, 77);
  EXPECT_EQ(b->version, 2);

  service::ApplicationQuery q;
  q.office_code = "63000080";
  auto all = tx->list_applications(q).value();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, id2);  // newest first
  q.status = service::ApplicationStatus::kPendingReview;
  auto pending = tx->list_applications(q).value();
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].id, id2);
  q = {};
  q.office_code = "63000080";
  q.entered_from_ms = 1000;
  q.entered_to_ms = 2000;
  auto window = tx->list_applications(q).value();
  ASSERT_EQ(window.size(), 1u);
  EXPECT_EQ(window[0].id, id1);
  q = {};
  q.office_code = "63000080";
  q.limit = 1;
  EXPECT_EQ(tx->list_applications(q).value().size(), 1u);
  // One clerk's, a page below an id (我的案件).
  service::ApplicationRecord other_clerk = application("D123456789", 2500);
  other_clerk.entered_by = "clerk2";
  const int64_t id3 = tx->insert_application(other_clerk).value();
  q = {};
  q.office_code = "63000080";
  q.entered_by = "clerk1";
  auto mine = tx->list_applications(q).value();
  ASSERT_EQ(mine.size(), 2u);
  EXPECT_EQ(mine[0].id, id2);
  q.before_id = id2;
  auto below = tx->list_applications(q).value();
  ASSERT_EQ(below.size(), 1u);
  EXPECT_EQ(below[0].id, id1);
  q.entered_by = "clerk2";
  q.before_id.reset();
  auto theirs = tx->list_applications(q).value();
  ASSERT_EQ(theirs.size(), 1u);
  EXPECT_EQ(theirs[0].id, id3);
  ASSERT_TRUE(tx->commit().ok());
}

TEST_P(StoreConformance, DocumentsKeepBinaryContent) {
  auto tx = begin(TxMode::kWrite);
  ASSERT_TRUE(tx->put_office(office()).ok());
  const int64_t app = tx->insert_application(application("A123456789", 1000)).value();
  std::string every_byte;
  for (int i = 0; i < 256; ++i) every_byte += static_cast<char>(i);
  every_byte += std::string("\0\0PDF\0", 6);
  std::string big(1 << 20, '\0');
  std::mt19937 rng(42);
  for (char& c : big) c = static_cast<char>(rng() & 0xff);
  const std::vector<std::string> contents = {every_byte, big, std::string(1, '\0')};
  std::vector<int64_t> ids;
  for (size_t i = 0; i < contents.size(); ++i) {
    service::DocumentRecord d;
    d.application_id = app;
    d.filename = "戶口名簿影本" + std::to_string(i) + ".pdf";
    d.mime = "application/pdf";
    d.sha256 = "sha" + std::to_string(i);
    d.size = static_cast<int64_t>(contents[i].size());
    d.content = contents[i];
    d.uploaded_by = "clerk1";
    d.uploaded_ms = 1000 + static_cast<int64_t>(i);
    ids.push_back(tx->insert_document(d).value());
  }
  ASSERT_TRUE(tx->commit().ok());

  auto rd = begin(TxMode::kRead);
  auto with = rd->list_documents(app, true).value();
  ASSERT_EQ(with.size(), contents.size());
  for (size_t i = 0; i < contents.size(); ++i) {
    EXPECT_EQ(with[i].id, ids[i]);
    EXPECT_EQ(with[i].application_id, app);
    EXPECT_EQ(with[i].filename, "戶口名簿影本" + std::to_string(i) + ".pdf");
    EXPECT_EQ(with[i].mime, "application/pdf");
    EXPECT_EQ(with[i].sha256, "sha" + std::to_string(i));
    EXPECT_EQ(with[i].size, static_cast<int64_t>(contents[i].size()));
    EXPECT_EQ(with[i].uploaded_by, "clerk1");
    EXPECT_EQ(with[i].uploaded_ms, 1000 + static_cast<int64_t>(i));
    EXPECT_TRUE(with[i].content == contents[i]) << "document " << i << " differs";
  }
  auto without = rd->list_documents(app, false).value();
  ASSERT_EQ(without.size(), contents.size());
  for (const auto& d : without) EXPECT_TRUE(d.content.empty());
  EXPECT_EQ(without[1].size, 1 << 20);
  EXPECT_TRUE(rd->list_documents(app + 1, true).value().empty());
}

TEST_P(StoreConformance, IdempotencyKeys) {
  {
    auto tx = begin(TxMode::kWrite);
    EXPECT_FALSE(tx->find_idempotency("clerk1", "k-1").value().has_value());
    ASSERT_TRUE(tx->put_idempotency({"clerk1", "k-1", "registration.submit", "fp", 42, 1000}).ok());
    ASSERT_TRUE(tx->put_idempotency({"clerk2", "k-1", "document.attach", "fp2", 43, 1001}).ok());
    ASSERT_TRUE(tx->commit().ok());
  }
  {
    auto tx = begin(TxMode::kRead);
    auto r = tx->find_idempotency("clerk1", "k-1").value();
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->username, "clerk1");
    EXPECT_EQ(r->key, "k-1");
    EXPECT_EQ(r->operation, "registration.submit");
    EXPECT_EQ(r->fingerprint, "fp");
    EXPECT_EQ(r->resource_id, 42);
    EXPECT_EQ(r->created_ms, 1000);
    EXPECT_EQ(tx->find_idempotency("clerk2", "k-1").value()->resource_id, 43);
    EXPECT_FALSE(tx->find_idempotency("clerk1", "k-2").value().has_value());
  }
  auto tx = begin(TxMode::kWrite);
  auto again = tx->put_idempotency({"clerk1", "k-1", "registration.submit", "fp", 44, 2000});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().kind, core::ErrorKind::kConflict);
}

// ---------------------------------------------------------------------------------------
// Nationality.

service::NationalityCase nationality_case(const std::string& name, const char* due) {
  service::NationalityCase c;
  c.office_code = "63000080";
  c.kind = "naturalization";
  c.person_name = name;
  c.id_number = "";
  c.approval_letter_date = iso("2024-03-01");
  c.registration_due = iso(due);
  c.proof_of_loss_due = iso("2025-03-01");
  c.created_by = "clerk1";
  c.created_ms = 1000;
  return c;
}

// Reminders (催告) and the penalty ledger.
TEST_P(StoreConformance, RemindersAndPenalties) {
  auto tx = begin(TxMode::kWrite);
  ASSERT_TRUE(tx->put_office(office()).ok());
  service::ReminderRecord r;
  r.office_code = "63000080";
  r.type = "birth";
  r.subject_id = "A223456781";
  r.event_date = iso("2026-01-05");
  r.source = "醫院出生通報";
  r.addressees = {{"A223456781", "王美玲", "母", "臺北市文山區萬芳里1鄰萬芳路1號"},
                  {"A123456789", "林志明", "父", ""}};
  r.served_on = iso("2026-03-02");
  r.due = iso("2026-03-09");
  r.issued_by = "clerk1";
  r.issued_ms = 1000;
  r.id = tx->insert_reminder(r).value();
  service::ReminderRecord later = r;
  later.due = iso("2026-04-01");
  later.type = "move_in";
  later.id = tx->insert_reminder(later).value();

  auto found = tx->find_reminder(r.id).value();
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->addressees, r.addressees);
  EXPECT_EQ(found->due, iso("2026-03-09"));
  EXPECT_EQ(found->status, "open");
  EXPECT_FALSE(tx->find_reminder(r.id + 100).value().has_value());
  EXPECT_EQ(tx->open_reminders_of("63000080", "A223456781", "birth").value().size(), 1u);

  service::ReminderRecord done = *found;
  done.status = "complied";
  done.application_id = 12;
  done.version = 2;
  EXPECT_TRUE(tx->update_reminder(done).value());
  EXPECT_FALSE(tx->update_reminder(done).value());  // stale
  EXPECT_TRUE(tx->open_reminders_of("63000080", "A223456781", "birth").value().empty());
  service::ReminderQuery q;
  q.office_code = "63000080";
  auto all = tx->list_reminders(q).value();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, later.id);  // latest due date first
  q.status = "complied";
  ASSERT_EQ(tx->list_reminders(q).value().size(), 1u);
  EXPECT_EQ(tx->list_reminders(q).value()[0].application_id, 12);

  service::PenaltyDecision p;
  p.office_code = "63000080";
  p.application_id = 12;
  p.reminder_id = r.id;
  p.kind = "after_reminder";
  p.legal_basis = "戶籍法第79條";
  p.amount_proposed = 900;
  p.proposed_by = "clerk1";
  p.id = tx->insert_penalty(p).value();
  auto got = tx->find_penalty(p.id).value();
  ASSERT_TRUE(got.has_value());
  EXPECT_FALSE(got->amount_decided.has_value());
  got->amount_decided = 0;  // waived with good cause: 0 is a decision, not "none"
  got->status = "decided";
  got->version = 2;
  EXPECT_TRUE(tx->update_penalty(*got).value());
  EXPECT_EQ(tx->find_penalty(p.id).value()->amount_decided, 0);
  EXPECT_EQ(tx->penalties_of_application(12).value().size(), 1u);
  EXPECT_EQ(tx->penalties_of_reminder(r.id).value().size(), 1u);
  EXPECT_TRUE(tx->penalties_of_application(13).value().empty());
  ASSERT_TRUE(tx->commit().ok());
}

// 主動關懷通報: registrations by registration day, and the append-only notifications.
TEST_P(StoreConformance, CareListsAndNotifications) {
  auto tx = begin(TxMode::kWrite);
  ASSERT_TRUE(tx->put_office(office()).ok());
  auto registered = [&](const char* subject, const char* type, const char* on) {
    service::ApplicationRecord a = application(subject, 1000);
    a.type = type;
    a.status = service::ApplicationStatus::kRegistered;
    a.registered_on = iso(on);
    return tx->insert_application(a).value();
  };
  const int64_t nov = registered("A123456789", "marriage", "2026-11-30");
  const int64_t dec = registered("B123456789", "marriage", "2026-12-01");
  registered("C123456789", "divorce", "2026-11-15");
  ASSERT_TRUE(tx->insert_application(application("D123456789", 1000)).ok());  // pending
  auto month = tx->list_registered("63000080", "marriage", iso("2026-11-01"), iso("2026-11-30"));
  ASSERT_TRUE(month.ok());
  ASSERT_EQ(month->size(), 1u);
  EXPECT_EQ((*month)[0].id, nov);
  EXPECT_EQ(tx->list_registered("63000080", "divorce", iso("2026-11-01"), iso("2026-11-30"))
                .value()
                .size(),
            1u);
  EXPECT_TRUE(tx->list_registered("10007010", "marriage", iso("2026-11-01"), iso("2026-12-31"))
                  .value()
                  .empty());

  service::CareNotification n;
  n.office_code = "63000080";
  n.application_id = nov;
  n.sent_on = iso("2026-12-02");
  n.agency = "臺北市政府社會局";
  n.channel = "official_letter";
  n.reference = "北市文戶字第1150001號";
  n.recorded_by = "clerk1";
  n.recorded_ms = 5000;
  n.id = tx->insert_care_notification(n).value();
  service::CareNotification w = n;
  w.action = "withdrawn";
  w.sent_on.reset();
  w.reason = "誤登";
  w.replaces = n.id;
  w.id = tx->insert_care_notification(w).value();
  auto of = tx->care_notifications_of(nov).value();
  ASSERT_EQ(of.size(), 2u);
  EXPECT_EQ(of[0].sent_on, iso("2026-12-02"));
  EXPECT_EQ(of[0].reference, "北市文戶字第1150001號");
  EXPECT_EQ(of[1].action, "withdrawn");
  EXPECT_FALSE(of[1].sent_on.has_value());
  EXPECT_EQ(of[1].replaces, n.id);
  EXPECT_EQ(tx->care_notifications_registered("63000080", iso("2026-11-01"), iso("2026-11-30"))
                .value()
                .size(),
            2u);
  EXPECT_TRUE(tx->care_notifications_registered("63000080", iso("2026-12-01"), iso("2026-12-31"))
                  .value()
                  .empty());
  EXPECT_TRUE(tx->care_notifications_of(dec).value().empty());
  ASSERT_TRUE(tx->commit().ok());
  // An entry is replaced once: a second correction of the same entry is refused.
  auto again = begin(TxMode::kWrite);
  service::CareNotification twice = w;
  twice.action = "notified";
  EXPECT_EQ(again->insert_care_notification(twice).error().code, "store.constraint");
}

TEST_P(StoreConformance, NotificationKpiFactsReviewsAndSignoffs) {
  auto tx = begin(TxMode::kWrite);
  ASSERT_TRUE(tx->put_office(office()).ok());
  for (const char* code : {"tax", "land_a", "land_b"}) {
    domain::notify::Agency g;
    g.code = code;
    g.name_zh = code;
    g.name_en = code;
    g.group = std::string(code).starts_with("land") ? "land" : "";
    g.url = "http://127.0.0.1:9/hook";
    g.secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    g.types = {"move_in"};
    g.fields = {"id_number"};
    ASSERT_TRUE(tx->insert_agency(g).ok());
  }
  auto registered = [&](const char* subject, const char* type, const char* on) {
    service::ApplicationRecord a = application(subject, 1000);
    a.type = type;
    a.status = service::ApplicationStatus::kRegistered;
    a.registered_on = iso(on);
    return tx->insert_application(a).value();
  };
  const int64_t a1 = registered("A123456789", "move_in", "2026-11-02");
  const int64_t a2 = registered("B123456789", "divorce", "2026-11-03");
  const int64_t a3 = registered("C123456789", "birth", "2026-11-30");
  registered("D123456789", "move_in", "2026-12-01");  // after the range
  // A revoked registration and the revocation itself are no facts.
  service::ApplicationRecord revoked = application("E123456789", 1000);
  revoked.status = service::ApplicationStatus::kRegistered;
  revoked.registered_on = iso("2026-11-04");
  revoked.revoked_by = 99;
  const int64_t a5 = tx->insert_application(revoked).value();
  ASSERT_TRUE(tx->insert_application(application("F123456789", 1000)).ok());  // pending
  ASSERT_TRUE(tx->insert_consents({{a1, "tax", "system", "clerk1", 1},
                                   {a1, "land_a", "system", "clerk1", 1},
                                   {a1, "land_b", "other", "clerk1", 1},
                                   {a3, "", "declined", "clerk1", 1},
                                   {a5, "tax", "system", "clerk1", 1}})
                  .ok());
  auto facts = tx->notification_facts("63000080", iso("2026-11-01"), iso("2026-11-30")).value();
  ASSERT_EQ(facts.size(), 3u);
  EXPECT_EQ(facts[0].application_id, a1);
  EXPECT_EQ(facts[0].type, "move_in");
  EXPECT_EQ(facts[0].registered_on, iso("2026-11-02"));
  EXPECT_EQ(facts[0].person_id, "A123456789");
  EXPECT_EQ(facts[1].application_id, a2);
  EXPECT_EQ(facts[2].application_id, a3);
  auto lines =
      tx->notification_fact_consents("63000080", iso("2026-11-01"), iso("2026-11-30")).value();
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0].application_id, a1);
  EXPECT_EQ(lines[0].agency, "land_a");
  EXPECT_EQ(lines[0].group, "land");  // the agency's group
  EXPECT_EQ(lines[1].group, "land");
  EXPECT_EQ(lines[1].channel, "other");
  EXPECT_EQ(lines[2].group, "tax");  // no group: its own code
  EXPECT_EQ(lines[3].application_id, a3);
  EXPECT_EQ(lines[3].group, "");
  EXPECT_EQ(lines[3].channel, "declined");
  EXPECT_TRUE(
      tx->notification_facts("10007010", iso("2026-11-01"), iso("2026-11-30")).value().empty());
  // Cases: registrations with a consent line or a notification (a2 has neither).
  EXPECT_EQ(tx->notification_cases("63000080", iso("2026-11-01"), iso("2026-11-30")).value(),
            (std::vector<int64_t>{a1, a3, a5}));

  service::NotificationReviewSample s;
  s.office_code = "63000080";
  s.week_start = iso("2026-11-02");
  s.size = 1;
  s.population = 3;
  s.seed = "42";
  s.drawn_by = "supervisor1";
  s.drawn_ms = 7000;
  s.items = {{a1, "", "", "", 0}};
  auto id = tx->insert_review_sample(s).value();
  ASSERT_TRUE(id);
  EXPECT_FALSE(tx->insert_review_sample(s).value().has_value());  // one per office and week
  ASSERT_TRUE(
      tx->set_review_finding(*id, {a1, "erroneous", "漏通報地政", "supervisor1", 8000}).ok());
  ASSERT_TRUE(tx->set_review_completed(*id, 8000).ok());
  auto found = tx->find_review_sample_of_week("63000080", iso("2026-11-02")).value();
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, *id);
  EXPECT_EQ(found->seed, "42");
  EXPECT_EQ(found->completed_ms, 8000);
  ASSERT_EQ(found->items.size(), 1u);
  EXPECT_EQ(found->items[0].finding, "erroneous");
  EXPECT_EQ(found->items[0].note, "漏通報地政");
  EXPECT_EQ(tx->list_review_samples("63000080", 10).value().size(), 1u);
  EXPECT_TRUE(tx->list_review_samples("10007010", 10).value().empty());

  // Dead letters and revocation notices by time.
  service::NotificationRecord n;
  n.message_id = "msg_1_tax_registration";
  n.application_id = a1;
  n.office_code = "63000080";
  n.agency = "tax";
  n.person_id = "A123456789";
  n.kind = "registration";
  n.event_type = "move_in";
  n.payload = "{}";
  n.status = "dead";
  n.created_ms = 1000;
  n.id = tx->insert_notification(n).value();
  service::NotificationRecord r = n;
  r.message_id = "msg_1_tax_revocation";
  r.kind = "revocation";
  r.status = "pending";
  r.created_ms = 5000;
  r.id = tx->insert_notification(r).value();
  service::AttemptRecord t;
  t.notification_id = n.id;
  t.attempt = 10;
  t.started_ms = 3000;
  t.finished_ms = 3100;
  t.http_status = 500;
  t.outcome = "dead";
  t.error = "HTTP 500";
  t.by = "worker";
  ASSERT_TRUE(tx->insert_attempt(t).ok());
  auto dead = tx->dead_letters("63000080", 0, 10'000).value();
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0].notification_id, n.id);
  EXPECT_EQ(dead[0].agency, "tax");
  EXPECT_EQ(dead[0].status, "dead");
  EXPECT_EQ(dead[0].at_ms, 3100);
  EXPECT_EQ(dead[0].error, "HTTP 500");
  EXPECT_TRUE(tx->dead_letters("63000080", 3101, 10'000).value().empty());
  auto notices = tx->revocation_notices("63000080", 0, 10'000).value();
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].id, r.id);
  EXPECT_TRUE(tx->revocation_notices("63000080", 0, 5000).value().empty());

  EXPECT_FALSE(tx->find_anomaly_signoff("63000080", "2026-11").value());
  const service::AnomalySignoff so{"63000080", "2026-11", 3, "已陳核", "supervisor1", 9000};
  EXPECT_TRUE(tx->insert_anomaly_signoff(so).value());
  EXPECT_FALSE(tx->insert_anomaly_signoff(so).value());  // once a month
  auto got = tx->find_anomaly_signoff("63000080", "2026-11").value();
  ASSERT_TRUE(got);
  EXPECT_EQ(got->entries, 3);
  EXPECT_EQ(got->note, "已陳核");
  EXPECT_EQ(got->signed_ms, 9000);
  ASSERT_TRUE(tx->commit().ok());
}

TEST_P(StoreConformance, IdCardsPhotosLossesStockAndBooklets) {
  auto tx = begin(TxMode::kWrite);
  ASSERT_TRUE(tx->put_office(office()).ok());
  service::IdCardPhoto p;
  p.office_code = "63000080";
  p.person_id = "A123456789";
  p.mime = "image/png";
  p.content = std::string("\x89PNG\r\n\x1A\n\0\0binary", 16);
  p.sha256 = "ab";
  p.size = static_cast<int64_t>(p.content.size());
  p.uploaded_by = "clerk1";
  p.id = tx->insert_id_card_photo(p).value();
  EXPECT_EQ(tx->find_id_card_photo(p.id, true).value()->content, p.content);
  EXPECT_TRUE(tx->find_id_card_photo(p.id, false).value()->content.empty());

  std::vector<service::StockSerialRecord> serials;
  for (const char* serial : {"AC0000001", "AC0000002"}) {
    service::StockSerialRecord r;
    r.office_code = "63000080";
    r.serial = serial;
    r.received_on = iso("2026-11-02");
    r.received_by = "clerk1";
    serials.push_back(r);
  }
  ASSERT_TRUE(tx->insert_stock_serials(serials).ok());
  service::IdCardRecord c;
  c.office_code = "63000080";
  c.person_id = "A123456789";
  c.kind = "first";
  c.issued_on = iso("2026-11-03");
  c.card_serial = "AC0000001";
  c.laminate_serial = "LM0000001";
  c.photo_id = p.id;
  c.applicant_name = "王小明";
  c.identity_check = "household_booklet";
  c.fee = 50;
  c.cross_district = true;
  c.issued_by = "clerk1";
  c.id = tx->insert_id_card(c).value();
  service::StockSerialRecord used = serials[0];
  used.status = domain::StockStatus::kIssued;
  used.moved_on = iso("2026-11-03");
  used.card_id = c.id;
  EXPECT_TRUE(tx->move_stock_serial(used).value());
  EXPECT_FALSE(tx->move_stock_serial(used).value()) << "a serial leaves the stock once";
  service::StockSerialRecord elsewhere = serials[1];
  elsewhere.office_code = "10007010";
  elsewhere.status = domain::StockStatus::kSpoiled;
  EXPECT_FALSE(tx->move_stock_serial(elsewhere).value()) << "only from the office that has it";
  auto stock = tx->stock_serials("63000080").value();
  ASSERT_EQ(stock.size(), 2u);
  EXPECT_EQ(stock[0].status, domain::StockStatus::kIssued);
  EXPECT_EQ(stock[0].moved_on, iso("2026-11-03"));
  EXPECT_EQ(stock[0].card_id, c.id);
  EXPECT_EQ(stock[1].status, domain::StockStatus::kOnHand);
  EXPECT_FALSE(stock[1].moved_on.has_value());

  c.status = "lost";
  c.lost_on = iso("2026-11-20");
  c.version = 2;
  EXPECT_TRUE(tx->update_id_card(c).value());
  EXPECT_FALSE(tx->update_id_card(c).value()) << "a stale version";
  auto found = tx->find_id_card(c.id).value();
  ASSERT_TRUE(found);
  EXPECT_EQ(found->status, "lost");
  EXPECT_EQ(found->lost_on, iso("2026-11-20"));
  EXPECT_TRUE(found->cross_district);
  EXPECT_EQ(found->applicant_name, "王小明");
  EXPECT_EQ(tx->id_cards_of("A123456789").value().size(), 1u);
  EXPECT_EQ(tx->id_cards_issued("63000080", iso("2026-11-01"), iso("2026-11-30")).value().size(),
            1u);
  EXPECT_TRUE(
      tx->id_cards_issued("63000080", iso("2026-12-01"), iso("2026-12-31")).value().empty());
  service::IdCardLoss l{0, c.id, "63000080", "reported", iso("2026-11-20"), "遺失", "clerk1", 9};
  ASSERT_TRUE(tx->insert_id_card_loss(l).ok());
  EXPECT_EQ(tx->id_card_losses_of(c.id).value().at(0).reason, "遺失");
  EXPECT_EQ(
      tx->id_card_losses_recorded("63000080", iso("2026-11-01"), iso("2026-11-30")).value().size(),
      1u);

  service::StockCountRecord count;
  count.office_code = "63000080";
  count.month = "2026-11";
  count.expected = 1;
  count.counted = 1;
  count.by_serial = true;
  count.missing = {"AC0000002"};
  count.unexpected = {"AC0009999"};
  ASSERT_TRUE(tx->insert_stock_count(count).ok());
  auto counts = tx->stock_counts("63000080", "2026-11").value();
  ASSERT_EQ(counts.size(), 1u);
  EXPECT_EQ(counts[0].missing, std::vector<std::string>{"AC0000002"});
  EXPECT_EQ(counts[0].unexpected, std::vector<std::string>{"AC0009999"});
  EXPECT_FALSE(counts[0].reconciled);

  service::BookletRecord b;
  b.office_code = "63000080";
  b.household_no = "F1234567";
  b.kind = "issue";
  b.issued_on = iso("2026-11-03");
  b.applicant_id = "A123456789";
  b.capacity = "head";
  b.fee = 30;
  b.id = tx->insert_booklet(b).value();
  ASSERT_TRUE(tx->supersede_booklet(b.id).ok());
  EXPECT_EQ(tx->booklets_of("F1234567").value().at(0).status, "superseded");
  ASSERT_TRUE(tx->commit().ok());
  // A serial is received once, by any office.
  auto again = begin(TxMode::kWrite);
  EXPECT_EQ(again->insert_stock_serials({serials[0]}).error().code, "store.constraint");
}

TEST_P(StoreConformance, NationalityCases) {
  auto tx = begin(TxMode::kWrite);
  ASSERT_TRUE(tx->put_office(office()).ok());
  ASSERT_TRUE(tx->put_office(office("10007010")).ok());
  const int64_t late =
      tx->insert_nationality_case(nationality_case("阮氏梅", "2024-05-10")).value();
  const int64_t soon =
      tx->insert_nationality_case(nationality_case("Maria Santos", "2024-04-12")).value();
  service::NationalityCase other = nationality_case("李雲", "2024-01-01");
  other.office_code = "10007010";
  other.kind = "restoration";
  ASSERT_TRUE(tx->insert_nationality_case(other).ok());

  auto c = tx->find_nationality_case(late).value();
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->person_name, "阮氏梅");
  EXPECT_EQ(c->kind, "naturalization");
  EXPECT_EQ(c->approval_letter_date, iso("2024-03-01"));
  EXPECT_EQ(c->registration_due, iso("2024-05-10"));
  EXPECT_EQ(c->proof_of_loss_due, iso("2025-03-01"));
  EXPECT_FALSE(c->registered_on);
  EXPECT_FALSE(c->proof_of_loss_received);
  EXPECT_EQ(c->created_by, "clerk1");
  EXPECT_EQ(c->created_ms, 1000);
  EXPECT_EQ(c->version, 1);
  EXPECT_FALSE(tx->find_nationality_case(late + 100).value().has_value());

  service::NationalityCase done = *c;
  done.registered_on = iso("2024-04-30");
  done.id_number = "A800000014";
  done.proof_of_loss_received = iso("2024-06-01");
  done.version = 2;
  EXPECT_TRUE(tx->update_nationality_case(done).value());
  EXPECT_FALSE(tx->update_nationality_case(done).value());  // stale
  auto d = tx->find_nationality_case(late).value();
  EXPECT_EQ(d->registered_on, iso("2024-04-30"));
  EXPECT_EQ(d->id_number, "A800000014");
  EXPECT_EQ(d->proof_of_loss_received, iso("2024-06-01"));
  EXPECT_EQ(d->version, 2);

  auto list = tx->list_nationality_cases("63000080").value();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].id, soon);  // by registration due date
  EXPECT_EQ(list[1].id, late);
  EXPECT_EQ(tx->list_nationality_cases("10007010").value().size(), 1u);
  ASSERT_TRUE(tx->commit().ok());
}

TEST_P(StoreConformance, NaturalizationTests) {
  auto tx = begin(TxMode::kWrite);
  ASSERT_TRUE(tx->put_office(office()).ok());
  const int64_t case_id =
      tx->insert_nationality_case(nationality_case("阮氏梅", "2024-05-10")).value();
  service::NaturalizationTest t;
  t.office_code = "63000080";
  t.case_id = case_id;
  t.candidate_name = "阮氏梅";
  t.slot_date = iso("2024-06-03");
  t.slot_time = "14:00";
  t.booked_by = "clerk1";
  t.created_ms = 1000;
  const int64_t first = tx->insert_naturalization_test(t).value();
  auto taken = tx->insert_naturalization_test(t);
  ASSERT_FALSE(taken.ok());
  EXPECT_EQ(taken.error().code, "nationality.test_slot_taken");
  EXPECT_EQ(taken.error().kind, core::ErrorKind::kConflict);
  // The transaction goes on after the refusal.
  service::NaturalizationTest walk_in = t;
  walk_in.case_id.reset();
  walk_in.candidate_name = "Maria Santos";
  walk_in.slot_time = "09:30";
  const int64_t second = tx->insert_naturalization_test(walk_in).value();
  service::NaturalizationTest old = t;
  old.slot_date = iso("2024-05-02");
  ASSERT_TRUE(tx->insert_naturalization_test(old).ok());
  ASSERT_TRUE(tx->commit().ok());

  auto list =
      begin(TxMode::kRead)->list_naturalization_tests("63000080", iso("2024-06-01")).value();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].id, second);  // by date, then time
  EXPECT_FALSE(list[0].case_id.has_value());
  EXPECT_EQ(list[0].slot_time, "09:30");
  EXPECT_EQ(list[1].id, first);
  EXPECT_EQ(list[1].case_id, std::optional<int64_t>(case_id));
  EXPECT_EQ(list[1].candidate_name, "阮氏梅");
  EXPECT_EQ(list[1].slot_date, iso("2024-06-03"));
  EXPECT_EQ(list[1].booked_by, "clerk1");
  EXPECT_EQ(list[1].created_ms, 1000);
}

// ---------------------------------------------------------------------------------------
// Audit.

TEST_P(StoreConformance, AuditBatchKeepsOrderAndEveryCharacter) {
  std::vector<service::AuditEntry> batch;
  for (int i = 1; i <= 4; ++i) batch.push_back(audit(i, "alice", "A123456789", int64_t{1000} * i));
  // Characters that array literals and SQL quote or separate, and a 4-byte UTF-8 character.
  batch[1].purpose = R"(核對 "quoted", {braced}, back\slash, it's NULL 𠀋)";
  batch[2].request_id = "";
  batch[3].purpose = "NULL";
  {
    auto tx = begin(TxMode::kWrite);
    ASSERT_TRUE(tx->append_audits(batch).ok());
    ASSERT_TRUE(tx->append_audits({}).ok());
    ASSERT_TRUE(tx->commit().ok());
  }
  std::vector<service::AuditEntry> stored;
  auto tx = begin(TxMode::kRead);
  ASSERT_TRUE(tx->scan_audit([&](const service::AuditEntry& e) {
                  stored.push_back(e);
                  return true;
                }).ok());
  ASSERT_EQ(stored.size(), batch.size());
  for (size_t i = 0; i < batch.size(); ++i) {
    EXPECT_EQ(stored[i].seq, batch[i].seq);
    EXPECT_EQ(stored[i].at_ms, batch[i].at_ms);
    EXPECT_EQ(stored[i].purpose, batch[i].purpose);
    EXPECT_EQ(stored[i].request_id, batch[i].request_id);
    EXPECT_EQ(stored[i].prev_hash, batch[i].prev_hash);
    EXPECT_EQ(stored[i].hash, batch[i].hash);
    EXPECT_EQ(stored[i].username, "alice");
  }
  // A clashing sequence number fails the call (and the transaction is not committed).
  auto w = begin(TxMode::kWrite);
  std::vector<service::AuditEntry> clash = {audit(5, "bob", "A123456789", 5000),
                                            audit(4, "bob", "A123456789", 5001)};
  EXPECT_FALSE(w->append_audits(clash).ok());
}

TEST_P(StoreConformance, AuditQueryFiltersBySubjectUserOfficeAndTime) {
  auto tx = begin(TxMode::kWrite);
  EXPECT_FALSE(tx->last_audit().value().has_value());
  for (int i = 1; i <= 6; ++i) {
    ASSERT_TRUE(tx->append_audit(audit(i, i % 2 ? "alice" : "bob",
                                       i <= 3 ? "A123456789" : "F131104093", int64_t{1000} * i))
                    .ok());
  }
  auto last = tx->last_audit().value();
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(last->seq, 6);
  EXPECT_EQ(last->prev_hash, "5");
  EXPECT_EQ(last->request_id, "r6");
  EXPECT_EQ(last->purpose, "受理申請");

  service::AuditQuery q;
  q.subject_id = "A123456789";
  EXPECT_EQ(tx->query_audit(q).value().size(), 3u);
  q = {};
  q.username = "bob";
  q.from_ms = 2500;
  auto bob = tx->query_audit(q).value();
  ASSERT_EQ(bob.size(), 2u);
  EXPECT_EQ(bob[0].seq, 6);  // newest first
  q = {};
  q.office_code = "other";
  q.username = "bob";
  EXPECT_TRUE(tx->query_audit(q).value().empty());
  q = {};
  q.office_code = "63000080";
  q.to_ms = 3000;
  EXPECT_EQ(tx->query_audit(q).value().size(), 2u);
  // Paging: two at a time, older than the last seen.
  q = {};
  q.limit = 2;
  auto page1 = tx->query_audit(q).value();
  ASSERT_EQ(page1.size(), 2u);
  EXPECT_EQ(page1[1].seq, 5);
  q.before_seq = page1[1].seq;
  auto page2 = tx->query_audit(q).value();
  ASSERT_EQ(page2.size(), 2u);
  EXPECT_EQ(page2[0].seq, 4);
  EXPECT_EQ(page2[1].seq, 3);
  ASSERT_TRUE(tx->commit().ok());
}

TEST_P(StoreConformance, AuditQueryNarrowsByActionPurposeAndOutcome) {
  auto tx = begin(TxMode::kWrite);
  auto e1 = audit(1, "alice", "A123456789", 1000);
  auto e2 = audit(2, "alice", "A123456789", 2000);
  e2.action = "person.read_related";
  e2.purpose = "其他：法院函查";
  auto e3 = audit(3, "alice", "戶:12345678", 3000);
  e3.action = "household.read";
  e3.outcome = "denied";
  for (const auto& e : {e1, e2, e3}) ASSERT_TRUE(tx->append_audit(e).ok());
  service::AuditQuery q;
  q.username = "alice";
  q.action_prefix = "person.read";
  EXPECT_EQ(tx->query_audit(q).value().size(), 2u);
  q.purpose_prefix = "其他";
  ASSERT_EQ(tx->query_audit(q).value().size(), 1u);
  EXPECT_EQ(tx->query_audit(q).value()[0].seq, 2);
  q = {};
  q.outcome = "denied";
  ASSERT_EQ(tx->query_audit(q).value().size(), 1u);
  EXPECT_EQ(tx->query_audit(q).value()[0].seq, 3);
  ASSERT_TRUE(tx->commit().ok());
}

TEST_P(StoreConformance, AuditSamplesKeepTheirReadsAndFindings) {
  auto tx = begin(TxMode::kWrite);
  ASSERT_TRUE(tx->put_office(office()).ok());
  for (int i = 1; i <= 5; ++i) {
    auto e = audit(i, i == 5 ? "auditor1" : "alice", "A123456789", int64_t{1000} * i);
    if (i == 4) e.action = "person.read_related";
    ASSERT_TRUE(tx->append_audit(e).ok());
  }
  const std::vector<std::string>& actions = service::audit_sampled_actions();
  // Entries 1–3: 4 is not a sampled action, 5 the auditor's own.
  EXPECT_EQ(tx->audit_sample_population("63000080", 0, 10'000, 5, "auditor1", actions).value(),
            (std::vector<int64_t>{1, 2, 3}));
  EXPECT_EQ(tx->audit_sample_population("63000080", 1500, 10'000, 2, "auditor1", actions).value(),
            (std::vector<int64_t>{2}));
  EXPECT_TRUE(tx->audit_sample_population("other", 0, 10'000, 5, "", actions).value().empty());

  service::AuditSampleRecord r;
  r.office_code = "63000080";
  r.week_start = iso("2026-11-30");
  r.size = 2;
  r.population = 3;
  r.seed = "18446744073709551615";
  r.upto_seq = 5;
  r.drawn_by = "auditor1";
  r.drawn_ms = 7000;
  r.items.resize(2);
  r.items[0].seq = 1;
  r.items[1].seq = 3;
  auto id = tx->insert_audit_sample(r).value();
  ASSERT_TRUE(id.has_value());
  EXPECT_FALSE(tx->insert_audit_sample(r).value().has_value());  // one per office and week

  service::AuditSampleItem finding;
  finding.seq = 3;
  finding.finding = "violation";
  finding.note = "與業務無關";
  finding.recorded_by = "auditor2";
  finding.recorded_ms = 8000;
  ASSERT_TRUE(tx->set_audit_finding(*id, finding).ok());
  ASSERT_TRUE(tx->set_audit_sample_completed(*id, 9000).ok());
  ASSERT_TRUE(tx->commit().ok());

  auto rd = begin(TxMode::kRead);
  auto got = rd->find_audit_sample(*id).value();
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->seed, "18446744073709551615");
  EXPECT_EQ(got->week_start, iso("2026-11-30"));
  EXPECT_EQ(got->population, 3);
  EXPECT_EQ(got->completed_ms, 9000);
  ASSERT_EQ(got->items.size(), 2u);
  EXPECT_EQ(got->items[0].finding, "");
  EXPECT_EQ(got->items[0].entry.username, "alice");
  EXPECT_EQ(got->items[1].finding, "violation");
  EXPECT_EQ(got->items[1].note, "與業務無關");
  EXPECT_EQ(got->items[1].recorded_by, "auditor2");
  EXPECT_EQ(got->items[1].entry.seq, 3);
  EXPECT_EQ(got->items[1].entry.hash, "3");
  auto week = rd->find_audit_sample_of_week("63000080", iso("2026-11-30")).value();
  ASSERT_TRUE(week.has_value());
  EXPECT_EQ(week->id, *id);
  EXPECT_FALSE(rd->find_audit_sample_of_week("63000080", iso("2026-12-07")).value().has_value());
  auto list = rd->list_audit_samples("63000080", 10).value();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].items.size(), 2u);
  EXPECT_TRUE(rd->list_audit_samples("other", 10).value().empty());
}

std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::kSqlite ? "sqlite" : "postgres";
}

TEST_P(StoreConformance, IssuedDocumentsKeepTheirPdfAndStatus) {
  auto tx = begin(TxMode::kWrite);
  ASSERT_TRUE(tx->put_office(office()).ok());
  service::IssuedDocument d;
  d.check_code = "ABCDEFGHJKMNPQRSTVWX";
  d.kind = "transcript";
  d.office_code = office().code;
  d.issued_on = iso("2026-12-05");
  d.printed = "transcript\n63000010\n2026-12-05\n姓名=王小明\n";
  d.digest = std::string(64, 'd');
  d.signature = "sig";
  d.key_id = "0123456789abcdef";
  d.pdf = std::string("%PDF-1.5\n\0\x01\xff binary", 19);
  d.pdf_sha256 = std::string(64, 'e');
  d.issued_by = "clerk";
  d.issued_ms = 1000;
  auto id = tx->insert_issued_document(d);
  ASSERT_TRUE(id.ok()) << id.error().message_en;
  ASSERT_TRUE(tx->commit().ok());
  {
    // A second document with the same code is refused (PostgreSQL then aborts that
    // transaction: it is dropped, not committed).
    auto dup = begin(TxMode::kWrite);
    auto again = dup->insert_issued_document(d);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, "store.constraint");
  }

  tx = begin(TxMode::kWrite);
  auto found = tx->find_issued_document("ABCDEFGHJKMNPQRSTVWX");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->id, *id);
  EXPECT_EQ((*found)->printed, d.printed);
  EXPECT_EQ((*found)->issued_on, d.issued_on);
  EXPECT_EQ((*found)->status, "valid");
  EXPECT_TRUE((*found)->pdf.empty());  // read without the bytes
  EXPECT_EQ(tx->issued_document_pdf(*id).value(), d.pdf);
  EXPECT_EQ(tx->find_issued_document_by_pdf(d.pdf_sha256).value()->id, *id);
  EXPECT_FALSE(tx->find_issued_document("ABCDEFGHJKMNPQRSTVW0").value().has_value());
  ASSERT_TRUE(tx->set_issued_document_status(*id, "revoked", "作廢", 2000).ok());
  EXPECT_EQ(tx->set_issued_document_status(*id + 100, "revoked", "x", 1).error().code,
            "document.not_found");
  ASSERT_TRUE(tx->commit().ok());
  tx = begin(TxMode::kRead);
  auto revoked = tx->find_issued_document("ABCDEFGHJKMNPQRSTVWX").value();
  EXPECT_EQ(revoked->status, "revoked");
  EXPECT_EQ(revoked->status_reason, "作廢");
  EXPECT_EQ(revoked->status_ms, 2000);
}

TEST_P(StoreConformance, ChargesAreFoundByRecordAndUnpaidByDay) {
  auto tx = begin(TxMode::kWrite);
  ASSERT_TRUE(tx->put_office(office()).ok());
  service::ChargeRecord c;
  c.office_code = office().code;
  c.item = "transcript_sheet";
  c.ref_kind = "transcript";
  c.ref_id = 7;
  c.quantity = 2;
  c.amount = 30;
  c.charged_on = iso("2026-12-05");
  c.charged_by = "clerk";
  c.charged_ms = 1000;
  const int64_t first = tx->insert_charge(c).value();
  c.item = "booklet";
  c.ref_kind = "booklet";
  c.quantity = 1;
  c.amount = 0;
  c.waiver = "reorganisation";
  const int64_t second = tx->insert_charge(c).value();
  c.charged_on = iso("2026-12-04");
  tx->insert_charge(c).value();
  ASSERT_TRUE(tx->commit().ok());
  tx = begin(TxMode::kRead);
  auto of = tx->charges_of("transcript", 7).value();
  ASSERT_EQ(of.size(), 1u);
  EXPECT_EQ(of[0].id, first);
  EXPECT_EQ(of[0].quantity, 2);
  EXPECT_EQ(of[0].amount, 30);
  EXPECT_EQ(of[0].charged_on, iso("2026-12-05"));
  auto unpaid = tx->unpaid_charges(office().code, iso("2026-12-05")).value();
  ASSERT_EQ(unpaid.size(), 2u);
  EXPECT_EQ(unpaid[1].id, second);
  EXPECT_EQ(unpaid[1].waiver, "reorganisation");
  EXPECT_EQ(tx->find_charge(second).value()->item, "booklet");
  EXPECT_FALSE(tx->find_charge(second + 10).value().has_value());
}

TEST_P(StoreConformance, SealsKeepEveryImpressionAndOneCurrent) {
  auto tx = begin(TxMode::kWrite);
  ASSERT_TRUE(tx->put_office(office()).ok());
  service::SealRecord s;
  s.person_id = "A123456789";
  s.image = std::string("\x89PNG\r\n\x1a\n\0\xff binary", 17);
  s.image_sha256 = std::string(64, 'a');
  s.office_code = office().code;
  s.registered_on = iso("2026-12-01");
  s.registered_by = "clerk";
  s.registered_ms = 1000;
  s.applicant = R"({"kind":"self"})";
  auto first = tx->insert_seal(s);
  ASSERT_TRUE(first.ok()) << first.error().message_en;
  ASSERT_TRUE(tx->commit().ok());
  {
    // A second current seal of the person is refused (index seals_current).
    auto dup = begin(TxMode::kWrite);
    auto again = dup->insert_seal(s);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, "store.constraint");
  }

  tx = begin(TxMode::kWrite);
  auto old = tx->find_seal(*first, true).value();
  ASSERT_TRUE(old.has_value());
  EXPECT_EQ(old->image, s.image);
  EXPECT_EQ(old->registered_on, s.registered_on);
  EXPECT_FALSE(old->ended_on.has_value());
  EXPECT_TRUE(tx->find_seal(*first, false).value()->image.empty());
  old->status = "changed";
  old->ended_on = iso("2026-12-05");
  old->ended_by = "clerk";
  old->end_reason = "換刻";
  old->version = 2;
  ASSERT_TRUE(tx->update_seal(*old).value());
  EXPECT_FALSE(tx->update_seal(*old).value());  // version 2 again: stale
  service::SealRecord next = s;
  next.replaces = *first;
  const int64_t second = tx->insert_seal(next).value();
  ASSERT_TRUE(tx->commit().ok());

  tx = begin(TxMode::kWrite);
  auto all = tx->seals_of("A123456789", false).value();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, second);  // newest first
  EXPECT_EQ(all[0].replaces, *first);
  EXPECT_EQ(all[1].status, "changed");
  EXPECT_EQ(all[1].ended_on, iso("2026-12-05"));
  EXPECT_EQ(all[1].end_reason, "換刻");

  service::IssuedDocument d;
  d.check_code = "ABCDEFGHJKMNPQRSTVWY";
  d.kind = "seal_certificate";
  d.office_code = office().code;
  d.issued_on = iso("2026-12-05");
  d.pdf = "%PDF";
  d.issued_by = "clerk";
  const int64_t doc = tx->insert_issued_document(d).value();
  service::SealCertificateRecord c;
  c.seal_id = second;
  c.person_id = "A123456789";
  c.office_code = office().code;
  c.purpose = "不動產登記";
  c.applicant = s.applicant;
  c.sheets = 2;
  c.candidate_image = s.image;
  c.score_bp = 9876;
  c.verdict = "match";
  c.overlay = std::string("\x89PNG overlay\0", 13);
  c.confirmed_by = "clerk";
  c.issued_on = iso("2026-12-05");
  c.issued_ms = 3000;
  c.document_id = doc;
  c.check_code = d.check_code;
  const int64_t cert = tx->insert_seal_certificate(c).value();
  ASSERT_TRUE(tx->commit().ok());
  tx = begin(TxMode::kRead);
  auto kept = tx->find_seal_certificate(cert, true).value();
  ASSERT_TRUE(kept.has_value());
  EXPECT_EQ(kept->score_bp, 9876);
  EXPECT_EQ(kept->sheets, 2);
  EXPECT_EQ(kept->overlay, c.overlay);
  EXPECT_EQ(kept->candidate_image, c.candidate_image);
  EXPECT_EQ(kept->document_id, doc);
  EXPECT_TRUE(tx->find_seal_certificate(cert, false).value()->overlay.empty());
  EXPECT_FALSE(tx->find_seal_certificate(cert + 5, false).value().has_value());
}

TEST_P(StoreConformance, ReceiptNumbersAreCountedInTheTransactionAndChargesSettleOnce) {
  auto tx = begin(TxMode::kWrite);
  ASSERT_TRUE(tx->put_office(office()).ok());
  ASSERT_TRUE(tx->commit().ok());
  // A rolled-back transaction gives its serial back.
  tx = begin(TxMode::kWrite);
  EXPECT_EQ(tx->next_receipt_serial(office().code, 115).value(), 1);
  tx.reset();
  tx = begin(TxMode::kWrite);
  EXPECT_EQ(tx->next_receipt_serial(office().code, 115).value(), 1);
  EXPECT_EQ(tx->next_receipt_serial(office().code, 115).value(), 2);
  EXPECT_EQ(tx->next_receipt_serial(office().code, 116).value(), 1);
  service::ChargeRecord c;
  c.office_code = office().code;
  c.item = "register_viewing";
  c.ref_kind = "counter";
  c.amount = 15;
  c.charged_on = iso("2026-12-05");
  c.charged_by = "clerk";
  const int64_t a = tx->insert_charge(c).value();
  const int64_t b = tx->insert_charge(c).value();
  service::ReceiptRecord r;
  r.office_code = office().code;
  r.roc_year = 115;
  r.serial = 2;
  r.number = "115-000002";
  r.issued_on = iso("2026-12-05");
  r.counter = "3";
  r.method = "cash";
  r.amount = 15;
  r.tendered = 20;
  r.change = 5;
  r.payer_name = "陳大文";
  r.payer_email = "chen@example.tw";
  r.issued_by = "clerk";
  r.issued_ms = 1000;
  r.document_id = 9;
  r.check_code = "ABCDEFGHJKMNPQRSTVWX";
  r.id = tx->insert_receipt(r).value();
  ASSERT_TRUE(tx->settle_charges({a}, r.id).ok());
  ASSERT_TRUE(tx->commit().ok());
  // A paid charge refuses the settlement (the caller rolls back what it marked meanwhile).
  tx = begin(TxMode::kWrite);
  EXPECT_EQ(tx->settle_charges({b, a}, r.id).error().code, "charge.paid");
  EXPECT_EQ(tx->settle_charges({b + 100}, r.id).error().code, "charge.not_found");
  tx.reset();

  tx = begin(TxMode::kWrite);
  EXPECT_EQ(tx->next_receipt_serial(office().code, 115).value(), 3);
  auto found = tx->find_receipt(r.id).value();
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->number, "115-000002");
  EXPECT_EQ(found->change, 5);
  EXPECT_EQ(found->payer_email, "chen@example.tw");
  EXPECT_EQ(tx->charges_of_receipt(r.id).value().size(), 1u);
  EXPECT_EQ(tx->receipts_on(office().code, iso("2026-12-05")).value().size(), 1u);
  EXPECT_EQ(tx->last_serial_before(office().code, 115, iso("2026-12-05")).value(), 0);
  EXPECT_EQ(tx->last_serial_before(office().code, 115, iso("2026-12-06")).value(), 2);

  service::RefundRecord f;
  f.receipt_id = r.id;
  f.office_code = office().code;
  f.counter = "3";
  f.refunded_on = iso("2026-12-05");
  f.amount = 15;
  f.method = "cash";
  f.reason = "撤回";
  f.full = true;
  f.requested_by = f.approved_by = "chief";
  ASSERT_TRUE(tx->insert_refund(f).ok());
  EXPECT_TRUE(tx->refunds_of_receipt(r.id).value()[0].full);
  EXPECT_EQ(tx->refunds_on(office().code, iso("2026-12-05")).value().size(), 1u);

  service::DailyCloseRecord close;
  close.office_code = office().code;
  close.counter = "3";
  close.close_date = iso("2026-12-05");
  close.cash_expected = 0;
  close.cash_counted = 5;
  close.difference = 5;
  close.voids = "115-000002";
  close.closed_by = "clerk";
  ASSERT_TRUE(tx->insert_daily_close(close).ok());
  EXPECT_EQ(tx->find_daily_close(office().code, "3", iso("2026-12-05")).value()->voids,
            "115-000002");
  EXPECT_FALSE(tx->find_daily_close(office().code, "4", iso("2026-12-05")).value().has_value());

  service::MailRecord m;
  m.receipt_id = r.id;
  m.to = "chen@example.tw";
  m.next_attempt_ms = 100;
  m.id = tx->insert_mail(m).value();
  EXPECT_TRUE(tx->due_mail(99, 10).value().empty());
  ASSERT_EQ(tx->due_mail(100, 10).value().size(), 1u);
  EXPECT_TRUE(tx->claim_mail(m.id, 100, 5000).value());
  EXPECT_FALSE(tx->claim_mail(m.id, 100, 5000).value());  // taken
  m.status = "sent";
  m.attempts = 1;
  m.sent_ms = 200;
  ASSERT_TRUE(tx->update_mail(m).ok());
  EXPECT_EQ(tx->mail_of_receipt(r.id).value()->status, "sent");
  EXPECT_TRUE(tx->due_mail(10'000, 10).value().empty());
  ASSERT_TRUE(tx->commit().ok());

  // One close per counter and day.
  tx = begin(TxMode::kWrite);
  EXPECT_EQ(tx->insert_daily_close(close).error().code, "store.constraint");
}

// Inbound feeds: a file once per feed and SHA-256, a record once per feed and sender's id,
// cases listed by office and filter, closed once per version.
TEST_P(StoreConformance, InboundFeedsKeepFilesRecordsAndCases) {
  auto tx = begin(TxMode::kWrite);
  ASSERT_TRUE(tx->put_office(office()).ok());
  ASSERT_TRUE(tx->put_office(office("10007010")).ok());
  service::InboundFile f;
  f.feed = "immigration";
  f.sha256 = std::string(64, 'a');
  f.filename = "nia-202612.csv";
  f.office_code = "63000080";
  f.imported_by = "clerk";
  f.imported_ms = 1000;
  f.received_on = iso("2026-12-04");
  f.records = 3;
  f.new_cases = 2;
  f.anomalies = 1;
  f.closed = 1;
  const int64_t file_id = tx->insert_inbound_file(f).value();
  auto again = tx->find_inbound_file("immigration", f.sha256).value();
  ASSERT_TRUE(again);
  EXPECT_EQ(again->id, file_id);
  EXPECT_EQ(again->received_on, iso("2026-12-04"));
  EXPECT_EQ(again->new_cases, 2);
  EXPECT_EQ(again->closed, 1);
  EXPECT_FALSE(tx->find_inbound_file("death", f.sha256).value());

  auto record = [&](const std::string& id, const std::string& kind, const std::string& office_code,
                    const char* event) {
    service::InboundRecord r;
    r.file_id = file_id;
    r.feed = "immigration";
    r.record_id = id;
    r.line = 2;
    r.id_number = "A123456789";
    r.name = "王小明";
    r.event = event;
    r.event_date = iso("2026-11-30");
    r.reference = "移署字第1號";
    r.kind = kind;
    r.office_code = office_code;
    r.received_on = iso("2026-12-04");
    if (kind == "case") {
      r.status = "open";
      r.due_on = iso("2026-12-11");
    }
    return r;
  };
  const int64_t open_case =
      tx->insert_inbound_record(record("R1", "case", "63000080", "abroad_2y")).value();
  ASSERT_TRUE(tx->insert_inbound_record(record("R2", "anomaly", "63000080", "abroad_2y")).ok());
  ASSERT_TRUE(tx->insert_inbound_record(record("R3", "case", "10007010", "abroad_2y")).ok());
  ASSERT_TRUE(tx->insert_inbound_record(record("R4", "case", "63000080", "reentry")).ok());

  auto found = tx->find_inbound_record_of_sender("immigration", "R1").value();
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, open_case);
  EXPECT_EQ(found->due_on, iso("2026-12-11"));
  EXPECT_EQ(found->reference, "移署字第1號");
  EXPECT_FALSE(tx->find_inbound_record_of_sender("court", "R1").value());
  EXPECT_EQ(tx->open_inbound_cases_of("A123456789", "abroad_2y").value().size(), 2u);

  service::InboundQuery q;
  q.office_code = "63000080";
  q.kind = "case";
  EXPECT_EQ(tx->list_inbound_records(q).value().size(), 2u);
  q.event = "abroad_2y";
  ASSERT_EQ(tx->list_inbound_records(q).value().size(), 1u);
  q.received_from = iso("2026-12-05");
  EXPECT_EQ(tx->list_inbound_records(q).value().size(), 0u);
  q = {};
  q.office_code = "63000080";
  q.kind = "anomaly";
  EXPECT_EQ(tx->list_inbound_records(q).value().size(), 1u);

  service::InboundRecord closed = *found;
  closed.status = "closed";
  closed.closed_by_application = 42;
  closed.close_note = "已逕為遷出";
  closed.closed_by = "clerk";
  closed.closed_ms = 2000;
  closed.version = 2;
  EXPECT_TRUE(tx->close_inbound_case(closed).value());
  EXPECT_FALSE(tx->close_inbound_case(closed).value());  // stale
  auto after = tx->find_inbound_record(open_case).value();
  EXPECT_EQ(after->status, "closed");
  EXPECT_EQ(after->closed_by_application, 42);
  EXPECT_EQ(after->close_note, "已逕為遷出");
  EXPECT_EQ(after->version, 2);
  EXPECT_EQ(tx->open_inbound_cases_of("A123456789", "abroad_2y").value().size(), 1u);
  EXPECT_EQ(tx->list_inbound_files("63000080", 10).value().size(), 1u);
  ASSERT_TRUE(tx->commit().ok());

  {
    auto dup = begin(TxMode::kWrite);
    EXPECT_EQ(dup->insert_inbound_file(f).error().code, "store.constraint");
  }
  auto dup = begin(TxMode::kWrite);
  EXPECT_EQ(dup->insert_inbound_record(record("R1", "case", "63000080", "abroad_2y")).error().code,
            "store.constraint");
}

TEST_P(StoreConformance, FeeVersionsAreReplacedByDate) {
  auto tx = begin(TxMode::kWrite);
  ASSERT_TRUE(tx->put_fee_version({iso("2027-01-01"), "a", "admin", 1}).ok());
  ASSERT_TRUE(tx->put_fee_version({iso("2026-12-06"), "b", "admin", 2}).ok());
  ASSERT_TRUE(tx->put_fee_version({iso("2027-01-01"), "c", "admin2", 3}).ok());
  ASSERT_TRUE(tx->commit().ok());
  tx = begin(TxMode::kRead);
  auto list = tx->list_fee_versions().value();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].effective, iso("2026-12-06"));
  EXPECT_EQ(list[1].text, "c");
  EXPECT_EQ(list[1].loaded_by, "admin2");
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreConformance,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres), backend_name);

// ---------------------------------------------------------------------------------------
// SQLite connections.

// Connection::exec caches single statements, PRAGMAs included. A setting PRAGMA acts when
// compiled, but SQLite marks such statements run-once and compiles them again at the next
// run, so a cached one still acts every time — which the bulk loader relies on when it
// raises the cache, sets the sorter's threads and temp_store, and sets them back.
TEST(SqliteConnection, PragmasActEveryTimeTheyRun) {
  std::string tmpl = (std::filesystem::temp_directory_path() / "huji-pragma-XXXXXX").string();
  ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
  {
    auto c = sqlite::Connection::open(tmpl + "/huji.db");
    ASSERT_TRUE(c.ok()) << c.error().message_en;
    const auto value = [&](const std::string& name) {
      sqlite3_stmt* q = nullptr;
      int64_t v = -1;
      if (sqlite3_prepare_v2((*c)->handle(), ("PRAGMA " + name).c_str(), -1, &q, nullptr) ==
              SQLITE_OK &&
          sqlite3_step(q) == SQLITE_ROW) {
        v = sqlite3_column_int64(q, 0);
      }
      sqlite3_finalize(q);
      return v;
    };
    using Setting = std::tuple<std::string, int64_t, int64_t>;  // name, two values
    const Setting settings[] = {
        {"cache_size", -1000, -2000}, {"threads", 2, 0}, {"temp_store", 1, 2}};
    for (int round = 0; round < 2; ++round) {
      for (const auto& [name, a, b] : settings) {
        ASSERT_TRUE((*c)->exec("PRAGMA " + name + " = " + std::to_string(a)).ok());
        EXPECT_EQ(value(name), a) << name << ", round " << round;
        ASSERT_TRUE((*c)->exec("PRAGMA " + name + " = " + std::to_string(b)).ok());
        EXPECT_EQ(value(name), b) << name << ", round " << round;
      }
    }
  }
  std::filesystem::remove_all(tmpl);
}

// ---------------------------------------------------------------------------------------
// Choosing the backend.

TEST(OpenStore, ChoosesTheBackendByTheDbValue) {
  EXPECT_TRUE(is_postgres_url("postgresql://huji@127.0.0.1:5432/huji"));
  EXPECT_TRUE(is_postgres_url("postgres://huji@db/huji"));
  EXPECT_FALSE(is_postgres_url("huji.db"));
  EXPECT_FALSE(is_postgres_url("/var/lib/huji/postgresql.db"));

  auto empty = open_store("");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code, "cli.db");
  auto no_dir = open_store("/nonexistent-huji-dir/huji.db");
  ASSERT_FALSE(no_dir.ok());
  EXPECT_EQ(no_dir.error().code, "store.open");

  std::string tmpl = (std::filesystem::temp_directory_path() / "huji-open-XXXXXX").string();
  ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
  {
    auto lite = open_store(tmpl + "/huji.db");
    ASSERT_TRUE(lite.ok()) << lite.error().message_en;
    EXPECT_NE(dynamic_cast<sqlite::SqliteStore*>(lite->get()), nullptr);
  }
  std::filesystem::remove_all(tmpl);

  // A URL goes to PostgreSQL even with no server: the error says which one was tried.
  auto pg = open_store("postgres://huji@127.0.0.1:1/huji");
  ASSERT_FALSE(pg.ok());
  EXPECT_EQ(pg.error().code, "store.unavailable");
}

// ---------------------------------------------------------------------------------------
// PostgreSQL only: the pool, lost connections, the writers' lock, concurrent migrations.

class PgStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (pg_test_url().empty()) GTEST_SKIP() << kNoServer;
    db_ = std::make_unique<PgTestDatabase>();
    ASSERT_FALSE(db_->url().empty()) << "cannot create a test database: " << db_->error();
  }

  std::unique_ptr<postgres::PgStore> open(const postgres::PgStore::Options& o = {}) {
    auto s = postgres::PgStore::open(db_->url(), o);
    EXPECT_TRUE(s.ok()) << s.error().message_en;
    return s.ok() ? std::move(s).value() : nullptr;
  }

  // Ends every session on the test database but the admin's own, as a server restart would.
  void terminate_sessions() {
    ASSERT_EQ(pg_exec(db_->admin(),
                      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                      "WHERE datname = '" +
                          db_->name() + "' AND pid <> pg_backend_pid()"),
              "");
  }

  std::unique_ptr<PgTestDatabase> db_;
};

TEST_F(PgStoreTest, ALostConnectionIsDiscardedNotReused) {
  postgres::PgStore::Options o;
  o.pool_size = 1;  // a reused broken connection could not hide behind another
  auto store = open(o);
  ASSERT_TRUE(store);
  {
    auto tx = store->begin(TxMode::kWrite).value();
    ASSERT_TRUE(tx->put_office(office()).ok());
    ASSERT_TRUE(tx->commit().ok());
  }
  // The idle pooled connection dies: the next transaction gets a fresh one.
  terminate_sessions();
  {
    auto tx = store->begin(TxMode::kRead);
    ASSERT_TRUE(tx.ok()) << tx.error().message_en;
    EXPECT_TRUE((*tx)->find_office("63000080").value().has_value());
  }
  // The connection dies during a transaction: a clear error, then a fresh connection.
  {
    auto tx = store->begin(TxMode::kRead).value();
    terminate_sessions();
    auto r = tx->find_office("63000080");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "store.unavailable");
    EXPECT_EQ(r.error().kind, core::ErrorKind::kUnavailable);
    EXPECT_NE(r.error().message_en.find("host 127.0.0.1"), std::string::npos)
        << r.error().message_en;
    EXPECT_FALSE(tx->commit().ok());
  }
  auto tx = store->begin(TxMode::kWrite);
  ASSERT_TRUE(tx.ok()) << tx.error().message_en;
  EXPECT_TRUE((*tx)->find_office("63000080").value().has_value());
  EXPECT_TRUE((*tx)->commit().ok());
}

TEST_F(PgStoreTest, AnExhaustedPoolIsBusyAfterTheTimeout) {
  postgres::PgStore::Options o;
  o.pool_size = 2;
  o.acquire_timeout = std::chrono::milliseconds(200);
  auto store = open(o);
  ASSERT_TRUE(store);
  auto a = store->begin(TxMode::kRead).value();
  auto b = store->begin(TxMode::kRead).value();
  auto c = store->begin(TxMode::kRead);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().code, "store.busy");
  EXPECT_EQ(c.error().kind, core::ErrorKind::kUnavailable);
  a.reset();  // back to the pool
  EXPECT_TRUE(store->begin(TxMode::kRead).ok());
}

// Another process (here a raw connection) holds the writers' lock: a writer waits at most
// writer_timeout, then answers busy, and the connection is fine for the next transaction.
TEST_F(PgStoreTest, WritersQueueAcrossProcessesOnTheAdvisoryLock) {
  postgres::PgStore::Options o;
  o.pool_size = 1;
  o.writer_timeout = std::chrono::milliseconds(300);
  auto store = open(o);
  ASSERT_TRUE(store);
  PGconn* other = pg_connect(db_->url());
  ASSERT_EQ(PQstatus(other), CONNECTION_OK);
  ASSERT_EQ(
      pg_exec(other, "BEGIN; SELECT pg_advisory_xact_lock(" + std::to_string(kPgWriterLock) + ")"),
      "");
  auto w = store->begin(TxMode::kWrite);
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.error().code, "store.busy");
  EXPECT_TRUE(store->begin(TxMode::kRead).ok());  // readers are not held up
  ASSERT_EQ(pg_exec(other, "COMMIT"), "");
  PQfinish(other);
  auto tx = store->begin(TxMode::kWrite);
  ASSERT_TRUE(tx.ok()) << tx.error().message_en;
  ASSERT_TRUE((*tx)->put_office(office()).ok());
  EXPECT_TRUE((*tx)->commit().ok());
}

TEST_F(PgStoreTest, ServersStartingTogetherMigrateOnce) {
  constexpr int kServers = 4;
  std::vector<std::unique_ptr<postgres::PgStore>> stores(kServers);
  std::vector<std::string> errors(kServers);
  std::vector<std::thread> threads;
  threads.reserve(kServers);
  for (int i = 0; i < kServers; ++i) {
    threads.emplace_back([&, i] {
      auto s = postgres::PgStore::open(db_->url());
      if (s.ok())
        stores[i] = std::move(s).value();
      else
        errors[i] = s.error().message_en;
    });
  }
  for (auto& t : threads) t.join();
  for (int i = 0; i < kServers; ++i) {
    EXPECT_TRUE(stores[i]) << errors[i];
  }
  std::string n;
  ASSERT_EQ(pg_exec(db_->url(), "SELECT COUNT(*) FROM schema_migrations", &n), "");
  EXPECT_EQ(n, std::to_string(postgres_migrations().size()));  // each recorded once
}

// Two huji servers on one database: the in-process writer queue cannot order them, the
// advisory lock must, or their audit entries would chain onto the same predecessor.
TEST_F(PgStoreTest, TwoServersKeepOneAuditChain) {
  auto a = open();
  auto b = open();
  ASSERT_TRUE(a && b);
  constexpr int kThreadsPerServer = 4, kPerThread = 20;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 2 * kThreadsPerServer; ++t) {
    Store& server = t % 2 ? static_cast<Store&>(*a) : static_cast<Store&>(*b);
    threads.emplace_back([&server, &failures] {
      for (int i = 0; i < kPerThread; ++i) {
        auto tx = server.begin(TxMode::kWrite);
        if (!tx.ok()) {
          ++failures;
          continue;
        }
        auto last = (*tx)->last_audit();
        if (!last.ok()) {
          ++failures;
          continue;
        }
        const int64_t seq = *last ? (*last)->seq + 1 : 1;
        service::AuditEntry e = audit(seq, "u", "", seq);
        e.prev_hash = *last ? (*last)->hash : "";
        e.hash = cat("h", std::to_string(seq));
        if (!(*tx)->append_audit(e).ok() || !(*tx)->commit().ok()) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  std::string n;
  ASSERT_EQ(pg_exec(db_->url(),
                    "SELECT COUNT(*) FROM audit a JOIN audit p ON p.seq = a.seq - 1 "
                    "AND p.hash = a.prev_hash",
                    &n),
            "");
  EXPECT_EQ(n, std::to_string(2 * kThreadsPerServer * kPerThread - 1));
}

// PostgreSQL aborts a transaction at its first failed statement; commit() must say so rather
// than report success for a transaction the server rolled back.
TEST_F(PgStoreTest, CommitAfterAFailedStatementReportsIt) {
  auto store = open();
  ASSERT_TRUE(store);
  auto tx = store->begin(TxMode::kWrite).value();
  ASSERT_TRUE(tx->put_office(office()).ok());
  auto bad = tx->put_household(household("F0000001", /*plate_id=*/404));  // no such plate
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "store.constraint");
  auto next = tx->find_office("63000080");
  ASSERT_FALSE(next.ok());
  EXPECT_EQ(next.error().code, "store.aborted");
  auto c = tx->commit();
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().code, "store.aborted");
  EXPECT_FALSE(store->begin(TxMode::kRead).value()->find_office("63000080").value().has_value());
}

TEST_F(PgStoreTest, MalformedUrlsAndNulInTextAreRefused) {
  auto bad = postgres::PgStore::open("postgresql://huji@127.0.0.1/huji?no_such_option=1");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "store.url");
  EXPECT_EQ(bad.error().kind, core::ErrorKind::kInvalidArgument);

  auto store = open();
  ASSERT_TRUE(store);
  auto tx = store->begin(TxMode::kWrite).value();
  domain::Office o = office();
  o.name = std::string("臺北\0市", 7);
  auto r = tx->put_office(o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "store.nul_in_text");
}

domain::notify::Agency agency(const std::string& code) {
  domain::notify::Agency a;
  a.code = code;
  a.name_zh = "稅捐處";
  a.name_en = "Revenue Service";
  a.url = cat("http://127.0.0.1:9/", code);
  a.secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  a.types = {"move_in", "name_change"};
  a.fields = {"id_number", "name"};
  a.updated_by = "admin";
  return a;
}

service::NotificationRecord message(int64_t application_id, const std::string& agency,
                                    const std::string& person, int64_t due_ms) {
  service::NotificationRecord n;
  n.message_id =
      cat(cat(cat("msg_", std::to_string(application_id)), cat("_", agency)), "_registration");
  n.application_id = application_id;
  n.office_code = "63000080";
  n.agency = agency;
  n.person_id = person;
  n.kind = "registration";
  n.event_type = "move_in";
  n.payload = R"({"type":"registration.move_in","data":{"person":{"name":"王小明"}}})";
  n.created_ms = n.next_attempt_ms = due_ms;
  return n;
}

// Issue 19's outbox: agencies round-trip with versions; consents per application and the
// person's newest; due rows are only the first undelivered of each (agency, person) line, of
// agencies active and not paused; a claim leases a row once; the ledger is append-only.
TEST_P(StoreConformance, NotificationOutboxKeepsEachPersonsLineInOrder) {
  auto tx = begin(TxMode::kWrite);
  ASSERT_TRUE(tx->put_office(office()).ok());
  ASSERT_TRUE(tx->insert_agency(agency("tax")).ok());
  ASSERT_TRUE(tx->insert_agency(agency("nhi")).ok());
  ASSERT_TRUE(tx->commit().ok());
  EXPECT_FALSE(begin(TxMode::kWrite)->insert_agency(agency("tax")).ok());
  tx = begin(TxMode::kWrite);
  auto stored = tx->find_agency("tax").value();
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->types, (std::vector<std::string>{"move_in", "name_change"}));
  EXPECT_TRUE(stored->active);
  stored->version = 2;
  stored->name_en = "Taipei Revenue Service";
  EXPECT_TRUE(tx->update_agency(*stored).value());
  EXPECT_FALSE(tx->update_agency(*stored).value());  // version 2 is stored now
  EXPECT_EQ(tx->list_agencies().value().size(), 2u);

  // The counter's defaults come from registered applications only.
  auto registered = [](service::ApplicationRecord a) {
    a.status = service::ApplicationStatus::kRegistered;
    return a;
  };
  const int64_t a1 = tx->insert_application(registered(application("A123456789", 1000))).value();
  const int64_t a2 = tx->insert_application(registered(application("A123456789", 2000))).value();
  const int64_t a3 = tx->insert_application(application("B123456789", 3000)).value();
  ASSERT_TRUE(tx->insert_consents(
                    {{a1, "tax", "system", "clerk", 1000}, {a1, "nhi", "office", "clerk", 1000}})
                  .ok());
  ASSERT_TRUE(tx->insert_consents({{a2, "", "declined", "clerk", 2000}}).ok());
  EXPECT_EQ(tx->consents_of(a1).value().size(), 2u);
  auto last = tx->last_consents_of_person("A123456789").value();
  ASSERT_EQ(last.size(), 1u);
  EXPECT_EQ(last[0].channel, "declined");

  const int64_t n1 = tx->insert_notification(message(a1, "tax", "A123456789", 100)).value();
  const int64_t n2 = tx->insert_notification(message(a2, "tax", "A123456789", 100)).value();
  const int64_t n3 = tx->insert_notification(message(a3, "tax", "B123456789", 100)).value();
  const int64_t n4 = tx->insert_notification(message(a2, "nhi", "A123456789", 100)).value();
  ASSERT_TRUE(tx->commit().ok());
  EXPECT_FALSE(
      begin(TxMode::kWrite)->insert_notification(message(a1, "tax", "A123456789", 100)).ok());

  auto ids = [&](int64_t now) {
    std::vector<int64_t> out;
    auto read = begin(TxMode::kRead);
    const auto due = read->due_notifications(now, 100).value();
    out.reserve(due.size());
    for (const auto& n : due) out.push_back(n.id);
    return out;
  };
  // n2 waits behind n1 (same agency and person); other lines go on.
  EXPECT_EQ(ids(100), (std::vector<int64_t>{n1, n3, n4}));
  EXPECT_EQ(ids(99), (std::vector<int64_t>{}));

  // A claim leases a row once; the lease hides it until it ends.
  tx = begin(TxMode::kWrite);
  EXPECT_TRUE(tx->claim_notification(n1, 100, 5000).value());
  EXPECT_FALSE(tx->claim_notification(n1, 100, 5000).value());
  ASSERT_TRUE(tx->commit().ok());
  EXPECT_EQ(ids(200), (std::vector<int64_t>{n3, n4}));
  EXPECT_EQ(ids(5000), (std::vector<int64_t>{n1, n3, n4}));

  // Delivered: the next of its line is due. Dead: it holds its line.
  tx = begin(TxMode::kWrite);
  auto row = tx->find_notification(n1).value().value();
  EXPECT_EQ(row.version, 2);  // the claim bumped it
  service::NotificationRecord stale = row;
  row.status = "delivered";
  row.attempts = 1;
  row.delivered_at_ms = 300;
  row.last_http_status = 204;
  row.version += 1;
  EXPECT_TRUE(tx->update_notification(row).value());
  stale.status = "dead";  // another writer's change, made from the row read before
  stale.version += 1;
  EXPECT_FALSE(tx->update_notification(stale).value());
  service::AttemptRecord at;
  at.notification_id = n1;
  at.attempt = 1;
  at.started_ms = 250;
  at.finished_ms = 300;
  at.http_status = 204;
  at.outcome = "delivered";
  at.by = "worker";
  ASSERT_TRUE(tx->insert_attempt(at).ok());
  auto three = tx->find_notification(n3).value().value();
  three.status = "dead";
  three.version += 1;
  EXPECT_TRUE(tx->update_notification(three).value());
  ASSERT_TRUE(tx->commit().ok());
  EXPECT_EQ(ids(5000), (std::vector<int64_t>{n2, n4}));

  // A paused agency and a disabled one have nothing due.
  tx = begin(TxMode::kWrite);
  ASSERT_TRUE(tx->pause_agency("tax", 10'000).ok());
  ASSERT_TRUE(tx->commit().ok());
  EXPECT_EQ(ids(5000), (std::vector<int64_t>{n4}));
  EXPECT_EQ(ids(10'000), (std::vector<int64_t>{n2, n4}));
  tx = begin(TxMode::kWrite);
  auto nhi = tx->find_agency("nhi").value().value();
  nhi.active = false;
  nhi.disabled_reason = "gone";
  nhi.version += 1;
  EXPECT_TRUE(tx->update_agency(nhi).value());
  ASSERT_TRUE(tx->commit().ok());
  EXPECT_EQ(ids(10'000), (std::vector<int64_t>{n2}));

  auto read = begin(TxMode::kRead);
  const auto board =
      read->list_notifications({"63000080", std::string("dead"), std::nullopt, std::nullopt, 100})
          .value();
  ASSERT_EQ(board.size(), 1u);
  EXPECT_EQ(board[0].id, n3);
  EXPECT_EQ(read->notifications_of_application(a2).value().size(), 2u);
  const auto ledger = read->attempts_of(n1).value();
  ASSERT_EQ(ledger.size(), 1u);
  EXPECT_EQ(ledger[0].http_status, 204);
  EXPECT_NE(raw("UPDATE notification_attempts SET http_status = 500"), "");
  EXPECT_NE(raw("DELETE FROM notification_attempts"), "");
  EXPECT_EQ(raw_value("SELECT http_status FROM notification_attempts"), "204");
}

}  // namespace
}  // namespace huji::store
