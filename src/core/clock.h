#ifndef HUJI_CORE_CLOCK_H_
#define HUJI_CORE_CLOCK_H_

// An injectable clock so that expiry, lockout and "today" are testable (STYLE.md "Tests").

#include <atomic>
#include <chrono>
#include <cstdint>

#include "core/date.h"

namespace huji::core {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t now_ms() const = 0;  // milliseconds since the Unix epoch, UTC
  // Today's date in Taiwan (UTC+8, no daylight saving).
  Date today_taipei() const {
    return Date::from_days_since_epoch((now_ms() + 8 * 3600 * 1000) / 86'400'000);
  }
};

class SystemClock final : public Clock {
 public:
  int64_t now_ms() const override {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

// A clock that only moves when told to. Thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(int64_t start_ms) : now_(start_ms) {}
  int64_t now_ms() const override { return now_.load(); }
  void advance_ms(int64_t ms) { now_ += ms; }
  void set_ms(int64_t ms) { now_ = ms; }

 private:
  std::atomic<int64_t> now_;
};

}  // namespace huji::core

#endif  // HUJI_CORE_CLOCK_H_
