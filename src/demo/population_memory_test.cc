// The generator streams: the heap in use while households are delivered does not grow with the
// population. Heap use is counted by replacing the global operator new and delete, which is why
// this test is an executable of its own.

#include <gtest/gtest.h>
#include <malloc.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <new>

#include "demo/population.h"

namespace {
std::atomic<int64_t> g_live_bytes{0};

void* counted_alloc(std::size_t n) {
  void* p = std::malloc(n == 0 ? 1 : n);
  if (p) g_live_bytes += static_cast<int64_t>(malloc_usable_size(p));
  return p;
}

void counted_free(void* p) noexcept {
  if (!p) return;
  g_live_bytes -= static_cast<int64_t>(malloc_usable_size(p));
  std::free(p);
}
}  // namespace

void* operator new(std::size_t n) {
  if (void* p = counted_alloc(n)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) { return operator new(n); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept { return counted_alloc(n); }
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept { return counted_alloc(n); }
void operator delete(void* p) noexcept { counted_free(p); }
void operator delete[](void* p) noexcept { counted_free(p); }
void operator delete(void* p, std::size_t) noexcept { counted_free(p); }
void operator delete[](void* p, std::size_t) noexcept { counted_free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { counted_free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { counted_free(p); }

namespace huji::demo {
namespace {

const core::Date kToday = core::Date::from_ymd(2025, 1, 15).value();

// Keeps nothing: records the heap in use beyond the start whenever a household arrives, and
// the largest household.
struct PeakSink final : PopulationSink {
  int64_t base = g_live_bytes.load();
  int64_t peak = 0;
  size_t largest = 0;
  int64_t households = 0;
  void office(const Office&) override {}
  void village(const Village&) override {}
  void door_plate(const DoorPlate&) override {}
  void household(const Household&, const std::vector<Person>& members,
                 const std::vector<Event>&) override {
    peak = std::max(peak, g_live_bytes.load() - base);
    largest = std::max(largest, members.size());
    ++households;
  }
};

PeakSink run(DemoScope scope, int persons) {
  DemoSpec spec{persons, 5, kToday};
  spec.scope = scope;
  PeakSink sink;
  generate(spec, sink);
  return sink;
}

TEST(PopulationMemory, BoundedWhateverTheNumberOfPersons) {
  for (DemoScope scope : {DemoScope::kOffice, DemoScope::kNational}) {
    run(scope, 100);  // reference tables built once, outside the measurement
    const PeakSink small = run(scope, 10'000);
    const PeakSink large = run(scope, 40'000);
    EXPECT_GT(large.households, 3 * small.households);
    // One household at a time, whatever the size: no more than a few MB, and not growing.
    EXPECT_LE(large.largest, 16u);
    EXPECT_LT(large.peak, 8 << 20);
    EXPECT_LT(large.peak, small.peak + (256 << 10))
        << "heap in use grows with the population: " << small.peak << " → " << large.peak;
  }
}

}  // namespace
}  // namespace huji::demo
