// The raw SQLite limit on this machine, for docs/PERFORMANCE.md: plain sqlite3 inserts into an
// events-like table, WAL and synchronous=FULL as huji uses them, no huji code.
//   raw_sqlite DIR [seconds]
// prints three lines:
//   durable_txn_per_s N            one row per transaction, each commit durable (fsync)
//   bulk_rows_per_s N              10,000 rows per transaction
//   bulk_rows_per_s_rollback N     the same into a new file in journal_mode=TRUNCATE (the mode
//                                  of huji's bulk loads), synchronous=FULL
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

void check(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    std::fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
    std::exit(1);
  }
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: raw_sqlite DIR [seconds]\n");
    return 2;
  }
  const double secs = argc > 2 ? std::atof(argv[2]) : 5.0;
  const std::string path = std::string(argv[1]) + "/raw.db";
  const std::string rollback_path = std::string(argv[1]) + "/raw-rollback.db";
  const std::string data = R"({"name":"王小明","sex":"M","place":"臺北市","relation":"長子"})";

  // A new database in `journal_mode` with the events-like table and its insert statement.
  const auto open = [](const std::string& file, const char* journal_mode, sqlite3_stmt** ins) {
    std::remove(file.c_str());
    sqlite3* db = nullptr;
    check(sqlite3_open(file.c_str(), &db), db, "open");
    const std::string schema =
        std::string("PRAGMA journal_mode=") + journal_mode + "; PRAGMA synchronous=FULL;"
        "CREATE TABLE events (seq INTEGER PRIMARY KEY AUTOINCREMENT, type TEXT,"
        " subject_id TEXT, household_no TEXT, event_date TEXT, registered_on TEXT,"
        " office_code TEXT, data TEXT);"
        "CREATE INDEX events_subject ON events(subject_id, seq);";
    check(sqlite3_exec(db, schema.c_str(), nullptr, nullptr, nullptr), db, "schema");
    check(sqlite3_prepare_v2(db,
                             "INSERT INTO events (type, subject_id, household_no, event_date,"
                             " registered_on, office_code, data) VALUES (?,?,?,?,?,?,?)",
                             -1, ins, nullptr),
          db, "prepare");
    return db;
  };
  long n = 0;
  const auto insert = [&](sqlite3* db, sqlite3_stmt* ins) {
    const std::string id = "A1" + std::to_string(10000000 + n).substr(1);
    sqlite3_bind_text(ins, 1, "birth", -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 2, id.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ins, 3, "F0000001", -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 4, "2026-11-20", -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 5, "2026-11-29", -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 6, "63000080", -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 7, data.c_str(), -1, SQLITE_STATIC);
    check(sqlite3_step(ins), db, "insert");
    sqlite3_reset(ins);
    ++n;
  };
  // 10,000 rows per transaction for `secs`: rows per second.
  const auto bulk = [&](sqlite3* db, sqlite3_stmt* ins) {
    const auto t0 = std::chrono::steady_clock::now();
    long rows = 0;
    while (seconds_since(t0) < secs) {
      check(sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), db, "begin");
      for (int i = 0; i < 10000; ++i) insert(db, ins);
      check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
      rows += 10000;
    }
    return static_cast<double>(rows) / seconds_since(t0);
  };

  sqlite3_stmt* ins = nullptr;
  sqlite3* db = open(path, "WAL", &ins);
  // 1. One durable transaction per row.
  auto t0 = std::chrono::steady_clock::now();
  long txns = 0;
  while (seconds_since(t0) < secs) {
    check(sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), db, "begin");
    insert(db, ins);
    check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
    ++txns;
  }
  std::printf("durable_txn_per_s %.0f\n", static_cast<double>(txns) / seconds_since(t0));
  // 2. Bulk, WAL.
  std::printf("bulk_rows_per_s %.0f\n", bulk(db, ins));
  sqlite3_finalize(ins);
  sqlite3_close(db);
  std::remove(path.c_str());
  // 3. Bulk, rollback journal, into a new file.
  n = 0;
  db = open(rollback_path, "TRUNCATE", &ins);
  std::printf("bulk_rows_per_s_rollback %.0f\n", bulk(db, ins));
  sqlite3_finalize(ins);
  sqlite3_close(db);
  std::remove(rollback_path.c_str());
  std::remove((rollback_path + "-journal").c_str());
  return 0;
}
