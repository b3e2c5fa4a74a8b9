#include "domain/queue/queue_stats.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "core/clock.h"

namespace huji::domain::queue {

namespace {

constexpr int64_t kMinuteMs = 60'000;
constexpr int64_t kHourMs = 3'600'000;

bool is_appointment(const Ticket& t) { return t.appointment_id != 0 || t.source == "appointment"; }

// The durations of one group, before they are reduced to spreads.
struct Tally {
  std::vector<int64_t> waits;
  std::vector<int64_t> service_times;
  int within_target = 0;
  int no_shows = 0;
};

std::vector<GroupStats> reduce(std::map<std::string, Tally>& tallies) {
  std::vector<GroupStats> out;
  out.reserve(tallies.size());
  for (auto& [key, t] : tallies) {
    GroupStats g;
    g.key = key;
    g.called = static_cast<int>(t.waits.size());
    g.within_target = t.within_target;
    g.no_shows = t.no_shows;
    g.wait = spread_of(std::move(t.waits));
    g.service_time = spread_of(std::move(t.service_times));
    out.push_back(std::move(g));
  }
  return out;
}

std::optional<double> share(int part, int whole) {
  if (whole == 0) return std::nullopt;
  return static_cast<double>(part) / whole;
}

}  // namespace

std::vector<TicketFacts> facts_of_rows(const std::vector<Ticket>& tickets) {
  std::vector<TicketFacts> out;
  out.reserve(tickets.size());
  for (const auto& t : tickets) {
    TicketFacts f;
    f.ticket_id = t.id;
    f.service = t.service;
    f.counter = t.counter;
    f.clerk = t.called_by;
    f.status = t.status;
    f.appointment = is_appointment(t);
    f.arrived_ms = t.arrived_ms;
    f.ready_ms = t.ready_ms;
    if (t.calls > 0) {
      f.first_called_ms = t.called_ms;
      f.served_from_ms = t.called_ms;
    }
    f.finished_ms = t.status == kDone ? t.finished_ms : 0;
    out.push_back(std::move(f));
  }
  return out;
}

std::vector<TicketFacts> facts_of_history(const std::vector<Ticket>& tickets,
                                          const std::vector<Step>& steps) {
  std::unordered_map<int64_t, TicketFacts> by_id;
  std::unordered_map<int64_t, int64_t> last_call;
  for (const auto& s : steps) {
    if (s.kind == "issue") {
      TicketFacts f;
      f.ticket_id = s.ticket_id;
      f.service = s.service;
      f.status = kWaiting;
      f.arrived_ms = s.at_ms;
      f.ready_ms = s.at_ms;
      by_id[s.ticket_id] = std::move(f);
      continue;
    }
    auto it = by_id.find(s.ticket_id);
    if (it == by_id.end()) continue;
    TicketFacts& f = it->second;
    if (s.kind == "call" || s.kind == "recall") {
      if (f.first_called_ms == 0) f.first_called_ms = s.at_ms;
      last_call[s.ticket_id] = s.at_ms;
      f.counter = s.counter;
      f.clerk = s.actor;
      f.status = kCalled;
    } else if (s.kind == "finish") {
      f.status = kDone;
      f.finished_ms = s.at_ms;
      f.served_from_ms = last_call[s.ticket_id];
    } else if (s.kind == "no_show") {
      f.status = kNoShow;
    } else if (s.kind == "return") {
      f.status = kWaiting;
    } else if (s.kind == "transfer") {
      f.service = s.service;
      f.status = kWaiting;
    } else if (s.kind == "cancel") {
      f.status = kCancelled;
    }
  }
  std::vector<TicketFacts> out;
  out.reserve(tickets.size());
  for (const auto& t : tickets) {
    auto it = by_id.find(t.id);
    if (it == by_id.end()) continue;
    TicketFacts f = std::move(it->second);
    f.appointment = is_appointment(t);
    f.ready_ms = std::max(t.ready_ms, f.arrived_ms);
    if (f.finished_ms == 0) f.served_from_ms = last_call[t.id];
    out.push_back(std::move(f));
  }
  return out;
}

std::optional<int64_t> percentile(std::vector<int64_t>& values, int p) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  size_t rank = (static_cast<size_t>(p) * n + 99) / 100;  // ⌈p·n/100⌉
  rank = std::clamp<size_t>(rank, 1, n);
  return values[rank - 1];
}

Spread spread_of(std::vector<int64_t> values) {
  Spread s;
  s.count = static_cast<int>(values.size());
  s.median_ms = percentile(values, 50);
  s.p90_ms = percentile(values, 90);
  return s;
}

QueueStats compute_stats(const std::vector<TicketFacts>& facts, const StatsOptions& options) {
  QueueStats st;
  const int64_t target_ms = options.target_wait_min * kMinuteMs;
  Tally all;
  std::map<std::string, Tally> services;
  std::map<std::string, Tally> counters;
  std::map<std::string, Tally> clerks;
  for (const auto& f : facts) {
    ++st.issued;
    if (f.status == kCancelled) ++st.cancelled;
    const int64_t local = f.arrived_ms + core::kTaipeiOffsetMs;
    const int64_t in_day = ((local % core::kDayMs) + core::kDayMs) % core::kDayMs;
    ++st.arrivals_by_hour.at(static_cast<size_t>(in_day / kHourMs));
    if (f.first_called_ms == 0) continue;
    std::vector<Tally*> groups = {&all, &services[f.service]};
    if (!f.counter.empty()) groups.push_back(&counters[f.counter]);
    if (!f.clerk.empty()) groups.push_back(&clerks[f.clerk]);
    const int64_t wait = f.first_called_ms - f.arrived_ms;
    const bool within = wait <= target_ms;
    const bool no_show = f.status == kNoShow;
    const bool finished = f.finished_ms != 0 && f.served_from_ms != 0;
    for (Tally* g : groups) {
      g->waits.push_back(wait);
      if (within) ++g->within_target;
      if (no_show) ++g->no_shows;
      if (finished) g->service_times.push_back(f.finished_ms - f.served_from_ms);
    }
    if (finished) ++st.served;
    if (f.appointment) {
      ++st.appointments_called;
      const int64_t due =
          std::max(f.ready_ms, f.arrived_ms) + options.punctual_within_min * kMinuteMs;
      if (f.first_called_ms <= due) ++st.appointments_on_time;
    }
  }
  st.called = static_cast<int>(all.waits.size());
  st.within_target = all.within_target;
  st.no_shows = all.no_shows;
  st.wait = spread_of(std::move(all.waits));
  st.service_time = spread_of(std::move(all.service_times));
  st.within_target_share = share(st.within_target, st.called);
  st.target_met =
      st.within_target_share && *st.within_target_share * 100.0 >= options.target_share_pct;
  st.no_show_share = share(st.no_shows, st.called);
  st.appointments_on_time_share = share(st.appointments_on_time, st.appointments_called);
  st.by_service = reduce(services);
  st.by_counter = reduce(counters);
  st.by_clerk = reduce(clerks);
  return st;
}

}  // namespace huji::domain::queue
