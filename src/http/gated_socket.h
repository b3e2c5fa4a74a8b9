#ifndef HUJI_HTTP_GATED_SOCKET_H_
#define HUJI_HTTP_GATED_SOCKET_H_

// RESTinio's stream socket for huji's server (Traits::stream_socket_t): a TCP socket whose
// reads go through a HeadGate (head_gate.h). Writes, sendfile's included, go to the socket as
// they are. RESTinio asks of its socket what it asks of asio::ip::tcp::socket: built from the
// I/O context, moved (out of the acceptor's slots), lowest_layer() for accept and options,
// async_read_some / async_write_some, cancel, shutdown, close.
//
// A connection whose gate refused a request is closed gently: after the refusal has been
// written RESTinio closes the socket, but the client may still be sending the body it
// announced, and a socket closed with unread bytes answers them with a reset, which can take
// the refusal with it before the client has read it. So the sending side is shut down and
// what comes is read and thrown away for up to kLinger before the socket is closed.
//
// The check is process-wide: run_server installs its dispatcher (Installing) before the
// server starts and removes it after the last connection has ended.

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <utility>

#include <asio/associated_executor.hpp>
#include <asio/bind_executor.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/post.hpp>
#include <restinio/all.hpp>

#include "http/head_gate.h"

namespace huji::http {

class GatedSocket {
 public:
  using executor_type = restinio::default_asio_executor;
  static constexpr std::chrono::seconds kLinger{2};
  static constexpr int kMaxLingering = 64;

  class Installing {
   public:
    explicit Installing(const HeadCheck& check);
    ~Installing();
    Installing(const Installing&) = delete;
    Installing& operator=(const Installing&) = delete;
  };

  explicit GatedSocket(asio::io_context& io) : socket_(io) {}
  GatedSocket(GatedSocket&&) noexcept = default;
  GatedSocket& operator=(GatedSocket&&) noexcept = default;
  ~GatedSocket() = default;

  asio::ip::tcp::socket& lowest_layer() { return socket_; }
  const asio::ip::tcp::socket& lowest_layer() const { return socket_; }
  executor_type get_executor() { return socket_.get_executor(); }
  auto remote_endpoint() const { return socket_.remote_endpoint(); }
  bool is_open() const { return socket_.is_open(); }
  void cancel(asio::error_code& ec) { socket_.cancel(ec); }
  void shutdown(asio::socket_base::shutdown_type what, asio::error_code& ec);
  void close();

  template <typename Buffers, typename Handler>
  auto async_write_some(const Buffers& buffers, Handler&& handler) {
    return socket_.async_write_some(buffers, std::forward<Handler>(handler));
  }

  // Completes with bytes for RESTinio's parser: those the gate lets through, or a refusal's
  // stand-in. RESTinio keeps at most one read pending, and does not move its socket meanwhile.
  template <typename Handler>
  void async_read_some(asio::mutable_buffer buffer, Handler&& handler) {
    if (!state_) state_ = std::make_unique<State>();
    if (state_->ready_size() > 0) {
      const size_t n = state_->take(buffer);
      auto ex = asio::get_associated_executor(handler, socket_.get_executor());
      asio::post(ex,
                 [h = std::forward<Handler>(handler), n]() mutable { h(asio::error_code{}, n); });
      return;
    }
    read_more(buffer, std::forward<Handler>(handler));
  }

 private:
  struct State {
    State();
    size_t ready_size() const { return ready.size() - taken; }
    size_t take(asio::mutable_buffer buffer);

    HeadGate gate;
    std::string in;     // what the socket gave
    std::string ready;  // what RESTinio is to read, from `taken` on
    size_t taken = 0;
  };

  template <typename Handler>
  void read_more(asio::mutable_buffer buffer, Handler&& handler) {
    auto ex = asio::get_associated_executor(handler, socket_.get_executor());
    State* s = state_.get();
    s->in.resize(buffer.size());  // RESTinio's buffer (4 KiB): no more could be handed on
    socket_.async_read_some(
        asio::buffer(s->in),
        asio::bind_executor(ex, [this, s, buffer, h = std::forward<Handler>(handler)](
                                    const asio::error_code& ec, size_t n) mutable {
          if (ec) {
            // After a refusal the client's end of the stream, like its bytes, changes nothing:
            // RESTinio is writing the refusal and closes the connection once it is out.
            const bool refused_eof = s->gate.refused() && ec == asio::error::eof;
            h(refused_eof ? asio::error_code(asio::error::operation_aborted) : ec, 0);
            return;
          }
          s->gate.feed(s->in.data(), n, s->ready);
          if (s->ready_size() == 0) {
            read_more(buffer, std::move(h));
            return;
          }
          h(asio::error_code{}, s->take(buffer));
        }));
  }

  asio::ip::tcp::socket socket_;
  std::unique_ptr<State> state_;  // made at the first read (a slot's socket reads nothing)
};

// What RESTinio's connection asks of a socket type besides its members (it provides these
// for asio::ip::tcp::socket; found here by argument-dependent lookup).
template <typename Connection, typename StartRead, typename Failed>
void prepare_connection_and_start_read(GatedSocket&, Connection&, StartRead start_read, Failed) {
  start_read();
}

inline restinio::impl::tls_socket_t* make_tls_socket_pointer_for_state_listener(
    GatedSocket&) noexcept {
  return nullptr;
}

}  // namespace huji::http

#endif  // HUJI_HTTP_GATED_SOCKET_H_
