#include "service/hash_gate.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace huji::service {
namespace {

using std::chrono::milliseconds;

TEST(HashGate, BeyondParallelAndQueueARequestIsRefusedAtOnce) {
  HashGate gate({.parallel = 2, .queue = 0, .max_wait = milliseconds(5000)});
  auto a = gate.acquire();
  auto b = gate.acquire();
  EXPECT_TRUE(a);
  EXPECT_TRUE(b);
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_FALSE(gate.acquire());
  EXPECT_LT(std::chrono::steady_clock::now() - t0, milliseconds(1000)) << "not after a wait";
}

TEST(HashGate, AWaiterGetsTheSlotGivenBack) {
  HashGate gate({.parallel = 1, .queue = 1, .max_wait = milliseconds(10000)});
  std::thread holder([slot = gate.acquire()]() mutable {
    std::this_thread::sleep_for(milliseconds(50));
    HashGate::Slot released = std::move(slot);
  });
  EXPECT_TRUE(gate.acquire());
  holder.join();
}

TEST(HashGate, AWaitBeyondMaxWaitIsRefused) {
  HashGate gate({.parallel = 1, .queue = 4, .max_wait = milliseconds(20)});
  auto held = gate.acquire();
  ASSERT_TRUE(held);
  EXPECT_FALSE(gate.acquire());
}

}  // namespace
}  // namespace huji::service
