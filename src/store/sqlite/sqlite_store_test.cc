#include "store/sqlite/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <thread>
#include <vector>

#include "testing/temp_db.h"

namespace huji::store::sqlite {
namespace {

using service::TxMode;

domain::Office office() {
  return {"63000080", "臺北市文山區戶政事務所", "臺北市", "文山區", "臺北市文山區木柵路三段220號"};
}

domain::Person person(const std::string& id, const std::string& hh) {
  domain::Person p;
  p.id_number = id;
  p.name = "王小明";
  p.sex = core::Sex::kMale;
  p.birth_date = core::Date::from_ymd(1990, 3, 2).value();
  p.birth_place = "臺北市";
  p.household_no = hh;
  p.relation = "戶長";
  p.birth_order = 1;
  p.version = 1;
  return p;
}

TEST(SqliteStore, MigratesAndReopens) {
  testing::TempDb db;
  EXPECT_GE(db.store().schema_version(), 1);
  db.reopen();
  EXPECT_GE(db.store().schema_version(), 1);
}

TEST(SqliteStore, CommittedWritesAreVisibleAndRolledBackOnesAreNot) {
  testing::TempDb db;
  {
    auto tx = db.store().begin(TxMode::kWrite).value();
    ASSERT_TRUE(tx->put_office(office()).ok());
    ASSERT_TRUE(tx->put_person(person("A123456789", "F0000001")).ok());
    ASSERT_TRUE(tx->commit().ok());
  }
  {
    auto tx = db.store().begin(TxMode::kWrite).value();
    ASSERT_TRUE(tx->put_person(person("F131104093", "F0000002")).ok());
    // destroyed without commit: rolled back
  }
  db.reopen();
  auto tx = db.store().begin(TxMode::kRead).value();
  auto a = tx->find_person("A123456789").value();
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->name, "王小明");
  EXPECT_EQ(a->birth_date.to_iso(), "1990-03-02");
  EXPECT_FALSE(tx->find_person("F131104093").value().has_value());
}

TEST(SqliteStore, EventsAreAppendOnly) {
  testing::TempDb db;
  auto tx = db.store().begin(TxMode::kWrite).value();
  domain::Event e;
  e.type = domain::EventType::kMoveIn;
  e.subject_id = "A123456789";
  e.household_no = "F0000001";
  e.event_date = core::Date::from_ymd(2024, 5, 1).value();
  e.registered_on = core::Date::from_ymd(2024, 5, 3).value();
  e.office_code = "63000080";
  e.data["from"] = "臺北市大安區";
  auto seq1 = tx->append_event(e).value();
  auto seq2 = tx->append_event(e).value();
  EXPECT_LT(seq1, seq2);
  service::AuditEntry a;
  a.seq = 1;
  a.hash = "h";
  ASSERT_TRUE(tx->append_audit(a).ok());
  ASSERT_TRUE(tx->commit().ok());

  auto events = db.store().begin(TxMode::kRead).value()->events_of("A123456789").value();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].data.at("from"), "臺北市大安區");
  EXPECT_EQ(events[0].type, domain::EventType::kMoveIn);

  // Even a direct UPDATE or DELETE through SQL is refused by the schema.
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(db.path().c_str(), &raw), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(raw, "UPDATE events SET subject_id = 'X'", nullptr, nullptr, nullptr),
            SQLITE_OK);
  EXPECT_NE(sqlite3_exec(raw, "DELETE FROM events", nullptr, nullptr, nullptr), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(raw, "DELETE FROM audit", nullptr, nullptr, nullptr), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(raw, "UPDATE audit SET purpose = 'x'", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(raw);
}

TEST(SqliteStore, DuplicateUsernameIsAConflict) {
  testing::TempDb db;
  auto tx = db.store().begin(TxMode::kWrite).value();
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
}

TEST(SqliteStore, AuditQueryFiltersBySubjectUserAndTime) {
  testing::TempDb db;
  auto tx = db.store().begin(TxMode::kWrite).value();
  for (int i = 1; i <= 6; ++i) {
    service::AuditEntry e;
    e.seq = i;
    e.at_ms = 1000 * i;
    e.username = i % 2 ? "alice" : "bob";
    e.office_code = "63000080";
    e.action = "person.read";
    e.subject_id = i <= 3 ? "A123456789" : "F131104093";
    e.hash = std::to_string(i);
    ASSERT_TRUE(tx->append_audit(e).ok());
  }
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
}

// Group commit: concurrent writers share batches; each committed writer's data is durable and
// visible, and a writer that rolls back leaves nothing behind, whatever its batch-mates did.
TEST(SqliteStore, ConcurrentWritersCommitInBatchesAndRollBackAlone) {
  testing::TempDb db;
  {
    auto tx = db.store().begin(TxMode::kWrite).value();
    ASSERT_TRUE(tx->put_office(office()).ok());
    ASSERT_TRUE(tx->commit().ok());
  }
  constexpr int kThreads = 8, kPerThread = 40;
  std::atomic<int> committed{0}, failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        auto tx = db.store().begin(TxMode::kWrite);
        if (!tx.ok()) { ++failures; continue; }
        domain::Village v{"63000080", std::to_string(t * 1000 + i), i};
        if (!(*tx)->put_village(v).ok()) { ++failures; continue; }
        if (i % 5 == 4) continue;  // abandoned: rolled back by the destructor
        if ((*tx)->commit().ok()) ++committed; else ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(committed.load(), kThreads * kPerThread * 4 / 5);
  db.reopen();
  auto villages = db.store().begin(TxMode::kRead).value()->list_villages("63000080").value();
  EXPECT_EQ(static_cast<int>(villages.size()), committed.load());
  for (const auto& v : villages) EXPECT_NE(v.neighborhoods % 5, 4) << v.name;
}

TEST(SqliteStore, UnwritableLocationIsAClearError) {
  auto r = SqliteStore::open("/proc/huji-cannot-be-here/x.db");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "store.open");
}

}  // namespace
}  // namespace huji::store::sqlite
