#include "cli/log_sink.h"

#include <unistd.h>

#include <cerrno>

namespace huji::cli {

BufferedFdSink::~BufferedFdSink() {
  std::lock_guard lock(mutex_);
  flush_();
}

void BufferedFdSink::sink_it_(const spdlog::details::log_msg& msg) {
  spdlog::memory_buf_t line;
  formatter_->format(msg, line);
  buffer_.append(line.data(), line.size());
  if (buffer_.size() >= limit_ || msg.level >= spdlog::level::warn) flush_();
}

void BufferedFdSink::flush_() {
  size_t done = 0;
  while (done < buffer_.size()) {
    const ssize_t n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // stderr closed or full disk: the lines are dropped, the server goes on
    done += static_cast<size_t>(n);
  }
  buffer_.clear();
}

}  // namespace huji::cli
