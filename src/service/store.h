#ifndef HUJI_SERVICE_STORE_H_
#define HUJI_SERVICE_STORE_H_

// Storage interfaces owned by `service` (ARCHITECTURE.md "Storage"): a Store hands out
// Transactions (service/transaction.h) and, for `huji demo`, a BulkLoader. `store/sqlite` and
// `store/postgres` implement them; service code sees only these types.

#include <memory>

#include "core/result.h"
#include "service/transaction.h"

namespace huji::service {

enum class TxMode { kRead, kWrite };

// Writes a large generated register into an empty database (`huji demo`) by the backend's
// fastest path: rows go in batches, each batch one write transaction that holds the writers'
// lock (SQLite: prepared statements reused across batches; PostgreSQL: COPY FROM STDIN). Rows
// are inserted as given — no projection, no audit: the caller derives persons and households
// through domain::apply as a use case would, and must not put the same key twice.
//
// A batch starts at the first write after construction or commit(). Rows of a batch may be
// buffered until commit(); an error may thus surface at a later call or at commit() and then
// rolls back the whole batch. A door plate must be put before the households on it, an office
// before its villages, plates and households. Destroying the loader rolls back the batch in
// progress; earlier batches stay. REQUIRES: one thread; the store outlives the loader.
class BulkLoader {
 public:
  virtual ~BulkLoader() = default;
  virtual core::Status put_office(const domain::Office& office) = 0;
  virtual core::Status put_village(const domain::Village& village) = 0;
  virtual core::Status put_door_plate(const domain::DoorPlate& plate) = 0;
  virtual core::Status put_household(const domain::Household& household) = 0;
  virtual core::Status put_person(const domain::Person& person) = 0;
  virtual core::Status append_event(const domain::Event& event) = 0;  // seq in call order
  // Ends the batch: returns once everything written since the last commit is durable.
  virtual core::Status commit() = 0;
  // Into an empty database, before the first row: drops the secondary indexes of the loaded
  // tables, to be built once by finish() instead of kept up to date row by row (much faster
  // at national scale). Until finish() the database answers queries slowly but correctly;
  // a loader destroyed before finish() rebuilds them itself.
  virtual core::Status defer_indexes() { return {}; }
  // Commits the last batch and builds the deferred indexes (durably).
  virtual core::Status finish() { return commit(); }
};

class Store {
 public:
  virtual ~Store() = default;
  // A write transaction waits for other writers (busy timeout) and fails kUnavailable after.
  virtual core::Result<std::unique_ptr<Transaction>> begin(TxMode mode) = 0;
  virtual int schema_version() const = 0;
  // The backend's bulk path, or nullptr when it has none (callers then write through
  // begin(TxMode::kWrite) transactions).
  virtual std::unique_ptr<BulkLoader> bulk_loader() { return nullptr; }
  // True when a read transaction never waits on anything but local memory and files (an
  // embedded engine): such reads may run on a server's I/O threads. False when each read is a
  // round trip to a database server, which would hold an I/O thread while it waits.
  virtual bool reads_are_local() const { return false; }
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_STORE_H_
