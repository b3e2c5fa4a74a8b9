#ifndef HUJI_DOMAIN_QUEUE_WAIT_MODEL_H_
#define HUJI_DOMAIN_QUEUE_WAIT_MODEL_H_

// Wait estimates and crowd dispersion (候位時間預估與人潮分流, issue 20 item 4). No I/O.
//
// The model (docs/DOMAIN.md §6 "Wait estimates"):
//   1. Service times are learned from finished tickets (called → finished, done or no-show, so
//      a no-show's short hold counts as it holds a counter): per service a trimmed, weighted
//      mean and spread (today's tickets weigh more), shrunk towards the office-wide figure when
//      a service has few samples, and that towards a prior of 6 ± 3.6 min; per clerk a speed
//      factor (the shrunk geometric mean of their duration ÷ their service's mean).
//   2. The queue is played forward from now with the real rule, choose_next, over the counters
//      open now with their skills: each counter becomes free when its current ticket is
//      expected to end (at least a quarter of a service ahead), then calls what choose_next
//      picks, which brings the priority ratio, the cap, the overtaking bound and appointment
//      slots for free. Planned closures (lunch) hold a counter until they end. Priority and
//      appointment tickets that will arrive meanwhile — and go ahead of ordinary ones — are
//      added at the rate seen in the last hour.
//   3. A ticket's estimate is the time until the simulation calls it; its range is that ± z
//      standard deviations of the sum of the services before it on its counter (÷ the counters
//      that share its service), plus a margin, never below the time until its slot.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "domain/queue/queue.h"

namespace huji::domain::queue {

// A service time distribution in minutes.
struct ServiceTime {
  double mean_min = 0;
  double sd_min = 0;
  double samples = 0;  // weighted sample count behind it
};

struct HistoryOptions {
  double prior_mean_min = 6.0;  // before anything was observed
  double prior_cv = 0.6;
  double prior_weight = 5;      // samples' worth of the prior (service → office → prior)
  double clerk_weight = 10;     // samples' worth of "an average clerk"
  double today_weight = 2;      // a sample of today counts this many of an earlier day
  double max_service_min = 90;  // longer holds are forgotten finishes, not services
  int64_t rate_window_ms = int64_t{60} * 60'000;  // arrival rates of the last hour
};

// What the office learned from earlier tickets.
struct History {
  std::map<std::string, ServiceTime> services;
  ServiceTime office;                          // all services together
  std::map<std::string, double> clerk_factor;  // 1 = the clerk takes the usual time
  // Per service: priority and appointment arrivals per minute in the recent window (they go
  // ahead of ordinary tickets that are already waiting).
  std::map<std::string, double> priority_per_min;
  std::map<std::string, double> appointment_per_min;

  ServiceTime of(const std::string& service) const;
  double factor(const std::string& clerk) const;
};

// Learns from `tickets` (today's and earlier days', any status): finished ones give service
// times; today's arrivals before now give the rates. Deterministic.
History learn_history(const std::vector<Ticket>& tickets, int64_t now_ms,
                      const HistoryOptions& options = {});

// A planned closure of an open counter (lunch): it calls nobody from from_ms to to_ms.
struct Break {
  std::string counter;
  int64_t from_ms = 0;
  int64_t to_ms = 0;
};

// The queue as it stands at now_ms.
struct QueueState {
  std::vector<Ticket> waiting;    // status waiting
  std::vector<Ticket> serving;    // status called: at `counter`, since called_ms, by called_by
  std::vector<Counter> counters;  // those with open == false are left out
  std::vector<Break> breaks;
  // Counter id → the clerk who called there last today, for counters serving nobody now.
  std::map<std::string, std::string> clerks;
  int64_t arrivals_end_ms = 0;  // no tickets are issued after this (closing); 0: unknown
  Policy policy;
  CallState calls;
  int64_t now_ms = 0;
};

struct ModelOptions {
  double z = 1.4;                // standard deviations each side of the estimate
  double margin_min = 1.0;       // added to each side of the range
  double residual_share = 0.25;  // a busy counter's ticket has at least this share left
  bool future_arrivals = true;   // add the priority and appointment tickets still to come
  int64_t horizon_ms = int64_t{4} * 3'600'000;
  int max_future = 400;
};

struct WaitEstimate {
  int64_t ticket_id = 0;
  int position = 0;  // waiting tickets called before it
  double wait_min = 0;
  double low_min = 0;
  double high_min = 0;
  bool reachable = true;  // false: no open counter serves it (the wait is a guess)
};

// Counter id → the clerk of the latest call there among `tickets` (QueueState::clerks).
std::map<std::string, std::string> clerks_at_counters(const std::vector<Ticket>& tickets);

// The estimate of every waiting ticket of `state`, in the order of state.waiting.
std::vector<WaitEstimate> estimate_waits(const QueueState& state, const History& history,
                                         const ModelOptions& options = {});

// Crowd dispersion (人潮分流): per active service, the predicted wait of a ticket issued now
// (the last in line) against the target, and when it passes the target, what the supervisor
// can do: open a closed counter that serves it, or re-assign to it an open counter whose own
// services stay within the target without it.
struct Advice {
  std::string action;  // "open" | "reassign" | "none" (nothing to open or move)
  std::string counter;
  std::vector<std::string> from_services;  // the re-assigned counter's services until now
  double wait_after_min = 0;               // the service's predicted wait after the change
  std::string text_zh;
  std::string text_en;
};

struct ServiceLoad {
  std::string service;
  int waiting = 0;
  double last_wait_min = 0;  // the predicted wait of an ordinary ticket issued now
  int target_wait_min = 0;
  bool over_target = false;
  bool has_advice = false;
  Advice advice;
};

// `state.counters` are all counters, open and closed; `services` the office's services.
std::vector<ServiceLoad> advise(const QueueState& state, const std::vector<Service>& services,
                                const History& history, const ModelOptions& options = {});

// The naive estimate the model replaced, for comparison (bench/queue_replay): the tickets of
// the same service ahead × the office's mean service time ÷ the open counters serving it.
double naive_wait_min(const Ticket& ticket, const QueueState& state, double mean_service_min);

}  // namespace huji::domain::queue

#endif  // HUJI_DOMAIN_QUEUE_WAIT_MODEL_H_
