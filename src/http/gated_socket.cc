#include "http/gated_socket.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include <asio/steady_timer.hpp>
#include <asio/strand.hpp>

namespace huji::http {

namespace {

std::atomic<const HeadCheck*> installed_check{nullptr};
std::atomic<int> lingering{0};

// A refused connection's last seconds: its sending side shut, what the client still sends
// read and dropped until it ends its side, or kLinger has passed.
class Lingerer : public std::enable_shared_from_this<Lingerer> {
 public:
  explicit Lingerer(asio::ip::tcp::socket socket)
      : socket_(std::move(socket)),
        strand_(asio::make_strand(socket_.get_executor())),
        timer_(strand_) {
    ++lingering;
  }
  ~Lingerer() { --lingering; }
  Lingerer(const Lingerer&) = delete;
  Lingerer& operator=(const Lingerer&) = delete;

  void start() {
    timer_.expires_after(GatedSocket::kLinger);
    timer_.async_wait([self = shared_from_this()](const asio::error_code& ec) {
      if (!ec) self->socket_.close();
    });
    read();
  }

 private:
  void read() {
    socket_.async_read_some(asio::buffer(buf_),
                            asio::bind_executor(strand_, [self = shared_from_this()](
                                                             const asio::error_code& ec, size_t) {
                              if (!ec) {
                                self->read();
                                return;
                              }
                              self->timer_.cancel();
                              asio::error_code ignored;
                              self->socket_.close(ignored);
                            }));
  }

  asio::ip::tcp::socket socket_;
  asio::strand<asio::any_io_executor> strand_;
  asio::steady_timer timer_;
  char buf_[4096];
};

}  // namespace

GatedSocket::Installing::Installing(const HeadCheck& check) { installed_check = &check; }
GatedSocket::Installing::~Installing() { installed_check = nullptr; }

GatedSocket::State::State()
    : gate([]() -> const HeadCheck& {
        const HeadCheck* check = installed_check.load();
        if (!check) throw std::logic_error("GatedSocket: no HeadCheck installed");
        return *check;
      }()) {}

size_t GatedSocket::State::take(asio::mutable_buffer buffer) {
  const size_t n = std::min(buffer.size(), ready_size());
  std::memcpy(buffer.data(), ready.data() + taken, n);
  taken += n;
  if (taken == ready.size()) {
    ready.clear();
    taken = 0;
  }
  return n;
}

void GatedSocket::shutdown(asio::socket_base::shutdown_type what, asio::error_code& ec) {
  const bool refused = state_ && state_->gate.refused();
  socket_.shutdown(refused ? asio::socket_base::shutdown_send : what, ec);
}

void GatedSocket::close() {
  if (state_ && state_->gate.refused() && socket_.is_open() && lingering.load() < kMaxLingering) {
    asio::error_code ignored;
    socket_.cancel(ignored);  // a pending read completes (aborted) without the socket
    std::make_shared<Lingerer>(std::move(socket_))->start();
    return;
  }
  socket_.close();
}

}  // namespace huji::http
