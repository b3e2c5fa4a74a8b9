// Inbound feeds (/api/v1/inbound/…): a feed file uploaded as the request's body, the clerk
// cases it opened with their limits, closing a case, the anomaly list, the imports, and the
// abroad-2-years completion (service/inbound_service.h).

#include "http/json_mapping.h"
#include "http/routes.h"

namespace huji::http {

namespace {

// 20,000 records (domain::notify::kMaxFeedRecords) of about 100 bytes, with room.
constexpr size_t kMaxFeedFile = size_t{4} << 20;

struct CloseBody {
  std::optional<int64_t> application_id;  // the registration that followed the case up
  std::string note;
  std::optional<int64_t> version;
};

nlohmann::json file_json(const service::InboundFile& f) {
  return {{"id", f.id},
          {"feed", f.feed},
          {"sha256", f.sha256},
          {"filename", f.filename},
          {"imported_by", f.imported_by},
          {"imported_at_ms", f.imported_ms},
          {"received_on", f.received_on.to_iso()},
          {"records", f.records},
          {"new_cases", f.new_cases},
          {"unchanged", f.unchanged},
          {"superseded", f.superseded},
          {"anomalies", f.anomalies},
          {"closed", f.closed}};
}

nlohmann::json record_json(const service::InboundRecord& r) {
  const domain::notify::FeedEvent* e = domain::notify::find_feed_event(r.feed, r.event);
  nlohmann::json j = {{"id", r.id},
                      {"file_id", r.file_id},
                      {"feed", r.feed},
                      {"record_id", r.record_id},
                      {"line", r.line},
                      {"id_number", r.id_number},
                      {"name", r.name},
                      {"event", r.event},
                      {"event_zh", e ? std::string(e->label_zh) : r.event},
                      {"event_en", e ? std::string(e->label_en) : r.event},
                      {"event_date", r.event_date.to_iso()},
                      {"reference", r.reference},
                      {"received_on", r.received_on.to_iso()}};
  if (r.kind == "anomaly") j["anomaly"] = r.anomaly;
  return j;
}

nlohmann::json case_json(const service::InboundCaseView& v) {
  const service::InboundRecord& r = v.record;
  nlohmann::json j = record_json(r);
  j["office_code"] = r.office_code;
  j["due_on"] = r.due_on ? r.due_on->to_iso() : "";
  j["status"] = r.status;
  j["overdue"] = v.overdue;
  j["version"] = r.version;
  const domain::notify::FeedEvent* e = domain::notify::find_feed_event(r.feed, r.event);
  nlohmann::json types = nlohmann::json::array();
  if (e) {
    for (auto t : e->registrations) types.push_back(std::string(t));
  }
  j["registration_types"] = std::move(types);
  if (r.status == "closed") {
    j["closed_by_application"] =
        r.closed_by_application ? nlohmann::json(r.closed_by_application) : nlohmann::json();
    j["close_note"] = r.close_note;
    j["closed_by"] = r.closed_by;
    j["closed_at_ms"] = r.closed_ms;
  }
  return j;
}

nlohmann::json records_json(const std::vector<service::InboundRecord>& rs) {
  nlohmann::json arr = nlohmann::json::array();
  for (const auto& r : rs) arr.push_back(record_json(r));
  return arr;
}

}  // namespace

HUJI_JSON_INPUT(CloseBody, application_id, note, version)

void add_inbound_routes(Routes& r, Services& s) {
  r.post("/api/v1/inbound/{feed}",
         [&s](Request& q) -> Answer {
           HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
           const std::string mime = q.mime();
           if (mime != "text/csv" && mime != "text/plain") {
             return core::Error::invalid("inbound.content_type",
                                         "通報檔須以 text/csv 傳送（檔案內容原文）",
                                         "send the feed file's bytes as text/csv");
           }
           HUJI_ASSIGN_OR_RETURN(Query query, q.query());
           HUJI_ASSIGN_OR_RETURN(
               auto result, s.inbound->import(actor, q.ctx(), q.path("feed"),
                                              query.text("filename"), std::string(q.raw_body())));
           nlohmann::json cases = nlohmann::json::array();
           for (const auto& c : result.cases) cases.push_back(case_json({c, false}));
           nlohmann::json closed = nlohmann::json::array();
           for (const auto& c : result.closed) closed.push_back(case_json({c, false}));
           nlohmann::json body = {{"file", file_json(result.file)},
                                  {"repeated", result.repeated},
                                  {"cases", std::move(cases)},
                                  {"closed", std::move(closed)},
                                  {"anomalies", records_json(result.anomalies)}};
           return result.repeated ? Response::ok(std::move(body))
                                  : Response::created(std::move(body));
         },
         {.body_limit = kMaxFeedFile});
  r.get("/api/v1/inbound/cases", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(Query query, q.query());
    HUJI_ASSIGN_OR_RETURN(
        auto cases, s.inbound->cases(actor, q.ctx(), query.text("status"), query.text("feed")));
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& c : cases) arr.push_back(case_json(c));
    return Response::ok({{"cases", std::move(arr)}});
  });
  r.post("/api/v1/inbound/cases/{id:int}/close", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(int64_t id, q.path_id("id"));
    HUJI_ASSIGN_OR_RETURN(CloseBody b, q.body<CloseBody>());
    HUJI_ASSIGN_OR_RETURN(auto c, s.inbound->close(actor, q.ctx(), id, b.application_id.value_or(0),
                                                   b.note, b.version.value_or(-1)));
    return Response::ok({{"case", case_json(c)}});
  });
  r.get("/api/v1/inbound/anomalies", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(auto rows, s.inbound->anomalies(actor, q.ctx()));
    return Response::ok({{"anomalies", records_json(rows)}});
  });
  r.get("/api/v1/inbound/files", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(auto files, s.inbound->files(actor));
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& f : files) arr.push_back(file_json(f));
    return Response::ok({{"files", std::move(arr)}});
  });
  r.get("/api/v1/inbound/kpi", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(Query query, q.query());
    const std::string year_text = query.text("year");
    const int year =
        year_text.empty() ? s.clock.today_taipei().year() : to_int(year_text).value_or(0);
    HUJI_ASSIGN_OR_RETURN(auto k, s.inbound->kpi(actor, year));
    const auto& a = k.abroad;
    return Response::ok({{"year", k.year},
                         {"as_of", k.as_of.to_iso()},
                         {"abroad_2y",
                          {{"notified", a.notified},
                           {"in_progress", a.in_progress},
                           {"excluded_within_limit", a.excluded},
                           {"completion", a.rate ? nlohmann::json(*a.rate) : nlohmann::json()}}}});
  });
}

}  // namespace huji::http
