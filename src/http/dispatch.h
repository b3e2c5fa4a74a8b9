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
#include <shared_mutex>

#include <asio/thread_pool.hpp>
#include <restinio/all.hpp>

#include "http/config.h"
#include "http/routes.h"

namespace huji::http {

class Dispatcher {
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
  // The largest body the transport reads: the largest any route takes and 1 MiB more, so
  // that a body somewhat over its route's limit is still answered (413); RESTinio closes the
  // connection on a larger one without an answer.
  size_t body_limit() const;

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
  restinio::request_handling_status_t serve_static(const restinio::request_handle_t& req,
                                                   const std::string& path);

  const ServerConfig& config_;
  Services& s_;
  const Routes routes_;
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
