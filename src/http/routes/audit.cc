// The audit trail for auditors (/api/v1/audit).

#include <charconv>

#include "core/clock.h"
#include "http/json_mapping.h"
#include "http/routes.h"

namespace huji::http {

void add_audit_routes(Routes& r, Services& s) {
  r.get("/api/v1/audit", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(Query query, q.query());
    service::AuditQuery aq;
    aq.subject_id = query.get("subject");
    aq.username = query.get("user");
    HUJI_ASSIGN_OR_RETURN(auto day, query.date("day"));
    if (day) {  // a day in Taiwan
      aq.from_ms = core::taipei_day_start_ms(*day);
      aq.to_ms = *aq.from_ms + core::kDayMs;
    }
    if (auto v = query.get("limit")) aq.limit = to_int(*v).value_or(-1);
    if (auto v = query.get("before")) {
      // An audit sequence number: beyond what to_int reads once the trail is long.
      int64_t before = 0;
      const auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), before);
      if (ec != std::errc() || end != v->data() + v->size() || before < 0) {
        return core::Error::invalid("audit.before", "before 須為稽核紀錄序號（非負整數）",
                                    "before must be an audit sequence number (a whole number ≥ 0)");
      }
      aq.before_seq = before;
    }
    HUJI_ASSIGN_OR_RETURN(auto entries, s.audit.list(actor, q.ctx(), aq));
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& e : entries) arr.push_back(audit_entry_json(e));
    return Response::ok({{"entries", std::move(arr)}});
  });
}

}  // namespace huji::http
