#ifndef HUJI_SERVICE_HASH_GATE_H_
#define HUJI_SERVICE_HASH_GATE_H_

// Bounds concurrent argon2id work. Each hash holds 64 MiB (libsodium's "interactive" memory
// limit) and a core for ~100 ms; unbounded, 16 parallel logins took 1 GB and slowed every other
// request 80×. At most `parallel` hashes run at once; up to `queue` more wait, each at most
// `max_wait`; anything beyond is refused at once. Thread-safe.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>

namespace huji::service {

struct HashGateLimits {
  size_t parallel = 2;
  size_t queue = 6;
  std::chrono::milliseconds max_wait{3000};
};

class HashGate {
 public:
  explicit HashGate(HashGateLimits limits = {}) : limits_(limits) {}

  // A held slot, given back when destroyed; false when none could be had (busy).
  class Slot {
   public:
    explicit Slot(HashGate* gate) : gate_(gate) {}
    Slot(Slot&& o) noexcept : gate_(o.gate_) { o.gate_ = nullptr; }
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    Slot& operator=(Slot&&) = delete;
    ~Slot() {
      if (gate_) gate_->release();
    }
    explicit operator bool() const { return gate_ != nullptr; }

   private:
    HashGate* gate_;
  };

  Slot acquire() {
    std::unique_lock lock(mu_);
    if (running_ >= limits_.parallel) {
      if (waiting_ >= limits_.queue) return Slot(nullptr);
      ++waiting_;
      const bool got =
          cv_.wait_for(lock, limits_.max_wait, [this] { return running_ < limits_.parallel; });
      --waiting_;
      if (!got) return Slot(nullptr);
    }
    ++running_;
    return Slot(this);
  }

  const HashGateLimits& limits() const { return limits_; }

 private:
  void release() {
    {
      std::lock_guard lock(mu_);
      --running_;
    }
    cv_.notify_one();
  }

  HashGateLimits limits_;
  std::mutex mu_;
  std::condition_variable cv_;
  size_t running_ = 0;
  size_t waiting_ = 0;
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_HASH_GATE_H_
