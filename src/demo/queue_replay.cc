#include "demo/queue_replay.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <utility>

#include "core/clock.h"
#include "demo/random.h"

namespace huji::demo {

namespace q = domain::queue;

namespace {

constexpr int64_t kMinute = 60'000;
constexpr int64_t kNever = std::numeric_limits<int64_t>::max();

// The office's services: share of tickets and mean service time (minutes).
struct Mix {
  const char* service;
  double share;
  double mean_min;
};
constexpr Mix kMix[] = {
    {"registration", 0.22, 8.0}, {"transcript", 0.30, 3.0},   {"id_card", 0.16, 6.0},
    {"seal", 0.12, 4.0},         {"nationality", 0.04, 12.0}, {"certificate", 0.10, 5.0},
    {"english", 0.06, 7.0},
};
constexpr double kServiceCv = 0.5;
constexpr double kNoShowHoldMin = 1.5;  // called, recalled, skipped
constexpr int kClerks = 12;

// Arrivals per hour from 08:00 (relative): the morning peak, a quieter lunch, the afternoon.
constexpr double kProfile[] = {0.8, 1.3, 1.4, 1.1, 0.8, 0.9, 1.1, 1.0, 0.6};
constexpr int64_t kOpenMin = int64_t{8} * 60;
constexpr int64_t kLastArrivalMin = int64_t{16} * 60 + 45;

double uniform(Rng& rng) { return static_cast<double>(rng.next() >> 11) * 0x1.0p-53; }

double normal(Rng& rng) {
  const double u = std::max(uniform(rng), 1e-12);
  return std::sqrt(-2 * std::log(u)) * std::cos(2 * std::numbers::pi * uniform(rng));
}

double lognormal(Rng& rng, double mean, double cv) {
  const double s2 = std::log(1 + cv * cv);
  return std::exp(std::log(mean) - s2 / 2 + std::sqrt(s2) * normal(rng));
}

const Mix& draw_service(Rng& rng) {
  double u = uniform(rng);
  for (const auto& m : kMix) {
    if (u < m.share) return m;
    u -= m.share;
  }
  return kMix[0];
}

double mean_of(const std::string& service) {
  for (const auto& m : kMix) {
    if (service == m.service) return m.mean_min;
  }
  return 6;
}

double profile_at(double minute_of_day) {
  const int hour = static_cast<int>((minute_of_day - kOpenMin) / 60);
  return kProfile[std::clamp(hour, 0, static_cast<int>(std::size(kProfile)) - 1)];
}

struct Arrival {
  int64_t at_ms = 0;
  std::string service;
  bool priority = false;
  int64_t slot_ms = 0;  // appointments
  bool no_show = false;
};

std::vector<Arrival> arrivals_of_day(Rng& rng, const ReplayOptions& o, int64_t day_start) {
  std::vector<Arrival> out;
  // Walk-ins: a Poisson process thinned to the profile and the surges.
  double integral = 0;
  for (int64_t m = kOpenMin; m < kLastArrivalMin; ++m)
    integral += profile_at(static_cast<double>(m));
  const double walk_ins = o.tickets_per_day * (1 - o.appointment_share);
  const double per_min = walk_ins / integral;
  std::vector<std::pair<double, double>> surges;
  if (o.surges) {
    for (int i = 0; i < 2; ++i) {
      const double from = 8.5 * 60 + uniform(rng) * 7.5 * 60;
      surges.emplace_back(from, from + 20);
    }
  }
  auto rate = [&](double m) {
    double r = per_min * profile_at(m);
    for (const auto& [from, to] : surges) {
      if (m >= from && m < to) r *= 2.5;
    }
    return r;
  };
  const double max_rate = per_min * 1.4 * 2.5;
  const double priority_share = o.priority_share / std::max(1 - o.appointment_share, 0.01);
  for (double m = kOpenMin;;) {
    m += -std::log(std::max(uniform(rng), 1e-12)) / max_rate;
    if (m >= kLastArrivalMin) break;
    if (uniform(rng) * max_rate > rate(m)) continue;
    Arrival a;
    a.at_ms = day_start + static_cast<int64_t>(m * kMinute);
    a.service = draw_service(rng).service;
    a.priority = uniform(rng) < priority_share;
    out.push_back(std::move(a));
  }
  // Appointments: slots every 15 minutes 08:30–16:15, checked in 20 minutes early to 10 late.
  const int booked = static_cast<int>(std::lround(o.tickets_per_day * o.appointment_share));
  for (int i = 0; i < booked; ++i) {
    const int64_t slot_min = 8 * 60 + 30 + 15 * static_cast<int64_t>(rng.below(32));
    Arrival a;
    a.slot_ms = day_start + slot_min * kMinute;
    a.at_ms = a.slot_ms + static_cast<int64_t>((uniform(rng) * 30 - 20) * kMinute);
    a.service = draw_service(rng).service;
    out.push_back(std::move(a));
  }
  for (auto& a : out) a.no_show = uniform(rng) < o.no_show_share;
  std::sort(out.begin(), out.end(),
            [](const Arrival& a, const Arrival& b) { return a.at_ms < b.at_ms; });
  return out;
}

std::vector<q::Break> lunch_breaks(int64_t day_start) {
  const int64_t noon = day_start + int64_t{12} * 60 * kMinute;
  const int64_t hour = int64_t{60} * kMinute;
  return {{"2", noon, noon + hour},
          {"3", noon, noon + hour},
          {"1", noon + hour, noon + 2 * hour},
          {"5", noon + hour, noon + 2 * hour}};
}

bool on_break(const std::vector<q::Break>& breaks, const std::string& counter, int64_t at) {
  return std::any_of(breaks.begin(), breaks.end(), [&](const q::Break& b) {
    return b.counter == counter && at >= b.from_ms && at < b.to_ms;
  });
}

struct Desk {
  q::Counter counter;
  std::string clerk;
  double factor = 1;
  int64_t free_at = 0;  // kNever: idle until a ticket it serves arrives
  int serving = -1;     // index into the day's tickets
};

class Day {
 public:
  Day(const ReplayOptions& o, Rng& rng, core::Date date, const std::vector<double>& clerk_factors,
      const std::vector<q::Ticket>& earlier, std::vector<Quote>& quotes)
      : o_(o), rng_(rng), date_(date), earlier_(earlier), quotes_(quotes) {
    day_start_ = core::taipei_day_start_ms(date);
    breaks_ = o.lunch ? lunch_breaks(day_start_) : std::vector<q::Break>{};
    std::vector<int> order(kClerks);
    for (int i = 0; i < kClerks; ++i) order[static_cast<size_t>(i)] = i;
    for (int i = kClerks - 1; i > 0; --i) {
      std::swap(order[static_cast<size_t>(i)], order[rng.below(static_cast<uint64_t>(i) + 1)]);
    }
    const auto counters = q::default_counters();
    for (size_t i = 0; i < counters.size(); ++i) {
      Desk d;
      d.counter = counters[i];
      d.clerk = "clerk" + std::to_string(order[i]);
      d.factor = clerk_factors[static_cast<size_t>(order[i])];
      d.free_at = day_start_ + kOpenMin * kMinute;
      desks_.push_back(std::move(d));
    }
  }

