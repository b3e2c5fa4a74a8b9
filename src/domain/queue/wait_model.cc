#include "domain/queue/wait_model.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <numbers>
#include <set>
#include <string_view>
#include <utility>

#include "core/clock.h"

namespace huji::domain::queue {

namespace {

constexpr double kMinuteMs = 60'000.0;
constexpr double kShortestServiceMin = 0.1;

struct Sample {
  double minutes = 0;
  double weight = 1;
};

// Weighted mean and spread of `xs` without the holds over four times the weighted median
// (forgotten finishes, a clerk called away).
ServiceTime moments(std::vector<Sample> xs) {
  ServiceTime out;
  if (xs.empty()) return out;
  std::sort(xs.begin(), xs.end(),
            [](const Sample& a, const Sample& b) { return a.minutes < b.minutes; });
  double total = 0;
  for (const auto& x : xs) total += x.weight;
  double acc = 0;
  double median = xs.back().minutes;
  for (const auto& x : xs) {
    acc += x.weight;
    if (acc >= total / 2) {
      median = x.minutes;
      break;
    }
  }
  double w = 0, sum = 0, sq = 0;
  for (const auto& x : xs) {
    if (median > 0 && x.minutes > 4 * median) continue;
    w += x.weight;
    sum += x.weight * x.minutes;
    sq += x.weight * x.minutes * x.minutes;
  }
  if (w <= 0) return out;
  out.samples = w;
  out.mean_min = sum / w;
  out.sd_min = std::sqrt(std::max(sq / w - out.mean_min * out.mean_min, 0.0));
  return out;
}

// `raw` pulled towards `prior` as if the prior were `weight` samples.
ServiceTime shrink(const ServiceTime& raw, const ServiceTime& prior, double weight) {
  const double n = raw.samples;
  ServiceTime out;
  out.samples = n;
  out.mean_min = (n * raw.mean_min + weight * prior.mean_min) / (n + weight);
  const double var =
      (n * raw.sd_min * raw.sd_min + weight * prior.sd_min * prior.sd_min) / (n + weight);
  out.sd_min = std::sqrt(var);
  return out;
}

bool served_by_any(const std::vector<Counter>& counters, const std::string& service) {
  return std::any_of(counters.begin(), counters.end(),
                     [&](const Counter& c) { return serves(c, service); });
}

int counters_serving(const std::vector<Counter>& counters, const std::string& service) {
  return static_cast<int>(std::count_if(counters.begin(), counters.end(),
                                        [&](const Counter& c) { return serves(c, service); }));
}

double until_ready_min(const Ticket& t, int64_t now_ms) {
  return std::max<double>(static_cast<double>(t.ready_ms - now_ms), 0.0) / kMinuteMs;
}

// Tickets that will arrive while the queue is played forward and go ahead of ordinary ones:
// evenly spaced at the recent rate of each service an open counter serves.
void add_future_arrivals(std::vector<Ticket>& tickets, const std::vector<Counter>& open,
                         const History& history, const ModelOptions& options, int64_t now_ms,
                         int64_t end_ms) {
  int64_t next_id = -1;
  int added = 0;
  auto add = [&](const std::map<std::string, double>& rates, bool appointment) {
    for (const auto& [service, per_min] : rates) {
      if (per_min <= 0 || !served_by_any(open, service)) continue;
      const double gap_ms = kMinuteMs / per_min;
      auto horizon = static_cast<double>(options.horizon_ms);
      if (end_ms > 0) horizon = std::min(horizon, static_cast<double>(end_ms - now_ms));
      for (double at = gap_ms / 2; at < horizon; at += gap_ms) {
        if (added >= options.max_future) return;
        Ticket t;
        t.id = next_id--;
        t.service = service;
        t.issued_service = service;
        t.priority = !appointment;
        t.appointment_id = appointment ? -1 : 0;
        t.arrived_ms = now_ms + static_cast<int64_t>(at);
        t.ready_ms = t.arrived_ms;
        tickets.push_back(std::move(t));
        ++added;
      }
    }
  };
  add(history.appointment_per_min, true);
  add(history.priority_per_min, false);
}

// The expected time still to go of a service that has run `elapsed` minutes, its times
// log-normal with this mean and spread: E[X − e | X > e], longer than mean − e.
double expected_left(const ServiceTime& s, double mean, double elapsed, double floor_share) {
  const double floor = floor_share * mean;
  if (elapsed <= 0) return mean;
  const double cv = mean > 0 ? s.sd_min / std::max(s.mean_min, kShortestServiceMin) : 0;
  if (cv <= 0) return std::max(mean - elapsed, floor);
  const double sigma = std::sqrt(std::log(1 + cv * cv));
  const double mu = std::log(mean) - sigma * sigma / 2;
  const double z = (std::log(elapsed) - mu) / sigma;
  const double beyond = 0.5 * std::erfc(z / std::numbers::sqrt2);
  if (beyond < 1e-9) return floor;
  const double partial = mean * 0.5 * std::erfc((z - sigma) / std::numbers::sqrt2);
  return std::max(partial / beyond - elapsed, floor);
}

struct SimCounter {
  const Counter* counter = nullptr;
  int64_t free_at = 0;
  double var = 0;  // of free_at, minutes²
  double factor = 1;
  bool active = true;
};

// Plays the queue forward from state.now_ms over `open` counters (see the header); the
// estimates of state.waiting, then of `extra` (tickets joining now), in that order.
std::vector<WaitEstimate> simulate(const QueueState& state, const std::vector<Counter>& open,
                                   const History& history, const ModelOptions& options,
                                   const std::vector<Ticket>& extra = {}) {
  const int64_t now = state.now_ms;
  std::vector<Ticket> tickets = state.waiting;
  tickets.insert(tickets.end(), extra.begin(), extra.end());
  const size_t real = tickets.size();
  std::vector<WaitEstimate> out(real);
  std::vector<double> sd(real, 0);
  std::vector<bool> reached(real, false);
  int remaining = 0;
  for (size_t i = 0; i < real; ++i) {
    out[i].ticket_id = tickets[i].id;
    if (served_by_any(open, tickets[i].service)) ++remaining;
  }
  if (options.future_arrivals)
    add_future_arrivals(tickets, open, history, options, now, state.arrivals_end_ms);

  std::vector<SimCounter> counters;
  counters.reserve(open.size());
  for (const auto& c : open) {
    SimCounter sc;
    sc.counter = &c;
    sc.free_at = now;
    if (auto it = state.clerks.find(c.id); it != state.clerks.end()) {
      sc.factor = history.factor(it->second);
    }
    for (const auto& t : state.serving) {
      if (t.counter != c.id) continue;
      sc.factor = history.factor(t.called_by);
      const ServiceTime s = history.of(t.service);
      const double mean = std::max(s.mean_min * sc.factor, kShortestServiceMin);
      const double elapsed = static_cast<double>(now - t.called_ms) / kMinuteMs;
      const double left = expected_left(s, mean, elapsed, options.residual_share);
      sc.free_at = now + static_cast<int64_t>(left * kMinuteMs);
      const double s_sd = s.sd_min * sc.factor;
      sc.var = s_sd * s_sd * std::min(1.0, left / mean);
    }
    counters.push_back(sc);
  }

  auto break_end = [&](const std::string& id, int64_t at) -> int64_t {
    for (const auto& b : state.breaks) {
      if (b.counter == id && at >= b.from_ms && at < b.to_ms) return b.to_ms;
    }
    return 0;
  };

  CallState calls = state.calls;
  int called_real = 0;
  while (remaining > 0) {
    SimCounter* c = nullptr;
    for (auto& x : counters) {
      if (x.active && (!c || x.free_at < c->free_at)) c = &x;
    }
    if (!c) break;
    const int64_t at = c->free_at;
    if (const int64_t end = break_end(c->counter->id, at)) {
      c->free_at = end;
      continue;
    }
    const auto choice = choose_next(tickets, *c->counter, state.policy, calls, at);
    if (!choice) {
      int64_t next = std::numeric_limits<int64_t>::max();
      for (const auto& t : tickets) {
        if (t.status == kWaiting && t.ready_ms > at && serves(*c->counter, t.service)) {
          next = std::min(next, t.ready_ms);
        }
      }
      if (next == std::numeric_limits<int64_t>::max()) {
        c->active = false;
      } else {
        c->free_at = next;
      }
      continue;
    }
    const size_t i = choice->index;
    tickets[i].called_ms = at;
    for (size_t j : overtaken_by(tickets, tickets[i], *c->counter)) ++tickets[j].overtaken;
    calls = after_call(calls, tickets[i].priority);
    tickets[i].status = kCalled;
    const ServiceTime s = history.of(tickets[i].service);
    const double mean = std::max(s.mean_min * c->factor, kShortestServiceMin);
    const double s_sd = s.sd_min * c->factor;
    if (i < real) {
      out[i].wait_min = static_cast<double>(at - now) / kMinuteMs;
      out[i].position = called_real++;
      const int sharing = std::max(counters_serving(open, tickets[i].service), 1);
      sd[i] = std::sqrt(c->var / sharing);
      reached[i] = true;
      --remaining;
      c->var += s_sd * s_sd;
    } else {
      // A ticket that may or may not come: its whole service is uncertain.
      c->var += s_sd * s_sd + mean * mean;
    }
    c->free_at = at + static_cast<int64_t>(mean * kMinuteMs);
  }

  for (size_t i = 0; i < real; ++i) {
    const Ticket& t = tickets[i];
    const double ready = until_ready_min(t, now);
    if (!reached[i]) {
      // Nobody open serves it: as if one counter opened for its service now.
      int ahead = 0;
      for (size_t j = 0; j < real; ++j) {
        if (j != i && tickets[j].service == t.service && tickets[j].arrived_ms <= t.arrived_ms) {
          ++ahead;
        }
      }
      const double wait = std::max(ahead * history.of(t.service).mean_min, ready);
      out[i].position = ahead;
      out[i].wait_min = wait;
      out[i].low_min = ready;
      out[i].high_min = 2 * wait + 10;
      out[i].reachable = false;
      continue;
    }
    const double half = options.z * sd[i] + options.margin_min;
    out[i].low_min = std::max(std::max(out[i].wait_min - half, 0.0), ready);
    out[i].high_min = out[i].wait_min + half;
  }
  return out;
}

std::vector<Counter> open_of(const std::vector<Counter>& counters) {
  std::vector<Counter> open;
  std::copy_if(counters.begin(), counters.end(), std::back_inserter(open),
               [](const Counter& c) { return c.open; });
  return open;
}

// The predicted wait of an ordinary ticket of each service issued now, with these counters
// open; infinity where none serves it.
std::map<std::string, double> last_waits(const QueueState& state, const std::vector<Counter>& open,
                                         const std::vector<Service>& services,
                                         const History& history, const ModelOptions& options) {
  int64_t id = 0;
  for (const auto& t : state.waiting) id = std::max(id, t.id);
  std::vector<Ticket> extra;
  for (const auto& s : services) {
    if (!s.active) continue;
    Ticket t;
    t.id = ++id;
    t.service = s.code;
    t.issued_service = s.code;
    t.arrived_ms = state.now_ms;
    t.ready_ms = state.now_ms;
    extra.push_back(std::move(t));
  }
  const auto est = simulate(state, open, history, options, extra);
  std::map<std::string, double> out;
  for (size_t i = 0; i < extra.size(); ++i) {
    const auto& e = est[state.waiting.size() + i];
    out[extra[i].service] = e.reachable ? e.wait_min : std::numeric_limits<double>::infinity();
  }
  return out;
}

std::string minutes_text(double m) { return std::to_string(std::lround(m)); }

std::string join(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (const auto p : parts) out.append(p);
  return out;
}

const Service* service_named(const std::vector<Service>& services, const std::string& code) {
  for (const auto& s : services) {
    if (s.code == code) return &s;
  }
  return nullptr;
}

}  // namespace

ServiceTime History::of(const std::string& service) const {
  auto it = services.find(service);
  return it == services.end() ? office : it->second;
}

double History::factor(const std::string& clerk) const {
  auto it = clerk_factor.find(clerk);
  return it == clerk_factor.end() ? 1.0 : it->second;
}

History learn_history(const std::vector<Ticket>& tickets, int64_t now_ms,
                      const HistoryOptions& options) {
  const core::Date today = core::taipei_date_of_ms(now_ms);
  std::map<std::string, std::vector<Sample>> by_service;
  std::vector<Sample> all;
  int64_t first_today = now_ms;
  for (const auto& t : tickets) {
    if (t.day == today && t.arrived_ms <= now_ms) first_today = std::min(first_today, t.arrived_ms);
    if (t.status != kDone && t.status != kNoShow) continue;
    if (t.called_ms <= 0 || t.finished_ms <= t.called_ms || t.finished_ms > now_ms) continue;
    const double minutes = static_cast<double>(t.finished_ms - t.called_ms) / kMinuteMs;
    if (minutes > options.max_service_min) continue;
    const Sample s{minutes, t.day == today ? options.today_weight : 1.0};
    by_service[t.service].push_back(s);
    all.push_back(s);
  }

  History h;
  const ServiceTime prior{options.prior_mean_min, options.prior_mean_min * options.prior_cv, 0};
  h.office = shrink(moments(all), prior, options.prior_weight);
  for (const auto& [service, xs] : by_service) {
    h.services[service] = shrink(moments(xs), h.office, options.prior_weight);
  }

  // Clerks: the shrunk mean of duration ÷ the service's mean (the arithmetic mean: the
  // geometric one of log-normal times is some 10 % low).
  std::map<std::string, std::pair<double, double>> ratios;  // clerk → (Σ w·r, Σ w)
  for (const auto& t : tickets) {
    if (t.called_by.empty() || (t.status != kDone && t.status != kNoShow)) continue;
    if (t.called_ms <= 0 || t.finished_ms <= t.called_ms || t.finished_ms > now_ms) continue;
    const double minutes = static_cast<double>(t.finished_ms - t.called_ms) / kMinuteMs;
    if (minutes > options.max_service_min) continue;
    const double r = std::clamp(minutes / h.of(t.service).mean_min, 0.1, 10.0);
    const double w = t.day == today ? options.today_weight : 1.0;
    auto& [sum, weight] = ratios[t.called_by];
    sum += w * r;
    weight += w;
  }
  for (const auto& [clerk, acc] : ratios) {
    h.clerk_factor[clerk] =
        (acc.first + options.clerk_weight) / (acc.second + options.clerk_weight);
  }

  // Arrival rates of the tickets that go ahead of ordinary ones: today's in the recent window,
  // averaged with earlier days' in the coming window at the same time of day (they know the
  // peak ahead; today knows today's crowd).
  const int64_t window = std::clamp<int64_t>(now_ms - first_today, int64_t{15} * 60'000,
                                             std::max<int64_t>(options.rate_window_ms, 1));
  const double window_min = static_cast<double>(window) / kMinuteMs;
  const int64_t now_of_day = now_ms - core::taipei_day_start_ms(today);
  std::map<std::string, double> today_priority, today_appointment, past_priority, past_appointment;
  std::set<int64_t> past_days;
  for (const auto& t : tickets) {
    if (t.day == today) {
      if (t.arrived_ms > now_ms || t.arrived_ms < now_ms - window) continue;
      if (t.appointment_id != 0) {
        today_appointment[t.issued_service] += 1;
      } else if (t.priority) {
        today_priority[t.issued_service] += 1;
      }
      continue;
    }
    if (t.day > today) continue;
    past_days.insert(t.day.days_since_epoch());
    const int64_t of_day = t.arrived_ms - core::taipei_day_start_ms(t.day);
    if (of_day < now_of_day || of_day >= now_of_day + options.rate_window_ms) continue;
    if (t.appointment_id != 0) {
      past_appointment[t.issued_service] += 1;
    } else if (t.priority) {
      past_priority[t.issued_service] += 1;
    }
  }
  const double past_window_min = static_cast<double>(options.rate_window_ms) / kMinuteMs;
  const bool today_known = now_ms - first_today > 0;
  auto blend = [&](const std::map<std::string, double>& now_counts,
                   const std::map<std::string, double>& past_counts,
                   std::map<std::string, double>& into) {
    std::set<std::string> services;
    for (const auto& [s, n] : now_counts) services.insert(s);
    for (const auto& [s, n] : past_counts) services.insert(s);
    for (const auto& s : services) {
      double sum = 0, parts = 0;
      if (today_known) {
        sum += (now_counts.count(s) ? now_counts.at(s) : 0) / window_min;
        parts += 1;
      }
      if (!past_days.empty()) {
        sum += (past_counts.count(s) ? past_counts.at(s) : 0) /
               static_cast<double>(past_days.size()) / past_window_min;
        parts += 1;
      }
      if (parts > 0) into[s] = sum / parts;
    }
  };
  blend(today_priority, past_priority, h.priority_per_min);
  blend(today_appointment, past_appointment, h.appointment_per_min);
  return h;
}

std::map<std::string, std::string> clerks_at_counters(const std::vector<Ticket>& tickets) {
  std::map<std::string, std::pair<int64_t, std::string>> latest;
  for (const auto& t : tickets) {
    if (t.called_ms <= 0 || t.counter.empty() || t.called_by.empty()) continue;
    auto& [at, clerk] = latest[t.counter];
    if (t.called_ms >= at) {
      at = t.called_ms;
      clerk = t.called_by;
    }
  }
  std::map<std::string, std::string> out;
  for (const auto& [counter, l] : latest) out[counter] = l.second;
  return out;
}

std::vector<WaitEstimate> estimate_waits(const QueueState& state, const History& history,
                                         const ModelOptions& options) {
  return simulate(state, open_of(state.counters), history, options);
}

std::vector<ServiceLoad> advise(const QueueState& state, const std::vector<Service>& services,
                                const History& history, const ModelOptions& options) {
  const std::vector<Counter> open = open_of(state.counters);
  const auto now_waits = last_waits(state, open, services, history, options);
  const double target = state.policy.target_wait_min;
  std::vector<ServiceLoad> out;
  for (const auto& s : services) {
    if (!s.active) continue;
    ServiceLoad load;
    load.service = s.code;
    load.target_wait_min = state.policy.target_wait_min;
    load.waiting =
        static_cast<int>(std::count_if(state.waiting.begin(), state.waiting.end(),
                                       [&](const Ticket& t) { return t.service == s.code; }));
    const double wait = now_waits.at(s.code);
    load.last_wait_min = std::isfinite(wait) ? wait : 0;
    load.over_target = !std::isfinite(wait) || wait > target;
    if (load.over_target) {
      Advice a;
      a.wait_after_min = wait;
      // 1. A closed counter that serves it.
      for (const auto& c : state.counters) {
        if (c.open || !serves(c, s.code)) continue;
        std::vector<Counter> more = open;
        more.push_back(c);
        more.back().open = true;
        const double after = last_waits(state, more, services, history, options).at(s.code);
        if (a.action.empty() || after < a.wait_after_min) {
          a.action = "open";
          a.counter = c.id;
          a.from_services.clear();
          a.wait_after_min = after;
        }
      }
      // 2. Else an open counter moved to it whose own services stay within the target.
      if (a.action.empty()) {
        for (size_t k = 0; k < open.size(); ++k) {
          const Counter& c = open[k];
          if (c.services == std::vector<std::string>{s.code}) continue;
          std::vector<Counter> moved = open;
          moved[k].services = {s.code};
          const auto after = last_waits(state, moved, services, history, options);
          bool others_ok = true;
          for (const auto& other : c.services) {
            if (other != s.code && after.count(other) && after.at(other) > target) {
              others_ok = false;
            }
          }
          const double mine = after.at(s.code);
          if (!others_ok || !(mine < a.wait_after_min)) continue;
          a.action = "reassign";
          a.counter = c.id;
          a.from_services = c.services;
          a.wait_after_min = mine;
        }
      }
      const Service* named = service_named(services, s.code);
      const std::string head_zh =
          "「" + named->name_zh + "」預估候位 " +
          (std::isfinite(wait) ? minutes_text(wait) + " 分鐘" : "無櫃台服務") + "，超過目標 " +
          std::to_string(load.target_wait_min) + " 分鐘：";
      const std::string head_en = "The predicted wait for " + named->name_en + " is " +
                                  (std::isfinite(wait) ? minutes_text(wait) + " min"
                                                       : "open-ended (no counter serves it)") +
                                  ", over the " + std::to_string(load.target_wait_min) +
                                  "-minute target: ";
      const Counter* counter = nullptr;
      for (const auto& c : state.counters) {
        if (c.id == a.counter) counter = &c;
      }
      if (a.action == "open") {
        const std::string after = minutes_text(a.wait_after_min);
        a.text_zh = join({head_zh, "請開啟", counter->name_zh, "（", counter->id,
                          " 號櫃台），預估可降至 ", after, " 分鐘。"});
        a.text_en = join({head_en, "open counter ", counter->id, " (", counter->name_en,
                          "); the wait should fall to about ", after, " min."});
      } else if (a.action == "reassign") {
        std::string from_zh, from_en;
        for (const auto& code : a.from_services) {
          const Service* f = service_named(services, code);
          from_zh.append(from_zh.empty() ? "" : "、").append(f ? f->name_zh : code);
          from_en.append(from_en.empty() ? "" : ", ").append(f ? f->name_en : code);
        }
        const std::string after = minutes_text(a.wait_after_min);
        a.text_zh =
            join({head_zh, "請將", counter->name_zh, "（", counter->id, " 號櫃台）由「", from_zh,
                  "」改派「", named->name_zh, "」，預估可降至 ", after, " 分鐘。"});
        a.text_en = join({head_en, "re-assign counter ", counter->id, " (", counter->name_en,
                          ") from ", from_en, " to ", named->name_en,
                          "; the wait should fall to about ", after, " min."});
      } else {
        a.action = "none";
        a.text_zh = head_zh + "目前沒有可開啟或可改派而不使其他服務超過目標的櫃台，請增派人力。";
        a.text_en = head_en +
                    "no counter can be opened or re-assigned without pushing another service "
                    "past the target; call in more staff.";
      }
      if (!std::isfinite(a.wait_after_min)) a.wait_after_min = 0;
      load.has_advice = true;
      load.advice = std::move(a);
    }
    out.push_back(std::move(load));
  }
  return out;
}

double naive_wait_min(const Ticket& ticket, const QueueState& state, double mean_service_min) {
  int ahead = 0;
  for (const auto& w : state.waiting) {
    if (w.id == ticket.id || w.service != ticket.service) continue;
    const bool earlier =
        w.arrived_ms < ticket.arrived_ms || (w.arrived_ms == ticket.arrived_ms && w.id < ticket.id);
    if (earlier || (w.priority && !ticket.priority)) ++ahead;
  }
  int serving = 0;
  for (const auto& c : state.counters) {
    if (c.open && serves(c, ticket.service)) ++serving;
  }
  const double minutes = ahead * mean_service_min / std::max(serving, 1);
  return std::max(minutes, until_ready_min(ticket, state.now_ms));
}

}  // namespace huji::domain::queue
