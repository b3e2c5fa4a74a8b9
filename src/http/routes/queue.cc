// The counter queue (/api/v1/queue/…, issue 20): services and counters, tickets, calling,
// and the lobby display's replay (service/queue_service.h).

#include "http/json_mapping.h"
#include "http/routes.h"

namespace huji::http {

namespace {

nlohmann::json ticket_json(const service::TicketView& v) {
  const domain::queue::Ticket& t = v.ticket;
  return {{"id", t.id},
          {"number", t.number},
          {"service", t.service},
          {"issued_service", t.issued_service},
          {"day", t.day.to_iso()},
          {"status", t.status},
          {"priority", t.priority},
          {"priority_reason", t.priority_reason},
          {"source", t.source},
          {"arrived_at_ms", t.arrived_ms},
          {"ready_at_ms", t.ready_ms},
          {"position", v.position},
          {"estimated_wait_min", t.status == domain::queue::kWaiting ? v.estimated_wait_min : 0},
          {"estimate_low_min", v.estimate_low_min},
          {"estimate_high_min", v.estimate_high_min},
          {"quoted_wait_min", t.estimated_wait_min},
          {"counter", t.counter},
          {"called_at_ms", t.called_ms},
          {"calls", t.calls},
          {"overtaken", t.overtaken},
          {"version", t.version},
          {"finished_at_ms", t.finished_ms},
          {"outcome", t.outcome},
          {"link", t.link},
          {"appointment_id", t.appointment_id}};
}

// A ticket as anyone holding its id may see it (the kiosk's answer and the holder's progress
// page): what the lobby shows, never the staff's fields — what it led to (`link`, a document's
// check code), the service done, the priority's reason (except to the one drawing it, who gave
// it), the clerk. A ticket of an earlier day that was never finished reads "expired".
nlohmann::json public_ticket_json(const service::TicketView& v, core::Date today,
                                  bool with_reason) {
  const domain::queue::Ticket& t = v.ticket;
  const bool open = t.status == domain::queue::kWaiting || t.status == domain::queue::kCalled;
  const bool expired = open && t.day != today;
  const bool waiting = t.status == domain::queue::kWaiting && !expired;
  nlohmann::json j = {{"id", t.id},
                      {"number", t.number},
                      {"service", t.service},
                      {"day", t.day.to_iso()},
                      {"status", expired ? "expired" : t.status},
                      {"priority", t.priority},
                      {"source", t.source},
                      {"arrived_at_ms", t.arrived_ms},
                      {"position", waiting ? v.position : 0},
                      {"estimated_wait_min", waiting ? v.estimated_wait_min : 0},
                      {"estimate_low_min", waiting ? v.estimate_low_min : 0},
                      {"estimate_high_min", waiting ? v.estimate_high_min : 0},
                      {"quoted_wait_min", t.estimated_wait_min},
                      {"counter", t.counter},
                      {"called_at_ms", t.called_ms},
                      {"calls", t.calls},
                      {"finished_at_ms", t.finished_ms}};
  if (with_reason) j["priority_reason"] = t.priority_reason;
  return j;
}

struct TicketBody {
  std::string service;
  std::optional<bool> priority;
  std::string priority_reason;
  std::string office;
  std::string source;  // kiosk | web (the public); staff tickets are "clerk"
};

nlohmann::json service_json(const domain::queue::Service& s) {
  return {{"code", s.code},       {"name_zh", s.name_zh},
          {"name_en", s.name_en}, {"number_base", s.number_base},
          {"sort", s.sort},       {"active", s.active}};
}

nlohmann::json services_json(const std::vector<domain::queue::Service>& list) {
  nlohmann::json arr = nlohmann::json::array();
  for (const auto& x : list) arr.push_back(service_json(x));
  return arr;
}

nlohmann::json counter_json(const domain::queue::Counter& c) {
  return {{"id", c.id},           {"name_zh", c.name_zh},
          {"name_en", c.name_en}, {"services", c.services},
          {"open", c.open},       {"sort", c.sort}};
}

// The body of a ticket operation: the version the clerk saw, optional.
struct StepBody {
  std::optional<int64_t> version;
};
struct CallBody {
  std::optional<int64_t> ticket_id;
  std::optional<int64_t> version;
};
struct TransferBody {
  std::string service;
  std::optional<int64_t> version;
};
struct FinishBody {
  std::string outcome;
  std::string link;
  std::optional<int64_t> version;
};
struct ServiceBody {
  std::string name_zh, name_en;
  std::optional<int> number_base;
  int sort = 0;
  std::optional<bool> active;
};
struct CounterBody {
  std::string name_zh, name_en;
  std::vector<std::string> services;
  std::optional<bool> open;
  int sort = 0;
};
// Absent members keep the office's current value.
struct PolicyBody {
  std::optional<int> priority_ratio, max_overtaken, cap_min, recall_pause_s, no_show_grace_min,
      target_wait_min, target_share_pct;
};

nlohmann::json policy_json(const domain::queue::Policy& p) {
  return {{"priority_ratio", p.priority_ratio},
          {"max_overtaken", p.max_overtaken},
          {"cap_min", p.cap_min},
          {"recall_pause_s", p.recall_pause_s},
          {"no_show_grace_min", p.no_show_grace_min},
          {"target_wait_min", p.target_wait_min},
          {"target_share_pct", p.target_share_pct}};
}

}  // namespace

HUJI_JSON_INPUT(StepBody, version)
HUJI_JSON_INPUT(CallBody, ticket_id, version)
HUJI_JSON_INPUT(TransferBody, service, version)
HUJI_JSON_INPUT(FinishBody, outcome, link, version)
HUJI_JSON_INPUT(ServiceBody, name_zh, name_en, number_base, sort, active)
HUJI_JSON_INPUT(CounterBody, name_zh, name_en, services, open, sort)
HUJI_JSON_INPUT(PolicyBody, priority_ratio, max_overtaken, cap_min, recall_pause_s,
                no_show_grace_min, target_wait_min, target_share_pct)

namespace {

// A body that may be left out (a step needs no more than the ticket's id).
template <typename T>
core::Result<T> optional_body(const Request& q) {
  if (q.raw_body().empty()) return T{};
  return q.body<T>();
}

using StepFn = core::Result<service::TicketView> (service::QueueService::*)(
    const service::Actor&, const service::RequestContext&, int64_t, std::optional<int64_t>);

// POST /api/v1/queue/tickets/{id}/<step> with an optional {"version"}: 200 {ticket}.
void add_step(Routes& r, Services& s, const std::string& step, StepFn fn) {
  r.post("/api/v1/queue/tickets/{id:int}/" + step, [&s, fn](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(int64_t id, q.path_id("id"));
    HUJI_ASSIGN_OR_RETURN(StepBody b, optional_body<StepBody>(q));
    HUJI_ASSIGN_OR_RETURN(auto v, ((*s.queue).*fn)(actor, q.ctx(), id, b.version));
    return Response::ok({{"ticket", ticket_json(v)}});
  });
}

void add_operation_routes(Routes& r, Services& s) {
  r.post("/api/v1/queue/counters/{counter}/call", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(CallBody b, q.body<CallBody>());
    if (!b.ticket_id) {
      return core::Error::invalid("queue.ticket_required", "請指定號碼牌（ticket_id）",
                                  "ticket_id is required");
    }
    HUJI_ASSIGN_OR_RETURN(
        auto v, s.queue->call_ticket(actor, q.ctx(), q.path("counter"), *b.ticket_id, b.version));
    return Response::ok({{"ticket", ticket_json(v)}});
  });
  add_step(r, s, "recall", &service::QueueService::recall);
  add_step(r, s, "no-show", &service::QueueService::no_show);
  add_step(r, s, "return", &service::QueueService::return_ticket);
  add_step(r, s, "cancel", &service::QueueService::cancel);
  r.post("/api/v1/queue/tickets/{id:int}/transfer", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(int64_t id, q.path_id("id"));
    HUJI_ASSIGN_OR_RETURN(TransferBody b, q.body<TransferBody>());
    HUJI_ASSIGN_OR_RETURN(auto v, s.queue->transfer(actor, q.ctx(), id, b.service, b.version));
    return Response::ok({{"ticket", ticket_json(v)}});
  });
  r.post("/api/v1/queue/tickets/{id:int}/finish", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(int64_t id, q.path_id("id"));
    HUJI_ASSIGN_OR_RETURN(FinishBody b, q.body<FinishBody>());
    HUJI_ASSIGN_OR_RETURN(auto v,
                          s.queue->finish(actor, q.ctx(), id, {b.outcome, b.link}, b.version));
    return Response::ok({{"ticket", ticket_json(v)}});
  });
  r.get("/api/v1/queue/board", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(auto board, s.queue->board(actor));
    nlohmann::json counters = nlohmann::json::array();
    for (const auto& row : board.counters) {
      nlohmann::json c = counter_json(row.counter);
      c["serving"] = row.serving ? ticket_json(*row.serving) : nlohmann::json();
      counters.push_back(std::move(c));
    }
    nlohmann::json services = nlohmann::json::array();
    for (const auto& row : board.services) {
      nlohmann::json x = service_json(row.service);
      x["waiting"] = row.waiting;
      x["priority_waiting"] = row.priority_waiting;
      services.push_back(std::move(x));
    }
    return Response::ok({{"counters", std::move(counters)}, {"services", std::move(services)}});
  });
}