  // Plays the day; returns its tickets, finished.
  std::vector<q::Ticket> run() {
    const auto arrivals = arrivals_of_day(rng_, o_, day_start_);
    size_t next = 0;
    for (;;) {
      Desk* desk = nullptr;
      for (auto& d : desks_) {
        if (!desk || d.free_at < desk->free_at) desk = &d;
      }
      const int64_t arrival_at = next < arrivals.size() ? arrivals[next].at_ms : kNever;
      if (arrival_at == kNever && desk->free_at == kNever) break;
      if (arrival_at <= desk->free_at) {
        arrive(arrivals[next++]);
      } else {
        turn(*desk);
      }
    }
    return std::move(tickets_);
  }

 private:
  void arrive(const Arrival& a) {
    q::Ticket t;
    t.id = static_cast<int64_t>(tickets_.size()) + 1;
    t.day = date_;
    t.service = t.issued_service = a.service;
    t.priority = a.priority;
    t.source = a.slot_ms ? "appointment" : "kiosk";
    t.appointment_id = a.slot_ms ? t.id : 0;
    t.arrived_ms = a.at_ms;
    t.ready_ms = a.slot_ms ? a.slot_ms : a.at_ms;
    quote(t);
    tickets_.push_back(t);
    no_show_.push_back(a.no_show);
    for (auto& d : desks_) {
      if (d.serving < 0 && d.free_at > a.at_ms && q::serves(d.counter, t.service)) {
        d.free_at = a.at_ms;
      }
    }
  }

