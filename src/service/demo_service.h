#ifndef HUJI_SERVICE_DEMO_SERVICE_H_
#define HUJI_SERVICE_DEMO_SERVICE_H_

// Fills an empty database with a demo office — or, with DemoScope::kNational, every office of
// the country — its geography, a synthetic population with event histories
// (demo/population.h), and one staff user per role, bound to the demo office 63000080.
//
// The population is streamed from the generator into the store's BulkLoader (store.h) and
// committed every DemoOptions::batch_households households, so memory stays bounded whatever
// the size: 23.5 million persons load as ~180 transactions of 50,000 households. The generator
// and the conversion entries run on a thread of their own and hand the rows over in chunks of
// about 1,000 households (at most four queued), while the calling thread writes them: on two
// cores neither waits for the other. The staff and the audit entry follow in one last write
// transaction.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "demo/population.h"
#include "service/store.h"

namespace huji::service {

struct DemoLogin {
  std::string username;
  std::string password;
  domain::Role role;
};

struct DemoSummary {
  std::string office_code;  // the staff's office: the demo office
  std::string office_name;
  int64_t offices = 0;
  int64_t villages = 0;
  int64_t persons = 0;
  int64_t households = 0;
  int64_t events = 0;
  int64_t door_plates = 0;
  int64_t batches = 0;  // transactions of the bulk load
  std::vector<DemoLogin> logins;
  std::string sample_person_id;  // an active person to try a lookup with

  // Rows written to the register's tables.
  int64_t rows() const { return offices + villages + persons + households + events + door_plates; }
};

struct DemoOptions {
  int64_t batch_households = 50'000;  // households per transaction (at least 1)
  // Called after every household with the number of persons written so far (out of
  // spec.persons); the caller throttles its display.
  std::function<void(int64_t persons_done)> progress;
  // Called once every row is written, before the indexes deferred by the bulk path are built
  // (minutes at national scale, with no progress of its own).
  std::function<void()> indexing;
};

// The demo staff and their passwords (documented in the README; demo databases only).
const std::vector<DemoLogin>& demo_logins();

// Refuses (demo.not_empty, 409) when the database already holds persons or demo staff. On a
// failure half-way, the batches committed so far stay: delete the database and start again.
core::Result<DemoSummary> load_demo(Store& store, const core::Clock& clock,
                                    const demo::DemoSpec& spec, const DemoOptions& options = {});

}  // namespace huji::service

#endif  // HUJI_SERVICE_DEMO_SERVICE_H_
