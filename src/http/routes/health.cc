// GET /healthz: the process answers and its database's schema version. GET
// /api/v1/openapi.yaml: the API description this binary was built with.

#include "http/openapi_text.h"
#include "http/routes.h"

namespace huji::http {

void add_health_routes(Routes& r, Services& s) {
  r.get("/healthz",
        [&s](Request&) -> Answer {
          return Response::ok({{"status", "ok"}, {"schema_version", s.store.schema_version()}});
        },
        {.run = Run::kIoThread, .anonymous = true});
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