void add_configuration_routes(Routes& r, Services& s) {
  r.put("/api/v1/queue/services/{code}", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(ServiceBody b, q.body<ServiceBody>());
    domain::queue::Service x{q.path("code"), b.name_zh,
                             b.name_en,      b.number_base.value_or(0),
                             b.sort,         b.active.value_or(true)};
    HUJI_ASSIGN_OR_RETURN(auto saved, s.queue->put_service(actor, q.ctx(), x));
    return Response::ok({{"service", service_json(saved)}});
  });
  r.put("/api/v1/queue/counters/{counter}", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(CounterBody b, q.body<CounterBody>());
    domain::queue::Counter x{q.path("counter"),     b.name_zh, b.name_en, b.services,
                             b.open.value_or(true), b.sort};
    HUJI_ASSIGN_OR_RETURN(auto saved, s.queue->put_counter(actor, q.ctx(), x));
    return Response::ok({{"counter", counter_json(saved)}});
  });
  r.get("/api/v1/queue/policy", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(auto p, s.queue->policy(actor));
    return Response::ok({{"policy", policy_json(p)}});
  });
  r.put("/api/v1/queue/policy", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(PolicyBody b, q.body<PolicyBody>());
    HUJI_ASSIGN_OR_RETURN(domain::queue::Policy p, s.queue->policy(actor));
    p.priority_ratio = b.priority_ratio.value_or(p.priority_ratio);
    p.max_overtaken = b.max_overtaken.value_or(p.max_overtaken);
    p.cap_min = b.cap_min.value_or(p.cap_min);
    p.recall_pause_s = b.recall_pause_s.value_or(p.recall_pause_s);
    p.no_show_grace_min = b.no_show_grace_min.value_or(p.no_show_grace_min);
    p.target_wait_min = b.target_wait_min.value_or(p.target_wait_min);
    p.target_share_pct = b.target_share_pct.value_or(p.target_share_pct);
    HUJI_ASSIGN_OR_RETURN(auto saved, s.queue->put_policy(actor, q.ctx(), p));
    return Response::ok({{"policy", policy_json(saved)}});
  });
}

}  // namespace

