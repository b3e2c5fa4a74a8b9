#ifndef HUJI_SERVICE_AUTH_SERVICE_H_
#define HUJI_SERVICE_AUTH_SERVICE_H_

// Staff identity: users with argon2id passwords, expiring bearer sessions, lockout after
// repeated failures. Tokens are random; only their SHA-256 is stored.

#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "core/clock.h"
#include "service/actor.h"
#include "service/store.h"

namespace huji::service {

struct AuthPolicy {
  int max_failed_logins = 5;                      // consecutive failures before a lockout
  int64_t lockout_ms = int64_t{15} * 60 * 1000;   // 15 minutes
  int64_t session_ms = int64_t{8} * 3600 * 1000;  // one working day
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
  // The actor behind a bearer token, or auth.required (401). A session found valid is
  // remembered for kSessionRecheckMs, so that most requests need no database read; a logout
  // through this service forgets it at once, a session revoked or a user deactivated
  // elsewhere (another huji process on the same PostgreSQL) is refused within that time.
  core::Result<Actor> authenticate(const std::string& token);
  static constexpr int64_t kSessionRecheckMs = 5'000;
  static constexpr size_t kMaxCachedSessions = 100'000;

  // Adds a staff user. `by` is the admin doing it (nullptr for the operator's CLI).
  core::Result<int64_t> add_user(const NewUser& user, const Actor* by, const RequestContext& ctx);

  const AuthPolicy& policy() const { return policy_; }

 private:
  core::Result<Actor> actor_for(OfficeTx& tx, const UserRecord& u);

  struct CachedSession {
    Actor actor;
    int64_t expires_ms = 0;
    int64_t checked_ms = 0;
  };
  Store& store_;
  const core::Clock& clock_;
  AuthPolicy policy_;
  std::shared_mutex cache_mu_;
  std::unordered_map<std::string, CachedSession> cache_;  // by token hash
  std::unordered_set<std::string> revoked_;               // logged out here, by token hash
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_AUTH_SERVICE_H_
