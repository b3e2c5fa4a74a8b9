#ifndef HUJI_CLI_PROGRESS_H_
#define HUJI_CLI_PROGRESS_H_

// A progress report for long operator commands (`huji demo`): done / total, rate per second
// and estimated time left. On a terminal, one line redrawn in place at most five times a
// second; otherwise (a log file, CI) a plain line every five seconds. REQUIRES: one thread.

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>

namespace huji::cli {

class ProgressBar {
 public:
  using Clock = std::chrono::steady_clock;

  ProgressBar(std::ostream& out, bool tty, int64_t total, std::string unit);

  // Cheap when no redraw is due: call it as often as convenient.
  void update(int64_t done) { update(done, Clock::now()); }
  void update(int64_t done, Clock::time_point now);
  // The last line (and, on a terminal, the newline that ends it).
  void finish(int64_t done) { finish(done, Clock::now()); }
  void finish(int64_t done, Clock::time_point now);

  // 1234567 → "1,234,567".
  static std::string grouped(int64_t n);
  // Seconds → "0:42", "12:05", "1:02:03".
  static std::string duration(int64_t seconds);

 private:
  void draw(int64_t done, Clock::time_point now, bool final);

  std::ostream& out_;
  const bool tty_;
  const int64_t total_;
  const std::string unit_;
  const Clock::duration every_;
  Clock::time_point start_;
  Clock::time_point next_;
};

}  // namespace huji::cli

#endif  // HUJI_CLI_PROGRESS_H_
