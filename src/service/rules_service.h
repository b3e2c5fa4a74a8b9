#ifndef HUJI_SERVICE_RULES_SERVICE_H_
#define HUJI_SERVICE_RULES_SERVICE_H_

// 法規數值: the statutory figures the rules count with (domain/register/statutory_rules.h), as
// versions by effective date: those of data/rules/statutory.txt (read at start) and those an
// admin loads through the API. A loaded version is stored (table rule_versions), so it
// survives a restart and every server on one database uses it; it takes precedence over the
// file's version of the same date. A version may only be loaded to take effect today or later:
// a case is judged by the version in force on its date, and a case already decided keeps the
// figures it was decided with (an application stores its deadline and proposed fine).
// "Later" is strictly after today: a version taking effect today would change the figures of
// applications entered earlier today when they are reviewed.
//
// Threading: request threads read the domain::SharedRuleBook without a lock; loading and
// refreshing replace it whole under this service's own mutex.

#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "domain/register/statutory_rules.h"
#include "service/actor.h"
#include "service/store.h"

namespace huji::service {

struct RuleVersionView {
  domain::StatutoryRules rules;
  std::string source;     // "file" (data/rules) or "database" (loaded by an admin)
  std::string loaded_by;  // database versions only
  int64_t loaded_ms = 0;
  bool in_force = false;  // the version in force today (Taipei)
};

class RulesService {
 public:
  // `files`: what data/rules held at start; `shared` is set to it and the stored versions.
  RulesService(Store& store, const core::Clock& clock, domain::SharedRuleBook& shared,
               std::vector<domain::StatutoryRules> files);

  // Reads the stored versions and puts them over the files' (at start, and to take in what
  // another server loaded).
  core::Status refresh();

  // Loads the versions of `text` (one or more blocks), all or nothing: rules.file with the
  // line number when a line is bad, rules.retroactive when one would take effect today or
  // before.
  // Admins only; audited with the text's sha256.
  core::Result<std::vector<RuleVersionView>> load(const Actor& actor, const RequestContext& ctx,
                                                  std::string_view text);

  // Every version in force or to come, by date. Admins, and supervisors (who read the
  // targets the KPIs are measured against).
  core::Result<std::vector<RuleVersionView>> versions(const Actor& actor);

 private:
  core::Status rebuild();  // the shared book from the files' versions and stored_ over them

  Store& store_;
  const core::Clock& clock_;
  domain::SharedRuleBook& shared_;
  const std::vector<domain::StatutoryRules> files_;
  std::mutex mu_;                                        // guards stored_ and writes to shared_
  std::map<core::Date, RuleVersionRecord> stored_;       // by effective date
  std::map<core::Date, domain::StatutoryRules> parsed_;  // stored_ parsed, same keys
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_RULES_SERVICE_H_
