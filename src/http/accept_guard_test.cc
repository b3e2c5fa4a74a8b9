#include "http/accept_guard.h"

#include <gtest/gtest.h>

#include <vector>

namespace huji::http {
namespace {

// RESTinio's acceptor as the guard sees it: what it was asked to arm.
struct FakeAcceptor : AcceptGuard::Acceptor {
  std::vector<size_t> armed;      // call_accept_now
  std::vector<size_t> scheduled;  // schedule_next_accept_attempt (RESTinio posts accept_next)
  void call_accept_now(std::size_t slot) noexcept override { armed.push_back(slot); }
  void schedule_next_accept_attempt(std::size_t slot) noexcept override {
    scheduled.push_back(slot);
  }
};

struct Fixture {
  std::atomic<bool> accepting{true};
  FakeAcceptor acceptor;
  AcceptGuard guard;
  explicit Fixture(size_t cap) : guard(cap, accepting) {
    guard.attach(&acceptor);
    for (size_t i = 0; i < AcceptGuard::kSlots; ++i) guard.accept_next(i);  // RESTinio's open()
  }
  // An accept on `slot` succeeded: RESTinio counts the connection, then asks again.
  void accepted(size_t slot) {
    guard.opened();
    guard.accept_next(slot);
  }
};

TEST(AcceptGuard, ArmsOneAcceptAtATime) {
  Fixture f(100);
  EXPECT_EQ(f.acceptor.armed, std::vector<size_t>{0});
  f.accepted(0);
  EXPECT_EQ(f.acceptor.armed, (std::vector<size_t>{0, 0}));
  EXPECT_EQ(f.guard.connections(), 1u);
}

TEST(AcceptGuard, StopsAcceptingAtTheCapAndResumesWhenAConnectionCloses) {
  Fixture f(2);
  f.accepted(0);
  f.accepted(0);  // the second connection: at the cap, nothing armed
  EXPECT_EQ(f.acceptor.armed.size(), 2u);
  f.guard.check(true);  // clients wait, but none is armed: not a failure
  f.guard.check(true);
  EXPECT_TRUE(f.acceptor.scheduled.empty());
  EXPECT_TRUE(f.accepting);
  f.guard.closed();
  ASSERT_EQ(f.acceptor.scheduled.size(), 1u);
  f.guard.accept_next(f.acceptor.scheduled[0]);  // RESTinio's post arrives
  EXPECT_EQ(f.acceptor.armed.size(), 3u);
}

TEST(AcceptGuard, ArmsAnotherSlotWhenAnAcceptFailed) {
  Fixture f(100);
  f.guard.check(true);  // clients wait and nothing was accepted: once could be chance
  EXPECT_TRUE(f.acceptor.scheduled.empty());
  f.guard.check(true);  // twice: slot 0's accept failed
  ASSERT_EQ(f.acceptor.scheduled.size(), 1u);
  EXPECT_FALSE(f.accepting);
  const size_t other = f.acceptor.scheduled[0];
  EXPECT_NE(other, 0u);
  f.guard.accept_next(other);
  EXPECT_EQ(f.acceptor.armed.back(), other);
  f.accepted(other);  // it works: slot 0 is free again, and accepting is reported
  EXPECT_TRUE(f.accepting);
}

TEST(AcceptGuard, NoFailureWhileAcceptsProgressOrNobodyWaits) {
  Fixture f(100);
  for (int i = 0; i < 5; ++i) {
    f.accepted(0);
    f.guard.check(true);
    f.guard.check(false);
  }
  EXPECT_TRUE(f.acceptor.scheduled.empty());
  EXPECT_TRUE(f.accepting);
}

TEST(AcceptGuard, ASlowAcceptSetAsideIsTakenBackWhenItCompletes) {
  Fixture f(100);
  f.guard.check(true);
  f.guard.check(true);
  const size_t other = f.acceptor.scheduled.at(0);
  f.guard.accept_next(other);
  f.accepted(0);  // slot 0 was only slow: it completes, and is parked (one armed at a time)
  EXPECT_EQ(f.acceptor.armed.back(), other);
  EXPECT_TRUE(f.accepting);
}

TEST(AcceptGuard, StoppedArmsNothing) {
  Fixture f(1);
  f.accepted(0);
  f.guard.stop();
  EXPECT_FALSE(f.accepting);
  f.guard.closed();
  f.guard.check(true);
  f.guard.check(true);
  EXPECT_TRUE(f.acceptor.scheduled.empty());
}

}  // namespace
}  // namespace huji::http
