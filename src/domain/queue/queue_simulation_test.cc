// The ordering bound of choose_next (queue.h, DOMAIN §6), checked over simulated days: 8
// counters with the demo office's skills, ~600 tickets a day, priority surges (20-minute
// bursts where 85 % of arrivals are priority), appointments checked in before their slot,
// random service times, and lunch closures. Every call is made as call-next makes it
// (choose_next, overtaken_by, after_call), and for every call of every day the test asserts:
//   1. no ordinary ticket has been overtaken more than policy.max_overtaken times;
//   2. when a ready ticket the counter serves has waited cap_min or longer, the counter calls
//      the earliest-arrived such ticket;
//   3. while a priority and an ordinary ticket the counter serves both wait (ready), and no
//      rule above the ratio applies, a priority ticket is called only after fewer than
//      priority_ratio priority calls in a row — no more than priority_ratio priority tickets
//      go by the ratio in a row while an ordinary one waits.
// Each day draws its policy (ratio 1–3, max_overtaken 2–10, cap 20–60 min) from a seeded RNG.
// 3,000 days in an optimised build; 300 under the sanitizers (the ASan build is ~10× slower).

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <random>
#include <string>
#include <vector>

#include "domain/queue/queue.h"

namespace huji::domain::queue {
namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr int kDays = 300;
#else
constexpr int kDays = 3000;
#endif

constexpr int64_t kMinute = 60'000;
constexpr int64_t kStep = 15'000;          // the simulation's clock tick
constexpr int64_t kOpen = 0;               // 08:30
constexpr int64_t kClose = 510 * kMinute;  // 17:00
constexpr int64_t kLastArrival = 480 * kMinute;

struct Mix {
  const char* service;
  double share;
  double mean_min;  // mean service time
};
constexpr Mix kMix[] = {
    {"transcript", 0.30, 3.0}, {"registration", 0.25, 9.0}, {"id_card", 0.20, 6.0},
    {"seal", 0.10, 4.0},       {"nationality", 0.05, 12.0}, {"certificate", 0.05, 5.0},
    {"english", 0.05, 7.0},
};

struct Day {
  Day(std::mt19937_64& r, const Policy& p) : rng(r), policy(p) {}

  std::mt19937_64& rng;
  Policy policy;
  std::vector<Counter> counters = default_counters();
  std::vector<Ticket> arrivals;  // by arrived_ms
  std::vector<Ticket> waiting;
  std::vector<int64_t> busy_until = std::vector<int64_t>(8, 0);
  CallState state;
  int ratio_run = 0;  // priority tickets called by the ratio in a row while an ordinary waited
  int64_t called = 0;
  int64_t by_reason[5] = {};    // calls per Reason
  int64_t ratio_with_both = 0;  // ratio decisions while both kinds waited

  double uniform() { return std::uniform_real_distribution<double>(0, 1)(rng); }

  const char* pick_service() {
    double u = uniform();
    for (const auto& m : kMix) {
      if ((u -= m.share) < 0) return m.service;
    }
    return kMix[0].service;
  }

  double mean_of(const std::string& service) {
    for (const auto& m : kMix) {
      if (service == m.service) return m.mean_min;
    }
    return 5.0;
  }

  // ~600 arrivals over the day, three surges of 20 minutes at three times the rate where most
  // are priority, 15 % appointments checked in up to 20 minutes before their slot.
  void make_arrivals() {
    std::vector<int64_t> surges;
    for (int i = 0; i < 3; ++i) {
      surges.push_back(static_cast<int64_t>(uniform() * 440) * kMinute);
    }
    int64_t id = 0;
    for (int64_t t = kOpen; t < kLastArrival; t += kStep) {
      const bool surge = std::any_of(surges.begin(), surges.end(),
                                     [&](int64_t s) { return t >= s && t < s + 20 * kMinute; });
      const double per_step = (surge ? 3.0 : 1.0) * 1.1 / 4.0;  // 1.1 a minute
      if (uniform() >= per_step) continue;
      Ticket k;
      k.id = ++id;
      k.service = k.issued_service = pick_service();
      k.priority = uniform() < (surge ? 0.85 : 0.15);
      k.arrived_ms = t;
      k.ready_ms = t;
      if (!k.priority && uniform() < 0.15) {
        k.appointment_id = id;
        const int64_t slot =
            (t / (10 * kMinute) + 1 + static_cast<int64_t>(uniform() * 2)) * 10 * kMinute;
        k.ready_ms = slot;
      }
      arrivals.push_back(k);
    }
  }

  // Counters 1–3 close for lunch 12:00–13:00, 4–6 13:00–14:00.
  bool open_at(size_t c, int64_t t) const {
    const int64_t noon = 210 * kMinute;
    if (c < 3) return t < noon || t >= noon + 60 * kMinute;
    if (c < 6) return t < noon + 60 * kMinute || t >= noon + 120 * kMinute;
    return true;
  }