HUJI_JSON_INPUT(TicketBody, service, priority, priority_reason, office, source)

void add_queue_routes(Routes& r, Services& s) {
  r.get("/api/v1/queue/services",
        [&s](Request& q) -> Answer {
          HUJI_ASSIGN_OR_RETURN(Query query, q.query());
          std::string office;
          if (!q.bearer().empty()) {
            HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
            office = actor.office_code;
            if (query.text("all") == "true") {  // inactive ones too (the admin screen)
              HUJI_ASSIGN_OR_RETURN(auto all, s.queue->all_services(actor));
              return Response::ok({{"office", office}, {"services", services_json(all)}});
            }
          } else {
            HUJI_ASSIGN_OR_RETURN(office, s.queue->public_office(query.text("office")));
          }
          HUJI_ASSIGN_OR_RETURN(auto services, s.queue->services(office));
          return Response::ok({{"office", office}, {"services", services_json(services)}});
        },
        {.run = Run::kLocalReads, .anonymous = true});
  r.get("/api/v1/queue/counters", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(auto counters, s.queue->counters(actor));
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& c : counters) arr.push_back(counter_json(c));
    return Response::ok({{"counters", std::move(arr)}});
  });
  r.post(
      "/api/v1/queue/tickets",
      [&s](Request& q) -> Answer {
        HUJI_ASSIGN_OR_RETURN(TicketBody b, q.body<TicketBody>());
        service::TicketRequest req{b.office, b.service, b.priority.value_or(false),
                                   b.priority_reason};
        if (!q.bearer().empty()) {
          HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
          HUJI_ASSIGN_OR_RETURN(auto v, s.queue->issue(&actor, q.ctx(), req, "clerk"));
          return Response::created({{"ticket", ticket_json(v)}});
        }
        const std::string source = b.source.empty() ? "kiosk" : b.source;
        if (source != "kiosk" && source != "web") {
          return core::Error::invalid("queue.source", "來源須為 kiosk（取號機）或 web（網路）",
                                      "source is kiosk or web");
        }
        HUJI_ASSIGN_OR_RETURN(auto v, s.queue->issue(nullptr, q.ctx(), req, source));
        return Response::created({{"ticket", public_ticket_json(v, s.clock.today_taipei(), true)}});
      },
      {.anonymous = true});
  r.get("/api/v1/queue/tickets/{id:int}",
        [&s](Request& q) -> Answer {
          HUJI_ASSIGN_OR_RETURN(int64_t id, q.path_id("id"));
          if (!q.bearer().empty()) {
            HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
            HUJI_ASSIGN_OR_RETURN(auto v, s.queue->ticket(actor, id));
            return Response::ok({{"ticket", ticket_json(v)}});
          }
          HUJI_ASSIGN_OR_RETURN(auto v, s.queue->ticket(id));
          return Response::ok({{"ticket", public_ticket_json(v, s.clock.today_taipei(), false)}});
        },
        {.run = Run::kLocalReads, .anonymous = true});
  r.get("/api/v1/queue/tickets", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(Query query, q.query());
    HUJI_ASSIGN_OR_RETURN(auto views, s.queue->today(actor, query.text("status")));
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& v : views) arr.push_back(ticket_json(v));
    return Response::ok({{"tickets", std::move(arr)}});
  });
  r.post("/api/v1/queue/counters/{counter}/call-next", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(auto v, s.queue->call_next(actor, q.ctx(), q.path("counter")));
    if (!v) return Response::no_content();
    return Response::ok({{"ticket", ticket_json(*v)}});
  });
  r.get("/api/v1/queue/display/events",
        [&s](Request& q) -> Answer {
          HUJI_ASSIGN_OR_RETURN(Query query, q.query());
          HUJI_ASSIGN_OR_RETURN(std::string office, s.queue->public_office(query.text("office")));
          const auto after = to_int(query.text("after", "0"));
          if (!after || *after < 0) {
            return core::Error::invalid("queue.after", "after 須為 0 或正整數（顯示序號）",
                                        "after is a display sequence number, 0 or more");
          }
          HUJI_ASSIGN_OR_RETURN(auto events, s.queue->display_events_after(office, *after, 500));
          nlohmann::json arr = nlohmann::json::array();
          for (const auto& e : events) {
            arr.push_back(nlohmann::json::parse(service::display_message(e)));
          }
          return Response::ok({{"office", office}, {"calls", std::move(arr)}});
        },
        {.run = Run::kLocalReads, .anonymous = true});
  add_operation_routes(r, s);
  add_configuration_routes(r, s);
}

}  // namespace huji::http
