// service::BulkLoader for SQLite: each batch is one transaction (BEGIN IMMEDIATE … COMMIT) on
// the store's writer connection, holding the writers' lock for its duration, so group-commit
// writers simply queue behind it. Inserts run through statements prepared once and bound by
// position; the page cache is raised while loading.
//
// While it loads, the database is in rollback-journal mode (journal_mode=TRUNCATE) instead of
// WAL: pages that did not exist when a transaction began need no journal copy, so appended
// rows and new indexes are written once, straight into the database file, where WAL writes
// every page twice (into the log, then again at the checkpoint). Durability is the same:
// synchronous=FULL fsyncs the journal and then the database file at each commit, and a
// crash rolls the open batch back. Leaving WAL needs the only connection to the file; when
// another is open (a running `huji serve`) the load simply stays in WAL. WAL is restored when
// the load ends. Meanwhile the file is not for other programs: in rollback-journal mode a
// reader blocks a commit (a reader holding its lock beyond the 10 s busy timeout fails the
// batch, and with it the load), and a huji process started mid-load waits up to 10 s for
// the batch in progress before it gives up.

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "store/bulk_text.h"
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_store.h"

namespace huji::store::sqlite {

using core::Error;
using core::ErrorKind;
using core::Status;

namespace {

// Page cache while loading, in KiB (SQLite's negative cache_size unit): 1 GiB, enough for the
// primary-key indexes of persons and households at national scale (~0.7 GB), into which
// rows arrive in random key order.
constexpr int64_t kBulkCacheKiB = 1 << 20;

enum Table : size_t { kOffices, kVillages, kDoorPlates, kHouseholds, kPersons, kEvents, kTables };

constexpr std::array<const char*, kTables> kInsert = {
    "INSERT INTO offices (code, name, county, district, address) VALUES ($1,$2,$3,$4,$5)",
    "INSERT INTO villages (office_code, name, neighborhoods) VALUES ($1,$2,$3)",
    "INSERT INTO door_plates (id, office_code, county, district, village, neighborhood, road, "
    "section, lane, alley, number, floor, full_text, abolished) "
    "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)",
    "INSERT INTO households (household_no, office_code, door_plate_id, head_id, established, "
    "version) VALUES ($1,$2,$3,$4,$5,$6)",
    "INSERT INTO persons (id_number, name, sex, birth_date, birth_place, father_id, mother_id, "
    "spouse_id, father_name, mother_name, indigenous, status, removal_reason, household_no, "
    "relation, birth_order, version) "
    "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17)",
    "INSERT INTO events (type, subject_id, household_no, event_date, registered_on, "
    "office_code, data, corrects_seq) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)",
};

// The loaded tables' indexes that are not a primary key or UNIQUE constraint (those have no
// SQL of their own), with the statement that creates each.
constexpr const char* kSecondaryIndexes =
    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND "
    "tbl_name IN ('door_plates', 'households', 'persons', 'events') ORDER BY name";

// Binds the parameters of one row in order ($1, $2 …). Text is bound without a copy: the
// caller keeps it alive until run().
class Row {
 public:
  explicit Row(sqlite3_stmt* st) : st_(st) {}
  Row& text(std::string_view v) {
    sqlite3_bind_text(st_, ++i_, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
    return *this;
  }
  Row& integer(int64_t v) {
    sqlite3_bind_int64(st_, ++i_, v);
    return *this;
  }
  Row& optional(const std::optional<std::string>& v) {
    if (v) return text(*v);
    sqlite3_bind_null(st_, ++i_);
    return *this;
  }

 private:
  sqlite3_stmt* st_;
  int i_ = 0;
};

}  // namespace

class SqliteBulkLoader final : public service::BulkLoader {
 public:
  explicit SqliteBulkLoader(SqliteStore* store) : store_(store) {}

  ~SqliteBulkLoader() override {
    if (lock_.owns_lock()) {
      (void)conn().exec("ROLLBACK");
      lock_.unlock();
    }
    if (!deferred_.empty()) (void)build_indexes();
    for (sqlite3_stmt* st : stmts_) sqlite3_finalize(st);
    if (old_cache_) {
      std::lock_guard<std::timed_mutex> g(store_->writer_);
      (void)conn().exec("PRAGMA cache_size = " + std::to_string(*old_cache_));
    }
    (void)restore_wal();
  }

  Status put_office(const domain::Office& o) override {
    HUJI_TRY(begin());
    Row(stmts_[kOffices]).text(o.code).text(o.name).text(o.county).text(o.district).text(o.address);
    return run(kOffices);
  }

