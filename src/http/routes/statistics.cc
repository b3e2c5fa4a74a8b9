// Aggregate figures: age bands per village, the registration correctness KPI
// (/api/v1/statistics, /api/v1/kpi).

#include "http/routes.h"
#include "service/small_cells.h"

namespace huji::http {

namespace {

nlohmann::json age_bands_json(const service::AgeBands& b) {
  nlohmann::json villages = nlohmann::json::array();
  auto counts = [](const std::vector<std::optional<int64_t>>& cells) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& c : cells) out.push_back(c ? nlohmann::json(*c) : nlohmann::json(nullptr));
    return out;
  };
  for (const auto& v : b.villages) {
    villages.push_back({{"village", v.village},
                        {"male", counts(v.male)},
                        {"female", counts(v.female)},
                        {"total", v.total ? nlohmann::json(*v.total) : nlohmann::json(nullptr)},
                        {"suppressed", v.withheld > 0 || !v.total}});
  }
  nlohmann::json labels = nlohmann::json::array();
  for (int i = 0; i < service::AgeBands::kBands; ++i) {
    labels.push_back(i + 1 < service::AgeBands::kBands
                         ? std::to_string(i * 5) + "-" + std::to_string(i * 5 + 4)
                         : std::to_string(i * 5) + "+");
  }
  return {{"office_code", b.office_code},
          {"on", b.on.to_iso()},
          {"bands", std::move(labels)},
          {"suppressed_below", service::kSuppressBelow},
          {"villages", std::move(villages)}};
}

}  // namespace

void add_statistics_routes(Routes& r, Services& s) {
  r.get("/api/v1/statistics/age-bands", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(Query query, q.query());
    HUJI_ASSIGN_OR_RETURN(auto on, query.date("on"));
    HUJI_ASSIGN_OR_RETURN(auto bands, s.persons.age_bands(actor, query.text("office"),
                                                          on.value_or(s.clock.today_taipei())));
    return Response::ok(age_bands_json(bands));
  });
  r.get("/api/v1/kpi/registration-correctness", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(Query query, q.query());
    HUJI_ASSIGN_OR_RETURN(core::Date from, query.required_date("from"));
    HUJI_ASSIGN_OR_RETURN(core::Date to, query.required_date("to"));
    HUJI_ASSIGN_OR_RETURN(auto c, s.registrations.correctness(actor, from, to));
    return Response::ok(
        {{"from", from.to_iso()},
         {"to", to.to_iso()},
         {"received", c.counts.received},
         {"sampled", c.counts.sampled},
         {"erroneous", c.counts.erroneous()},
         {"sampled_errors", c.counts.sampled_errors},
         {"revoked_office_errors", c.counts.revoked_office_errors},
         {"citizen_errors_excluded", c.counts.citizen_errors},
         {"rate", c.rate},
         {"target", c.target},
         {"configured_target", c.configured_target},
         {"prior_years", c.prior_years},
         {"prior_average", c.prior_average ? nlohmann::json(*c.prior_average) : nlohmann::json()},
         {"met", c.met}});
  });
}

}  // namespace huji::http
