#ifndef HUJI_TESTING_BACKEND_DB_H_
#define HUJI_TESTING_BACKEND_DB_H_

// A fresh database of either backend for one test (tests only): a SQLite file in a temporary
// directory, or a new PostgreSQL database on the server HUJI_TEST_PG_URL names (the test may
// CREATE DATABASE there; `scripts/pg.sh start DIR` prints such a URL), dropped afterwards.
// Link libpq and huji_store.

#include <libpq-fe.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include "store/open_store.h"

namespace huji::testing {

enum class Backend { kSqlite, kPostgres };

inline std::string pg_test_url() {
  const char* u = std::getenv("HUJI_TEST_PG_URL");
  return u ? u : "";
}

inline constexpr const char* kNoPgServer =
    "HUJI_TEST_PG_URL is not set; start a cluster with `scripts/pg.sh start DIR` and export the "
    "URL it prints to run the PostgreSQL cases";

// `url` with its database replaced by `db`.
inline std::string with_database(const std::string& url, const std::string& db) {
  const size_t scheme = url.find("://");
  const size_t from = scheme == std::string::npos ? 0 : scheme + 3;
  const size_t query = url.find('?', from);
  const size_t slash = std::min(url.find('/', from), query);
  return url.substr(0, slash) + "/" + db + (query == std::string::npos ? "" : url.substr(query));
}

// Runs SQL on a connection of its own: "" when it succeeded, else the error message.
inline std::string pg_exec(const std::string& url, const std::string& sql) {
  const char* keys[] = {"gssencmode", "dbname", nullptr};
  const char* vals[] = {"disable", url.c_str(), nullptr};
  PGconn* c = PQconnectdbParams(keys, vals, 1);
  std::string err;
  if (PQstatus(c) != CONNECTION_OK) {
    err = PQerrorMessage(c);
  } else {
    PGresult* r = PQexec(c, sql.c_str());
    if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK) {
      err = PQerrorMessage(c);
    }
    PQclear(r);
  }
  PQfinish(c);
  return err;
}

class BackendDb {
 public:
  // Check error() (empty: the store is open).
  explicit BackendDb(Backend backend) {
    if (backend == Backend::kPostgres) {
      admin_ = pg_test_url();
      static std::atomic<int> counter{0};
      std::random_device rd;
      name_ = "huji_b_" + std::to_string(getpid()) + "_" + std::to_string(++counter) + "_" +
              std::to_string(rd() % 1'000'000);
      error_ = pg_exec(admin_, "CREATE DATABASE " + name_);
      if (!error_.empty()) return;
      url_ = with_database(admin_, name_);
    } else {
      std::string tmpl = (std::filesystem::temp_directory_path() / "huji-db-XXXXXX").string();
      dir_ = mkdtemp(tmpl.data());
      url_ = dir_ + "/huji.db";
    }
    reopen();
  }
  ~BackendDb() {
    store_.reset();
    if (!name_.empty()) (void)pg_exec(admin_, "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    if (!dir_.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(dir_, ec);
    }
  }
  BackendDb(const BackendDb&) = delete;
  BackendDb& operator=(const BackendDb&) = delete;

  const std::string& error() const { return error_; }
  service::Store& store() { return *store_; }
  // Closes and opens the database again (as after a restart).
  void reopen() {
    store_.reset();
    auto opened = store::open_store(url_);
    if (opened.ok()) {
      store_ = std::move(opened).value();
    } else {
      error_ = opened.error().message_en;
    }
  }

 private:
  std::string admin_, name_, dir_, url_, error_;
  std::unique_ptr<service::Store> store_;
};

}  // namespace huji::testing

#endif  // HUJI_TESTING_BACKEND_DB_H_
