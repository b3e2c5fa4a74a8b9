#include "domain/queue/queue.h"

#include <gtest/gtest.h>

namespace huji::domain::queue {
namespace {

constexpr int64_t kMinute = 60'000;

Ticket make(int64_t id, int64_t arrived_min, bool priority = false,
            const std::string& service = "registration") {
  Ticket t;
  t.id = id;
  t.service = service;
  t.issued_service = service;
  t.priority = priority;
  t.arrived_ms = arrived_min * kMinute;
  t.ready_ms = t.arrived_ms;
  return t;
}

Counter counter_of(std::vector<std::string> services) {
  Counter c;
  c.id = "1";
  c.services = std::move(services);
  return c;
}

TEST(QueueTest, EarliestOrdinaryFirst) {
  std::vector<Ticket> w = {make(2, 5), make(1, 3), make(3, 4)};
  auto c = choose_next(w, counter_of({"registration"}), Policy{}, CallState{}, 6 * kMinute);
  ASSERT_TRUE(c);
  EXPECT_EQ(w[c->index].id, 1);
  EXPECT_EQ(c->reason, Reason::kOrdinary);
}

TEST(QueueTest, OnlyServicesTheCounterServes) {
  std::vector<Ticket> w = {make(1, 1, false, "seal"), make(2, 2, false, "transcript")};
  auto c = choose_next(w, counter_of({"transcript"}), Policy{}, CallState{}, 3 * kMinute);
  ASSERT_TRUE(c);
  EXPECT_EQ(w[c->index].id, 2);
  EXPECT_FALSE(choose_next(w, counter_of({"nationality"}), Policy{}, CallState{}, 3 * kMinute));
}

TEST(QueueTest, PriorityByRatio) {
  std::vector<Ticket> w = {make(1, 1), make(2, 2, true), make(3, 3, true), make(4, 4, true)};
  Policy p;  // 2 : 1
  CallState s;
  auto c = choose_next(w, counter_of({"registration"}), p, s, 5 * kMinute);
  EXPECT_EQ(w[c->index].id, 2);
  s = after_call(s, true);
  c = choose_next(w, counter_of({"registration"}), p, s, 5 * kMinute);
  EXPECT_EQ(w[c->index].id, 2);  // still the earliest priority (nothing was removed)
  s = after_call(s, true);
  c = choose_next(w, counter_of({"registration"}), p, s, 5 * kMinute);
  EXPECT_EQ(w[c->index].id, 1);  // two priority calls in a row: the ordinary one
  EXPECT_EQ(c->reason, Reason::kOrdinary);
}

TEST(QueueTest, CapComesFirst) {
  std::vector<Ticket> w = {make(1, 0), make(2, 30, true)};
  auto c = choose_next(w, counter_of({"registration"}), Policy{}, CallState{}, 41 * kMinute);
  EXPECT_EQ(w[c->index].id, 1);
  EXPECT_EQ(c->reason, Reason::kCap);
}

TEST(QueueTest, OvertakenBoundCallsTheOrdinaryTicket) {
  std::vector<Ticket> w = {make(1, 0), make(2, 1, true)};
  w[0].overtaken = Policy{}.max_overtaken;
  auto c = choose_next(w, counter_of({"registration"}), Policy{}, CallState{}, 2 * kMinute);
  EXPECT_EQ(w[c->index].id, 1);
  EXPECT_EQ(c->reason, Reason::kOvertaken);
}

TEST(QueueTest, AppointmentWaitsForItsSlot) {
  std::vector<Ticket> w = {make(1, 0), make(2, 1)};
  w[1].appointment_id = 9;
  w[1].ready_ms = 10 * kMinute;
  auto c = choose_next(w, counter_of({"registration"}), Policy{}, CallState{}, 5 * kMinute);
  EXPECT_EQ(w[c->index].id, 1);
  c = choose_next(w, counter_of({"registration"}), Policy{}, CallState{}, 10 * kMinute);
  EXPECT_EQ(w[c->index].id, 2);
  EXPECT_EQ(c->reason, Reason::kAppointment);
}

TEST(QueueTest, OvertakenByCountsEarlierOrdinaryTicketsTheCounterServes) {
  std::vector<Ticket> w = {make(1, 0), make(2, 1, true), make(3, 2, false, "seal"), make(4, 3)};
  Ticket called = w[3];
  called.called_ms = 4 * kMinute;
  auto idx = overtaken_by(w, called, counter_of({"registration"}));
  ASSERT_EQ(idx.size(), 1U);
  EXPECT_EQ(idx[0], 0U);
}

// Found by the simulation (queue_simulation_test.cc): an appointment's ticket checked in
// before its slot was counted as overtaken by every later walk-in called meanwhile, and came
// to its slot already past max_overtaken.
TEST(QueueTest, ATicketNotYetReadyIsNotOvertaken) {
  std::vector<Ticket> w = {make(1, 0), make(2, 3)};
  w[0].appointment_id = 7;
  w[0].ready_ms = 10 * kMinute;
  Ticket called = w[1];
  called.called_ms = 5 * kMinute;
  EXPECT_TRUE(overtaken_by(w, called, counter_of({"registration"})).empty());
  called.called_ms = 10 * kMinute;
  EXPECT_EQ(overtaken_by(w, called, counter_of({"registration"})).size(), 1U);
}

TEST(QueueTest, NumbersWrapWithinTheirThousand) {
  Service s{"transcript", "謄本", "Transcripts", 2000, 0, true};
  EXPECT_EQ(ticket_number(s, 1), 2001);
  EXPECT_EQ(ticket_number(s, 999), 2999);
  EXPECT_EQ(ticket_number(s, 1000), 2001);
}

TEST(QueueTest, PolicyTextRoundTrips) {
  Policy p;
  p.cap_min = 35;
  auto back = parse_policy(policy_text(p));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->cap_min, 35);
  EXPECT_FALSE(parse_policy("nonsense=1\n"));
  EXPECT_FALSE(parse_policy("cap_min=x\n"));
}

TEST(QueueTest, DefaultsAreValid) {
  const auto services = default_services();
  for (const auto& s : services) EXPECT_FALSE(check_service(s)) << s.code;
  for (const auto& c : default_counters()) EXPECT_FALSE(check_counter(c, services)) << c.id;
  EXPECT_FALSE(check_policy(Policy{}));
}

}  // namespace
}  // namespace huji::domain::queue
