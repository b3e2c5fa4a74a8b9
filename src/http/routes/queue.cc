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
          {"finished_at_ms", t.finished_ms},
          {"outcome", t.outcome},
          {"link", t.link},
          {"appointment_id", t.appointment_id}};
}

struct TicketBody {
  std::string service;
  std::optional<bool> priority;
  std::string priority_reason;
  std::string office;
  std::string source;  // kiosk | web (the public); staff tickets are "clerk"
};

nlohmann::json service_json(const domain::queue::Service& s) {
  return {{"code", s.code},
          {"name_zh", s.name_zh},
          {"name_en", s.name_en},
          {"number_base", s.number_base},
          {"active", s.active}};
}

nlohmann::json counter_json(const domain::queue::Counter& c) {
  return {{"id", c.id},
          {"name_zh", c.name_zh},
          {"name_en", c.name_en},
          {"services", c.services},
          {"open", c.open}};
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
          } else {
            HUJI_ASSIGN_OR_RETURN(office, s.queue->public_office(query.text("office")));
          }
          HUJI_ASSIGN_OR_RETURN(auto services, s.queue->services(office));
          nlohmann::json arr = nlohmann::json::array();
          for (const auto& x : services) arr.push_back(service_json(x));
          return Response::ok({{"office", office}, {"services", std::move(arr)}});
        },
        {.run = Run::kLocalReads, .anonymous = true});
  r.get("/api/v1/queue/counters", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(auto counters, s.queue->counters(actor));
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& c : counters) arr.push_back(counter_json(c));
    return Response::ok({{"counters", std::move(arr)}});
  });
  r.post("/api/v1/queue/tickets",
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
           return Response::created({{"ticket", ticket_json(v)}});
         },
         {.anonymous = true});
  r.get("/api/v1/queue/tickets/{id:int}",
        [&s](Request& q) -> Answer {
          HUJI_ASSIGN_OR_RETURN(int64_t id, q.path_id("id"));
          HUJI_ASSIGN_OR_RETURN(auto v, s.queue->ticket(id));
          return Response::ok({{"ticket", ticket_json(v)}});
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
          const int64_t after = to_int(query.text("after", "0")).value_or(0);
          HUJI_ASSIGN_OR_RETURN(auto events, s.queue->display_events_after(office, after, 500));
          nlohmann::json arr = nlohmann::json::array();
          for (const auto& e : events) {
            arr.push_back(nlohmann::json::parse(service::display_message(e)));
          }
          return Response::ok({{"office", office}, {"calls", std::move(arr)}});
        },
        {.run = Run::kLocalReads, .anonymous = true});
}

}  // namespace huji::http
