#ifndef HUJI_HTTP_DISPATCH_H_
#define HUJI_HTTP_DISPATCH_H_

// Between RESTinio and the routes: finds a request's route, admits it (to the worker pool, or
// on the I/O thread for pure computations and local reads), runs its handler, answers —
// errors through the one status table, every answer with the same security headers and one
// access-log line (ID numbers in the path masked) — and serves the built front end for
// other GETs. Owns the worker pool; server.cc owns the transport and shutdown.

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>

#include <asio/io_context.hpp>
#include <asio/thread_pool.hpp>
#include <restinio/all.hpp>

#include "http/config.h"
#include "http/display_socket.h"
#include "http/head_gate.h"
#include "http/routes.h"

namespace huji::http {

class Dispatcher : public HeadCheck {
 public:
  Dispatcher(const ServerConfig& config, Services& services);

  restinio::request_handling_status_t operator()(const restinio::request_handle_t& req);

  // From now on requests for the worker pool are refused (503): the server is stopping.
  // Waits for requests being admitted right now (see admit_), so that everything admitted is
  // seen by the shutdown's join and drain.
  void refuse_new_work();
  // Returns once every handler handed to the worker pool has finished (idempotent).
  void join_workers();

  const Routes& routes() const { return routes_; }
  // The largest body the transport reads: the largest any route takes and 1 MiB more. Only a
  // chunked body meets it (refuse() answers one announced too large before it is read):
  // somewhat over its route's limit it is still answered (413), beyond this RESTinio closes
  // the connection without an answer.
  size_t body_limit() const;

  // Asked by the gate (head_gate.h) as soon as a request's head is in, before its body is
  // read: a head over the limits (414/431), or one announcing a body for no route (404),
  // without the token its route needs (401) or larger than its route takes (413), is
  // refused; RESTinio then reads a stand-in request (a GET of refused_prefix_) instead, which
  // dispatch() answers with the refusal and Connection: close.
  std::optional<std::string> refuse(const SeenHead& head) const override;
  std::string malformed(http_errno error) const override;
  // Where refusals are answered and the lobby displays pinged.
  void answer_refusals_on(asio::io_context& io) {
    io_ = &io;
    if (displays_) displays_->start_pings(io);
  }
  // The lobby displays' WebSockets (display_socket.h); null without a queue service.
  DisplaySockets* displays() { return displays_.get(); }

 private:
  struct Exchange;

  restinio::request_handling_status_t dispatch(const restinio::request_handle_t& req);
  restinio::request_handling_status_t run(const Routes::Route& route,
                                          const std::shared_ptr<Exchange>& ex);
  template <typename W>
  restinio::request_handling_status_t to_workers(const restinio::request_handle_t& req, W work);
  restinio::request_handling_status_t busy(const restinio::request_handle_t& req);
  restinio::request_handling_status_t answer_now(const restinio::request_handle_t& req,
                                                 const core::Error& error);
  restinio::request_handling_status_t not_matched(const restinio::request_handle_t& req);
  restinio::request_handling_status_t answer_refused(const restinio::request_handle_t& req);
  restinio::request_handling_status_t answer_refused_now(const restinio::request_handle_t& req);
  std::string stand_in(int status, size_t limit, std::string_view method, std::string_view target,
                       std::optional<std::string_view> request_id) const;
  restinio::request_handling_status_t serve_static(const restinio::request_handle_t& req,
                                                   const std::string& path);

  const ServerConfig& config_;
  Services& s_;
  const Routes routes_;
  const std::string refused_prefix_;  // "/.refused-<random>/": no client can name it
  asio::io_context* io_ = nullptr;
  std::unique_ptr<DisplaySockets> displays_;
  asio::thread_pool workers_;
  std::atomic<int> queued_{0};  // handed to workers_, not yet started
  // Held shared while a request is checked against stopping_ and handed on (to a worker, or
  // as a lookup to the audit queue); refuse_new_work() takes it exclusively.
  std::shared_mutex admit_;
  std::atomic<bool> stopping_{false};
  std::once_flag joined_;
};

// RESTinio's request handler: forwards to the dispatcher, which outlives the server.
struct DispatchEntry {
  Dispatcher* dispatcher = nullptr;
  restinio::request_handling_status_t operator()(const restinio::request_handle_t& req) const {
    return (*dispatcher)(req);
  }
};

}  // namespace huji::http

#endif  // HUJI_HTTP_DISPATCH_H_
