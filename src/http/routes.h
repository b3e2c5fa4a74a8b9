#ifndef HUJI_HTTP_ROUTES_H_
#define HUJI_HTTP_ROUTES_H_

// The API's route table. Each area adds its routes in src/http/routes/<area>.cc through one
// add_<area>_routes(); a route is a pattern (router.h), where it runs, its body limit and a
// handler that turns a Request into an Answer:
//
//   r.post("/api/v1/nationality-cases/{id:int}/record", [&s](Request& q) -> Answer {
//     HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
//     …
//     return Response::ok({{"case", nationality_case_json(c)}});
//   });
//
// No business rule lives here: a handler parses, calls one use case and maps its result.

#include <algorithm>
#include <cstddef>
#include <functional>
#include <string_view>
#include <vector>

#include "http/config.h"
#include "http/request.h"
#include "http/response.h"
#include "http/router.h"

namespace huji::http {

// Where a handler runs.
enum class Run {
  kWorker,      // on the worker pool: it may wait (a write's group commit, the writer lock)
  kIoThread,    // on the I/O thread that read the request: pure computation, no store
  kLocalReads,  // on the I/O thread when the store's reads are local files, else a worker
};

struct RouteOptions {
  Run run = Run::kWorker;
  size_t body_limit = 0;  // 0: the default, ServerConfig::max_json_body (api_routes)
  // Callable without a bearer token. Any other route refuses a request that carries a body
  // but no token (401 auth.required) before the body is looked at.
  bool anonymous = false;
};

// Hands the answer back; may be called later, from another thread, exactly once.
using Respond = std::function<void(Answer)>;
using Handler = std::function<Answer(Request&)>;
using DeferredHandler = std::function<void(Request&, Respond)>;

class Routes {
 public:
  struct Route {
    Run run = Run::kWorker;
    size_t body_limit = 0;  // resolved: the route's own, or the default
    bool anonymous = false;
    DeferredHandler handle;
  };

  // `default_body_limit`: a route's body limit when it declares none.
  explicit Routes(size_t default_body_limit)
      : default_body_limit_(default_body_limit), largest_body_limit_(default_body_limit) {}

  void get(std::string_view pattern, Handler h, RouteOptions o = {}) {
    add(Method::kGet, pattern, std::move(h), o);
  }
  void post(std::string_view pattern, Handler h, RouteOptions o = {}) {
    add(Method::kPost, pattern, std::move(h), o);
  }
  void put(std::string_view pattern, Handler h, RouteOptions o = {}) {
    add(Method::kPut, pattern, std::move(h), o);
  }
  // A handler that answers through `respond`, possibly later (once an audit entry is durable).
  void deferred(Method method, std::string_view pattern, DeferredHandler h, RouteOptions o = {}) {
    const size_t body_limit = o.body_limit ? o.body_limit : default_body_limit_;
    router_.add(method, pattern, Route{o.run, body_limit, o.anonymous, std::move(h)});
    largest_body_limit_ = std::max(largest_body_limit_, body_limit);
  }

  const Router<Route>& router() const { return router_; }
  const std::vector<RouteInfo>& list() const { return router_.routes(); }
  // The largest body limit of any route (the default when no route declares a larger one).
  size_t largest_body_limit() const { return largest_body_limit_; }

 private:
  void add(Method method, std::string_view pattern, Handler h, RouteOptions o) {
    deferred(
        method, pattern, [h = std::move(h)](Request& r, const Respond& respond) { respond(h(r)); },
        o);
  }

  size_t default_body_limit_;
  Router<Route> router_;
  size_t largest_body_limit_;
};

// Every route of the API.
Routes api_routes(const ServerConfig& config, Services& s);

void add_health_routes(Routes& r, Services& s);
void add_auth_routes(Routes& r, Services& s);
void add_reference_routes(Routes& r, Services& s);
void add_person_routes(Routes& r, Services& s);
void add_audit_routes(Routes& r, Services& s);
void add_registration_routes(Routes& r, Services& s, const ServerConfig& config);
void add_statistics_routes(Routes& r, Services& s);
void add_nationality_routes(Routes& r, Services& s);
void add_calendar_admin_routes(Routes& r, Services& s);
void add_rules_admin_routes(Routes& r, Services& s);
void add_reminder_routes(Routes& r, Services& s);
void add_care_list_routes(Routes& r, Services& s);
void add_verify_routes(Routes& r, Services& s, const ServerConfig& config);
void add_transcript_routes(Routes& r, Services& s);
void add_seal_routes(Routes& r, Services& s);
void add_fee_routes(Routes& r, Services& s);
void add_payment_routes(Routes& r, Services& s);
void add_id_card_routes(Routes& r, Services& s, const ServerConfig& config);
void add_notification_routes(Routes& r, Services& s);
void add_inbound_routes(Routes& r, Services& s);
void add_notification_kpi_routes(Routes& r, Services& s);
void add_queue_routes(Routes& r, Services& s);
void add_queue_stats_routes(Routes& r, Services& s);
void add_queue_advice_routes(Routes& r, Services& s);
void add_voice_routes(Routes& r, Services& s);
void add_appointment_routes(Routes& r, Services& s);

}  // namespace huji::http

#endif  // HUJI_HTTP_ROUTES_H_
