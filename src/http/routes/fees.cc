// The fee schedule (規費表): GET /api/v1/fees (public: fees are published at every counter and
// on the office's site) and the admin's versions, /api/v1/admin/fees (service/fee_service.h).

#include "domain/documents/fee_schedule.h"
#include "http/json_mapping.h"
#include "http/routes.h"
#include "service/fee_service.h"

namespace huji::http {

namespace {

using nlohmann::json;

constexpr size_t kMaxFeesText = size_t{64} * 1024;

json version_json(const domain::FeeVersion& v) {
  json items = json::array();
  for (const auto& i : v.items) {
    items.push_back({{"code", i.code},
                     {"name_zh", i.name_zh},
                     {"name_en", i.name_en},
                     {"amount", i.amount},
                     {"extra_amount", i.extra_amount ? json(*i.extra_amount) : json(nullptr)}});
  }
  json waivers = json::array();
  for (const auto& w : v.waivers) {
    waivers.push_back(
        {{"code", w.code}, {"name_zh", w.name_zh}, {"name_en", w.name_en}, {"items", w.items}});
  }
  return {{"effective", v.effective.to_iso()},
          {"source", v.source},
          {"items", std::move(items)},
          {"waivers", std::move(waivers)}};
}

json view_json(const service::FeeVersionView& v) {
  json j = version_json(v.version);
  j["origin"] = v.origin;
  j["in_force"] = v.in_force;
  j["text"] = domain::format_fee_version(v.version);
  if (v.origin == "database") {
    j["loaded_by"] = v.loaded_by;
    j["loaded_at_ms"] = v.loaded_ms;
  }
  return j;
}

json views_json(const std::vector<service::FeeVersionView>& views) {
  json out = json::array();
  for (const auto& v : views) out.push_back(view_json(v));
  return out;
}

}  // namespace

void add_fee_routes(Routes& r, Services& s) {
  r.get("/api/v1/fees",
        [&s](Request& q) -> Answer {
          HUJI_ASSIGN_OR_RETURN(Query query, q.query());
          HUJI_ASSIGN_OR_RETURN(auto on, query.date("on"));
          const core::Date day = on.value_or(s.clock.today_taipei());
          const auto schedule = s.fees->get();
          const domain::FeeVersion* v = schedule->at(day);
          if (v == nullptr) {
            return core::Error::not_found("fees.none", "該日沒有適用的規費表：" + day.to_iso(),
                                          "no fee schedule is in force on " + day.to_iso());
          }
          json out = version_json(*v);
          out["on"] = day.to_iso();
          json versions = json::array();
          for (const auto& each : schedule->versions()) {
            versions.push_back({{"effective", each.effective.to_iso()}, {"source", each.source}});
          }
          out["versions"] = std::move(versions);
          return Response::ok({{"schedule", std::move(out)}});
        },
        {.run = Run::kIoThread, .anonymous = true});
  r.put("/api/v1/admin/fees",
        [&s](Request& q) -> Answer {
          HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
          if (q.mime() != "text/plain") {
            return core::Error::invalid("fees.content_type",
                                        "規費表須以 text/plain 傳送（檔案內容原文）",
                                        "send the fee schedule text as text/plain");
          }
          HUJI_ASSIGN_OR_RETURN(auto loaded, s.fee_versions->load(actor, q.ctx(), q.raw_body()));
          return Response::ok({{"versions", views_json(loaded)}});
        },
        {.body_limit = kMaxFeesText});
  r.get("/api/v1/admin/fees", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(auto versions, s.fee_versions->versions(actor));
    return Response::ok({{"versions", views_json(versions)}});
  });
}

}  // namespace huji::http
