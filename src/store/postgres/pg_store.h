#ifndef HUJI_STORE_POSTGRES_PG_STORE_H_
#define HUJI_STORE_POSTGRES_PG_STORE_H_

// The PostgreSQL implementation of service::Store (ARCHITECTURE.md "Storage"), through libpq:
// a bounded pool of connections, each with its own prepared-statement cache; migrations
// applied at open under a cluster-wide advisory lock.
//
// Transactions:
// - Read: REPEATABLE READ READ ONLY, one snapshot for all its statements (as a SQLite read
//   transaction in WAL mode).
// - Write: serialized. Use cases read, then write what they read implies: the audit chain
//   reads the last entry and appends the next (seq + 1, hash over the previous hash); ID
//   numbers and household numbers are allocated as max + 1. Under READ COMMITTED alone two
//   writers could read the same last entry and fork the chain (or collide on seq). So every
//   write transaction first takes one transaction-scoped advisory lock
//   (pg_advisory_xact_lock), held until COMMIT/ROLLBACK: writers run one after another across
//   all huji processes on the database, exactly as SQLite's single writer, and each sees
//   everything committed before it (READ COMMITTED takes a fresh snapshot per statement, after
//   the lock was granted — REPEATABLE READ would keep the snapshot from before the wait).
//   Within one process writers first queue on a mutex, so waiting writers hold no pooled
//   connection that readers need. COMMIT returns once the WAL is flushed
//   (synchronous_commit = on).
// - Unlike SQLite, a failed statement aborts the whole PostgreSQL transaction: commit() then
//   reports "store.aborted" and nothing is written. The expected conflicts (a taken username,
//   a taken test slot) are detected with ON CONFLICT DO NOTHING, so they leave the transaction
//   usable, as in SQLite.
//
// Errors: a unique or other constraint violation → kConflict "store.constraint"; the server
// unreachable or the connection lost → kUnavailable "store.unavailable" naming host and port
// (a lost connection is closed, never returned to the pool); no connection or writer slot
// within the timeouts → kUnavailable "store.busy".

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "service/store.h"

namespace huji::store::postgres {

class Connection;
struct Endpoint;

class PgStore final : public service::Store {
 public:
  struct Options {
    int pool_size = 16;                                 // connections at most
    std::chrono::milliseconds acquire_timeout{10'000};  // wait for a free connection
    std::chrono::milliseconds writer_timeout{10'000};   // wait for the writers' lock
  };

  // Connects to `url` (postgresql://user@host:port/db, or any libpq connection string) and
  // migrates the schema.
  static core::Result<std::unique_ptr<PgStore>> open(const std::string& url);
  static core::Result<std::unique_ptr<PgStore>> open(const std::string& url,
                                                     const Options& options);
  ~PgStore() override;

  core::Result<std::unique_ptr<service::Transaction>> begin(service::TxMode mode) override;
  int schema_version() const override { return schema_version_; }
  // COPY FROM STDIN in batches, each one write transaction (pg_bulk_loader.cc).
  std::unique_ptr<service::BulkLoader> bulk_loader() override;

  // See store/open_store.h grant_app_role.
  core::Status grant_app_role(const std::string& role);

  // Returns a connection to the pool, rolling back what it left open; a broken connection is
  // closed instead.
  void release(std::unique_ptr<Connection> c);

 private:
  friend class PgBulkLoader;
  PgStore(std::string url, std::unique_ptr<Endpoint> at, const Options& options);
  struct Pooled;
  core::Result<Pooled> acquire();
  core::Status migrate(Connection& c);

  const std::string url_;
  const std::unique_ptr<Endpoint> at_;
  const Options options_;
  int schema_version_ = 0;
  std::mutex mu_;  // guards idle_ and open_
  std::condition_variable freed_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int open_ = 0;  // connections in idle_ or lent out
  // Held by this process's write transaction in progress (see above).
  std::timed_mutex writer_;
};

}  // namespace huji::store::postgres

#endif  // HUJI_STORE_POSTGRES_PG_STORE_H_
