#ifndef HUJI_DOMAIN_QUEUE_QUEUE_STATS_H_
#define HUJI_DOMAIN_QUEUE_QUEUE_STATS_H_

// The lobby's statistics (issue 20 item 6): how long people waited and were served, per
// service, counter and clerk, against the office's target. No I/O.
//
// A ticket's measures (TicketFacts) come either from its row (facts_of_rows) or, recomputed,
// from its history of steps (facts_of_history); both give the same figures for a ticket
// called once, and the history is exact also when a ticket was recalled or returned:
//   wait          first call − arrival (arrived_ms: issued, or an appointment's check-in);
//   service time  finish − the call the finish followed (the latest call or recall);
//   counter/clerk those of the call the ticket was finished (or skipped) after;
//   service       the service it was served for (after a transfer, the new one).
// Percentiles are nearest-rank: of n values sorted, the p-th is the ⌈p·n/100⌉-th; the median
// is the 50th (the lower middle value when n is even).

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/queue/queue.h"

namespace huji::domain::queue {

// One step of a ticket's history, as the statistics need it (service/queue_records.h's
// QueueEvent with its detail read): kind issue | call | recall | no_show | return | transfer |
// finish | cancel.
struct Step {
  int64_t ticket_id = 0;
  std::string kind;
  std::string counter;
  std::string actor;
  int64_t at_ms = 0;
  std::string service;  // issue: the service; transfer: the service it moved to
};

struct TicketFacts {
  int64_t ticket_id = 0;
  std::string service;
  std::string counter;
  std::string clerk;
  std::string status;  // as the last step left it: waiting | called | done | no_show | cancelled
  bool appointment = false;
  int64_t arrived_ms = 0;
  int64_t ready_ms = 0;         // an appointment's slot (else arrived_ms)
  int64_t first_called_ms = 0;  // 0: never called
  int64_t served_from_ms = 0;   // the call the finish followed
  int64_t finished_ms = 0;      // 0: not finished
};

// From the tickets' rows. The row keeps the latest call only, so a recalled ticket's wait is
// taken to that call: exact for tickets called once.
std::vector<TicketFacts> facts_of_rows(const std::vector<Ticket>& tickets);

// Recomputed from the history: `steps` in the order they happened, of any tickets; the rows
// give what the history does not repeat (the slot, whether it is an appointment), and a
// ticket with no issue step in `steps` is left out.
std::vector<TicketFacts> facts_of_history(const std::vector<Ticket>& tickets,
                                          const std::vector<Step>& steps);

// Durations in milliseconds; nullopt when there is nothing to measure.
struct Spread {
  int count = 0;
  std::optional<int64_t> median_ms;
  std::optional<int64_t> p90_ms;
};

// The p-th percentile (nearest rank) of `values`, which it sorts; nullopt when empty.
std::optional<int64_t> percentile(std::vector<int64_t>& values, int p);
Spread spread_of(std::vector<int64_t> values);

struct GroupStats {
  std::string key;  // service code, counter id or clerk username
  Spread wait;
  Spread service_time;
  int called = 0;
  int within_target = 0;
  int no_shows = 0;
};

struct StatsOptions {
  int target_wait_min = 20;
  int target_share_pct = 80;
  int punctual_within_min = 5;  // an appointment is on time when called this soon after its slot
};

struct QueueStats {
  int issued = 0;     // tickets (cancelled included)
  int called = 0;     // called at least once
  int served = 0;     // finished
  int no_shows = 0;   // ended as no-shows
  int cancelled = 0;  // cancelled
  Spread wait;
  Spread service_time;
  int within_target = 0;                      // called within the target wait
  std::optional<double> within_target_share;  // of those called, 0–1
  bool target_met = false;                    // share ≥ target_share_pct (nothing called: false)
  std::optional<double> no_show_share;        // of those called
  int appointments_called = 0;
  int appointments_on_time = 0;  // first call ≤ max(slot, check-in) + punctual_within_min
  std::optional<double> appointments_on_time_share;
  std::array<int, 24> arrivals_by_hour{};  // Taipei hour of arrival
  std::vector<GroupStats> by_service;      // by key
  std::vector<GroupStats> by_counter;
  std::vector<GroupStats> by_clerk;
};

QueueStats compute_stats(const std::vector<TicketFacts>& facts, const StatsOptions& options);

}  // namespace huji::domain::queue

#endif  // HUJI_DOMAIN_QUEUE_QUEUE_STATS_H_
