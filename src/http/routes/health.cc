// GET /healthz (liveness) and GET /readyz (readiness): see docs/OPERATIONS.md "Health checks".
// GET /api/v1/openapi.yaml: the API description this binary was built with.
//
// /healthz answers from what the process already knows, without I/O (it runs on the I/O
// thread and stays cheap at any rate): 200 while the process answers, with "status" "ok", or
// "degraded" and the failing checks when the audit journal has failed or the listener is not
// accepting. A degraded server heals by itself, so liveness does not fail: restarting would not
// free a disk. /readyz adds a round trip to the database and answers 503 (with the checks and
// an error naming the failing ones) whenever lookups cannot be served: a load balancer sends
// nothing there until it answers 200 again.

#include <string>
#include <vector>

#include "http/openapi_text.h"
#include "http/routes.h"
#include "service/audit_queue.h"

namespace huji::http {

namespace {

struct Check {
  const char* name;
  bool ok;
};

// The checks known without I/O.
std::vector<Check> cheap_checks(const Services& s) {
  return {{"audit_journal", !(s.audit_queue && s.audit_queue->journal_failing())},
          {"listener", s.listener_accepting.load(std::memory_order_relaxed)}};
}

nlohmann::json checks_json(const std::vector<Check>& checks, std::string& failing) {
  nlohmann::json out = nlohmann::json::object();
  for (const Check& c : checks) {
    out[c.name] = c.ok ? "ok" : "failing";
    if (!c.ok) failing += (failing.empty() ? "" : ", ") + std::string(c.name);
  }
  return out;
}

}  // namespace

void add_health_routes(Routes& r, Services& s) {
  r.get("/healthz",
        [&s](Request&) -> Answer {
          std::string failing;
          const nlohmann::json checks = checks_json(cheap_checks(s), failing);
          nlohmann::json body = {{"status", failing.empty() ? "ok" : "degraded"},
                                 {"schema_version", s.store.schema_version()}};
          if (!failing.empty()) body["checks"] = checks;
          return Response::ok(std::move(body));
        },
        {.run = Run::kIoThread, .anonymous = true});
  r.get("/readyz",
        [&s](Request&) -> Answer {
          std::vector<Check> checks = cheap_checks(s);
          // A read transaction is a round trip to PostgreSQL (a new connection when the pooled
          // ones died with a restart of the server) and a shared lock on SQLite's file.
          auto tx = s.store.begin(service::TxMode::kRead);
          checks.push_back({"database", tx.ok()});
          std::string failing;
          nlohmann::json body = {{"checks", checks_json(checks, failing)}};
          if (failing.empty()) {
            body["status"] = "ready";
            return Response::ok(std::move(body));
          }
          body["status"] = "not_ready";
          body["error"] = {{"code", "health.not_ready"},
                           {"message_zh", "服務暫時無法處理查詢，未通過之檢查：" + failing},
                           {"message_en", "not ready to serve lookups; failing: " + failing}};
          return Response{503, std::move(body), {}, {}};
        },
        {.anonymous = true});
  r.get("/api/v1/openapi.yaml",
        [](Request&) -> Answer {
          if (openapi_text().empty()) {
            return core::Error::not_found("http.not_found", "此版本未附 API 說明文件",
                                          "this build has no API description");
          }
          return Response::bytes("application/yaml; charset=utf-8", std::string(openapi_text()));
        },
        {.run = Run::kIoThread, .anonymous = true});
}

}  // namespace huji::http
