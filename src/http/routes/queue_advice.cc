// Crowd dispersion (人潮分流, issue 20 item 4): GET /api/v1/queue/advice tells the supervisor
// (and the clerks) per service the predicted wait of the last in line against the target,
// and which counter to open or re-assign when it passes the target
// (QueueService::advice, domain::queue::advise).

#include <cmath>

#include "http/json_mapping.h"
#include "http/routes.h"

namespace huji::http {

namespace {

nlohmann::json load_json(const domain::queue::ServiceLoad& l,
                         const std::vector<domain::queue::Service>& services) {
  nlohmann::json out = {{"service", l.service},
                        {"waiting", l.waiting},
                        {"last_wait_min", std::lround(l.last_wait_min)},
                        {"target_wait_min", l.target_wait_min},
                        {"over_target", l.over_target},
                        {"advice", nullptr}};
  for (const auto& s : services) {
    if (s.code != l.service) continue;
    out["name_zh"] = s.name_zh;
    out["name_en"] = s.name_en;
  }
  if (l.has_advice) {
    const auto& a = l.advice;
    out["advice"] = {{"action", a.action},
                     {"counter", a.counter},
                     {"from_services", a.from_services},
                     {"wait_after_min", std::lround(a.wait_after_min)},
                     {"text_zh", a.text_zh},
                     {"text_en", a.text_en}};
  }
  return out;
}

}  // namespace

void add_queue_advice_routes(Routes& r, Services& s) {
  r.get("/api/v1/queue/advice", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(auto loads, s.queue->advice(actor));
    HUJI_ASSIGN_OR_RETURN(auto services, s.queue->services(actor.office_code));
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& l : loads) arr.push_back(load_json(l, services));
    return Response::ok({{"office", actor.office_code}, {"services", std::move(arr)}});
  });
}

}  // namespace huji::http