  // The desk is free at d.free_at: the ticket it served is done; it calls the next one.
  void turn(Desk& d) {
    const int64_t at = d.free_at;
    if (d.serving >= 0) {
      auto& t = tickets_[static_cast<size_t>(d.serving)];
      t.status = no_show_[static_cast<size_t>(d.serving)] ? q::kNoShow : q::kDone;
      t.finished_ms = at;
      d.serving = -1;
    }
    for (const auto& b : breaks_) {
      if (b.counter == d.counter.id && at >= b.from_ms && at < b.to_ms) {
        d.free_at = b.to_ms;
        return;
      }
    }
    const auto choice = q::choose_next(tickets_, d.counter, policy_, calls_, at);
    if (!choice) {
      d.free_at = kNever;
      for (const auto& t : tickets_) {
        if (t.status == q::kWaiting && t.ready_ms > at && q::serves(d.counter, t.service)) {
          d.free_at = std::min(d.free_at, t.ready_ms);
        }
      }
      return;
    }
    const size_t i = choice->index;
    tickets_[i].called_ms = at;
    for (size_t j : q::overtaken_by(tickets_, tickets_[i], d.counter)) ++tickets_[j].overtaken;
    calls_ = q::after_call(calls_, tickets_[i].priority);
    auto& t = tickets_[i];
    t.status = q::kCalled;
    t.called_ms = at;
    t.called_by = d.clerk;
    t.counter = d.counter.id;
    t.calls = 1;
    quotes_[first_quote_ + i].actual_min = static_cast<double>(at - t.arrived_ms) / kMinute;
    const double minutes =
        no_show_[i] ? kNoShowHoldMin : lognormal(rng_, mean_of(t.service), kServiceCv) * d.factor;
    d.serving = static_cast<int>(i);
    d.free_at = at + static_cast<int64_t>(minutes * kMinute);
  }

  // What the system would tell the ticket's holder now, both ways.
  void quote(const q::Ticket& t) {
    const int64_t now = t.arrived_ms;
    if (history_at_ < 0 || now - history_at_ >= o_.refit_ms) {
      std::vector<q::Ticket> known = earlier_;
      known.insert(known.end(), tickets_.begin(), tickets_.end());
      history_ = q::learn_history(known, now, o_.history);
      history_at_ = now;
    }
    q::QueueState state;
    state.policy = policy_;
    state.calls = calls_;
    state.now_ms = now;
    state.arrivals_end_ms = day_start_ + kLastArrivalMin * kMinute;
    for (const auto& x : tickets_) {
      if (x.status == q::kWaiting) state.waiting.push_back(x);
      if (x.status == q::kCalled) state.serving.push_back(x);
    }
    state.clerks = q::clerks_at_counters(tickets_);
    state.waiting.push_back(t);
    for (const auto& d : desks_) state.counters.push_back(d.counter);
    state.breaks = breaks_;
    Quote out;
    out.service = t.service;
    out.priority = t.priority;
    out.appointment = t.appointment_id != 0;
    const auto known = q::estimate_waits(state, history_, o_.model);
    out.model_min = known.back().wait_min;
    out.low_min = known.back().low_min;
    out.high_min = known.back().high_min;
    // Blind: the counters on a break now are closed, and later breaks are unknown.
    state.breaks.clear();
    for (auto& c : state.counters) c.open = !on_break(breaks_, c.id, now);
    const auto blind = q::estimate_waits(state, history_, o_.model);
    out.blind_min = blind.back().wait_min;
    out.blind_low_min = blind.back().low_min;
    out.blind_high_min = blind.back().high_min;
    out.naive_min = q::naive_wait_min(t, state, history_.office.mean_min);
    if (quotes_.size() == first_quote_ + tickets_.size()) quotes_.push_back(out);
  }

