// 主動關懷通報 (seed 004 CC1.1): the month's proactive-care list, /api/v1/care-lists, and a
// case's notifications, /api/v1/care-lists/{registration id}/notifications.

#include "http/json_mapping.h"
#include "http/routes.h"
#include "service/care_list_service.h"

namespace huji::http {

namespace {

using nlohmann::json;

struct NotificationBody {
  std::string action;
  std::string sent_on, agency, channel, reference, reason;
  std::optional<int64_t> replaces;
};

json notification_json(const service::CareNotification& n) {
  return {{"id", n.id},
          {"action", n.action},
          {"sent_on", n.sent_on ? json(n.sent_on->to_iso()) : json(nullptr)},
          {"agency", n.agency},
          {"channel", n.channel},
          {"reference", n.reference},
          {"reason", n.reason},
          {"replaces", n.replaces == 0 ? json(nullptr) : json(n.replaces)},
          {"recorded_by", n.recorded_by}};
}

json case_json(const service::CareCase& c) {
  const auto& a = c.application;
  json persons = json::array();
  for (const auto& p : c.persons) {
    persons.push_back({{"id_number", p.id_number}, {"name", p.name}, {"age", p.age}});
  }
  json history = json::array();
  for (const auto& n : c.history) history.push_back(notification_json(n));
  auto kind = a.fields.find("reason");
  return {{"registration_id", a.id},
          {"type", a.type},
          {"divorce_kind",
           a.type == "divorce" && kind != a.fields.end() ? json(kind->second) : json(nullptr)},
          {"event_date", a.event_date.to_iso()},
          {"registered_on", a.registered_on ? json(a.registered_on->to_iso()) : json(nullptr)},
          {"reason", !c.qualifies ? json(nullptr) : json(domain::care_reason_code(c.reason))},
          {"basis", c.basis},
          {"persons", std::move(persons)},
          {"minor_children", c.minor_children},
          {"notification", c.notification ? notification_json(*c.notification) : json(nullptr)},
          {"history", std::move(history)}};
}

}  // namespace

HUJI_JSON_INPUT(NotificationBody, action, sent_on, agency, channel, reference, reason, replaces)

void add_care_list_routes(Routes& r, Services& s) {
  r.get("/api/v1/care-lists", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(Query query, q.query());
    HUJI_ASSIGN_OR_RETURN(auto list, s.care_lists.list(actor, q.ctx(), query.text("month")));
    json cases = json::array();
    for (const auto& c : list.cases) cases.push_back(case_json(c));
    return Response::ok({{"month", list.month.text},
                         {"office_code", list.office_code},
                         {"eligible", list.eligible},
                         {"notified", list.notified},
                         {"rate", list.rate ? json(*list.rate) : json(nullptr)},
                         {"target", list.target},
                         {"cases", std::move(cases)}});
  });
  r.post("/api/v1/care-lists/{id:int}/notifications", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(int64_t id, q.path_id("id"));
    HUJI_ASSIGN_OR_RETURN(NotificationBody b, q.body<NotificationBody>());
    service::CareNotificationInput in;
    if (!b.action.empty()) in.action = b.action;
    in.sent_on = b.sent_on;
    in.agency = b.agency;
    in.channel = b.channel;
    in.reference = b.reference;
    in.reason = b.reason;
    in.replaces = b.replaces.value_or(0);
    auto c = s.care_lists.notify(actor, q.ctx(), id, in, q.idempotency_key());
    if (!c.ok()) return c.error();
    return Response{201, {{"case", case_json(*c)}}, {}, {}};
  });
}

}  // namespace huji::http
