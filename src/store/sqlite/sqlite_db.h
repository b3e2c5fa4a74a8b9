#ifndef HUJI_STORE_SQLITE_SQLITE_DB_H_
#define HUJI_STORE_SQLITE_SQLITE_DB_H_

// Thin RAII wrappers over the SQLite C API: a connection with a prepared-statement cache, and
// a statement cursor. REQUIRES: a Connection is used by one thread at a time.

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"

namespace huji::store::sqlite {

core::Error sqlite_error(sqlite3* db, int rc, std::string_view what);

class Statement;

class Connection {
 public:
  static core::Result<std::unique_ptr<Connection>> open(const std::string& path);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  sqlite3* handle() const { return db_; }
  core::Status exec(std::string_view sql);
  // A cached prepared statement, reset and with bindings cleared.
  core::Result<Statement> prepare(std::string_view sql);

 private:
  // A prepared statement and, for each $n placeholder, SQLite's index of it (SQLite numbers
  // named parameters by first appearance): worked out once, not at every bind.
  struct Prepared {
    sqlite3_stmt* stmt = nullptr;
    std::vector<int> index;  // index[n] for $n; 0 where $n does not occur
  };
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  explicit Connection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::unordered_map<std::string, Prepared, Hash, std::equal_to<>> cache_;
};

// A borrowed cached statement; resets itself when destroyed. Bind indexes start at 1 and
// name the $n placeholder.
class Statement {
 public:
  // `index`: the statement's placeholder positions, kept by its Connection.
  Statement(sqlite3* db, sqlite3_stmt* stmt, const std::vector<int>& index)
      : db_(db), stmt_(stmt), index_(&index) {}
  Statement(Statement&& o) noexcept : db_(o.db_), stmt_(o.stmt_), index_(o.index_) {
    o.stmt_ = nullptr;
  }
  Statement& operator=(Statement&&) = delete;
  ~Statement();

  Statement& bind(int i, std::string_view v);
  Statement& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
  Statement& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
  Statement& bind(int i, int64_t v);
  Statement& bind(int i, int v) { return bind(i, static_cast<int64_t>(v)); }
  Statement& bind(int i, bool v) { return bind(i, static_cast<int64_t>(v ? 1 : 0)); }
  Statement& bind(int i, const std::optional<std::string>& v);
  Statement& bind_null(int i);
  Statement& bind_blob(int i, std::string_view bytes);
  // Binds text without copying it: the caller keeps `v` alive until the statement has run
  // (the Statement is destroyed). For hot paths binding fields of a live object.
  Statement& bind_ref(int i, std::string_view v);

  // Steps once: true when a row is available, false when done.
  core::Result<bool> step();
  // Steps to completion, for statements that return no rows.
  core::Status run();
  // Rows changed by the INSERT/UPDATE/DELETE that ran last on this connection.
  int64_t affected() const { return sqlite3_changes64(db_); }

  std::string text(int col) const;
  std::string blob(int col) const;
  std::optional<std::string> opt_text(int col) const;
  int64_t int64(int col) const;
  bool boolean(int col) const { return int64(col) != 0; }
  bool is_null(int col) const;

 private:
  int index(int i) const;
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  const std::vector<int>* index_;
};

}  // namespace huji::store::sqlite

#endif  // HUJI_STORE_SQLITE_SQLITE_DB_H_
