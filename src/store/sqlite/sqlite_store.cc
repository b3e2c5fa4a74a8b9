#include "store/sqlite/sqlite_store.h"

#include <chrono>

#include "store/migrations/migrations.h"
#include "store/sql/transaction.h"
#include "store/sqlite/sqlite_db.h"

namespace huji::store::sqlite {

using core::Error;
using core::ErrorKind;
using core::Result;
using core::Status;

namespace {

// What a SQLite transaction does itself: its connection, its end, and the writers' batch; the
// reads and writes are store/sql's.
class SqliteCore : public service::Transaction {
 public:
  using Statement = sqlite::Statement;

  // A read transaction on a pooled connection.
  SqliteCore(SqliteStore* store, std::unique_ptr<Connection> c)
      : store_(store), owned_(std::move(c)), c_(owned_.get()) {}
  // A write transaction: a savepoint in the open batch on the writer connection.
  SqliteCore(SqliteStore* store, Connection* writer_conn, std::unique_lock<std::timed_mutex> writer,
             std::shared_ptr<SqliteStore::Batch> batch)
      : store_(store), c_(writer_conn), writer_(std::move(writer)), batch_(std::move(batch)) {}

  ~SqliteCore() override {
    if (batch_) {
      if (!done_) (void)store_->end_write(writer_, batch_, false);
      return;
    }
    if (!done_) (void)c_->exec("ROLLBACK");
    store_->release(std::move(owned_));
  }

  Status commit() override {
    if (done_) return sql::corrupt("commit after end of transaction");
    done_ = true;
    if (batch_) return store_->end_write(writer_, batch_, true);
    Status s = c_->exec("COMMIT");
    if (!s.ok()) (void)c_->exec("ROLLBACK");
    return s;
  }

  Result<Statement> prep(const std::string& sql) { return c_->prepare(sql); }

 private:
  SqliteStore* store_;
  std::unique_ptr<Connection> owned_;  // read transactions: the pooled connection
  Connection* c_;
  std::unique_lock<std::timed_mutex> writer_;  // write transactions only
  std::shared_ptr<SqliteStore::Batch> batch_;  // write transactions only
  bool done_ = false;
};

class SqliteTransaction final : public sql::Transaction<SqliteCore> {
  using Rows = sql::Transaction<SqliteCore>;

 public:
  using Rows::Rows;
};

}  // namespace

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path) {
  std::unique_ptr<SqliteStore> store(new SqliteStore(path));
  HUJI_ASSIGN_OR_RETURN(auto c, Connection::open(path));
  HUJI_TRY(store->migrate(*c));
  store->release(std::move(c));
  return store;
}

SqliteStore::SqliteStore(std::string path) : path_(std::move(path)) {}
SqliteStore::~SqliteStore() = default;

Status SqliteStore::migrate(Connection& c) {
  HUJI_TRY(
      c.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
             "name TEXT NOT NULL, applied_ms INTEGER NOT NULL)"));
  HUJI_ASSIGN_OR_RETURN(const int current, applied_version(c));
  const auto& all = sqlite_migrations();
  int newest = all.empty() ? 0 : all.back().version;
  if (current > newest) return schema_too_new();
  for (const Migration& m : all) {
    if (m.version <= current) continue;
    HUJI_TRY(c.exec("BEGIN IMMEDIATE"));
    Status s = c.exec(m.sql);
    if (s.ok()) {
      auto st = c.prepare(
          "INSERT INTO schema_migrations (version, name, applied_ms) "
          "VALUES ($1, $2, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))");
      if (!st.ok()) {
        s = std::move(st).take_error();
      } else {
        s = st->bind(1, m.version).bind(2, m.name).run();
      }
    }
    if (s.ok()) s = c.exec("COMMIT");
    if (!s.ok()) {
      (void)c.exec("ROLLBACK");
      return s;
    }
  }
  schema_version_ = newest;
  return {};
}

Result<std::unique_ptr<Connection>> SqliteStore::acquire() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      return c;
    }
  }
  return Connection::open(path_);
}

