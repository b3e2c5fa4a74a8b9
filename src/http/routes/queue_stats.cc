// The lobby's statistics (/api/v1/queue/statistics and its CSV, issue 20 item 6;
// service/queue_stats.h): waits and service times in minutes to one decimal.

#include <array>
#include <cmath>
#include <cstdio>
#include <optional>

#include "http/csv.h"
#include "http/json_mapping.h"
#include "http/routes.h"

namespace huji::http {

namespace {

using nlohmann::json;
namespace q = domain::queue;

std::optional<double> minutes(const std::optional<int64_t>& ms) {
  if (!ms) return std::nullopt;
  return std::round(static_cast<double>(*ms) / 6'000.0) / 10.0;
}

json optional_json(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

json spread_json(const q::Spread& s) {
  return {{"count", s.count},
          {"median_min", optional_json(minutes(s.median_ms))},
          {"p90_min", optional_json(minutes(s.p90_ms))}};
}

json groups_json(const std::vector<q::GroupStats>& gs, const char* key) {
  json arr = json::array();
  for (const auto& g : gs) {
    arr.push_back({{key, g.key},
                   {"called", g.called},
                   {"wait", spread_json(g.wait)},
                   {"service_time", spread_json(g.service_time)},
                   {"within_target", g.within_target},
                   {"no_shows", g.no_shows}});
  }
  return arr;
}

json report_json(const service::QueueStatsReport& r) {
  const q::QueueStats& st = r.stats;
  return {{"office", r.office},
          {"from", r.from.to_iso()},
          {"to", r.to.to_iso()},
          {"issued", st.issued},
          {"called", st.called},
          {"served", st.served},
          {"cancelled", st.cancelled},
          {"wait", spread_json(st.wait)},
          {"service_time", spread_json(st.service_time)},
          {"target",
           {{"wait_min", r.options.target_wait_min},
            {"share_pct", r.options.target_share_pct},
            {"within", st.within_target},
            {"share", optional_json(st.within_target_share)},
            {"met", st.target_met}}},
          {"no_shows", {{"count", st.no_shows}, {"share", optional_json(st.no_show_share)}}},
          {"appointments",
           {{"called", st.appointments_called},
            {"on_time", st.appointments_on_time},
            {"share", optional_json(st.appointments_on_time_share)},
            {"within_min", r.options.punctual_within_min}}},
          {"arrivals_by_hour", st.arrivals_by_hour},
          {"by_service", groups_json(st.by_service, "service")},
          {"by_counter", groups_json(st.by_counter, "counter")},
          {"by_clerk", groups_json(st.by_clerk, "clerk")}};
}

std::string number_text(const std::optional<double>& v) {
  if (!v) return "";
  std::array<char, 32> buf{};
  std::snprintf(buf.data(), buf.size(), "%.1f", *v);
  return buf.data();
}

std::string pct_text(const std::optional<double>& share) {
  return share ? number_text(*share * 100.0) : "";
}

void group_rows(CsvFile& csv, const char* kind, const std::vector<q::GroupStats>& gs) {
  for (const auto& g : gs) {
    csv.row(
        {kind, g.key, std::to_string(g.called), number_text(minutes(g.wait.median_ms)),
         number_text(minutes(g.wait.p90_ms)), std::to_string(g.service_time.count),
         number_text(minutes(g.service_time.median_ms)),
         number_text(minutes(g.service_time.p90_ms)), std::to_string(g.within_target),
         pct_text(g.called ? std::optional<double>(static_cast<double>(g.within_target) / g.called)
                           : std::nullopt),
         std::to_string(g.no_shows)});
  }
}

// One table a spreadsheet sorts and filters: the whole range, then per service, counter and
// clerk; then the target, appointments and arrivals per hour as label/value rows.
std::string report_csv(const service::QueueStatsReport& r) {
  const q::QueueStats& st = r.stats;
  CsvFile csv;
  csv.row({"分組", "項目", "叫號數", "等候中位數(分)", "等候90百分位(分)", "服務數",
           "服務時間中位數(分)", "服務時間90百分位(分)", "目標內叫號數", "目標內比例(%)",
           "未到數"});
  q::GroupStats all;
  all.key = r.from.to_iso() + "~" + r.to.to_iso();
  all.called = st.called;
  all.wait = st.wait;
  all.service_time = st.service_time;
  all.within_target = st.within_target;
  all.no_shows = st.no_shows;
  group_rows(csv, "全部", {all});
  group_rows(csv, "服務", st.by_service);
  group_rows(csv, "櫃台", st.by_counter);
  group_rows(csv, "承辦人", st.by_clerk);
  csv.row({});
  csv.row({"目標",
           std::to_string(r.options.target_share_pct) + "% 於 " +
               std::to_string(r.options.target_wait_min) + " 分內",
           st.target_met ? "達成" : "未達成"});
  csv.row({"取號數", std::to_string(st.issued)});
  csv.row({"取消數", std::to_string(st.cancelled)});
  csv.row({"未到比例(%)", pct_text(st.no_show_share)});
  csv.row({"預約準時(" + std::to_string(r.options.punctual_within_min) + " 分內)",
           std::to_string(st.appointments_on_time) + "/" + std::to_string(st.appointments_called),
           pct_text(st.appointments_on_time_share)});
  for (size_t h = 0; h < st.arrivals_by_hour.size(); ++h) {
    if (st.arrivals_by_hour.at(h) == 0) continue;
    std::array<char, 32> label{};
    std::snprintf(label.data(), label.size(), "到達 %02zu:00", h);
    csv.row({label.data(), std::to_string(st.arrivals_by_hour.at(h))});
  }
  return csv.text();
}

core::Result<service::QueueStatsReport> report(Services& s, Request& q) {
  HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
  HUJI_ASSIGN_OR_RETURN(Query query, q.query());
  HUJI_ASSIGN_OR_RETURN(auto from, query.date("from"));
  HUJI_ASSIGN_OR_RETURN(auto to, query.date("to"));
  // Not a number: -1, which the service refuses as out of range.
  const int punctual = to_int(query.text("punctual_min", "5")).value_or(-1);
  return s.queue_stats->statistics(actor, from, to, punctual);
}

}  // namespace

void add_queue_stats_routes(Routes& r, Services& s) {
  r.get("/api/v1/queue/statistics", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto rep, report(s, q));
    return Response::ok(report_json(rep));
  });
  r.get("/api/v1/queue/statistics.csv", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto rep, report(s, q));
    return Response::bytes("text/csv; charset=utf-8", report_csv(rep));
  });
}

}  // namespace huji::http
