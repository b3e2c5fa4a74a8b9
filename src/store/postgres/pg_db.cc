#include "store/postgres/pg_db.h"

#include <charconv>
#include <string>

namespace huji::store::postgres {

using core::Error;
using core::ErrorKind;

namespace {

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

Error busy() {
  return Error::unavailable("store.busy", "資料庫忙碌中，請稍後再試",
                            "the database is busy, try again");
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

void ignore_notice(void*, const char*) {}

}  // namespace

core::Result<Endpoint> parse_endpoint(const std::string& url) {
  char* err = nullptr;
  PQconninfoOption* opts = PQconninfoParse(url.c_str(), &err);
  if (!opts) {
    std::string detail = err ? trimmed(err) : "out of memory";
    PQfreemem(err);
    return Error::invalid("store.url", "PostgreSQL 連線網址格式錯誤：" + detail,
                          "malformed PostgreSQL connection URL: " + detail);
  }
  Endpoint at;
  std::string hostaddr;
  for (PQconninfoOption* o = opts; o->keyword; ++o) {
    if (!o->val) continue;
    std::string_view k = o->keyword;
    if (k == "host") at.host = o->val;
    if (k == "hostaddr") hostaddr = o->val;
    if (k == "port") at.port = o->val;
    if (k == "dbname") at.dbname = o->val;
    if (k == "user") at.user = o->val;
  }
  if (at.host.empty()) at.host = hostaddr;
  PQconninfoFree(opts);
  return at;
}

Error unavailable(const Endpoint& at, std::string_view detail) {
  const std::string host = at.host.empty() ? "localhost" : at.host;
  const std::string port = at.port.empty() ? "5432" : at.port;
  return Error::unavailable("store.unavailable",
                            "無法連線至 PostgreSQL 資料庫（主機 " + host + "，埠 " + port +
                                "，資料庫 " + at.dbname + "）或連線已中斷：" + std::string(detail),
                            "cannot reach the PostgreSQL database at host " + host + " port " +
                                port + " (database " + at.dbname +
                                "), or the connection was lost: " + std::string(detail));
}

core::Result<std::unique_ptr<Connection>> Connection::open(const std::string& url,
                                                           const Endpoint& at,
                                                           int lock_timeout_ms) {
  // Keywords before "dbname" are defaults the URL may override. GSSAPI encryption is off by
  // default: probing for Kerberos credentials on every connect is slow and leaks in libkrb5.
  const char* keys[] = {"connect_timeout", "gssencmode", "application_name", "dbname", nullptr};
  const char* vals[] = {"5", "disable", "huji", url.c_str(), nullptr};
  PGconn* conn = PQconnectdbParams(keys, vals, /*expand_dbname=*/1);
  if (!conn) return unavailable(at, "out of memory");
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string detail = trimmed(PQerrorMessage(conn));
    PQfinish(conn);
    return unavailable(at, detail);
  }
  PQsetNoticeProcessor(conn, ignore_notice, nullptr);
  std::unique_ptr<Connection> c(new Connection(conn, at));
  // synchronous_commit=on (the default, made explicit against a server configured otherwise):
  // COMMIT returns only after the WAL is flushed, so an acknowledged write is durable.
  // lock_timeout bounds the wait for the writers' lock (see PgStore::begin).
  HUJI_TRY(
      c->exec("SET synchronous_commit = on; SET bytea_output = 'hex'; "
              "SET client_encoding = 'UTF8'; SET client_min_messages = warning; "
              "SET lock_timeout = " +
              std::to_string(lock_timeout_ms)));
  return c;
}

Connection::~Connection() { PQfinish(conn_); }

bool Connection::healthy() const { return PQstatus(conn_) == CONNECTION_OK; }

Error Connection::error(const PGresult* res, std::string_view what) const {
  if (!res || !healthy()) return unavailable(at_, trimmed(PQerrorMessage(conn_)));
  const char* state_p = PQresultErrorField(res, PG_DIAG_SQLSTATE);
  const std::string state = state_p ? state_p : "";
  const char* primary = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
  std::string detail = primary ? primary : trimmed(PQresultErrorMessage(res));
  // Class 08: connection exceptions; 57P01-03: the server is shutting down or starting.
  if (starts_with(state, "08") || state == "57P01" || state == "57P02" || state == "57P03") {
    return unavailable(at_, detail);
  }
  // A statement after one that failed: PostgreSQL has aborted the whole transaction.
  if (state == "25P02") {
    return Error::internal("store.aborted", "交易中先前的操作失敗，整筆交易已中止",
                           "an earlier statement of this transaction failed; the transaction is "
                           "aborted");
  }
  // Serialization failure, deadlock, lock timeout: the caller may simply try again.
  if (state == "40001" || state == "40P01" || state == "55P03") return busy();
  // Class 23: integrity constraints (23505 unique, 23503 foreign key, 23514 check, and the
  // append-only triggers' 23000), as SQLite's SQLITE_CONSTRAINT.
  if (starts_with(state, "23")) {
    return Error::conflict("store.constraint", "資料與既有紀錄衝突：" + detail,
                           "conflicts with existing data: " + detail);
  }
  return Error::unavailable(
      "store.error", "資料庫錯誤（" + std::string(what) + "）：" + detail + " [" + state + "]",
      "database error (" + std::string(what) + "): " + detail + " [" + state + "]");
}

core::Result<std::string> Connection::exec(std::string_view sql) {
  ResultPtr r(PQexec(conn_, std::string(sql).c_str()));
  const ExecStatusType st = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) return error(r.get(), "exec");
  return std::string(PQcmdStatus(r.get()));
}

