#ifndef HUJI_SERVICE_QUEUE_STATS_H_
#define HUJI_SERVICE_QUEUE_STATS_H_

// The lobby's statistics over a range of days (issue 20 item 6): recomputed from the tickets'
// history (queue_events) by domain/queue/queue_stats.h, against the office's target wait
// (policy target_wait_min / target_share_pct). Supervisors read them; admins may.

#include <optional>
#include <string>

#include "core/clock.h"
#include "core/date.h"
#include "core/result.h"
#include "domain/queue/queue_stats.h"
#include "service/actor.h"
#include "service/store.h"

namespace huji::service {

struct QueueStatsReport {
  std::string office;
  core::Date from;
  core::Date to;
  domain::queue::StatsOptions options;
  domain::queue::QueueStats stats;
};

class QueueStatsService {
 public:
  QueueStatsService(Store& store, const core::Clock& clock) : store_(store), clock_(clock) {}

  // The actor's office's statistics of the Taipei days from..to (at most 367 days; either
  // absent: today). An appointment counts as on time when first called within `punctual_min`
  // minutes (0–120) of its slot, or of its check-in when that was later.
  core::Result<QueueStatsReport> statistics(const Actor& actor, std::optional<core::Date> from,
                                            std::optional<core::Date> to, int punctual_min);

 private:
  Store& store_;
  const core::Clock& clock_;
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_QUEUE_STATS_H_
