#ifndef HUJI_CORE_CLOCK_H_
#define HUJI_CORE_CLOCK_H_

// An injectable clock so that expiry, lockout and "today" are testable (STYLE.md "Tests").

#include <atomic>
#include <chrono>
#include <cstdint>

#include "core/date.h"

namespace huji::core {

// Taiwan's day (UTC+8, no daylight saving since 1979) against instants in milliseconds since
// the Unix epoch: every "today", "registered that day" and "audit entries of a day" uses these.
inline constexpr int64_t kDayMs = 86'400'000;
inline constexpr int64_t kTaipeiOffsetMs = int64_t{8} * 3'600'000;

// The Taiwan date at instant `ms`.
inline Date taipei_date_of_ms(int64_t ms) {
  const int64_t local = ms + kTaipeiOffsetMs;
  return Date::from_days_since_epoch(local / kDayMs - (local % kDayMs < 0 ? 1 : 0));
}

// The first instant of Taiwan date `d` (00:00 in Taipei); the day ends kDayMs later.
inline int64_t taipei_day_start_ms(Date d) {
  return d.days_since_epoch() * kDayMs - kTaipeiOffsetMs;
}

class Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t now_ms() const = 0;  // milliseconds since the Unix epoch, UTC
  // Today's date in Taiwan.
  Date today_taipei() const { return taipei_date_of_ms(now_ms()); }
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