  Status put_village(const domain::Village& v) override {
    HUJI_TRY(begin());
    Row(stmts_[kVillages]).text(v.office_code).text(v.name).integer(v.neighborhoods);
    return run(kVillages);
  }

  Status put_door_plate(const domain::DoorPlate& p) override {
    HUJI_TRY(begin());
    const core::Address& a = p.address;
    const std::string full = a.format();
    Row(stmts_[kDoorPlates])
        .integer(p.id)
        .text(p.office_code)
        .text(a.county)
        .text(a.district)
        .text(a.village)
        .text(a.neighborhood)
        .text(a.road)
        .text(a.section)
        .text(a.lane)
        .text(a.alley)
        .text(a.number)
        .text(a.floor)
        .text(full)
        .integer(p.abolished ? 1 : 0);
    return run(kDoorPlates);
  }

  Status put_household(const domain::Household& h) override {
    HUJI_TRY(begin());
    const std::string established = h.established.to_iso();
    Row(stmts_[kHouseholds])
        .text(h.household_no)
        .text(h.office_code)
        .integer(h.door_plate_id)
        .text(h.head_id)
        .text(established)
        .integer(h.version);
    return run(kHouseholds);
  }

  Status put_person(const domain::Person& p) override {
    HUJI_TRY(begin());
    const std::string birth = p.birth_date.to_iso();
    Row(stmts_[kPersons])
        .text(p.id_number)
        .text(p.name)
        .text(core::sex_code(p.sex))
        .text(birth)
        .text(p.birth_place)
        .optional(p.father_id)
        .optional(p.mother_id)
        .optional(p.spouse_id)
        .text(p.father_name)
        .text(p.mother_name)
        .text(p.indigenous)
        .text(p.status == domain::PersonStatus::kActive ? "active" : "removed")
        .text(p.removal_reason)
        .text(p.household_no)
        .text(p.relation)
        .integer(p.birth_order)
        .integer(p.version);
    return run(kPersons);
  }

  Status append_event(const domain::Event& e) override {
    HUJI_TRY(begin());
    const std::string on = e.event_date.to_iso();
    const std::string registered = e.registered_on.to_iso();
    json_.clear();
    append_json_object(json_, e.data);
    Row row(stmts_[kEvents]);
    row.text(domain::event_type_code(e.type))
        .text(e.subject_id)
        .text(e.household_no)
        .text(on)
        .text(registered)
        .text(e.office_code)
        .text(json_);
    if (e.corrects_seq) {
      row.integer(*e.corrects_seq);
    } else {
      row.optional(std::nullopt);
    }
    return run(kEvents);
  }

  Status commit() override {
    if (!lock_.owns_lock()) return {};
    Status s = conn().exec("COMMIT");
    if (!s.ok()) (void)conn().exec("ROLLBACK");
    lock_.unlock();
    return s;
  }

  Status defer_indexes() override {
    HUJI_TRY(begin());
    sqlite3_stmt* q = nullptr;
    int rc = sqlite3_prepare_v2(conn().handle(), kSecondaryIndexes, -1, &q, nullptr);
    while (rc == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW) {
      deferred_.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(q, 0)),
                             reinterpret_cast<const char*>(sqlite3_column_text(q, 1)));
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_OK) return sqlite_error(conn().handle(), rc, "list indexes");
    for (const auto& [name, sql] : deferred_) HUJI_TRY(conn().exec("DROP INDEX " + name));
    return commit();
  }

  Status finish() override {
    HUJI_TRY(commit());
    HUJI_TRY(build_indexes());
    // Everything is committed: a failure to switch back is harmless, as every connection
    // huji opens sets WAL again (sqlite_db.cc).
    (void)restore_wal();
    return {};
  }

 private:
  Connection& conn() { return *store_->writer_conn_; }