core::Result<Statement> Connection::prepare(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    std::string name = "huji_" + std::to_string(cache_.size() + 1);
    ResultPtr r(PQprepare(conn_, name.c_str(), sql.c_str(), 0, nullptr));
    if (!r || PQresultStatus(r.get()) != PGRES_COMMAND_OK) return error(r.get(), "prepare");
    // The parameter count, so that unbound trailing parameters can be sent as NULL.
    ResultPtr d(PQdescribePrepared(conn_, name.c_str()));
    if (!d || PQresultStatus(d.get()) != PGRES_COMMAND_OK) return error(d.get(), "describe");
    it = cache_.emplace(sql, Prepared{std::move(name), PQnparams(d.get())}).first;
  }
  return Statement(this, &it->second);
}

core::Status Connection::pipeline(const std::vector<Statement*>& statements) {
  if (statements.size() == 1) return statements.front()->run();
  for (Statement* st : statements) {
    st->executed_ = true;
    if (st->bind_error_) return *st->bind_error_;
  }
  if (PQenterPipelineMode(conn_) != 1) return error(nullptr, "pipeline");
  size_t sent = 0;
  for (Statement* st : statements) {
    const std::vector<const char*> values = st->values();
    if (PQsendQueryPrepared(conn_, st->p_->name.c_str(), static_cast<int>(values.size()),
                            values.data(), nullptr, nullptr, /*resultFormat=text*/ 0) != 1) {
      break;
    }
    ++sent;
  }
  const bool synced = PQpipelineSync(conn_) == 1;
  core::Status first;
  auto fail = [&](core::Error e) {
    if (first.ok()) first = std::move(e);
  };
  if (sent < statements.size()) fail(error(nullptr, "pipeline send"));
  if (synced) {
    // Each query's result, then a null separating it from the next; the sync point last.
    for (size_t i = 0; i < sent; ++i) {
      ResultPtr r(PQgetResult(conn_));
      const bool got = r != nullptr;
      const ExecStatusType st = got ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
      if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK) {
        statements[i]->res_ = std::move(r);
      } else if (st == PGRES_PIPELINE_ABORTED) {
        fail(Error::internal("store.pipeline_aborted", "資料庫查詢因前一查詢失敗而中止",
                             "query skipped after an earlier query in its pipeline failed"));
      } else {
        fail(error(r.get(), "execute"));
      }
      if (got) {
        while (PGresult* extra = PQgetResult(conn_)) PQclear(extra);  // up to the separator
      }
    }
    for (int nulls = 0; nulls < 2;) {  // two nulls in a row: nothing more will come
      ResultPtr r(PQgetResult(conn_));
      if (!r) {
        ++nulls;
        continue;
      }
      nulls = 0;
      if (PQresultStatus(r.get()) == PGRES_PIPELINE_SYNC) break;
    }
  } else {
    fail(error(nullptr, "pipeline sync"));
  }
  if (PQexitPipelineMode(conn_) != 1) fail(error(nullptr, "pipeline exit"));
  return first;
}

void Statement::set(int i, std::optional<std::string> v) {
  if (i < 1 || static_cast<size_t>(i) > params_.size()) {
    bind_error_ = Error::internal("store.bind", "SQL 參數編號錯誤：$" + std::to_string(i),
                                  "no SQL parameter $" + std::to_string(i));
    return;
  }
  params_[static_cast<size_t>(i - 1)] = std::move(v);
}

