#include "cli/log_sink.h"

#include <fcntl.h>
#include <unistd.h>

#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <spdlog/logger.h>

namespace huji::cli {
namespace {

// What can be read from the pipe now, without waiting.
std::string available(int fd) {
  std::string out;
  char buf[4096];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n <= 0) return out;
    out.append(buf, static_cast<size_t>(n));
  }
}

class BufferedFdSinkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(::pipe(fds_), 0);
    ASSERT_EQ(::fcntl(fds_[0], F_SETFL, O_NONBLOCK), 0);
  }
  void TearDown() override {
    ::close(fds_[0]);
    ::close(fds_[1]);
  }
  std::shared_ptr<spdlog::logger> logger(size_t limit) {
    auto l =
        std::make_shared<spdlog::logger>("test", std::make_shared<BufferedFdSink>(fds_[1], limit));
    l->set_pattern("%l %v");
    return l;
  }
  int fds_[2];
};

TEST_F(BufferedFdSinkTest, InfoLinesWaitForAFlushThenLeaveInOrder) {
  auto log = logger(1 << 16);
  log->info("first");
  log->info("second");
  EXPECT_EQ(available(fds_[0]), "");
  log->flush();
  EXPECT_EQ(available(fds_[0]), "info first\ninfo second\n");
  log->flush();
  EXPECT_EQ(available(fds_[0]), "");
}

TEST_F(BufferedFdSinkTest, AWarningIsWrittenAtOnceWithWhatCameBefore) {
  auto log = logger(1 << 16);
  log->info("request");
  log->warn("stop_timeout");
  EXPECT_EQ(available(fds_[0]), "info request\nwarning stop_timeout\n");
}

TEST_F(BufferedFdSinkTest, AFullBufferIsWritten) {
  auto log = logger(20);
  log->info("0123456789");  // 16 bytes with "info " and the newline: kept
  EXPECT_EQ(available(fds_[0]), "");
  log->info("abc");  // 25 bytes in all: written
  EXPECT_EQ(available(fds_[0]), "info 0123456789\ninfo abc\n");
}

TEST_F(BufferedFdSinkTest, DestroyingTheSinkWritesWhatIsLeft) {
  {
    auto log = logger(1 << 16);
    log->info("last words");
  }
  EXPECT_EQ(available(fds_[0]), "info last words\n");
}

}  // namespace
}  // namespace huji::cli
