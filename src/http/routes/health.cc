// GET /healthz: the process answers and its database's schema version.

#include "http/routes.h"

namespace huji::http {

void add_health_routes(Routes& r, Services& s) {
  r.get("/healthz", [&s](Request&) -> Answer {
    return Response::ok({{"status", "ok"}, {"schema_version", s.store.schema_version()}});
  }, {.run = Run::kIoThread});
}

}  // namespace huji::http
