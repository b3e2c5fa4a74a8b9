#ifndef HUJI_DEMO_QUEUE_REPLAY_H_
#define HUJI_DEMO_QUEUE_REPLAY_H_

// Simulated office days for judging wait estimates (issue 20 item 4; bench/queue_replay and
// the regression test domain/queue/wait_model_replay_test): 8 counters with the default
// skills, about 600 tickets a day with 20 % priority, 15 % appointments (checked in around
// their slot), 5 % no-shows, staggered lunch closures and arrival surges, served by the real
// choose_next with log-normal service times per service and clerk. Every ticket is quoted
// when it is issued by the naive rule and by the model, each fed only with what the system
// knows then (the queue, the counters, the finished tickets of today and earlier days), and
// the quote is kept beside the wait that followed. Seeded: a seed gives the same days.

#include <cstdint>
#include <string>
#include <vector>

#include "domain/queue/wait_model.h"

namespace huji::demo {

struct ReplayOptions {
  int days = 200;
  uint64_t seed = 20;
  int tickets_per_day = 600;
  double priority_share = 0.20;
  double appointment_share = 0.15;
  double no_show_share = 0.05;
  bool lunch = true;     // counters 2 and 3 close 12:00–13:00, 1 and 5 13:00–14:00
  bool surges = true;    // two bursts a day at 2.5 × the usual rate for 20 minutes
  int history_days = 7;  // earlier days the model learns from
  int64_t refit_ms = int64_t{5} * 60'000;  // the service's statistics cache, in simulated time
  domain::queue::HistoryOptions history;
  domain::queue::ModelOptions model;
};

// One ticket's quotes at issue and what happened.
struct Quote {
  std::string service;
  bool priority = false;
  bool appointment = false;
  double actual_min = 0;  // from issue (check-in) to the first call
  double naive_min = 0;
  double model_min = 0;  // counters' lunch closures known to the model
  double low_min = 0;
  double high_min = 0;
  double blind_min = 0;  // the model without the closures (only the counters open now)
  double blind_low_min = 0;
  double blind_high_min = 0;
};

std::vector<Quote> replay(const ReplayOptions& options);

struct Scores {
  int tickets = 0;
  double mae_min = 0;
  double p90_min = 0;        // 90th percentile of the absolute error
  double late_share = 0;     // waited over 5 minutes beyond the quote
  double coverage = 0;       // the actual wait within the range
  double squared_error = 0;  // mean
};

// Quotes as the lobby shows them: whole minutes (the value rounded, the range floor…ceil).
// The naive method's range is ±50 %.
enum class Method { kNaive, kModel, kBlind };
Scores score(const std::vector<Quote>& quotes, Method method);

}  // namespace huji::demo

#endif  // HUJI_DEMO_QUEUE_REPLAY_H_