void SqliteStore::release(std::unique_ptr<Connection> c) {
  std::lock_guard<std::mutex> lock(mu_);
  idle_.push_back(std::move(c));
}

void SqliteStore::close_idle() {
  std::lock_guard<std::mutex> lock(mu_);
  idle_.clear();
}

struct SqliteStore::Batch {
  bool done = false;
  Status status;
};

namespace {
constexpr int kMaxBatch = 256;  // writers per fsync at most
}  // namespace

Result<std::unique_ptr<service::Transaction>> SqliteStore::begin(service::TxMode mode) {
  if (mode == service::TxMode::kRead) {
    HUJI_ASSIGN_OR_RETURN(auto c, acquire());
    Status s = c->exec("BEGIN");
    if (!s.ok()) {
      release(std::move(c));
      return std::move(s).take_error();
    }
    return std::unique_ptr<service::Transaction>(new SqliteTransaction(this, std::move(c)));
  }
  ++queued_writers_;
  std::unique_lock<std::timed_mutex> lock(writer_, std::defer_lock);
  const bool got = lock.try_lock_for(std::chrono::seconds(10));
  --queued_writers_;
  if (!got) {
    return Error::unavailable("store.busy", "資料庫忙碌中，請稍後再試",
                              "the database is busy, try again");
  }
  if (!writer_conn_) {
    HUJI_ASSIGN_OR_RETURN(writer_conn_, Connection::open(path_));
  }
  if (!batch_) {
    // IMMEDIATE takes SQLite's write lock up front: no writer fails half-way on an upgrade.
    HUJI_TRY(writer_conn_->exec("BEGIN IMMEDIATE"));
    batch_ = std::make_shared<Batch>();
    batch_size_ = 0;
  }
  auto batch = batch_;
  ++batch_size_;
  Status s = writer_conn_->exec("SAVEPOINT huji_write");
  if (!s.ok()) {
    (void)end_write(lock, batch, false);
    return std::move(s).take_error();
  }
  return std::unique_ptr<service::Transaction>(
      new SqliteTransaction(this, writer_conn_.get(), std::move(lock), std::move(batch)));
}

void SqliteStore::commit_batch(std::unique_lock<std::timed_mutex>& lock) {
  auto batch = std::move(batch_);
  Status committed = writer_conn_->exec("COMMIT");
  if (!committed.ok()) (void)writer_conn_->exec("ROLLBACK");
  batch_size_ = 0;
  lock.unlock();
  {
    std::lock_guard<std::mutex> g(done_mu_);
    batch->done = true;
    batch->status = std::move(committed);
  }
  done_cv_.notify_all();
}

Status SqliteStore::end_write(std::unique_lock<std::timed_mutex>& lock,
                              const std::shared_ptr<Batch>& batch, bool keep) {
  Status mine;
  if (keep) {
    mine = writer_conn_->exec("RELEASE huji_write");
    if (!mine.ok()) keep = false;
  }
  if (!keep) {
    (void)writer_conn_->exec("ROLLBACK TO huji_write");
    (void)writer_conn_->exec("RELEASE huji_write");
  }
  if (queued_writers_.load() == 0 || batch_size_ >= kMaxBatch) {
    commit_batch(lock);  // the last writer of the wave makes the whole batch durable
  } else {
    lock.unlock();  // a queued writer continues this batch and commits it
  }
  if (!keep) return mine;
  std::unique_lock<std::mutex> g(done_mu_);
  while (!batch->done) {
    if (done_cv_.wait_for(g, std::chrono::milliseconds(20), [&] { return batch->done; })) break;
    // The writer we handed the batch to has not come (it may have given up waiting): commit
    // the batch ourselves if it is still open, so that no acknowledged writer waits forever.
    g.unlock();
    std::unique_lock<std::timed_mutex> l2(writer_, std::try_to_lock);
    if (l2.owns_lock() && batch_ == batch) commit_batch(l2);
    g.lock();
  }
  if (!batch->status.ok()) return batch->status;
  return mine;
}

}  // namespace huji::store::sqlite
