#include "cli/progress.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace huji::cli {

ProgressBar::ProgressBar(std::ostream& out, bool tty, int64_t total, std::string unit)
    : out_(out),
      tty_(tty),
      total_(std::max<int64_t>(total, 1)),
      unit_(std::move(unit)),
      every_(tty ? std::chrono::milliseconds(200) : std::chrono::milliseconds(5000)),
      start_(Clock::now()),
      next_(start_ + every_) {}

void ProgressBar::update(int64_t done, Clock::time_point now) {
  if (now < next_) return;
  next_ = now + every_;
  draw(done, now, false);
}

void ProgressBar::finish(int64_t done, Clock::time_point now) { draw(done, now, true); }

std::string ProgressBar::grouped(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

std::string ProgressBar::duration(int64_t seconds) {
  seconds = std::max<int64_t>(seconds, 0);
  char buf[32];
  const long h = static_cast<long>(seconds / 3600), m = static_cast<long>(seconds / 60 % 60),
             s = static_cast<long>(seconds % 60);
  if (h > 0) {
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", h, m, s);
  } else {
    std::snprintf(buf, sizeof buf, "%ld:%02ld", m, s);
  }
  return buf;
}

void ProgressBar::draw(int64_t done, Clock::time_point now, bool final) {
  constexpr int kWidth = 30;
  done = std::clamp<int64_t>(done, 0, total_);
  const double fraction = static_cast<double>(done) / static_cast<double>(total_);
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0.0;
  const int filled = static_cast<int>(fraction * kWidth);
  std::string line = "[" + std::string(static_cast<size_t>(filled), '#') +
                     std::string(static_cast<size_t>(kWidth - filled), '-') + "] ";
  char pct[16];
  std::snprintf(pct, sizeof pct, "%5.1f%%", 100.0 * fraction);
  line += pct;
  line += "  " + grouped(done) + " / " + grouped(total_) + " " + unit_;
  line += "  " + grouped(static_cast<int64_t>(rate)) + "/s";
  if (final) {
    line += "  in " + duration(std::lround(seconds));
  } else if (rate > 0 && seconds >= 2.0) {
    line += "  ETA " + duration(static_cast<int64_t>(static_cast<double>(total_ - done) / rate));
  } else {
    line += "  ETA -:--";  // the first second's rate says little (set-up, password hashing)
  }
  if (tty_) {
    out_ << '\r' << line << "\x1b[K";  // clear what a longer previous line left
    if (final) out_ << '\n';
  } else {
    out_ << line << '\n';
  }
  out_.flush();
}

}  // namespace huji::cli
