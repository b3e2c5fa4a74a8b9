// Staff login, logout and who am I (/api/v1/auth/…), and an admin's management of their
// office's staff accounts (/api/v1/admin/users/{username}/…).

#include <ctime>

#include "http/json_mapping.h"
#include "http/routes.h"

namespace huji::http {

namespace {

struct LoginBody {
  std::optional<std::string> username, password;
  std::string otp;  // the one-time code, when the account needs one
  static std::optional<core::Error> refuse(const json_input::Refusal& r) {
    if (r.unknown) return std::nullopt;
    return required();
  }
  static core::Error required() {
    return core::Error::invalid("auth.bad_request", "請提供帳號與密碼",
                                "username and password are required");
  }
};

struct PasswordBody {
  std::string password;
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

HUJI_JSON_INPUT(LoginBody, username, password, otp)
HUJI_JSON_INPUT(PasswordBody, password)

void add_auth_routes(Routes& r, Services& s) {
  r.post("/api/v1/auth/login",
         [&s](Request& q) -> Answer {
           HUJI_ASSIGN_OR_RETURN(LoginBody b, q.body<LoginBody>());
           if (!b.username || !b.password) return LoginBody::required();
           HUJI_ASSIGN_OR_RETURN(auto session,
                                 s.auth.login(*b.username, *b.password, q.ctx(), b.otp));
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

  // Account management by an admin of the user's office; each answers 204 and is audited.
  auto manage = [&r, &s](const char* verb, auto change) {
    r.post(std::string("/api/v1/admin/users/{username}/") + verb,
           [&s, change](Request& q) -> Answer {
             HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
             HUJI_TRY(change(s.auth, q.path("username"), &actor, q.ctx()));
             return Response::no_content();
           });
  };
  manage("disable", [](auto& auth, const auto& u, auto by, const auto& c) {
    return auth.set_disabled(u, true, by, c);
  });
  manage("enable", [](auto& auth, const auto& u, auto by, const auto& c) {
    return auth.set_disabled(u, false, by, c);
  });
  manage("unlock",
         [](auto& auth, const auto& u, auto by, const auto& c) { return auth.unlock(u, by, c); });
  manage("revoke-sessions", [](auto& auth, const auto& u, auto by, const auto& c) {
    return auth.revoke_sessions(u, by, c);
  });
  r.post("/api/v1/admin/users/{username}/reset", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(PasswordBody b, q.body<PasswordBody>());
    HUJI_TRY(s.auth.reset_password(q.path("username"), b.password, &actor, q.ctx()));
    return Response::no_content();
  });
  // The secret is answered this once; it is never shown again.
  r.post("/api/v1/admin/users/{username}/totp", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(auto e, s.auth.enrol_totp(q.path("username"), &actor, q.ctx()));
    return Response::ok({{"secret", e.secret}, {"otpauth_uri", e.uri}});
  });
}

}  // namespace huji::http
