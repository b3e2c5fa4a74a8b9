// Staff login, logout and who am I (/api/v1/auth/…).

#include <ctime>

#include "http/json_mapping.h"
#include "http/routes.h"

namespace huji::http {

namespace {

struct LoginBody {
  std::optional<std::string> username, password;
  static std::optional<core::Error> refuse(const json_input::Refusal& r) {
    if (r.unknown) return std::nullopt;
    return required();
  }
  static core::Error required() {
    return core::Error::invalid("auth.bad_request", "請提供帳號與密碼",
                                "username and password are required");
  }
};

std::string iso_time(int64_t ms) {
  auto t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

HUJI_JSON_INPUT(LoginBody, username, password)

void add_auth_routes(Routes& r, Services& s) {
  r.post("/api/v1/auth/login",
         [&s](Request& q) -> Answer {
           HUJI_ASSIGN_OR_RETURN(LoginBody b, q.body<LoginBody>());
           if (!b.username || !b.password) return LoginBody::required();
           HUJI_ASSIGN_OR_RETURN(auto session, s.auth.login(*b.username, *b.password, q.ctx()));
           return Response::ok({{"token", session.token},
                                {"expires_at", iso_time(session.expires_ms)},
                                {"user", actor_json(session.actor)}});
         },
         {.anonymous = true});
  r.post("/api/v1/auth/logout", [&s](Request& q) -> Answer {
    HUJI_TRY(s.auth.logout(q.bearer(), q.ctx()));
    return Response::no_content();
  });
  r.get("/api/v1/auth/me", [](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    return Response::ok({{"user", actor_json(actor)}});
  });
}

}  // namespace huji::http
