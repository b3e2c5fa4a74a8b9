#include "domain/queue/wait_model.h"

#include <gtest/gtest.h>

#include "core/clock.h"

namespace huji::domain::queue {
namespace {

constexpr int64_t kMin = 60'000;

Ticket waiting(int64_t id, int64_t arrived_min, bool priority = false,
               const std::string& service = "registration") {
  Ticket t;
  t.id = id;
  t.service = t.issued_service = service;
  t.priority = priority;
  t.arrived_ms = arrived_min * kMin;
  t.ready_ms = t.arrived_ms;
  return t;
}

Counter counter(const std::string& id, std::vector<std::string> services = {"registration"},
                bool open = true) {
  Counter c;
  c.id = id;
  c.name_zh = "櫃台 " + id;
  c.name_en = "Counter " + id;
  c.services = std::move(services);
  c.open = open;
  return c;
}

// Every service takes exactly `minutes`.
History fixed(double minutes) {
  History h;
  h.office = ServiceTime{minutes, 0, 100};
  return h;
}

ModelOptions exact() {
  ModelOptions o;
  o.future_arrivals = false;
  return o;
}

QueueState state_of(std::vector<Ticket> w, std::vector<Counter> cs, int64_t now_min) {
  QueueState s;
  s.waiting = std::move(w);
  s.counters = std::move(cs);
  s.now_ms = now_min * kMin;
  return s;
}

TEST(WaitModelTest, KnownServiceTimesGiveTheWait) {
  auto s = state_of({waiting(1, 0), waiting(2, 1), waiting(3, 2)}, {counter("1")}, 3);
  auto e = estimate_waits(s, fixed(10), exact());
  ASSERT_EQ(e.size(), 3u);
  EXPECT_DOUBLE_EQ(e[0].wait_min, 0);
  EXPECT_DOUBLE_EQ(e[1].wait_min, 10);
  EXPECT_DOUBLE_EQ(e[2].wait_min, 20);
  EXPECT_EQ(e[2].position, 2);
  EXPECT_EQ(e[2].ticket_id, 3);
  // Service times without spread: the range is the margin.
  EXPECT_DOUBLE_EQ(e[2].low_min, 20 - exact().margin_min);
  EXPECT_DOUBLE_EQ(e[2].high_min, 20 + exact().margin_min);
}

TEST(WaitModelTest, MoreCountersLessWait) {
  std::vector<Ticket> w;
  for (int i = 1; i <= 6; ++i) w.push_back(waiting(i, i));
  auto one = estimate_waits(state_of(w, {counter("1")}, 10), fixed(10), exact());
  auto two = estimate_waits(state_of(w, {counter("1"), counter("2")}, 10), fixed(10), exact());
  EXPECT_DOUBLE_EQ(one.back().wait_min, 50);
  EXPECT_DOUBLE_EQ(two.back().wait_min, 20);
  // A closed counter does not help.
  auto closed = estimate_waits(
      state_of(w, {counter("1"), counter("2", {"registration"}, false)}, 10), fixed(10), exact());
  EXPECT_DOUBLE_EQ(closed.back().wait_min, 50);
}

TEST(WaitModelTest, OnlyCountersWithTheSkillServe) {
  auto s = state_of({waiting(1, 0), waiting(2, 1, false, "seal")},
                    {counter("1"), counter("2", {"transcript"})}, 2);
  auto e = estimate_waits(s, fixed(10), exact());
  EXPECT_TRUE(e[0].reachable);
  EXPECT_FALSE(e[1].reachable);  // nobody open serves seals: a guess
  s.counters[0].services.emplace_back("seal");
  e = estimate_waits(s, fixed(10), exact());
  EXPECT_TRUE(e[1].reachable);
  EXPECT_DOUBLE_EQ(e[1].wait_min, 10);
}

TEST(WaitModelTest, BusyCounterFinishesItsTicketFirst) {
  Ticket serving = waiting(9, 0);
  serving.status = kCalled;
  serving.counter = "1";
  serving.called_ms = 6 * kMin;
  auto s = state_of({waiting(1, 5)}, {counter("1")}, 10);
  s.serving = {serving};
  auto e = estimate_waits(s, fixed(10), exact());
  EXPECT_DOUBLE_EQ(e[0].wait_min, 6);  // called 4 minutes ago, 10 minutes a service
}

TEST(WaitModelTest, SlowClerkTakesLonger) {
  auto s = state_of({waiting(1, 0), waiting(2, 1)}, {counter("1")}, 2);
  s.clerks["1"] = "slow";
  History h = fixed(10);
  h.clerk_factor["slow"] = 1.5;
  EXPECT_DOUBLE_EQ(estimate_waits(s, h, exact())[1].wait_min, 15);
}

TEST(WaitModelTest, AppointmentWaitsForItsSlot) {
  Ticket a = waiting(1, 0);
  a.appointment_id = 7;
  a.ready_ms = 30 * kMin;  // checked in at 0 for the 00:30 slot
  auto e = estimate_waits(state_of({a, waiting(2, 1)}, {counter("1")}, 1), fixed(10), exact());
  EXPECT_DOUBLE_EQ(e[1].wait_min, 0);   // the walk-in goes first
  EXPECT_DOUBLE_EQ(e[0].wait_min, 29);  // the appointment at its slot, 29 minutes from now
  EXPECT_GE(e[0].low_min, 29);          // never called before the slot
  EXPECT_EQ(e[0].position, 1);
}

TEST(WaitModelTest, PriorityGoesBeforeOrdinary) {
  auto s = state_of({waiting(1, 0), waiting(2, 1), waiting(3, 2, true)}, {counter("1")}, 3);
  auto e = estimate_waits(s, fixed(10), exact());
  EXPECT_DOUBLE_EQ(e[2].wait_min, 0);
  EXPECT_DOUBLE_EQ(e[0].wait_min, 10);
  EXPECT_DOUBLE_EQ(e[1].wait_min, 20);
}

TEST(WaitModelTest, FuturePriorityArrivalsDelayOrdinaryTickets) {
  std::vector<Ticket> w;
  for (int i = 1; i <= 4; ++i) w.push_back(waiting(i, i));
  History h = fixed(10);
  h.priority_per_min["registration"] = 0.1;  // one every 10 minutes
  auto s = state_of(w, {counter("1")}, 5);
  const double without = estimate_waits(s, h, exact()).back().wait_min;
  const double with = estimate_waits(s, h, ModelOptions{}).back().wait_min;
  EXPECT_DOUBLE_EQ(without, 30);
  EXPECT_GT(with, without);
  // None after closing time.
  s.arrivals_end_ms = s.now_ms;
  EXPECT_DOUBLE_EQ(estimate_waits(s, h, ModelOptions{}).back().wait_min, 30);
}

TEST(WaitModelTest, BreakHoldsTheCounter) {
  auto s = state_of({waiting(1, 0)}, {counter("1")}, 0);
  s.breaks = {{"1", 0, 30 * kMin}};
  EXPECT_DOUBLE_EQ(estimate_waits(s, fixed(10), exact())[0].wait_min, 30);
}

TEST(WaitModelTest, RangeWidensWithTheQueueAndHoldsTheEstimate) {
  std::vector<Ticket> w;
  for (int i = 1; i <= 10; ++i) w.push_back(waiting(i, i));
  History h;
  h.office = ServiceTime{10, 5, 100};
  auto e = estimate_waits(state_of(w, {counter("1"), counter("2")}, 20), h, exact());
  for (const auto& x : e) {
    EXPECT_LE(x.low_min, x.wait_min);
    EXPECT_GE(x.high_min, x.wait_min);
    EXPECT_GE(x.low_min, 0);
  }
  EXPECT_GT(e.back().high_min - e.back().low_min, e[2].high_min - e[2].low_min);
}

Ticket finished(int64_t id, const std::string& service, double minutes, const std::string& clerk,
                core::Date day) {
  Ticket t = waiting(id, 0, false, service);
  t.day = day;
  t.status = kDone;
  t.called_ms = 1000 * kMin;
  t.finished_ms = t.called_ms + static_cast<int64_t>(minutes * kMin);
  t.called_by = clerk;
  return t;
}

TEST(WaitModelTest, LearnsServiceTimesAndClerks) {
  const core::Date day = core::Date::from_ymd(2026, 3, 2).value();
  const int64_t now = core::taipei_day_start_ms(day) + 2000 * kMin;
  std::vector<Ticket> ts;
  ts.reserve(80);
  for (int i = 0; i < 40; ++i) ts.push_back(finished(i, "transcript", 3, "a", day.add_days(-1)));
  for (int i = 0; i < 40; ++i)
    ts.push_back(finished(100 + i, "transcript", 6, "b", day.add_days(-1)));
  ts.push_back(finished(200, "transcript", 500, "a", day.add_days(-1)));  // a forgotten finish
  const History h = learn_history(ts, now);
  EXPECT_NEAR(h.of("transcript").mean_min, 4.5, 0.1);
  EXPECT_LT(h.factor("a"), 0.8);
  EXPECT_GT(h.factor("b"), 1.2);
  EXPECT_DOUBLE_EQ(h.factor("nobody"), 1.0);
  // No history: the prior.
  const History none = learn_history({}, now);
  EXPECT_DOUBLE_EQ(none.of("seal").mean_min, HistoryOptions{}.prior_mean_min);
}

TEST(WaitModelTest, LearnsTodaysPriorityRate) {
  const core::Date day = core::Date::from_ymd(2026, 3, 2).value();
  const int64_t start = core::taipei_day_start_ms(day);
  std::vector<Ticket> ts;
  for (int i = 0; i < 6; ++i) {
    Ticket t = waiting(i, 0, true);
    t.day = day;
    t.arrived_ms = start + (9 * 60 + i * 10) * kMin;  // 09:00–09:50, one every 10 minutes
    ts.push_back(t);
  }
  const History h = learn_history(ts, start + int64_t{10} * 60 * kMin);
  EXPECT_NEAR(h.priority_per_min.at("registration"), 0.1, 1e-9);
}

TEST(WaitModelTest, EarlierDaysForetellTheComingHour) {
  const core::Date day = core::Date::from_ymd(2026, 3, 2).value();
  std::vector<Ticket> ts;
  // Yesterday: 12 priority tickets 10:00–11:00 (the hour ahead), 30 earlier (not counted).
  const int64_t yesterday = core::taipei_day_start_ms(day.add_days(-1));
  for (int i = 0; i < 42; ++i) {
    Ticket t = waiting(i, 0, true);
    t.day = day.add_days(-1);
    t.arrived_ms = yesterday + (i < 12 ? 10 * 60 + i * 5 : 8 * 60 + i) * kMin;
    ts.push_back(t);
  }
  // Today: one ordinary ticket at 09:00; no priority one in the last hour.
  const int64_t start = core::taipei_day_start_ms(day);
  Ticket today = waiting(100, 0);
  today.day = day;
  today.arrived_ms = start + int64_t{9} * 60 * kMin;
  ts.push_back(today);
  const History h = learn_history(ts, start + int64_t{10} * 60 * kMin);
  EXPECT_NEAR(h.priority_per_min.at("registration"), (0 + 12.0 / 60) / 2, 1e-9);
}

std::vector<Service> two_services() {
  auto all = default_services();
  return {all[0], all[1]};  // registration, transcript
}

TEST(WaitModelTest, AdviseOpensAClosedCounter) {
  std::vector<Ticket> w;
  for (int i = 1; i <= 5; ++i) w.push_back(waiting(i, i));
  auto s = state_of(w,
                    {counter("1"), counter("2", {"transcript"}),
                     counter("3", {"registration", "transcript"}, false)},
                    6);
  auto loads = advise(s, two_services(), fixed(10), exact());
  ASSERT_EQ(loads.size(), 2u);
  EXPECT_EQ(loads[0].service, "registration");
  EXPECT_EQ(loads[0].waiting, 5);
  EXPECT_DOUBLE_EQ(loads[0].last_wait_min, 50);
  ASSERT_TRUE(loads[0].has_advice);
  EXPECT_EQ(loads[0].advice.action, "open");
  EXPECT_EQ(loads[0].advice.counter, "3");
  EXPECT_DOUBLE_EQ(loads[0].advice.wait_after_min, 20);
  EXPECT_NE(loads[0].advice.text_zh.find("櫃台 3"), std::string::npos);
  EXPECT_NE(loads[0].advice.text_en.find("open counter 3"), std::string::npos);
  EXPECT_FALSE(loads[1].over_target);
  EXPECT_FALSE(loads[1].has_advice);
}

TEST(WaitModelTest, AdviseReassignsACounterWithShortWaits) {
  std::vector<Ticket> w;
  for (int i = 1; i <= 5; ++i) w.push_back(waiting(i, i));
  auto s =
      state_of(w, {counter("1"), counter("2", {"transcript"}), counter("3", {"transcript"})}, 6);
  auto loads = advise(s, two_services(), fixed(10), exact());
  ASSERT_TRUE(loads[0].has_advice);
  EXPECT_EQ(loads[0].advice.action, "reassign");
  EXPECT_EQ(loads[0].advice.counter, "2");
  EXPECT_EQ(loads[0].advice.from_services, std::vector<std::string>{"transcript"});
  EXPECT_DOUBLE_EQ(loads[0].advice.wait_after_min, 20);
  EXPECT_NE(loads[0].advice.text_en.find("re-assign counter 2"), std::string::npos);
}

TEST(WaitModelTest, AdviseNoneWhenMovingWouldHurtAnother) {
  std::vector<Ticket> w;
  for (int i = 1; i <= 5; ++i) w.push_back(waiting(i, i));
  for (int i = 6; i <= 8; ++i) w.push_back(waiting(i, i, false, "transcript"));
  auto s = state_of(w, {counter("1"), counter("2", {"transcript"})}, 9);
  auto loads = advise(s, two_services(), fixed(10), exact());
  ASSERT_TRUE(loads[0].has_advice);
  // Counter 2 moved: no counter would serve transcripts; counter 1 is registration's own.
  EXPECT_EQ(loads[0].advice.action, "none");
  EXPECT_TRUE(loads[0].advice.counter.empty());
}

TEST(WaitModelTest, NaiveCountsTheSameServiceAhead) {
  auto s = state_of({waiting(1, 0), waiting(2, 1, false, "seal"), waiting(3, 2)},
                    {counter("1"), counter("2")}, 3);
  EXPECT_DOUBLE_EQ(naive_wait_min(s.waiting[2], s, 6), 3);  // 1 ahead × 6 ÷ 2 counters
}

}  // namespace
}  // namespace huji::domain::queue
