#ifndef HUJI_HTTP_SERVER_TRAITS_H_
#define HUJI_HTTP_SERVER_TRAITS_H_

// RESTinio's traits for huji's server: requests go to the dispatcher through the gated socket
// (gated_socket.h, head_gate.h), and every connection — a WebSocket's after its upgrade
// included — holds a ticket of the accept guard (accept_guard.h). In a header of its own
// because a WebSocket upgrade (display_socket.cc) names the server's traits.

#include <restinio/all.hpp>

#include "http/accept_guard.h"
#include "http/dispatch.h"
#include "http/gated_socket.h"

namespace huji::http {

struct Traits : public restinio::default_traits_t {
  using request_handler_t = DispatchEntry;
  using stream_socket_t = GatedSocket;
};

}  // namespace huji::http

// RESTinio asks AcceptGuard before every accept (accept_guard.h).
template <>
struct restinio::connection_count_limit_types<huji::http::Traits> {
  using limiter_t = huji::http::AcceptLimiter;
  using lifetime_monitor_t = huji::http::ConnectionTicket;
};

#endif  // HUJI_HTTP_SERVER_TRAITS_H_
