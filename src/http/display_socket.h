#ifndef HUJI_HTTP_DISPLAY_SOCKET_H_
#define HUJI_HTTP_DISPLAY_SOCKET_H_

// The lobby displays' WebSocket, GET /api/v1/queue/display (issue 20 item 5). Public; the
// office is ?office= or the only one with a queue (QueueService::public_office). A display is
// sent, in order:
//   1. {"type":"snapshot","seq":S,"counters":[…],"recent":[…]} — the state as of call S;
//   2. with ?after=N (N < S): every call and recall with N < seq <= S, in order (a display
//      that was away replays what it missed — a whole morning is read in pages);
//   3. every call committed after that, as it is published (service::DisplayHub).
// Every call message carries its seq; none is sent twice on a connection and none is left
// out between 2 and 3: the display is subscribed before the snapshot is read, and what comes
// meanwhile is held and sent after the replay, those at or below what was sent dropped.
//
// Each call is serialised once (display_message) and the same bytes are handed to every
// display: the hub's listener only queues a write on each connection (RESTinio posts it to
// the connection's strand), so a call under the office's lock never waits for a socket.
// A ping goes out every kPingEvery; a display silent for kSilentFor is closed. Connections
// count against the server's connection cap (their accept ticket moves with the upgrade);
// displays alone may take at most `cap` of them. Frames from a display are read and ignored
// (RESTinio's own parser answers malformed ones with a close).

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>
#include <restinio/all.hpp>

#include "service/queue_service.h"

namespace huji::http {

class DisplaySockets {
 public:
  static constexpr std::chrono::seconds kPingEvery{20};
  static constexpr std::chrono::seconds kSilentFor{60};
  static constexpr int kReplayPage = 500;
  static constexpr int kRecent = 10;

  explicit DisplaySockets(service::QueueService& queue) : queue_(queue) {}
  ~DisplaySockets();
  DisplaySockets(const DisplaySockets&) = delete;
  DisplaySockets& operator=(const DisplaySockets&) = delete;

  // Whether the request asks for the display's WebSocket (a GET of its path with
  // `Upgrade: websocket`).
  static bool wanted(const restinio::request_handle_t& req);

  // Upgrades the request, or answers it with an error (`error` sends one); runs on the I/O
  // thread that read it.
  restinio::request_handling_status_t upgrade(
      const restinio::request_handle_t& req,
      const std::function<restinio::request_handling_status_t(const core::Error&)>& error);

  // At most `cap` displays at once (the server's connection cap leaves room for the rest).
  void set_cap(size_t cap) { cap_ = cap; }
  // Pings every display now and then, closing the silent ones, on `io` until close_all().
  void start_pings(asio::io_context& io);
  // The server is stopping: every display is told (close 1001) and no more are taken.
  void close_all();
  size_t count() const;

  struct Display;

 private:
  void subscribe_office(const std::string& office);
  void on_call(const std::string& office, const std::string& text, int64_t seq);
  void remove(const std::string& office, int64_t id);
  void ping_round();
  void arm_pings(const std::shared_ptr<asio::steady_timer>& timer);

  service::QueueService& queue_;
  std::atomic<size_t> cap_{768};
  std::atomic<bool> closed_{false};
  std::mutex subscribe_mu_;  // never taken by the hub's listener (lock order: hub, then mu_)
  std::map<std::string, int64_t> subscribed_;  // office → the hub's subscription
  mutable std::mutex mu_;
  int64_t next_id_ = 0;
  std::map<std::string, std::map<int64_t, std::shared_ptr<Display>>> displays_;
  std::shared_ptr<asio::steady_timer> timer_;
};

}  // namespace huji::http

#endif  // HUJI_HTTP_DISPLAY_SOCKET_H_
