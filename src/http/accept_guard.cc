#include "http/accept_guard.h"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include <spdlog/spdlog.h>

namespace huji::http {

namespace {

constexpr auto kReuseSetAsideAfter = std::chrono::seconds(30);

thread_local std::shared_ptr<AcceptGuard> installed;

}  // namespace

AcceptGuard::AcceptGuard(size_t max_connections, std::atomic<bool>& accepting)
    : max_connections_(std::max<size_t>(max_connections, 1)), accepting_(accepting) {}

void AcceptGuard::attach(Acceptor* acceptor) {
  std::lock_guard lock(mu_);
  acceptor_ = acceptor;
}

size_t AcceptGuard::connections() const {
  std::lock_guard lock(mu_);
  return connections_;
}

void AcceptGuard::opened() noexcept {
  std::lock_guard lock(mu_);
  ++connections_;
  ++accepted_;
  if (!stopped_ && !accepting_.exchange(true)) {
    spdlog::info(R"({"event":"accepting","detail":"the listener accepts connections again"})");
  }
}

void AcceptGuard::closed() noexcept {
  std::optional<size_t> arm;
  Acceptor* acceptor = nullptr;
  {
    std::lock_guard lock(mu_);
    --connections_;
    if (stopped_ || acceptor_ == nullptr || !at_cap_ || armed_ || arming_ ||
        connections_ >= max_connections_) {
      return;
    }
    arm = take_spare();
    if (!arm) return;
    at_cap_ = false;
    arming_ = arm;
    acceptor = acceptor_;
    spdlog::info(R"({{"event":"connection_cap_left","connections":{}}})", connections_);
  }
  acceptor->schedule_next_accept_attempt(*arm);
}

void AcceptGuard::completed(size_t slot, uint64_t seq) {
  // Accepts armed before this one, on the same listening socket, have completed too: the
  // slots set aside for them are free again.
  auto freed = std::stable_partition(set_aside_.begin(), set_aside_.end(),
                                     [&](const SetAside& a) { return a.seq >= seq; });
  for (auto it = freed; it != set_aside_.end(); ++it) {
    if (it->slot != slot) spare_.push_back(it->slot);
  }
  set_aside_.erase(freed, set_aside_.end());
}

std::optional<size_t> AcceptGuard::take_spare() {
  if (spare_.empty()) {
    // A slot set aside long ago: its accept failed (a live one would have taken one of the
    // connections waiting all that time).
    auto oldest =
        std::min_element(set_aside_.begin(), set_aside_.end(),
                         [](const SetAside& a, const SetAside& b) { return a.seq < b.seq; });
    if (oldest == set_aside_.end() || Clock::now() - oldest->since < kReuseSetAsideAfter) {
      return std::nullopt;
    }
    spare_.push_back(oldest->slot);
    set_aside_.erase(oldest);
  }
  const size_t slot = spare_.back();
  spare_.pop_back();
  return slot;
}

void AcceptGuard::accept_next(size_t slot) noexcept {
  Acceptor* acceptor = nullptr;
  {
    std::lock_guard lock(mu_);
    if (arming_ == slot) arming_.reset();
    if (armed_ && armed_->slot == slot) {
      completed(slot, armed_->seq);
      armed_.reset();
    } else if (auto late = std::find_if(set_aside_.begin(), set_aside_.end(),
                                        [&](const SetAside& a) { return a.slot == slot; });
               late != set_aside_.end()) {
      // Set aside wrongly: its accept was slow, not failed.
      const uint64_t seq = late->seq;
      set_aside_.erase(late);
      completed(slot, seq);
    }
    if (stopped_ || armed_ || arming_ || acceptor_ == nullptr) {
      spare_.push_back(slot);
      return;
    }
    if (connections_ >= max_connections_) {
      spare_.push_back(slot);
      if (!at_cap_) {
        at_cap_ = true;
        spdlog::warn(
            R"({{"event":"connection_cap","connections":{},"detail":"at the connection cap (--max-connections, below the descriptor limit): new connections wait until one closes"}})",
            connections_);
      }
      return;
    }
    armed_ = Armed{slot, ++next_seq_};
    acceptor = acceptor_;
  }
  acceptor->call_accept_now(slot);
}

void AcceptGuard::check(bool backlog_waiting) noexcept {
  std::optional<size_t> arm;
  Acceptor* acceptor = nullptr;
  {
    std::lock_guard lock(mu_);
    const bool stalled = !stopped_ && acceptor_ != nullptr && armed_ && backlog_waiting &&
                         accepted_ == accepted_at_check_;
    accepted_at_check_ = accepted_;
    if (!stalled) {
      stalled_checks_ = 0;
      return;
    }
    if (++stalled_checks_ < 2) return;
    stalled_checks_ = 0;
    set_aside_.push_back({armed_->slot, armed_->seq, Clock::now()});
    armed_.reset();
    accepting_ = false;
    arm = take_spare();
    if (!arm) {
      spdlog::error(
          R"({{"event":"listener_stuck","connections":{},"detail":"accepting failed on every slot; retried within 30 s"}})",
          connections_);
      return;
    }
    spdlog::warn(
        R"({{"event":"accept_failed","connections":{},"detail":"connections wait but none is accepted (out of file descriptors?); accepting again on another slot"}})",
        connections_);
    arming_ = arm;
    acceptor = acceptor_;
  }
  acceptor->schedule_next_accept_attempt(*arm);
}

void AcceptGuard::stop() noexcept {
  std::lock_guard lock(mu_);
  stopped_ = true;
  acceptor_ = nullptr;
  accepting_ = false;
}

AcceptLimiter::AcceptLimiter(restinio::not_null_pointer_t<AcceptGuard::Acceptor> acceptor,
                             restinio::connection_count_limits::max_parallel_connections_t,
                             restinio::connection_count_limits::max_active_accepts_t)
    : guard_(installed) {
  if (!guard_) throw std::logic_error("AcceptLimiter made without an AcceptGuard installed");
  guard_->attach(acceptor);
}

AcceptLimiter::Installing::Installing(std::shared_ptr<AcceptGuard> guard) {
  installed = std::move(guard);
}

AcceptLimiter::Installing::~Installing() { installed.reset(); }

}  // namespace huji::http
