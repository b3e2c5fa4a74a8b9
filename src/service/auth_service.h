#ifndef HUJI_SERVICE_AUTH_SERVICE_H_
#define HUJI_SERVICE_AUTH_SERVICE_H_

// Staff identity: users with argon2id passwords, expiring bearer sessions, login throttling
// per account and source address (service/login_throttle.h), optional one-time codes
// (RFC 6238, service/totp.h), and the operator's and admins' account management. Tokens are
// random; only their SHA-256 is stored.
//
// A login attempt costs the same argon2id verification whether the account exists, is
// disabled or has the password given (a dummy hash stands in), and answers alike: neither
// content nor time tells which usernames exist. Throttling is decided before the account is
// read, on buckets kept for any name tried. Every attempt is in the audit trail.

#include <atomic>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "core/clock.h"
#include "service/actor.h"
#include "service/hash_gate.h"
#include "service/login_throttle.h"
#include "service/store.h"

namespace huji::service {

struct AuthPolicy {
  int64_t session_ms = int64_t{8} * 3600 * 1000;  // one working day
  LoginThrottlePolicy throttle;
  HashGateLimits hashing;
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

// One account in an admin's list of their office's staff.
struct StaffView {
  UserRecord user;            // without the password hash and the one-time code secret
  int64_t last_login_ms = 0;  // 0: never
  int active_sessions = 0;
  int recent_failures = 0;  // failed logins against the account, not yet forgotten
  // More failures than one workstation may make freely: some logins are being held back
  // (login_throttle.h). An unlock forgets them.
  bool locked = false;
  bool totp_enrolled = false;
};

// A one-time code secret just enrolled: shown once, never answered again.
struct TotpEnrolment {
  std::string secret;  // base32
  std::string uri;     // otpauth://…, for a QR code
};

// A role from its code (clerk, supervisor, auditor, admin), or user.role (400).
core::Result<domain::Role> parse_role(const std::string& code);

class AuthService {
 public:
  AuthService(Store& store, const core::Clock& clock, AuthPolicy policy = {})
      : store_(store),
        clock_(clock),
        policy_(policy),
        throttle_(policy.throttle),
        gate_(policy.hashing) {}

  // auth.invalid_credentials (401) for an unknown user, a disabled one, a wrong password or a
  // wrong one-time code alike; auth.throttled (429, retry_after_s set) while the attempt
  // must wait; auth.otp_required (401) when the password is right and the account needs a
  // one-time code that `otp` does not give; auth.otp_not_enrolled (403) when it needs one
  // and has none enrolled; auth.busy (503) when too many password checks are running.
  // `ctx.source_address` is the client's address, counted by the throttle.
  core::Result<LoginResult> login(const std::string& username, const std::string& password,
                                  const RequestContext& ctx, const std::string& otp = "");
  core::Status logout(const std::string& token, const RequestContext& ctx);
  // The actor behind a bearer token, or auth.required (401). A session found valid is
  // remembered for kSessionRecheckMs, so that most requests need no database read; a logout
  // or revocation through this service forgets it at once, a session revoked or a user
  // deactivated elsewhere (another huji process, the CLI) is refused within that time.
  core::Result<Actor> authenticate(const std::string& token);
  static constexpr int64_t kSessionRecheckMs = 5'000;
  static constexpr size_t kMaxCachedSessions = 100'000;

  // Account management. `by` is the admin doing it (nullptr: the operator's CLI); an admin
  // manages only staff of their own office. Each change is audited. An admin may not take
  // away their office's last active admin (disable it or give it another role:
  // user.last_admin), so that the office is never left without someone to manage it on
  // screen; the operator at the machine may (to retire an office's admin account).
  core::Result<std::vector<StaffView>> list_staff(const Actor& by);
  // Every office, by code (an admin adds staff to their own; the list says which exist).
  core::Result<std::vector<domain::Office>> list_offices(const Actor& by);
  core::Result<int64_t> add_user(const NewUser& user, const Actor* by, const RequestContext& ctx);
  // Another role; revokes the user's sessions, so that the new role holds from the next login.
  core::Status set_role(const std::string& username, domain::Role role, const Actor* by,
                        const RequestContext& ctx);
  // Disabling also revokes every session of the user at once.
  core::Status set_disabled(const std::string& username, bool disabled, const Actor* by,
                            const RequestContext& ctx);
  // Forgets the account's failed logins (its own bucket and its per-address ones).
  core::Status unlock(const std::string& username, const Actor* by, const RequestContext& ctx);
  // A new password (the same rules as add_user); revokes the user's sessions and unlocks.
  core::Status reset_password(const std::string& username, const std::string& password,
                              const Actor* by, const RequestContext& ctx);
  core::Status revoke_sessions(const std::string& username, const Actor* by,
                               const RequestContext& ctx);
  // A new one-time code secret for the user (replacing any); from then on login needs a code.
  core::Result<TotpEnrolment> enrol_totp(const std::string& username, const Actor* by,
                                         const RequestContext& ctx);
  // Whether staff of `role` must give a one-time code at login (admins and the operator).
  core::Status require_totp(domain::Role role, bool required, const Actor* by,
                            const RequestContext& ctx);

  const AuthPolicy& policy() const { return policy_; }
  // argon2id verifications made by login so far (tests: every attempt makes exactly one).
  uint64_t password_checks() const { return password_checks_.load(); }

 private:
  core::Result<Actor> actor_for(OfficeTx& tx, const UserRecord& u);
  // The account `username` if `by` may manage it (user.not_found, auth.forbidden,
  // auth.office_scope otherwise).
  core::Result<UserRecord> managed_user(StaffTx& tx, const std::string& username, const Actor* by,
                                        const char* action);
  // user.last_admin when `user` is its office's last active admin and `by` is an admin.
  core::Status keep_an_admin(StaffTx& tx, const UserRecord& user, const Actor* by);
  core::Result<std::string> hash_new_password(const std::string& password,
                                              const std::string& username);
  // Forgets remembered sessions of the user (after a revocation written here).
  void forget_sessions_of(int64_t user_id);

  struct CachedSession {
    Actor actor;
    int64_t expires_ms = 0;
    int64_t checked_ms = 0;
  };
  Store& store_;
  const core::Clock& clock_;
  AuthPolicy policy_;
  LoginThrottle throttle_;
  HashGate gate_;
  std::atomic<uint64_t> password_checks_{0};
  std::atomic<uint64_t> failures_{0};  // prunes stale login buckets now and then
  std::shared_mutex cache_mu_;
  std::unordered_map<std::string, CachedSession> cache_;  // by token hash
  std::unordered_set<std::string> revoked_;               // logged out here, by token hash
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_AUTH_SERVICE_H_
