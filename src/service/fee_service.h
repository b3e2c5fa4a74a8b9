#ifndef HUJI_SERVICE_FEE_SERVICE_H_
#define HUJI_SERVICE_FEE_SERVICE_H_

// 規費表: the fee schedule's versions by effective date (domain/documents/fee_schedule.h):
// those of data/fees/schedule.txt (read at start) and those an admin stores through the API.
// A stored version is kept in the database (table fee_versions), so it survives a restart and
// every server on one database uses it; it takes precedence over the file's version of the
// same date. As with the statutory figures (rules_service.h), a version may only be stored to
// take effect after today: a charge already made today keeps the fee it was charged, and a
// quote given at the counter today stays the fee of today.
//
// Threading: request threads read the domain::SharedFeeSchedule without a lock; storing and
// refreshing replace it whole under this service's own mutex.

#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "domain/documents/fee_schedule.h"
#include "service/actor.h"
#include "service/store.h"

namespace huji::service {

struct FeeVersionView {
  domain::FeeVersion version;
  std::string origin;     // "file" (data/fees) or "database" (stored by an admin)
  std::string loaded_by;  // database versions only
  int64_t loaded_ms = 0;
  bool in_force = false;  // the version in force today (Taipei)
};

class FeeService {
 public:
  // `files`: what data/fees held at start; `shared` is set to it and the stored versions.
  FeeService(Store& store, const core::Clock& clock, domain::SharedFeeSchedule& shared,
             std::vector<domain::FeeVersion> files);

  // Reads the stored versions and puts them over the files' (at start, and to take in what
  // another server stored).
  core::Status refresh();

  // Stores the versions of `text` (one or more blocks), all or nothing: fees.file with the
  // line when a line is bad, fees.retroactive when one would take effect today or before.
  // Admins only (kManageRules: they load the statutory figures too); audited with the text's
  // sha256.
  core::Result<std::vector<FeeVersionView>> load(const Actor& actor, const RequestContext& ctx,
                                                 std::string_view text);

  // Every version, by date, with where it comes from (what this server holds now).
  std::vector<FeeVersionView> versions();
  // The same, after taking in what another server stored: staff who charge or load fees
  // (kRegister, kManageRules).
  core::Result<std::vector<FeeVersionView>> versions(const Actor& actor);

 private:
  void rebuild();  // the shared schedule from the files' versions and stored_ over them

  Store& store_;
  const core::Clock& clock_;
  domain::SharedFeeSchedule& shared_;
  const std::vector<domain::FeeVersion> files_;
  std::mutex mu_;                                    // guards stored_ and writes to shared_
  std::map<core::Date, FeeVersionRecord> stored_;    // by effective date
  std::map<core::Date, domain::FeeVersion> parsed_;  // stored_ parsed, same keys
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_FEE_SERVICE_H_
