#ifndef HUJI_SERVICE_AUTH_SERVICE_H_
#define HUJI_SERVICE_AUTH_SERVICE_H_

// Staff identity: users with argon2id passwords, expiring bearer sessions, lockout after
// repeated failures. Tokens are random; only their SHA-256 is stored.

#include <string>

#include "core/clock.h"
#include "service/actor.h"
#include "service/store.h"

namespace huji::service {

struct AuthPolicy {
  int max_failed_logins = 5;              // consecutive failures before a lockout
  int64_t lockout_ms = 15 * 60 * 1000;    // 15 minutes
  int64_t session_ms = 8 * 3600 * 1000;   // one working day
  size_t min_password_length = 10;
};

struct LoginResult {
  std::string token;
  int64_t expires_ms = 0;
  Actor actor;
};

struct NewUser {
  std::string username;
  std::string display_name;
  domain::Role role = domain::Role::kClerk;
  std::string office_code;
  std::string password;
};

class AuthService {
 public:
  AuthService(Store& store, const core::Clock& clock, AuthPolicy policy = {})
      : store_(store), clock_(clock), policy_(policy) {}

  // auth.invalid_credentials (401) for an unknown user or a wrong password alike;
  // auth.locked (423) while locked out.
  core::Result<LoginResult> login(const std::string& username, const std::string& password,
                                  const RequestContext& ctx);
  core::Status logout(const std::string& token, const RequestContext& ctx);
  // The actor behind a bearer token, or auth.required (401).
  core::Result<Actor> authenticate(const std::string& token);

  // Adds a staff user. `by` is the admin doing it (nullptr for the operator's CLI).
  core::Result<int64_t> add_user(const NewUser& user, const Actor* by, const RequestContext& ctx);

  const AuthPolicy& policy() const { return policy_; }

 private:
  core::Result<Actor> actor_for(Transaction& tx, const UserRecord& u);

  Store& store_;
  const core::Clock& clock_;
  AuthPolicy policy_;
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_AUTH_SERVICE_H_
