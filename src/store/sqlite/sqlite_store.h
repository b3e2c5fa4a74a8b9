#ifndef HUJI_STORE_SQLITE_SQLITE_STORE_H_
#define HUJI_STORE_SQLITE_SQLITE_STORE_H_

// The embedded SQLite implementation of service::Store: one database file in WAL mode, a pool
// of connections (readers run beside the single writer), migrations applied at open.

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "service/store.h"

namespace huji::store::sqlite {

class Connection;

class SqliteStore final : public service::Store {
 public:
  // Opens (creating if needed) and migrates the database at `path`.
  static core::Result<std::unique_ptr<SqliteStore>> open(const std::string& path);
  ~SqliteStore() override;

  core::Result<std::unique_ptr<service::Transaction>> begin(service::TxMode mode) override;
  int schema_version() const override { return schema_version_; }

  // Returns a connection to the pool (used by transactions).
  void release(std::unique_ptr<Connection> c);
  std::timed_mutex& writer_mutex() { return writer_; }

 private:
  explicit SqliteStore(std::string path);
  core::Result<std::unique_ptr<Connection>> acquire();
  core::Status migrate(Connection& c);

  std::string path_;
  int schema_version_ = 0;
  std::mutex mu_;  // guards idle_
  std::vector<std::unique_ptr<Connection>> idle_;
  // Held by the one write transaction in progress. SQLite admits one writer at a time anyway;
  // queueing on a mutex instead of SQLite's sleeping busy handler keeps tail latency low.
  std::timed_mutex writer_;
};

}  // namespace huji::store::sqlite

#endif  // HUJI_STORE_SQLITE_SQLITE_STORE_H_
