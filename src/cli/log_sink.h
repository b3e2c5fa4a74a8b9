#ifndef HUJI_CLI_LOG_SINK_H_
#define HUJI_CLI_LOG_SINK_H_

// The server's log sink: lines are collected in memory and written to a file descriptor
// (stderr) in large writes — when 64 KiB have gathered, when a warning or error is logged,
// and whenever the logger is flushed (the server flushes every second and when it stops).
// spdlog's own stderr sink makes one write and one flush per line, under a process-wide
// mutex: for the access log that was a system call, and often a wait, per request.
// On kill -9 the lines of the last second at most are lost; the audit trail, which is
// what records who read whom, is in the database and durable.

#include <mutex>
#include <string>

#include <spdlog/sinks/base_sink.h>

namespace huji::cli {

class BufferedFdSink : public spdlog::sinks::base_sink<std::mutex> {
 public:
  explicit BufferedFdSink(int fd, size_t limit = size_t{64} * 1024) : fd_(fd), limit_(limit) {}
  ~BufferedFdSink() override;

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override;
  void flush_() override;

 private:
  int fd_;
  size_t limit_;
  std::string buffer_;
};

}  // namespace huji::cli

#endif  // HUJI_CLI_LOG_SINK_H_
