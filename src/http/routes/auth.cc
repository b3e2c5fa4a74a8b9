// Staff login, logout and who am I (/api/v1/auth/…), and an admin's management of their
// office's staff accounts (/api/v1/admin/users…) and the list of offices (/api/v1/admin/offices).

#include <ctime>

#include "http/json_mapping.h"
#include "http/routes.h"
#include "service/crypto.h"

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
  std::string password;  // "": a generated one, answered once
};

struct NewUserBody {
  std::string username, display_name, role, office_code, password;
};

struct RoleBody {
  std::string role;
};

std::string iso_time(int64_t ms) {
  auto t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

nlohmann::json staff_json(const service::StaffView& v) {
  const auto& u = v.user;
  const char* state = !u.active ? "disabled" : v.locked ? "locked" : "active";
  return {{"username", u.username},
          {"display_name", u.display_name},
          {"role", domain::role_code(u.role)},
          {"office_code", u.office_code},
          {"state", state},
          {"recent_failures", v.recent_failures},
          {"last_login_at", v.last_login_ms > 0 ? nlohmann::json(iso_time(v.last_login_ms))
                                                : nlohmann::json(nullptr)},
          {"totp_enrolled", v.totp_enrolled},
          {"active_sessions", v.active_sessions},
          {"created_at", iso_time(u.created_ms)}};
}

}  // namespace

HUJI_JSON_INPUT(LoginBody, username, password, otp)
HUJI_JSON_INPUT(PasswordBody, password)
HUJI_JSON_INPUT(NewUserBody, username, display_name, role, office_code, password)
HUJI_JSON_INPUT(RoleBody, role)

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

  r.get("/api/v1/admin/users", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(auto staff, s.auth.list_staff(actor));
    nlohmann::json users = nlohmann::json::array();
    for (const auto& v : staff) users.push_back(staff_json(v));
    return Response::ok({{"users", std::move(users)}});
  });
  // A new account of the admin's office. Without a password one is generated and answered
  // this once (initial_password); it is never shown again.
  r.post("/api/v1/admin/users", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(NewUserBody b, q.body<NewUserBody>());
    HUJI_ASSIGN_OR_RETURN(domain::Role role, service::parse_role(b.role));
    const bool generated = b.password.empty();
    service::NewUser u{b.username, b.display_name, role,
                       b.office_code.empty() ? actor.office_code : b.office_code,
                       generated ? service::random_password() : b.password};
    HUJI_TRY(s.auth.add_user(u, &actor, q.ctx()));
    HUJI_ASSIGN_OR_RETURN(auto staff, s.auth.list_staff(actor));
    nlohmann::json out = nlohmann::json::object();
    for (const auto& v : staff) {
      if (v.user.username == u.username) out["user"] = staff_json(v);
    }
    if (generated) out["initial_password"] = u.password;
    return Response::created(std::move(out));
  });
  r.put("/api/v1/admin/users/{username}/role", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(RoleBody b, q.body<RoleBody>());
    HUJI_ASSIGN_OR_RETURN(domain::Role role, service::parse_role(b.role));
    HUJI_TRY(s.auth.set_role(q.path("username"), role, &actor, q.ctx()));
    return Response::no_content();
  });
  r.get("/api/v1/admin/offices", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(auto offices, s.auth.list_offices(actor));
    nlohmann::json out = nlohmann::json::array();
    for (const auto& o : offices) {
      out.push_back({{"code", o.code},
                     {"name", o.name},
                     {"county", o.county},
                     {"district", o.district},
                     {"address", o.address},
                     {"own", o.code == actor.office_code}});
    }
    return Response::ok({{"offices", std::move(out)}});
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
  // A password given: 204. None: one is generated and answered this once (200).
  r.post("/api/v1/admin/users/{username}/reset", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(PasswordBody b, q.body<PasswordBody>());
    const bool generated = b.password.empty();
    const std::string password = generated ? service::random_password() : b.password;
    HUJI_TRY(s.auth.reset_password(q.path("username"), password, &actor, q.ctx()));
    if (!generated) return Response::no_content();
    return Response::ok({{"password", password}});
  });
  // The secret is answered this once; it is never shown again.
  r.post("/api/v1/admin/users/{username}/totp", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(auto e, s.auth.enrol_totp(q.path("username"), &actor, q.ctx()));
    return Response::ok({{"secret", e.secret}, {"otpauth_uri", e.uri}});
  });
}

}  // namespace huji::http