  const ReplayOptions& o_;
  Rng& rng_;
  core::Date date_;
  const std::vector<q::Ticket>& earlier_;
  std::vector<Quote>& quotes_;
  size_t first_quote_ = quotes_.size();
  int64_t day_start_ = 0;
  std::vector<q::Break> breaks_;
  std::vector<Desk> desks_;
  std::vector<q::Ticket> tickets_;
  std::vector<bool> no_show_;
  q::Policy policy_;
  q::CallState calls_;
  q::History history_;
  int64_t history_at_ = -1;
};

}  // namespace

std::vector<Quote> replay(const ReplayOptions& options) {
  Rng rng(options.seed);
  std::vector<double> clerk_factors;
  clerk_factors.reserve(kClerks);
  for (int i = 0; i < kClerks; ++i) clerk_factors.push_back(std::exp(0.15 * normal(rng)));
  const core::Date first = core::Date::from_ymd(2026, 1, 5).value();
  std::vector<std::vector<q::Ticket>> days;
  std::vector<Quote> quotes;
  for (int k = 0; k < options.days; ++k) {
    std::vector<q::Ticket> earlier;
    const size_t from = days.size() > static_cast<size_t>(options.history_days)
                            ? days.size() - static_cast<size_t>(options.history_days)
                            : 0;
    for (size_t i = from; i < days.size(); ++i) {
      earlier.insert(earlier.end(), days[i].begin(), days[i].end());
    }
    Day day(options, rng, first.add_days(k), clerk_factors, earlier, quotes);
    days.push_back(day.run());
  }
  return quotes;
}

Scores score(const std::vector<Quote>& quotes, Method method) {
  Scores s;
  std::vector<double> errors;
  int late = 0, covered = 0;
  double squared = 0;
  for (const auto& x : quotes) {
    double value = 0, low = 0, high = 0;
    switch (method) {
      case Method::kNaive:
        value = x.naive_min;
        low = x.naive_min * 0.5;
        high = x.naive_min * 1.5;
        break;
      case Method::kModel:
        value = x.model_min;
        low = x.low_min;
        high = x.high_min;
        break;
      case Method::kBlind:
        value = x.blind_min;
        low = x.blind_low_min;
        high = x.blind_high_min;
        break;
    }
    const double shown = std::round(value);
    const double error = x.actual_min - shown;
    errors.push_back(std::abs(error));
    squared += error * error;
    if (error > 5) ++late;
    if (x.actual_min >= std::floor(low) && x.actual_min <= std::ceil(high)) ++covered;
  }
  s.tickets = static_cast<int>(quotes.size());
  if (quotes.empty()) return s;
  const auto n = static_cast<double>(quotes.size());
  double sum = 0;
  for (double e : errors) sum += e;
  s.mae_min = sum / n;
  std::sort(errors.begin(), errors.end());
  s.p90_min = errors[static_cast<size_t>(std::ceil(0.9 * n)) - 1];
  s.late_share = late / n;
  s.coverage = covered / n;
  s.squared_error = squared / n;
  return s;
}

}  // namespace huji::demo
