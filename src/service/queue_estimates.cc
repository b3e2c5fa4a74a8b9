#include "service/queue_estimates.h"

#include "core/clock.h"
#include "service/queue_common.h"

namespace huji::service {

namespace q = domain::queue;
using core::Result;

Result<q::History> QueueEstimates::history(QueueTx& tx, const std::string& office, int64_t now_ms) {
  {
    std::lock_guard lock(mu_);
    auto it = cache_.find(office);
    if (it != cache_.end() && now_ms >= it->second.at_ms && now_ms - it->second.at_ms < kCacheMs) {
      return it->second.history;
    }
  }
  const core::Date today = core::taipei_date_of_ms(now_ms);
  std::vector<q::Ticket> tickets;
  for (int k = kHistoryDays; k >= 0; --k) {
    HUJI_ASSIGN_OR_RETURN(auto day, tx.tickets_of_day(office, today.add_days(-k), ""));
    tickets.insert(tickets.end(), std::make_move_iterator(day.begin()),
                   std::make_move_iterator(day.end()));
  }
  q::History h = q::learn_history(tickets, now_ms);
  std::lock_guard lock(mu_);
  cache_[office] = Cached{now_ms, h};
  return h;
}

Result<q::QueueState> QueueEstimates::state(QueueTx& tx, const std::string& office,
                                            std::vector<q::Ticket> waiting,
                                            std::vector<q::Counter> counters, int64_t now_ms) {
  const core::Date today = core::taipei_date_of_ms(now_ms);
  q::QueueState s;
  s.now_ms = now_ms;
  s.waiting = std::move(waiting);
  s.counters = std::move(counters);
  HUJI_ASSIGN_OR_RETURN(s.policy, queue_common::policy_of(tx, office));
  HUJI_ASSIGN_OR_RETURN(s.serving, tx.tickets_of_day(office, today, q::kCalled));
  // The latest calls give the priority streak and who works at which counter.
  HUJI_ASSIGN_OR_RETURN(auto latest, tx.latest_calls(office, today, 64));
  for (const auto& t : latest) {
    if (!t.priority) break;
    ++s.calls.priority_streak;
  }
  s.clerks = q::clerks_at_counters(latest);
  const int64_t closing = core::taipei_day_start_ms(today) + kClosingMsOfDay;
  if (now_ms < closing) s.arrivals_end_ms = closing;
  return s;
}

}  // namespace huji::service
