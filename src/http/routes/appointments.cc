// Appointments (/api/v1/appointments/…, /api/v1/home-visits/…; issue 20): the booking rules,
// the slots of a day, bookings on the web (no login) and by phone (a clerk), lookup and
// cancelling by reference and code, check-in at the kiosk or counter (a queue ticket),
// no-shows, the staff's list of a day, and home-visit requests (service/appointment_service.h).
// A booking's secret code travels in POST bodies only, never in a URL.

#include <cstdio>

#include "http/json_mapping.h"
#include "http/routes.h"
#include "service/appointment_service.h"

namespace huji::http {

namespace {

namespace q = domain::queue;

using q::hhmm;

// "09:30" → 570.
core::Result<int> minutes_of(const std::string& text) {
  int h = 0;
  int m = 0;
  char tail = 0;
  if (text.size() != 5 || std::sscanf(text.c_str(), "%2d:%2d%c", &h, &m, &tail) != 2 || h < 0 ||
      h > 23 || m < 0 || m > 59) {
    return core::Error::invalid("appointment.start", "時段須為 HH:MM，例如 09:30",
                                "start is HH:MM, e.g. 09:30");
  }
  return h * 60 + m;
}

nlohmann::json appointment_json(const service::AppointmentRecord& a) {
  return {{"id", a.id},
          {"reference", a.reference},
          {"office", a.office_code},
          {"kind", a.kind},
          {"service", a.service},
          {"day", a.day.to_iso()},
          {"start", hhmm(a.start_min)},
          {"slot_at_ms", a.slot_ms},
          {"slot_end_ms", a.slot_end_ms},
          {"name", a.name},
          {"id_number", a.id_number},
          {"phone", a.phone},
          {"email", a.email},
          {"topic", a.topic},
          {"source", a.source},
          {"status", a.status},
          {"ticket_id", a.ticket_id},
          {"reminder_status", a.reminder_status},
          {"created_at_ms", a.created_ms}};
}

nlohmann::json home_visit_json(const service::HomeVisitRecord& h) {
  return {{"id", h.id},
          {"reference", h.reference},
          {"office", h.office_code},
          {"name", h.name},
          {"id_number", h.id_number},
          {"phone", h.phone},
          {"email", h.email},
          {"address", h.address},
          {"reason", h.reason},
          {"detail", h.detail},
          {"status", h.status},
          {"visits", h.visits},
          {"scheduled_at_ms", h.scheduled_ms},
          {"staff_note", h.staff_note},
          {"created_at_ms", h.created_ms}};
}

nlohmann::json ticket_brief(const service::TicketView& v) {
  const q::Ticket& t = v.ticket;
  return {{"id", t.id},
          {"number", t.number},
          {"service", t.service},
          {"status", t.status},
          {"source", t.source},
          {"ready_at_ms", t.ready_ms},
          {"appointment_id", t.appointment_id},
          {"estimated_wait_min", v.estimated_wait_min}};
}

bool is_list_key(const std::string& k) {
  return k == "saturday_days" || k == "holiday_days" || k == "director_weekdays";
}

// The rules as JSON: the keys of domain::queue::rules_text, lists as arrays, capacities per
// service as an object.
nlohmann::json rules_json(const q::BookingRules& r) {
  nlohmann::json out = nlohmann::json::object();
  out["capacities"] = nlohmann::json::object();
  std::istringstream in(q::rules_text(r));
  std::string line;
  while (std::getline(in, line)) {
    const size_t eq = line.find('=');
    const std::string k = line.substr(0, eq);
    const std::string v = line.substr(eq + 1);
    if (k.starts_with("capacity.")) {
      out["capacities"][k.substr(9)] = std::stoi(v);
    } else if (k == "lunch_service") {
      out[k] = v == "1";
    } else if (k == "wedding_service") {
      out[k] = v;
    } else if (is_list_key(k)) {
      nlohmann::json arr = nlohmann::json::array();
      std::istringstream parts(v);
      std::string part;
      while (std::getline(parts, part, ',')) {
        if (k == "director_weekdays") {
          arr.push_back(std::stoi(part));
        } else {
          arr.push_back(part);
        }
      }
      out[k] = std::move(arr);
    } else {
      out[k] = std::stoi(v);
    }
  }
  return out;
}

core::Error bad_rules(const std::string& key) {
  return core::Error::invalid("appointment.rules", "預約規則設定不正確：" + key,
                              "the booking rules are not valid: " + key);
}

// The rules after the members of `j` (rules_json's keys, any subset) replace `current`'s.
core::Result<q::BookingRules> rules_from_json(const nlohmann::json& j,
                                              const q::BookingRules& current) {
  std::string text = q::rules_text(current);
  std::map<std::string, std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    const size_t eq = line.find('=');
    lines[line.substr(0, eq)] = line.substr(eq + 1);
  }
  for (const auto& [k, v] : j.items()) {
    if (k == "capacities") {
      if (!v.is_object()) return bad_rules(k);
      for (auto it = lines.begin(); it != lines.end();) {
        it = it->first.starts_with("capacity.") ? lines.erase(it) : std::next(it);
      }
      for (const auto& [service, n] : v.items()) {
        if (!n.is_number_integer()) return bad_rules("capacities." + service);
        lines["capacity." + service] = std::to_string(n.get<int64_t>());
      }
    } else if (!lines.contains(k) || k.starts_with("capacity.")) {
      return core::Error::invalid("http.unknown_field", "未知的欄位：" + k, "unknown field: " + k);
    } else if (k == "lunch_service") {
      if (!v.is_boolean()) return bad_rules(k);
      lines[k] = v.get<bool>() ? "1" : "0";
    } else if (k == "wedding_service") {
      if (!v.is_string()) return bad_rules(k);
      lines[k] = v.get<std::string>();
    } else if (is_list_key(k)) {
      if (!v.is_array()) return bad_rules(k);
      std::string joined;
      for (const auto& x : v) {
        const bool ok = k == "director_weekdays" ? x.is_number_integer() : x.is_string();
        if (!ok) return bad_rules(k);
        joined += (joined.empty() ? "" : ",") +
                  (x.is_string() ? x.get<std::string>() : std::to_string(x.get<int64_t>()));
      }
      lines[k] = joined;
    } else {
      if (!v.is_number_integer() || v.get<int64_t>() < -100000 || v.get<int64_t>() > 100000) {
        return bad_rules(k);
      }
      lines[k] = std::to_string(v.get<int64_t>());
    }
  }
  text.clear();
  for (const auto& [k, v] : lines) {
    if (v.find('\n') != std::string::npos || v.find('=') != std::string::npos) return bad_rules(k);
    text.append(k).append("=").append(v).append("\n");
  }
  auto parsed = q::parse_rules(text);
  if (!parsed) return bad_rules("format");
  return *parsed;
}

struct BookingBody {
  std::string office, kind, service, day, start, name, id_number, phone, email, topic;
};

struct SecretBody {
  std::string reference, code;
};

struct KioskCheckInBody {
  std::string reference, id_number;
};

struct HomeVisitBody {
  std::string office, name, id_number, phone, email, address, reason, detail;
};

struct StepBody {
  std::string action;
  std::optional<int64_t> at_ms;
  std::string note;
};

}  // namespace

