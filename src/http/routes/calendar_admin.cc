// Loading the government office calendar (/api/v1/admin/calendar): a year's file as text, and
// the list of years in force with their sources (service/calendar_service.h).

#include "http/json_mapping.h"
#include "http/routes.h"
#include "service/calendar_service.h"

namespace huji::http {

namespace {

// A year's file is about 1 KiB; this leaves room for comments and nothing more.
constexpr size_t kMaxCalendarText = size_t{64} * 1024;

nlohmann::json year_json(const service::CalendarYearView& v) {
  nlohmann::json j = {{"year", v.year}, {"source", v.source}, {"provisional", v.provisional}};
  if (v.source == "database") {
    j["loaded_by"] = v.loaded_by;
    j["loaded_at_ms"] = v.loaded_ms;
  }
  return j;
}

}  // namespace

void add_calendar_admin_routes(Routes& r, Services& s) {
  r.put("/api/v1/admin/calendar/{year:int}",
        [&s](Request& q) -> Answer {
          HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
          if (q.mime() != "text/plain") {
            return core::Error::invalid("calendar.content_type",
                                        "辦公日曆表須以 text/plain 傳送（檔案內容原文）",
                                        "send the calendar file's text as text/plain");
          }
          // A year too long for an int is out of range like any other (calendar.year).
          const int year = to_int(q.path("year")).value_or(0);
          HUJI_ASSIGN_OR_RETURN(auto loaded,
                                s.calendars.load_year(actor, q.ctx(), year, q.raw_body()));
          return Response::ok({{"calendar", year_json(loaded)}});
        },
        {.body_limit = kMaxCalendarText});
  r.get("/api/v1/admin/calendar/{year:int}", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    const int year = to_int(q.path("year")).value_or(0);
    HUJI_ASSIGN_OR_RETURN(auto days, s.calendars.year_days(actor, year));
    nlohmann::json out = nlohmann::json::array();
    for (const auto& d : days) {
      out.push_back({{"date", d.date.to_iso()},
                     {"kind", d.working ? "workday" : "holiday"},
                     {"description", d.description}});
    }
    return Response::ok({{"year", year}, {"days", std::move(out)}});
  });
  r.get("/api/v1/admin/calendar", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(auto overview, s.calendars.overview(actor));
    nlohmann::json years = nlohmann::json::array();
    for (const auto& v : overview.years) years.push_back(year_json(v));
    nlohmann::json warnings = nlohmann::json::array();
    if (overview.warning) warnings.push_back(error_json(*overview.warning)["error"]);
    return Response::ok({{"years", std::move(years)}, {"warnings", std::move(warnings)}});
  });
}

}  // namespace huji::http
