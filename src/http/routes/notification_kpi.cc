// KPIs and audit of cross-agency notification (issue 19 item 6): the notification rate under
// both formulas (/api/v1/kpi/notification-rate), the weekly review sample
// (/api/v1/notification-reviews) and the monthly anomaly log with its sign-off
// (/api/v1/notification-anomalies).

#include <string>

#include "core/clock.h"
#include "http/csv.h"
#include "http/json_mapping.h"
#include "http/routes.h"

namespace huji::http {

using nlohmann::json;

namespace {

struct ReviewDrawBody {
  std::optional<std::string> week;  // any day of the week (YYYY-MM-DD); default last week
};

struct ReviewFindingBody {
  int64_t application_id = 0;
  std::string finding;
  std::string note;
};

struct SignBody {
  std::string month;
  std::string note;
};

}  // namespace

HUJI_JSON_INPUT(ReviewDrawBody, week)
HUJI_JSON_INPUT(ReviewFindingBody, application_id, finding, note)
HUJI_JSON_INPUT(SignBody, month, note)

namespace {

json rate_json(const std::optional<double>& r) { return r ? json(*r) : json(nullptr); }

json beidou_json(const domain::notify::BeidouRate& b) {
  return {{"notified", b.notified}, {"notifiable", b.notifiable}, {"rate", rate_json(b.rate)}};
}

json datong_json(const domain::notify::DatongRate& d) {
  return {{"system", d.units.system}, {"other", d.units.other},
          {"office", d.units.office}, {"declined", d.declined},
          {"numerator", d.numerator}, {"registrations", d.registrations},
          {"rate", rate_json(d.rate)}};
}

json met_json(const std::optional<double>& rate, double target) {
  constexpr double kEpsilon = 1e-12;
  return rate ? json(*rate + kEpsilon >= target) : json(nullptr);
}

json sample_json(const service::NotificationReviewSample& s) {
  json items = json::array();
  for (const auto& i : s.items) {
    items.push_back({{"application_id", i.application_id},
                     {"finding", i.finding.empty() ? json(nullptr) : json(i.finding)},
                     {"note", i.note},
                     {"recorded_by", i.recorded_by.empty() ? json(nullptr) : json(i.recorded_by)},
                     {"recorded_at_ms", i.recorded_ms == 0 ? json(nullptr) : json(i.recorded_ms)}});
  }
  return {{"id", s.id},
          {"week_start", s.week_start.to_iso()},
          {"population", s.population},
          {"size", s.size},
          {"seed", s.seed},
          {"drawn_by", s.drawn_by},
          {"drawn_at_ms", s.drawn_ms},
          {"completed_at_ms", s.completed_ms == 0 ? json(nullptr) : json(s.completed_ms)},
          {"items", std::move(items)}};
}

Answer sample_answer(core::Result<service::NotificationReviewSample> r, int status = 200) {
  if (!r.ok()) return r.error();
  json body = {{"sample", sample_json(*r)}};
  return status == 201 ? Response::created(std::move(body)) : Response::ok(std::move(body));
}

json log_json(const service::AnomalyLog& log) {
  json entries = json::array();
  for (const auto& e : log.entries) {
    entries.push_back(
        {{"kind", e.kind},
         {"at_ms", e.at_ms},
         {"application_id", e.application_id},
         {"notification_id", e.notification_id == 0 ? json(nullptr) : json(e.notification_id)},
         {"agency", e.agency},
         {"detail", e.detail},
         {"handling", e.handling},
         {"sample_id", e.sample_id == 0 ? json(nullptr) : json(e.sample_id)}});
  }
  json signoff = nullptr;
  if (log.signoff) {
    signoff = {{"signed_by", log.signoff->signed_by},
               {"signed_at_ms", log.signoff->signed_ms},
               {"entries", log.signoff->entries},
               {"note", log.signoff->note}};
  }
  return {{"month", log.month}, {"entries", std::move(entries)}, {"signoff", std::move(signoff)}};
}

const char* kind_zh(const std::string& kind) {
  if (kind == "review_error") return "審核發現錯漏";
  if (kind == "dead_letter") return "通報失敗（無法送達）";
  return "撤銷登記之通報";
}

const char* handling_zh(const std::string& handling) {
  if (handling == "recorded") return "已記錄於審核抽樣";
  if (handling == "delivered") return "已送達";
  if (handling == "pending") return "重送中";
  return "待重送";
}

// The log as the supervisor files it (每月陳核審核發現錯漏異常案件紀錄簿): UTF-8 with a
// byte-order mark, zh-TW headings, the sign-off as the last row.
std::string log_csv(const service::AnomalyLog& log) {
  CsvFile csv;
  csv.row(
      {"月份", "類別", "日期", "案號", "通報編號", "受通報機關", "情形", "處理情形", "抽樣編號"});
  for (const auto& e : log.entries) {
    csv.row({log.month, kind_zh(e.kind), core::taipei_date_of_ms(e.at_ms).to_iso(),
             std::to_string(e.application_id),
             e.notification_id == 0 ? "" : std::to_string(e.notification_id), e.agency, e.detail,
             handling_zh(e.handling), e.sample_id == 0 ? "" : std::to_string(e.sample_id)});
  }
  if (log.signoff) {
    csv.row({log.month, "陳核", core::taipei_date_of_ms(log.signoff->signed_ms).to_iso(), "", "",
             "", log.signoff->note, log.signoff->signed_by, ""});
  }
  return csv.text();
}

}  // namespace

void add_notification_kpi_routes(Routes& r, Services& s) {
  r.get("/api/v1/kpi/notification-rate", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(Query query, q.query());
    HUJI_ASSIGN_OR_RETURN(core::Date from, query.required_date("from"));
    HUJI_ASSIGN_OR_RETURN(core::Date to, query.required_date("to"));
    HUJI_ASSIGN_OR_RETURN(auto k, s.notification_kpi->rates(actor, from, to));
    json months = json::array();
    for (const auto& m : k.months) {
      months.push_back({{"month", m.month},
                        {"beidou", beidou_json(m.beidou)},
                        {"datong", datong_json(m.datong)}});
    }
    json beidou = beidou_json(k.beidou);
    beidou["target"] = k.beidou_target;
    beidou["met"] = met_json(k.beidou.rate, k.beidou_target);
    json datong = datong_json(k.datong);
    datong["target"] = k.datong_target;
    datong["met"] = met_json(k.datong.rate, k.datong_target);
    return Response::ok({{"from", from.to_iso()},
                         {"to", to.to_iso()},
                         {"beidou", std::move(beidou)},
                         {"datong", std::move(datong)},
                         {"months", std::move(months)}});
  });
  r.post("/api/v1/notification-reviews", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(ReviewDrawBody b, q.body<ReviewDrawBody>());
    std::optional<core::Date> day;
    if (b.week) {
      HUJI_ASSIGN_OR_RETURN(day, core::Date::parse_iso(*b.week));
    }
    return sample_answer(s.notification_kpi->draw_review(actor, q.ctx(), day), 201);
  });
  r.get("/api/v1/notification-reviews", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(auto list, s.notification_kpi->reviews(actor));
    json arr = json::array();
    for (const auto& sample : list) arr.push_back(sample_json(sample));
    return Response::ok({{"samples", std::move(arr)}});
  });
  r.get("/api/v1/notification-reviews/{id:int}", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(int64_t id, q.path_id("id"));
    return sample_answer(s.notification_kpi->review(actor, id));
  });
  r.post("/api/v1/notification-reviews/{id:int}/findings", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(int64_t id, q.path_id("id"));
    HUJI_ASSIGN_OR_RETURN(ReviewFindingBody b, q.body<ReviewFindingBody>());
    return sample_answer(s.notification_kpi->record_finding(actor, q.ctx(), id,
                                                            {b.application_id, b.finding, b.note}));
  });
  r.get("/api/v1/notification-anomalies", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(Query query, q.query());
    HUJI_ASSIGN_OR_RETURN(auto log, s.notification_kpi->anomaly_log(actor, query.text("month")));
    return Response::ok(log_json(log));
  });
  r.get("/api/v1/notification-anomalies.csv", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(Query query, q.query());
    HUJI_ASSIGN_OR_RETURN(auto log, s.notification_kpi->anomaly_log(actor, query.text("month")));
    return Response::bytes("text/csv; charset=utf-8", log_csv(log));
  });
  r.post("/api/v1/notification-anomalies/sign", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(SignBody b, q.body<SignBody>());
    HUJI_ASSIGN_OR_RETURN(auto log,
                          s.notification_kpi->sign_anomaly_log(actor, q.ctx(), b.month, b.note));
    return Response::ok(log_json(log));
  });
}

}  // namespace huji::http
