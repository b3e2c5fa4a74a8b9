#include "store/sqlite/sqlite_db.h"

#include <cstdlib>

namespace huji::store::sqlite {

using core::Error;
using core::ErrorKind;

Error sqlite_error(sqlite3* db, int rc, std::string_view what) {
  std::string detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  int primary = rc & 0xff;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
    return Error::unavailable("store.busy", "資料庫忙碌中，請稍後再試",
                              "the database is busy, try again");
  }
  if (primary == SQLITE_CONSTRAINT) {
    return Error::conflict("store.constraint", "資料與既有紀錄衝突：" + detail,
                           "conflicts with existing data: " + detail);
  }
  return Error::unavailable("store.error", "資料庫錯誤（" + std::string(what) + "）：" + detail,
                            "database error (" + std::string(what) + "): " + detail);
}

core::Result<std::unique_ptr<Connection>> Connection::open(const std::string& path) {
  // Before SQLite initialises (the first open): no memory statistics, whose global mutex
  // every allocation of every connection would otherwise take.
  static const bool configured = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)configured;
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(
      path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    Error e = Error::unavailable(
        "store.open", "無法開啟資料庫 " + path + "：" + (db ? sqlite3_errmsg(db) : ""),
        "cannot open database " + path + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
    sqlite3_close(db);
    return e;
  }
  std::unique_ptr<Connection> c(new Connection(db));
  sqlite3_busy_timeout(db, 10'000);
  sqlite3_extended_result_codes(db, 1);
  // WAL lets readers run beside the one writer; synchronous=FULL fsyncs the WAL at every
  // commit, so an acknowledged write survives kill -9 and power loss alike.
  HUJI_TRY(c->exec("PRAGMA journal_mode=WAL"));
  HUJI_TRY(c->exec("PRAGMA synchronous=FULL"));
  HUJI_TRY(c->exec("PRAGMA foreign_keys=ON"));
  HUJI_TRY(c->exec("PRAGMA temp_store=MEMORY"));
  // No memory-mapped reads: in WAL mode each commit by another connection (a lookup's audit
  // entries are committed every few milliseconds) makes SQLite drop a reader's whole mapping
  // at its next transaction (munmap, TLB shootdowns, page faults to map it again). Copying
  // pages with pread() from the OS page cache measured 20–30 % more audited lookups per
  // second (docs/PERFORMANCE.md); the Debian build caps the mapping at 2 GB anyway.
  HUJI_TRY(c->exec("PRAGMA mmap_size=0"));
  HUJI_TRY(c->exec("PRAGMA cache_size=-65536"));
  return c;
}

Connection::~Connection() {
  for (auto& [sql, p] : cache_) sqlite3_finalize(p.stmt);
  sqlite3_close_v2(db_);
}

core::Status Connection::exec(std::string_view sql) {
  if (sql.find(';') == std::string_view::npos) {
    // One statement (BEGIN, COMMIT, SAVEPOINT …, run per transaction): prepared once.
    HUJI_ASSIGN_OR_RETURN(Statement st, prepare(sql));
    for (;;) {
      HUJI_ASSIGN_OR_RETURN(bool row, st.step());
      if (!row) return {};
    }
  }
  char* err = nullptr;
  std::string s(sql);
  int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    sqlite3_free(err);
    return sqlite_error(db_, rc, "exec");
  }
  return {};
}

core::Result<Statement> Connection::prepare(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    Prepared p;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &p.stmt, nullptr);
    if (rc != SQLITE_OK) return sqlite_error(db_, rc, "prepare");
    const int count = sqlite3_bind_parameter_count(p.stmt);
    for (int k = 1; k <= count; ++k) {
      const char* name = sqlite3_bind_parameter_name(p.stmt, k);
      if (!name || name[0] != '$') continue;
      char* end = nullptr;
      const long n = std::strtol(name + 1, &end, 10);
      if (*end != '\0' || n <= 0 || n > sqlite3_limit(db_, SQLITE_LIMIT_VARIABLE_NUMBER, -1)) {
        continue;
      }
      if (p.index.size() <= static_cast<size_t>(n)) p.index.resize(static_cast<size_t>(n) + 1);
      p.index[static_cast<size_t>(n)] = k;
    }
    it = cache_.emplace(std::string(sql), std::move(p)).first;
  }
  return Statement(db_, it->second.stmt, it->second.index);
}

Statement::~Statement() {
  if (stmt_) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
}

// SQL is written with PostgreSQL-style $1 … $n placeholders (STYLE.md). SQLite treats "$1" as
// a named parameter numbered by first appearance; prepare() recorded where each one went.
int Statement::index(int i) const {
  if (i > 0 && static_cast<size_t>(i) < index_->size() && (*index_)[i] != 0) {
    return (*index_)[static_cast<size_t>(i)];
  }
  return i;
}

Statement& Statement::bind(int i, std::string_view v) {
  sqlite3_bind_text(stmt_, index(i), v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::bind_ref(int i, std::string_view v) {
  sqlite3_bind_text(stmt_, index(i), v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
  return *this;
}

Statement& Statement::bind(int i, int64_t v) {
  sqlite3_bind_int64(stmt_, index(i), v);
  return *this;
}

Statement& Statement::bind(int i, const std::optional<std::string>& v) {
  if (v) return bind(i, std::string_view(*v));
  return bind_null(i);
}

Statement& Statement::bind_blob(int i, std::string_view bytes) {
  sqlite3_bind_blob64(stmt_, index(i), bytes.data(), bytes.size(), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::bind_null(int i) {
  sqlite3_bind_null(stmt_, index(i));
  return *this;
}

core::Result<bool> Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return sqlite_error(db_, rc, "step");
}

core::Status Statement::run() {
  for (;;) {
    auto r = step();
    if (!r.ok()) return std::move(r).take_error();
    if (!*r) return {};
  }
}

std::string Statement::text(int col) const {
  const unsigned char* p = sqlite3_column_text(stmt_, col);
  if (!p) return {};
  return {reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(stmt_, col))};
}

std::string Statement::blob(int col) const {
  const void* p = sqlite3_column_blob(stmt_, col);
  if (!p) return {};
  return {static_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(stmt_, col))};
}

std::optional<std::string> Statement::opt_text(int col) const {
  if (is_null(col)) return std::nullopt;
  return text(col);
}

int64_t Statement::int64(int col) const { return sqlite3_column_int64(stmt_, col); }

bool Statement::is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

}  // namespace huji::store::sqlite