  void call_at(size_t ci, int64_t now) {
    const Counter& counter = counters[ci];
    // What the rules say must happen, found independently of choose_next.
    const Ticket* oldest_past_cap = nullptr;
    bool priority_ready = false, ordinary_ready = false;
    for (const auto& t : waiting) {
      if (!serves(counter, t.service) || t.ready_ms > now) continue;
      if (now - t.arrived_ms >= int64_t{policy.cap_min} * kMinute &&
          (!oldest_past_cap || t.arrived_ms < oldest_past_cap->arrived_ms ||
           (t.arrived_ms == oldest_past_cap->arrived_ms && t.id < oldest_past_cap->id))) {
        oldest_past_cap = &t;
      }
      if (t.appointment_id != 0) continue;
      (t.priority ? priority_ready : ordinary_ready) = true;
    }
    const auto choice = choose_next(waiting, counter, policy, state, now);
    if (!choice) {
      ASSERT_EQ(oldest_past_cap, nullptr);
      return;
    }
    Ticket chosen = waiting[choice->index];
    if (oldest_past_cap) {  // 2. the earliest past the cap goes first
      ASSERT_EQ(chosen.id, oldest_past_cap->id) << "day policy cap " << policy.cap_min;
      ASSERT_EQ(choice->reason, Reason::kCap);
    }
    if (choice->reason == Reason::kPriority || choice->reason == Reason::kOrdinary) {
      if (priority_ready && ordinary_ready) {  // 3. the ratio
        ASSERT_EQ(choice->reason == Reason::kPriority,
                  state.priority_streak < policy.priority_ratio);
        ratio_run = choice->reason == Reason::kPriority ? ratio_run + 1 : 0;
        ++ratio_with_both;
        ASSERT_LE(ratio_run, policy.priority_ratio);
      }
    }
    if (!chosen.priority) ratio_run = 0;
    chosen.called_ms = now;
    for (size_t i : overtaken_by(waiting, chosen, counter)) {
      ++waiting[i].overtaken;
      // 1. the bound
      ASSERT_LE(waiting[i].overtaken, policy.max_overtaken) << "ticket " << waiting[i].id;
    }
    ++by_reason[static_cast<int>(choice->reason)];
    state = after_call(state, chosen.priority);
    waiting[choice->index] = waiting.back();
    waiting.pop_back();
    ++called;
    std::exponential_distribution<double> service(1.0 / mean_of(chosen.service));
    const double minutes = std::clamp(service(rng), 0.5, 45.0);
    busy_until[ci] = now + static_cast<int64_t>(minutes * kMinute);
  }

  void run() {
    make_arrivals();
    size_t next = 0;
    std::vector<size_t> order(counters.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    for (int64_t now = kOpen; now < kClose; now += kStep) {
      while (next < arrivals.size() && arrivals[next].arrived_ms <= now) {
        waiting.push_back(arrivals[next++]);
      }
      std::shuffle(order.begin(), order.end(), rng);
      for (size_t ci : order) {
        if (!open_at(ci, now) || busy_until[ci] > now) continue;
        call_at(ci, now);
        if (::testing::Test::HasFatalFailure()) return;
      }
    }
  }
};

TEST(QueueSimulationTest, TheBoundHoldsOverThousandsOfDays) {
  std::mt19937_64 rng(20'261'205);
  int64_t tickets = 0, calls = 0, ratio_with_both = 0;
  int64_t by_reason[5] = {};
  for (int d = 0; d < kDays; ++d) {
    Policy policy;
    policy.priority_ratio = 1 + static_cast<int>(rng() % 3);
    policy.max_overtaken = std::array{2, 5, 10}[rng() % 3];
    policy.cap_min = std::array{20, 40, 60}[rng() % 3];
    Day day(rng, policy);
    day.run();
    ASSERT_FALSE(::testing::Test::HasFatalFailure()) << "day " << d;
    tickets += static_cast<int64_t>(day.arrivals.size());
    calls += day.called;
    ratio_with_both += day.ratio_with_both;
    for (int r = 0; r < 5; ++r) by_reason[r] += day.by_reason[r];
  }
  // The days were busy enough to test something: ~600 tickets each, nearly all called.
  EXPECT_GT(tickets, int64_t{kDays} * 550);
  EXPECT_GT(calls, tickets * 9 / 10);
  // … and every rule had work: calls past the cap, at the overtaking bound, of appointments,
  // and by the ratio while both kinds waited.
  for (int r = 0; r < 5; ++r) EXPECT_GT(by_reason[r], int64_t{kDays}) << reason_code(Reason(r));
  EXPECT_GT(ratio_with_both, int64_t{kDays} * 10);
}

}  // namespace
}  // namespace huji::domain::queue
