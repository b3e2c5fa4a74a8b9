// 主動關懷通報 (seed 004 CC1.1): the month's proactive-care list, /api/v1/care-lists (and as
// CSV for the social-welfare office, /api/v1/care-lists.csv), and a case's notifications,
// /api/v1/care-lists/{registration id}/notifications.

#include <string>
#include <string_view>
#include <vector>

#include "http/csv.h"
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

// The list as the social-welfare office receives it: one row per party of each case, UTF-8
// with a byte-order mark (Excel in zh-TW reads it then), zh-TW headings.
std::string care_list_csv(const service::CareList& l) {
  CsvFile csv;
  csv.row({"案號", "登記類別", "事件日期", "登記日期", "通報原因", "當事人統一編號", "當事人姓名",
           "事件日年齡", "未滿18歲子女數", "通報日期", "受通報機關", "通報方式", "文號"});
  for (const auto& c : l.cases) {
    const auto& a = c.application;
    auto kind = a.fields.find("reason");
    const std::string type = a.type == "marriage"                                ? "結婚"
                             : kind != a.fields.end() && kind->second == "court" ? "判決離婚"
                                                                                 : "兩願離婚";
    const auto& n = c.notification;
    for (const auto& p : c.persons) {
      csv.row({std::to_string(a.id), type, a.event_date.to_iso(),
               a.registered_on ? a.registered_on->to_iso() : "", domain::care_reason_zh(c.reason),
               p.id_number, p.name, std::to_string(p.age), std::to_string(c.minor_children),
               n && n->sent_on ? n->sent_on->to_iso() : "", n ? n->agency : "", n ? n->channel : "",
               n ? n->reference : ""});
    }
  }
  return csv.text();
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
  r.get("/api/v1/care-lists.csv", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(Query query, q.query());
    HUJI_ASSIGN_OR_RETURN(auto list, s.care_lists.export_list(actor, q.ctx(), query.text("month")));
    return Response::bytes("text/csv; charset=utf-8", care_list_csv(list));
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
