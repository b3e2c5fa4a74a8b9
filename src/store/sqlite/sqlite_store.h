#ifndef HUJI_STORE_SQLITE_SQLITE_STORE_H_
#define HUJI_STORE_SQLITE_SQLITE_STORE_H_

// The embedded SQLite implementation of service::Store: one database file in WAL mode, a pool
// of connections (readers run beside the single writer), migrations applied at open.

#include <atomic>
#include <condition_variable>
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
  // WAL readers take no lock a writer holds; pages come from the OS page cache or the disk.
  bool reads_are_local() const override { return true; }
  // Batches on the writer connection, with the writers' lock held (sqlite_bulk_loader.cc).
  std::unique_ptr<service::BulkLoader> bulk_loader() override;

  // Returns a connection to the pool (used by read transactions).
  void release(std::unique_ptr<Connection> c);
  // Closes the pooled read connections (the bulk loader leaves WAL only when no other
  // connection is open).
  void close_idle();

  // Group commit (used by write transactions). Each write transaction is a SAVEPOINT inside
  // a batch transaction on the one writer connection; the batch is committed — one fsync —
  // by the last writer of a wave, when no other writer is queued (or the batch is full).
  // A writer's commit returns only after its batch is durable, so an acknowledged write
  // survives kill -9 and power loss, while concurrent writers share the fsync.
  struct Batch;
  // Ends the calling writer's savepoint (released when `keep`, rolled back otherwise), hands
  // the batch on or commits it, releases the writer lock, and — when `keep` — waits until the
  // batch is durable. Returns the writer's outcome.
  core::Status end_write(std::unique_lock<std::timed_mutex>& lock,
                         const std::shared_ptr<Batch>& batch, bool keep);

 private:
  friend class SqliteBulkLoader;
  explicit SqliteStore(std::string path);
  core::Result<std::unique_ptr<Connection>> acquire();
  core::Status migrate(Connection& c);
  // Commits the open batch (REQUIRES: `lock` holds writer_ and a batch is open), releases the
  // lock and wakes the batch's writers.
  void commit_batch(std::unique_lock<std::timed_mutex>& lock);

  std::string path_;
  int schema_version_ = 0;
  std::mutex mu_;  // guards idle_
  std::vector<std::unique_ptr<Connection>> idle_;
  // Held by the one write transaction in progress; guards writer_conn_, batch_, batch_size_.
  // SQLite admits one writer at a time anyway; queueing on a mutex instead of SQLite's
  // sleeping busy handler keeps tail latency low.
  std::timed_mutex writer_;
  std::atomic<int> queued_writers_{0};
  std::unique_ptr<Connection> writer_conn_;
  std::shared_ptr<Batch> batch_;  // the open batch transaction, if any
  int batch_size_ = 0;
  std::mutex done_mu_;  // guards Batch::done and Batch::status
  std::condition_variable done_cv_;
};

}  // namespace huji::store::sqlite

#endif  // HUJI_STORE_SQLITE_SQLITE_STORE_H_
