#ifndef HUJI_SERVICE_REGISTER_REBUILD_H_
#define HUJI_SERVICE_REGISTER_REBUILD_H_

// `huji register rebuild`: proves that the persons and households projections equal a replay
// of the event log (domain/register/projector.h), and repairs them when they do not.

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "service/store.h"

namespace huji::service {

struct RebuildReport {
  int64_t events = 0;
  int64_t persons = 0;
  int64_t households = 0;
  std::vector<std::string> differences;  // empty when the projections equal the replay
};

// Replays the whole event log and compares the result with the stored projections; with
// `repair`, replaces the projections by the replay. The replay is kept in memory (about
// 1.6 GB per million persons), or — given `scratch`, an empty store of its own — in that
// store's persons and households, so that a register larger than memory (the national one:
// ~37 GB in memory) can be checked; the households' offices and door plates are copied into it
// as the replay needs them. At most 50 differences are listed.
core::Result<RebuildReport> rebuild_register(Store& store, bool repair, Store* scratch = nullptr);

}  // namespace huji::service

#endif  // HUJI_SERVICE_REGISTER_REBUILD_H_
