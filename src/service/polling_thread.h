#ifndef HUJI_SERVICE_POLLING_THREAD_H_
#define HUJI_SERVICE_POLLING_THREAD_H_

// A background thread that runs a pass now and then: at start, every `poll`, and at once when
// woken (the outboxes' senders: mail_outbox.h, notification_worker.h).

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>

namespace huji::service {

class PollingThread {
 public:
  PollingThread(std::chrono::milliseconds poll, std::function<void()> pass)
      : poll_(poll), pass_(std::move(pass)) {}
  ~PollingThread() { stop(); }
  PollingThread(const PollingThread&) = delete;
  PollingThread& operator=(const PollingThread&) = delete;

  void start() {
    thread_ = std::thread([this] {
      std::unique_lock lock(mu_);
      while (!stopping_) {
        lock.unlock();
        pass_();
        lock.lock();
        cv_.wait_for(lock, poll_, [this] { return woken_ || stopping_; });
        woken_ = false;
      }
    });
  }
  void stop() {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
  }
  // Any thread: run a pass now (after the one running, if any).
  void wake() {
    {
      std::lock_guard lock(mu_);
      woken_ = true;
    }
    cv_.notify_all();
  }
  // Whether stop() was called: a long pass may end early.
  bool stopping() {
    std::lock_guard lock(mu_);
    return stopping_;
  }

 private:
  const std::chrono::milliseconds poll_;
  const std::function<void()> pass_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool woken_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_POLLING_THREAD_H_
