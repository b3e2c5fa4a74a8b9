#include "cli/progress.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

namespace huji::cli {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(ProgressBar, Formats) {
  EXPECT_EQ(ProgressBar::grouped(0), "0");
  EXPECT_EQ(ProgressBar::grouped(999), "999");
  EXPECT_EQ(ProgressBar::grouped(1000), "1,000");
  EXPECT_EQ(ProgressBar::grouped(23'500'000), "23,500,000");
  EXPECT_EQ(ProgressBar::duration(42), "0:42");
  EXPECT_EQ(ProgressBar::duration(725), "12:05");
  EXPECT_EQ(ProgressBar::duration(3723), "1:02:03");
}

TEST(ProgressBar, PlainLinesAtMostEveryFiveSecondsWithoutATerminal) {
  std::ostringstream out;
  ProgressBar bar(out, /*tty=*/false, 1000, "persons");
  const auto t0 = ProgressBar::Clock::now();
  bar.update(10, t0 + milliseconds(100));  // too early
  EXPECT_EQ(out.str(), "");
  bar.update(500, t0 + seconds(6));
  EXPECT_NE(out.str().find("500 / 1,000 persons"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("ETA 0:0"), std::string::npos) << out.str();
  EXPECT_EQ(out.str().find('\r'), std::string::npos);
  bar.update(600, t0 + seconds(7));  // within five seconds of the last line
  EXPECT_EQ(out.str().find("600 /"), std::string::npos);
  bar.finish(1000, t0 + seconds(10));
  EXPECT_NE(out.str().find("1,000 / 1,000 persons"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("100.0%"), std::string::npos) << out.str();
  EXPECT_EQ(out.str().back(), '\n');
}

TEST(ProgressBar, RedrawsOneLineOnATerminal) {
  std::ostringstream out;
  ProgressBar bar(out, /*tty=*/true, 200, "persons");
  const auto t0 = ProgressBar::Clock::now();
  bar.update(50, t0 + milliseconds(300));
  bar.update(60, t0 + milliseconds(350));  // within 200 ms: skipped
  bar.update(100, t0 + milliseconds(600));
  const std::string s = out.str();
  EXPECT_EQ(s.find('\n'), std::string::npos);
  EXPECT_EQ(std::count(s.begin(), s.end(), '\r'), 2);
  EXPECT_NE(s.find("[###############---------------]"), std::string::npos) << s;
  bar.finish(200, t0 + seconds(1));
  EXPECT_EQ(out.str().back(), '\n');
}

}  // namespace
}  // namespace huji::cli