Statement& Statement::bind(int i, std::string_view v) {
  // Text parameters travel as C strings: a NUL byte would silently cut the value short.
  if (v.find('\0') != std::string_view::npos) {
    bind_error_ = Error::invalid("store.nul_in_text", "文字資料不可含 NUL 字元",
                                 "text must not contain NUL characters");
    return *this;
  }
  set(i, std::string(v));
  return *this;
}

Statement& Statement::bind(int i, int64_t v) {
  set(i, std::to_string(v));
  return *this;
}

Statement& Statement::bind(int i, bool v) {
  set(i, std::string(v ? "true" : "false"));
  return *this;
}

Statement& Statement::bind(int i, const std::optional<std::string>& v) {
  if (v) return bind(i, std::string_view(*v));
  return bind_null(i);
}

Statement& Statement::bind_null(int i) {
  set(i, std::nullopt);
  return *this;
}

Statement& Statement::bind_blob(int i, std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 + bytes.size() * 2);
  hex += "\\x";
  for (unsigned char b : bytes) {
    hex += kHex[b >> 4];
    hex += kHex[b & 0xf];
  }
  set(i, std::move(hex));
  return *this;
}

std::vector<const char*> Statement::values() const {
  std::vector<const char*> values(params_.size());
  for (size_t i = 0; i < params_.size(); ++i) {
    values[i] = params_[i] ? params_[i]->c_str() : nullptr;
  }
  return values;
}

core::Status Statement::execute() {
  executed_ = true;
  if (bind_error_) return *bind_error_;
  const std::vector<const char*> values = this->values();
  res_.reset(PQexecPrepared(c_->handle(), p_->name.c_str(), static_cast<int>(values.size()),
                            values.data(), nullptr, nullptr, /*resultFormat=text*/ 0));
  const ExecStatusType st = res_ ? PQresultStatus(res_.get()) : PGRES_FATAL_ERROR;
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
    Error e = c_->error(res_.get(), "execute");
    res_.reset();
    return e;
  }
  return {};
}

core::Result<bool> Statement::step() {
  if (!executed_) HUJI_TRY(execute());
  if (!res_) return false;
  ++row_;
  return row_ < PQntuples(res_.get());
}

core::Status Statement::run() {
  if (!executed_) return execute();
  return {};
}

int64_t Statement::affected() const {
  if (!res_) return 0;
  const char* n = PQcmdTuples(res_.get());
  int64_t v = 0;
  std::from_chars(n, n + std::char_traits<char>::length(n), v);
  return v;
}

std::string Statement::text(int col) const {
  return {PQgetvalue(res_.get(), row_, col),
          static_cast<size_t>(PQgetlength(res_.get(), row_, col))};
}

std::string Statement::blob(int col) const {
  // bytea_output = hex (set per session): "\x" followed by two hex digits per byte.
  const char* p = PQgetvalue(res_.get(), row_, col);
  const auto n = static_cast<size_t>(PQgetlength(res_.get(), row_, col));
  auto nibble = [](char h) -> unsigned {
    if (h >= '0' && h <= '9') return static_cast<unsigned>(h - '0');
    if (h >= 'a' && h <= 'f') return static_cast<unsigned>(h - 'a' + 10);
    return static_cast<unsigned>(h - 'A' + 10);
  };
  std::string out;
  if (n < 2 || p[0] != '\\' || p[1] != 'x') return out;
  out.reserve((n - 2) / 2);
  for (size_t i = 2; i + 1 < n; i += 2) {
    out += static_cast<char>((nibble(p[i]) << 4) | nibble(p[i + 1]));
  }
  return out;
}

std::optional<std::string> Statement::opt_text(int col) const {
  if (is_null(col)) return std::nullopt;
  return text(col);
}

int64_t Statement::int64(int col) const {
  const char* p = PQgetvalue(res_.get(), row_, col);
  int64_t v = 0;
  std::from_chars(p, p + PQgetlength(res_.get(), row_, col), v);
  return v;
}

bool Statement::boolean(int col) const { return PQgetvalue(res_.get(), row_, col)[0] == 't'; }

bool Statement::is_null(int col) const { return PQgetisnull(res_.get(), row_, col) != 0; }

}  // namespace huji::store::postgres
