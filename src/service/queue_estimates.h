#ifndef HUJI_SERVICE_QUEUE_ESTIMATES_H_
#define HUJI_SERVICE_QUEUE_ESTIMATES_H_

// What the wait model (domain/queue/wait_model.h) needs of an office, read through QueueTx:
// the service times and arrival rates learned from the tickets of today and the last
// kHistoryDays days, cached per office for kCacheMs so that issuing a ticket reads them at
// most once a minute, and the queue's state now (waiting and served tickets, counters, policy,
// the priority streak, the clerk at each counter).
//
// Thread-safe: the cache is guarded by its own mutex, held only to look up or store an entry
// (two requests that find it stale may both read the history; the later one is kept).

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "core/result.h"
#include "domain/queue/wait_model.h"
#include "service/transaction.h"

namespace huji::service {

class QueueEstimates {
 public:
  static constexpr int kHistoryDays = 7;
  static constexpr int64_t kCacheMs = 60'000;
  // Tickets are not expected after 17:00 Taipei time (the estimate adds no later arrivals)
  // until the office's opening hours are configured.
  static constexpr int64_t kClosingMsOfDay = int64_t{17} * 3'600'000;

  // The office's learned history (cached).
  core::Result<domain::queue::History> history(QueueTx& tx, const std::string& office,
                                               int64_t now_ms);

  // The queue of `office` today at now_ms with these waiting tickets and counters.
  core::Result<domain::queue::QueueState> state(QueueTx& tx, const std::string& office,
                                                std::vector<domain::queue::Ticket> waiting,
                                                std::vector<domain::queue::Counter> counters,
                                                int64_t now_ms);

 private:
  struct Cached {
    int64_t at_ms = 0;
    domain::queue::History history;
  };
  std::mutex mu_;
  std::map<std::string, Cached> cache_;
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_QUEUE_ESTIMATES_H_
