#ifndef HUJI_HTTP_ACCEPT_GUARD_H_
#define HUJI_HTTP_ACCEPT_GUARD_H_

// Keeps the listener accepting. RESTinio 0.6.16's acceptor arms an accept on one of its
// sockets ("slots") and re-arms it only after a success: an accept that fails (EMFILE, the
// process out of descriptors) loses its slot for good, and once every slot is lost the
// server accepts nothing more while the process lives on. RESTinio asks a connection count
// limiter before each accept (restinio/connection_count_limiter.hpp); AcceptGuard is that
// limiter for huji's server (server.cc specializes restinio::connection_count_limit_types):
//
// - It caps concurrent connections (below the descriptor limit, so that accepting a
//   connection does not take the descriptor a database file or a sent file needs): at the
//   cap no accept is armed and new clients wait in the listen backlog, one log line when the
//   cap is reached and one when it is left.
// - It keeps exactly one accept armed, on one of kSlots slots.
// - check(), every second, sees an armed accept that has taken nothing for two checks while
//   connections wait in the backlog: that accept failed. The slot is set aside and a spare
//   one armed; the listener_accepting flag is false until an accept succeeds again. A slot
//   set aside is reused once an accept armed after it succeeded (asio performs the accepts
//   waiting on one socket in order: that one had completed), or after 30 s.
//
// Threading: RESTinio calls from any I/O thread, check() from a timer; the state is under
// one mutex, and calls into the acceptor are made without it.

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include <restinio/all.hpp>  // connection_count_limiter.hpp is not self-contained

namespace huji::http {

class AcceptGuard {
 public:
  using Acceptor = restinio::connection_count_limits::impl::acceptor_callback_iface_t;
  static constexpr size_t kSlots = 16;  // RESTinio's concurrent_accepts_count

  // `accepting` is set false while accepts fail, and by stop().
  AcceptGuard(size_t max_connections, std::atomic<bool>& accepting);

  void attach(Acceptor* acceptor);  // by the limiter RESTinio's acceptor owns
  void opened() noexcept;           // a connection was accepted
  void closed() noexcept;           // … and has ended
  // `slot`'s accept has completed (or it was never armed): arm one unless one is armed
  // already or the cap is reached.
  void accept_next(size_t slot) noexcept;
  // `backlog_waiting`: the listening socket has connections to accept (poll: readable).
  void check(bool backlog_waiting) noexcept;
  // The server is closing: nothing is armed any more, the acceptor is not called again.
  void stop() noexcept;

  size_t connections() const;

 private:
  using Clock = std::chrono::steady_clock;
  struct Armed {
    size_t slot;
    uint64_t seq;
  };
  struct SetAside {
    size_t slot;
    uint64_t seq;
    Clock::time_point since;
  };

  void completed(size_t slot, uint64_t seq);  // REQUIRES: mu_ held
  std::optional<size_t> take_spare();         // REQUIRES: mu_ held

  const size_t max_connections_;
  std::atomic<bool>& accepting_;
  mutable std::mutex mu_;
  Acceptor* acceptor_ = nullptr;
  size_t connections_ = 0;
  uint64_t accepted_ = 0;
  uint64_t next_seq_ = 0;
  std::optional<Armed> armed_;    // the slot whose accept is pending
  std::optional<size_t> arming_;  // handed to the acceptor to be armed
  std::vector<size_t> spare_;
  std::vector<SetAside> set_aside_;
  bool at_cap_ = false;
  bool stopped_ = false;
  uint64_t accepted_at_check_ = 0;
  int stalled_checks_ = 0;
};

// RESTinio's limiter_t: made by RESTinio's acceptor inside http_server_t's constructor, it
// attaches to the guard installed on that thread (Installing).
class AcceptLimiter {
 public:
  AcceptLimiter(restinio::not_null_pointer_t<AcceptGuard::Acceptor> acceptor,
                restinio::connection_count_limits::max_parallel_connections_t,
                restinio::connection_count_limits::max_active_accepts_t);
  AcceptLimiter(const AcceptLimiter&) = delete;
  AcceptLimiter& operator=(const AcceptLimiter&) = delete;

  void accept_next(std::size_t slot) noexcept { guard_->accept_next(slot); }
  const std::shared_ptr<AcceptGuard>& guard() const { return guard_; }

  // While alive, AcceptLimiters made on this thread attach to `guard`.
  class Installing {
   public:
    explicit Installing(std::shared_ptr<AcceptGuard> guard);
    ~Installing();
    Installing(const Installing&) = delete;
    Installing& operator=(const Installing&) = delete;
  };

 private:
  std::shared_ptr<AcceptGuard> guard_;
};

// RESTinio's lifetime_monitor_t: one accepted connection's place in the count. It holds the
// guard, not the limiter: a connection may end after RESTinio's acceptor is gone.
class ConnectionTicket {
 public:
  explicit ConnectionTicket(AcceptLimiter* limiter) : guard_(limiter->guard()) { guard_->opened(); }
  ~ConnectionTicket() {
    if (guard_) guard_->closed();
  }
  ConnectionTicket(ConnectionTicket&&) noexcept = default;
  ConnectionTicket& operator=(ConnectionTicket&& other) noexcept {
    if (this != &other) {
      if (guard_) guard_->closed();
      guard_ = std::move(other.guard_);
    }
    return *this;
  }
  ConnectionTicket(const ConnectionTicket&) = delete;
  ConnectionTicket& operator=(const ConnectionTicket&) = delete;

 private:
  std::shared_ptr<AcceptGuard> guard_;
};

}  // namespace huji::http

#endif  // HUJI_HTTP_ACCEPT_GUARD_H_