  // Builds the deferred indexes in one transaction. SQLite sorts each index's entries: here
  // in runs sorted by helper threads and merged through temporary files, not in memory (the
  // connection's default). For the 87 M entries of events(subject_id, seq) at national
  // scale that takes 71 s and 1 GB instead of 157 s and 5.7 GB (docs/PERFORMANCE.md). The
  // temporary files are unlinked as soon as they are created (SQLITE_TMPDIR, else /var/tmp).
  Status build_indexes() {
    if (deferred_.empty()) return {};
    HUJI_TRY(begin());
    const unsigned helpers = std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
    Status s = conn().exec("PRAGMA temp_store = FILE");
    if (s.ok()) s = conn().exec("PRAGMA threads = " + std::to_string(helpers));
    for (const auto& [name, sql] : deferred_) {
      if (!s.ok()) break;
      s = conn().exec(sql);
    }
    if (s.ok()) {
      s = commit();
    } else {
      (void)conn().exec("ROLLBACK");
      lock_.unlock();
    }
    std::lock_guard<std::timed_mutex> g(store_->writer_);
    (void)conn().exec("PRAGMA threads = 0");
    (void)conn().exec("PRAGMA temp_store = MEMORY");
    HUJI_TRY(s);
    deferred_.clear();
    return {};
  }

  // Starts a batch unless one is open: the writers' lock, then BEGIN IMMEDIATE.
  Status begin() {
    if (lock_.owns_lock()) return {};
    lock_ = std::unique_lock<std::timed_mutex>(store_->writer_, std::defer_lock);
    if (!lock_.try_lock_for(std::chrono::seconds(10))) {
      return Error::unavailable("store.busy", "資料庫忙碌中，請稍後再試",
                                "the database is busy, try again");
    }
    // A group-commit batch handed over to a queued writer: commit it first.
    while (store_->batch_) {
      store_->commit_batch(lock_);
      lock_.lock();
    }
    if (!store_->writer_conn_) {
      auto c = Connection::open(store_->path_);
      if (!c.ok()) {
        lock_.unlock();
        return std::move(c).take_error();
      }
      store_->writer_conn_ = std::move(c).value();
    }
    Status s = prepare();
    if (s.ok()) s = conn().exec("BEGIN IMMEDIATE");
    if (!s.ok()) lock_.unlock();
    return s;
  }

  Status prepare() {
    if (stmts_[0]) return {};
    sqlite3* db = conn().handle();
    sqlite3_stmt* q = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA cache_size", -1, &q, nullptr) == SQLITE_OK &&
        sqlite3_step(q) == SQLITE_ROW) {
      old_cache_ = sqlite3_column_int64(q, 0);
    }
    sqlite3_finalize(q);
    HUJI_TRY(conn().exec("PRAGMA cache_size = -" + std::to_string(kBulkCacheKiB)));
    leave_wal();
    for (size_t t = 0; t < kTables; ++t) {
      const int rc =
          sqlite3_prepare_v3(db, kInsert[t], -1, SQLITE_PREPARE_PERSISTENT, &stmts_[t], nullptr);
      if (rc != SQLITE_OK) return sqlite_error(db, rc, "prepare");
    }
    return {};
  }

  // Switches to rollback-journal mode if this is the only connection to the file (see the
  // top of this file). REQUIRES: the writers' lock, no open transaction.
  void leave_wal() {
    store_->close_idle();
    sqlite3_stmt* q = nullptr;
    if (sqlite3_prepare_v2(conn().handle(), "PRAGMA journal_mode=TRUNCATE", -1, &q, nullptr) ==
            SQLITE_OK &&
        sqlite3_step(q) == SQLITE_ROW) {
      const auto* mode = reinterpret_cast<const char*>(sqlite3_column_text(q, 0));
      left_wal_ = mode && std::string_view(mode) == "truncate";
    }
    sqlite3_finalize(q);
  }

  Status restore_wal() {
    if (!left_wal_) return {};
    std::lock_guard<std::timed_mutex> g(store_->writer_);
    HUJI_TRY(conn().exec("PRAGMA journal_mode=WAL"));
    left_wal_ = false;
    return {};
  }

  Status run(Table t) {
    sqlite3_stmt* st = stmts_[t];
    const int rc = sqlite3_step(st);
    Status s;
    if (rc != SQLITE_DONE) s = sqlite_error(conn().handle(), rc, "bulk insert");
    sqlite3_reset(st);
    return s;
  }

  SqliteStore* store_;
  std::unique_lock<std::timed_mutex> lock_;  // held while a batch is open
  std::array<sqlite3_stmt*, kTables> stmts_{};
  std::optional<int64_t> old_cache_;
  bool left_wal_ = false;
  std::string json_;
  std::vector<std::pair<std::string, std::string>> deferred_;  // (name, CREATE INDEX …)
};

std::unique_ptr<service::BulkLoader> SqliteStore::bulk_loader() {
  return std::make_unique<SqliteBulkLoader>(this);
}

}  // namespace huji::store::sqlite
