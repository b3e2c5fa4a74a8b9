#ifndef HUJI_STORE_POSTGRES_PG_DB_H_
#define HUJI_STORE_POSTGRES_PG_DB_H_

// Thin RAII wrappers over libpq: a connection with a prepared-statement cache, and a statement
// whose parameters and results travel in text format (as SQLite's do), so the row mapping in
// pg_store.cc reads like sqlite_store.cc's. REQUIRES: a Connection is used by one thread at a
// time (libpq's rule for a PGconn).

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"

namespace huji::store::postgres {

// Where a connection string points, for error messages (never the password).
struct Endpoint {
  std::string host;  // "127.0.0.1", or the socket directory
  std::string port;
  std::string dbname;
  std::string user;
};

// Parses a libpq connection string or postgresql:// URL; kInvalidArgument "store.url" when
// libpq cannot read it.
core::Result<Endpoint> parse_endpoint(const std::string& url);

// "store.unavailable": the server cannot be reached or the connection broke.
core::Error unavailable(const Endpoint& at, std::string_view detail);

struct PgResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, PgResultDeleter>;

class Statement;

// A statement prepared on one connection: its server-side name and parameter count.
struct Prepared {
  std::string name;
  int nparams = 0;
};

class Connection {
 public:
  // Connects (connect_timeout 5 s unless the URL says otherwise) and sets the session up:
  // synchronous_commit on, hex bytea output, UTF-8, and `lock_timeout_ms` as the longest
  // wait for any lock (the writers' queue included).
  static core::Result<std::unique_ptr<Connection>> open(const std::string& url, const Endpoint& at,
                                                        int lock_timeout_ms);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  PGconn* handle() const { return conn_; }
  const Endpoint& endpoint() const { return at_; }
  // False once the server has gone away: the pool discards such a connection.
  bool healthy() const;
  // Not inside a transaction (idle), so it can go back to the pool.
  bool idle() const { return PQtransactionStatus(conn_) == PQTRANS_IDLE; }
  bool in_failed_transaction() const { return PQtransactionStatus(conn_) == PQTRANS_INERROR; }

  // Runs SQL without parameters through the simple protocol (several statements allowed).
  // Returns the last result's command tag ("COMMIT", "ROLLBACK" …).
  core::Result<std::string> exec(std::string_view sql);
  // A statement prepared once per connection (PQprepare) and cached by its SQL.
  core::Result<Statement> prepare(const std::string& sql);
  // Executes `statements` (prepared on this connection, bound, not yet executed) in one round
  // trip through libpq's pipeline mode; each then steps through its own rows as if it had
  // run alone. Returns the first failure; the statements after a failed one do not run.
  core::Status pipeline(const std::vector<Statement*>& statements);

  // Maps the failure of `res` (or of the connection, when res is null) to a core::Error.
  core::Error error(const PGresult* res, std::string_view what) const;

 private:
  Connection(PGconn* conn, Endpoint at) : conn_(conn), at_(std::move(at)) {}
  PGconn* conn_;
  Endpoint at_;
  std::unordered_map<std::string, Prepared> cache_;  // by SQL text
};

// One execution of a cached prepared statement. Bind indexes start at 1 and name the $n
// placeholder; every placeholder must be bound (NULL by default). The first step() executes
// and buffers the rows; later steps move through them.
class Statement {
 public:
  Statement(Connection* c, const Prepared* p)
      : c_(c), p_(p), params_(static_cast<size_t>(p->nparams)) {}
  Statement(Statement&&) noexcept = default;
  Statement& operator=(Statement&&) = delete;

  Statement& bind(int i, std::string_view v);
  Statement& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
  Statement& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
  Statement& bind(int i, int64_t v);
  Statement& bind(int i, int v) { return bind(i, static_cast<int64_t>(v)); }
  Statement& bind(int i, bool v);
  Statement& bind(int i, const std::optional<std::string>& v);
  Statement& bind_null(int i);
  Statement& bind_blob(int i, std::string_view bytes);  // a bytea, sent as \x… hex text
  // As bind() (the text is copied): the same call as SQLite's uncopied bind_ref.
  Statement& bind_ref(int i, std::string_view v) { return bind(i, v); }

  // Steps once: true when a row is available, false when done.
  core::Result<bool> step();
  // Executes a statement that returns no rows (or executes and buffers the rows of one).
  core::Status run();
  // Rows changed by an INSERT/UPDATE/DELETE (after run or the first step).
  int64_t affected() const;

  std::string text(int col) const;
  std::string blob(int col) const;  // decodes a bytea column
  std::optional<std::string> opt_text(int col) const;
  int64_t int64(int col) const;
  bool boolean(int col) const;
  bool is_null(int col) const;

 private:
  friend class Connection;  // pipeline()
  void set(int i, std::optional<std::string> v);
  core::Status execute();
  std::vector<const char*> values() const;

  Connection* c_;
  const Prepared* p_;
  std::vector<std::optional<std::string>> params_;
  std::optional<core::Error> bind_error_;
  bool executed_ = false;
  ResultPtr res_;
  int row_ = -1;
};

}  // namespace huji::store::postgres

#endif  // HUJI_STORE_POSTGRES_PG_DB_H_