HUJI_JSON_INPUT(BookingBody, office, kind, service, day, start, name, id_number, phone, email,
                topic)
HUJI_JSON_INPUT(SecretBody, reference, code)
HUJI_JSON_INPUT(KioskCheckInBody, reference, id_number)
HUJI_JSON_INPUT(HomeVisitBody, office, name, id_number, phone, email, address, reason, detail)
HUJI_JSON_INPUT(StepBody, action, at_ms, note)

void add_appointment_routes(Routes& r, Services& s) {
  auto& a = *s.appointments;
  r.get("/api/v1/appointments/rules",
        [&s, &a](Request& req) -> Answer {
          HUJI_ASSIGN_OR_RETURN(Query query, req.query());
          HUJI_ASSIGN_OR_RETURN(std::string office, s.queue->public_office(query.text("office")));
          HUJI_ASSIGN_OR_RETURN(auto rules, a.rules(office));
          return Response::ok({{"office", office}, {"rules", rules_json(rules)}});
        },
        {.run = Run::kLocalReads, .anonymous = true});
  r.put("/api/v1/appointments/rules", [&a](Request& req) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, req.actor());
    HUJI_TRY(req.require_json());
    HUJI_ASSIGN_OR_RETURN(nlohmann::json j, parse_json_object(req.raw_body()));
    HUJI_ASSIGN_OR_RETURN(auto current, a.rules(actor.office_code));
    HUJI_ASSIGN_OR_RETURN(auto next, rules_from_json(j, current));
    HUJI_ASSIGN_OR_RETURN(auto saved, a.put_rules(actor, req.ctx(), next));
    return Response::ok({{"office", actor.office_code}, {"rules", rules_json(saved)}});
  });
  r.get("/api/v1/appointments/slots",
        [&s, &a](Request& req) -> Answer {
          HUJI_ASSIGN_OR_RETURN(Query query, req.query());
          HUJI_ASSIGN_OR_RETURN(std::string office, s.queue->public_office(query.text("office")));
          HUJI_ASSIGN_OR_RETURN(core::Date day, query.required_date("day"));
          const std::string kind = query.text("kind", q::kCounterVisit);
          if (kind != q::kCounterVisit && kind != q::kDirectorMeeting) {
            return core::Error::invalid("appointment.kind", "預約種類須為 counter 或 director",
                                        "kind is counter or director");
          }
          HUJI_ASSIGN_OR_RETURN(auto v, a.slots(office, kind, query.text("service"), day));
          nlohmann::json arr = nlohmann::json::array();
          for (const auto& x : v.slots) {
            arr.push_back({{"start", hhmm(x.start_min)},
                           {"slot_at_ms", x.slot_ms},
                           {"capacity", x.capacity},
                           {"remaining", x.remaining},
                           {"bookable", x.bookable}});
          }
          return Response::ok({{"office", office},
                               {"day", day.to_iso()},
                               {"day_kind", q::day_kind_code(v.kind)},
                               {"kind", kind},
                               {"slots", std::move(arr)}});
        },
        {.run = Run::kLocalReads, .anonymous = true});
  r.post("/api/v1/appointments",
         [&a](Request& req) -> Answer {
           HUJI_ASSIGN_OR_RETURN(BookingBody b, req.body<BookingBody>());
           HUJI_ASSIGN_OR_RETURN(core::Date day, core::Date::parse_iso(b.day));
           HUJI_ASSIGN_OR_RETURN(int start, minutes_of(b.start));
           service::BookingInput in{b.office,    b.kind.empty() ? q::kCounterVisit : b.kind,
                                    b.service,   day,
                                    start,       b.name,
                                    b.id_number, b.phone,
                                    b.email,     b.topic};
           std::optional<service::Actor> actor;
           if (!req.bearer().empty()) {
             HUJI_ASSIGN_OR_RETURN(actor, req.actor());
           }
           HUJI_ASSIGN_OR_RETURN(auto booked,
                                 a.book(actor ? &*actor : nullptr, req.ctx(), std::move(in)));
           return Response::created(
               {{"appointment", appointment_json(booked.appointment)}, {"code", booked.code}});
         },
         {.anonymous = true});
  r.post("/api/v1/appointments/lookup",
         [&a](Request& req) -> Answer {
           HUJI_ASSIGN_OR_RETURN(SecretBody b, req.body<SecretBody>());
           HUJI_ASSIGN_OR_RETURN(auto found, a.lookup(req.ctx(), b.reference, b.code));
           return Response::ok({{"appointment", appointment_json(found)}});
         },
         {.anonymous = true});
  r.post("/api/v1/appointments/cancel",
         [&a](Request& req) -> Answer {
           HUJI_ASSIGN_OR_RETURN(SecretBody b, req.body<SecretBody>());
           HUJI_ASSIGN_OR_RETURN(auto done, a.cancel_own(req.ctx(), b.reference, b.code));
           return Response::ok({{"appointment", appointment_json(done)}});
         },
         {.anonymous = true});
  r.post("/api/v1/appointments/check-in",
         [&a](Request& req) -> Answer {
           HUJI_ASSIGN_OR_RETURN(KioskCheckInBody b, req.body<KioskCheckInBody>());
           HUJI_ASSIGN_OR_RETURN(auto done, a.check_in_own(req.ctx(), b.reference, b.id_number));
           return Response::created({{"appointment", appointment_json(done.appointment)},
                                     {"ticket", ticket_brief(done.ticket)}});
         },
         {.anonymous = true});
  r.get("/api/v1/appointments", [&a](Request& req) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, req.actor());
    HUJI_ASSIGN_OR_RETURN(Query query, req.query());
    HUJI_ASSIGN_OR_RETURN(auto day, query.date("day"));
    const core::Date d = day.value_or(a.today());
    HUJI_ASSIGN_OR_RETURN(auto list, a.of_day(actor, req.ctx(), d));
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& x : list) arr.push_back(appointment_json(x));
    return Response::ok({{"day", d.to_iso()}, {"appointments", std::move(arr)}});
  });
  r.post("/api/v1/appointments/{id:int}/check-in", [&a](Request& req) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, req.actor());
    HUJI_ASSIGN_OR_RETURN(int64_t id, req.path_id("id"));
    HUJI_ASSIGN_OR_RETURN(auto done, a.check_in(actor, req.ctx(), id));
    return Response::created({{"appointment", appointment_json(done.appointment)},
                              {"ticket", ticket_brief(done.ticket)}});
  });
  r.post("/api/v1/appointments/{id:int}/cancel", [&a](Request& req) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, req.actor());
    HUJI_ASSIGN_OR_RETURN(int64_t id, req.path_id("id"));
    HUJI_ASSIGN_OR_RETURN(auto done, a.cancel(actor, req.ctx(), id));
    return Response::ok({{"appointment", appointment_json(done)}});
  });
  r.post("/api/v1/appointments/{id:int}/no-show", [&a](Request& req) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, req.actor());
    HUJI_ASSIGN_OR_RETURN(int64_t id, req.path_id("id"));
    HUJI_ASSIGN_OR_RETURN(auto done, a.mark_no_show(actor, req.ctx(), id));
    return Response::ok({{"appointment", appointment_json(done)}});
  });
  r.post("/api/v1/home-visits",
         [&a](Request& req) -> Answer {
           HUJI_ASSIGN_OR_RETURN(HomeVisitBody b, req.body<HomeVisitBody>());
           service::HomeVisitInput in{b.office, b.name,    b.id_number, b.phone,
                                      b.email,  b.address, b.reason,    b.detail};
           std::optional<service::Actor> actor;
           if (!req.bearer().empty()) {
             HUJI_ASSIGN_OR_RETURN(actor, req.actor());
           }
           HUJI_ASSIGN_OR_RETURN(auto made, a.request_home_visit(actor ? &*actor : nullptr,
                                                                 req.ctx(), std::move(in)));
           return Response::created(
               {{"home_visit", home_visit_json(made.visit)}, {"code", made.code}});
         },
         {.anonymous = true});
  r.post("/api/v1/home-visits/lookup",
         [&a](Request& req) -> Answer {
           HUJI_ASSIGN_OR_RETURN(SecretBody b, req.body<SecretBody>());
           HUJI_ASSIGN_OR_RETURN(auto found, a.home_visit_of(req.ctx(), b.reference, b.code));
           return Response::ok({{"home_visit", home_visit_json(found)}});
         },
         {.anonymous = true});
  r.get("/api/v1/home-visits", [&a](Request& req) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, req.actor());
    HUJI_ASSIGN_OR_RETURN(Query query, req.query());
    HUJI_ASSIGN_OR_RETURN(auto list, a.home_visits(actor, req.ctx(), query.text("status")));
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& x : list) arr.push_back(home_visit_json(x));
    return Response::ok({{"home_visits", std::move(arr)}});
  });
  r.post("/api/v1/home-visits/{id:int}/step", [&a](Request& req) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, req.actor());
    HUJI_ASSIGN_OR_RETURN(int64_t id, req.path_id("id"));
    HUJI_ASSIGN_OR_RETURN(StepBody b, req.body<StepBody>());
    HUJI_ASSIGN_OR_RETURN(auto done, a.step_home_visit(actor, req.ctx(), id,
                                                       {b.action, b.at_ms.value_or(0), b.note}));
    return Response::ok({{"home_visit", home_visit_json(done)}});
  });
}

}  // namespace huji::http
