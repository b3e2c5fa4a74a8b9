#include "service/auth_service.h"

#include <algorithm>
#include <optional>

#include "service/audit.h"
#include "service/crypto.h"
#include "service/errors.h"
#include "service/password_rules.h"
#include "service/totp.h"

namespace huji::service {

using core::Error;
using core::ErrorKind;

namespace {

Error invalid_credentials() {
  return Error::unauthenticated("auth.invalid_credentials", "帳號或密碼錯誤",
                                "wrong username or password");
}

Error throttled(int64_t wait_ms) {
  const int64_t seconds = std::max<int64_t>(1, (wait_ms + 999) / 1000);
  Error e = Error::too_many(
      "auth.throttled", "登入失敗次數過多，請 " + std::to_string(seconds) + " 秒後再試",
      "too many failed logins; try again in " + std::to_string(seconds) + " seconds");
  e.retry_after_s = seconds;
  return e;
}

Error busy() {
  return Error::unavailable("auth.busy", "登入人數眾多，請稍後再試",
                            "too many logins at once; try again in a moment");
}

// A well-formed hash with the parameters of real ones, to verify against when the account
// does not exist or is disabled: the attempt then costs what any other does.
const std::string& dummy_hash() {
  static const std::string h = hash_password("huji-dummy-password").value();
  return h;
}

// The operator at the machine, running the CLI.
Actor operator_actor() {
  Actor a;
  a.username = "operator-cli";
  a.role = domain::Role::kAdmin;
  return a;
}

// One login attempt's audit entry: the username tried (never the password), the source
// address, the outcome. The role and office are the account's when it exists, so that the
// office's auditor sees attempts on its staff.
core::Status audit_login(AuditTx& tx, int64_t now_ms, const std::string& who,
                         const UserRecord* user, const RequestContext& ctx, const char* outcome) {
  Actor a;
  a.username = who;
  if (user) {
    a.role = user->role;
    a.office_code = user->office_code;
  }
  AuditEntry e =
      make_audit_entry(now_ms, a, ctx, {"auth.login", "", "from " + ctx.source_address, outcome});
  if (!user) e.role.clear();
  HUJI_ASSIGN_OR_RETURN(const auto newest, tx.last_audit());
  ChainEnd end = chain_end(newest);
  chain_after(e, end);
  return tx.append_audit(e);
}

// How often (in failed logins) buckets nobody needs any more are removed.
constexpr uint64_t kPruneEvery = 64;

}  // namespace

core::Result<domain::Role> parse_role(const std::string& code) {
  auto r = domain::role_from_code(code);
  if (!r) {
    return Error::invalid("user.role", "角色須為 clerk、supervisor、auditor 或 admin",
                          "role must be clerk, supervisor, auditor or admin");
  }
  return *r;
}

core::Result<Actor> AuthService::actor_for(OfficeTx& tx, const UserRecord& u) {
  Actor a;
  a.user_id = u.id;
  a.username = u.username;
  a.display_name = u.display_name;
  a.role = u.role;
  a.office_code = u.office_code;
  HUJI_ASSIGN_OR_RETURN(auto office, tx.find_office(u.office_code));
  if (office) a.office_name = office->name;
  return a;
}

core::Result<LoginResult> AuthService::login(const std::string& username,
                                             const std::string& password, const RequestContext& ctx,
                                             const std::string& otp) {
  const int64_t now = clock_.now_ms();
  LoginBuckets buckets = LoginThrottle::keys(username, ctx.source_address);
  const std::string who = buckets.account.account;  // the name tried, or "(malformed)"
  const std::string where = buckets.address.address;
  RequestContext at = ctx;  // the address as audited: as given when it is one, else "unknown"
  if (where == "unknown") at.source_address = "unknown";
  auto load_buckets = [&](StaffTx& tx) -> core::Status {
    HUJI_ASSIGN_OR_RETURN(buckets.pair, tx.find_login_bucket(who, where));
    HUJI_ASSIGN_OR_RETURN(buckets.address, tx.find_login_bucket("", where));
    HUJI_ASSIGN_OR_RETURN(buckets.account, tx.find_login_bucket(who, ""));
    return {};
  };
  std::optional<UserRecord> user;
  bool otp_by_role = false;
  {
    HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
    HUJI_TRY(load_buckets(*tx));
    HUJI_ASSIGN_OR_RETURN(user, tx->find_user(who));
    if (user) {
      HUJI_ASSIGN_OR_RETURN(auto roles, tx->totp_required_roles());
      otp_by_role =
          std::find(roles.begin(), roles.end(), domain::role_code(user->role)) != roles.end();
    }
  }
  const UserRecord* known = user ? &*user : nullptr;
  if (const int64_t wait = throttle_.wait_ms(buckets, now); wait > 0) {
    HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
    HUJI_TRY(audit_login(*tx, now, who, known, at, "throttled"));
    HUJI_TRY(tx->commit());
    return throttled(wait);
  }

  // The expensive argon2id check, outside any transaction and within the gate's bound.
  const bool usable = user && user->active;
  bool good = false;
  {
    HashGate::Slot slot = gate_.acquire();
    if (!slot) return busy();
    ++password_checks_;
    good = verify_password(usable ? user->password_hash : dummy_hash(),
                           std::string_view(password).substr(0, kMaxPasswordBytes)) &&
           usable && password.size() <= kMaxPasswordBytes;
  }
  const char* outcome = !user ? "unknown_user" : !user->active ? "disabled" : "failed";
  std::optional<int64_t> otp_step;
  if (good && (otp_by_role || !user->totp_secret.empty())) {
    if (user->totp_secret.empty()) {
      HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
      HUJI_TRY(audit_login(*tx, now, who, known, at, "otp_not_enrolled"));
      HUJI_TRY(tx->commit());
      return Error::denied("auth.otp_not_enrolled",
                           "此帳號須使用一次性密碼，但尚未設定，請洽系統管理員",
                           "this account needs a one-time code but has none enrolled; ask your "
                           "system administrator");
    }
    if (otp.empty()) {
      HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
      HUJI_TRY(audit_login(*tx, now, who, known, at, "otp_required"));
      HUJI_TRY(tx->commit());
      return Error::unauthenticated("auth.otp_required", "請輸入驗證器上的 6 位數一次性密碼",
                                    "enter the 6-digit one-time code from your authenticator");
    }
    otp_step = totp_match(user->totp_secret, otp, now);
    if (!otp_step) {
      good = false;
      outcome = "otp_failed";
    }
  }

  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  if (good && otp_step) {
    HUJI_ASSIGN_OR_RETURN(const bool fresh_step, tx->advance_totp_step(user->id, *otp_step));
    if (!fresh_step) {
      good = false;
      outcome = "otp_replayed";
    }
  }
  // Re-read inside the write transaction: the buckets may have moved meanwhile, and
  // concurrent failures must all count.
  HUJI_TRY(load_buckets(*tx));
  if (!good) {
    throttle_.record_failure(buckets, now);
    for (const LoginBucket* b : {&buckets.pair, &buckets.address, &buckets.account}) {
      HUJI_TRY(tx->put_login_bucket(*b));
    }
    if (++failures_ % kPruneEvery == 0) {
      HUJI_TRY(tx->prune_login_buckets(now - throttle_.policy().forget_ms,
                                       now - throttle_.policy().trust_ms));
    }
    HUJI_TRY(audit_login(*tx, now, who, known, at, outcome));
    HUJI_TRY(tx->commit());
    return invalid_credentials();
  }
  HUJI_ASSIGN_OR_RETURN(Actor actor, actor_for(*tx, *user));
  throttle_.record_success(buckets, now);
  HUJI_TRY(tx->put_login_bucket(buckets.pair));
  LoginResult out;
  out.token = random_token();
  out.expires_ms = now + policy_.session_ms;
  out.actor = actor;
  HUJI_TRY(tx->insert_session({sha256_hex(out.token), user->id, now, out.expires_ms, false}));
  HUJI_TRY(audit_login(*tx, now, who, known, at, "ok"));
  HUJI_TRY(tx->commit());
  return out;
}

core::Status AuthService::logout(const std::string& token, const RequestContext& ctx) {
  HUJI_ASSIGN_OR_RETURN(Actor actor, authenticate(token));
  const std::string hash = sha256_hex(token);
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_TRY(tx->revoke_session(hash));
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx, {"auth.logout", "", "", "ok"}));
  HUJI_TRY(tx->commit());
  // Also against a request that read the session just before the revocation committed and
  // is about to remember it.
  std::unique_lock lock(cache_mu_);
  cache_.erase(hash);
  revoked_.insert(hash);
  return {};
}

core::Result<Actor> AuthService::authenticate(const std::string& token) {
  if (token.empty() || token.size() > 128) return errors::unauthenticated();
  const std::string hash = sha256_hex(token);
  const int64_t now = clock_.now_ms();
  {
    std::shared_lock lock(cache_mu_);
    auto it = cache_.find(hash);
    if (it != cache_.end() && now < it->second.expires_ms &&
        now - it->second.checked_ms < kSessionRecheckMs) {
      return it->second.actor;
    }
  }
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
  HUJI_ASSIGN_OR_RETURN(auto session, tx->find_session(hash));
  auto refuse = [&] {
    std::unique_lock lock(cache_mu_);
    cache_.erase(hash);
    return errors::unauthenticated();
  };
  if (!session || session->revoked || session->expires_ms <= now) return refuse();
  HUJI_ASSIGN_OR_RETURN(auto user, tx->find_user_by_id(session->user_id));
  if (!user || !user->active) return refuse();
  HUJI_ASSIGN_OR_RETURN(Actor actor, actor_for(*tx, *user));
  std::unique_lock lock(cache_mu_);
  if (revoked_.count(hash)) return errors::unauthenticated();
  if (cache_.size() >= kMaxCachedSessions) cache_.clear();
  if (revoked_.size() >= kMaxCachedSessions) revoked_.clear();  // stored as revoked anyway
  cache_[hash] = {actor, session->expires_ms, now};
  return actor;
}

void AuthService::forget_sessions_of(int64_t user_id) {
  std::unique_lock lock(cache_mu_);
  for (auto it = cache_.begin(); it != cache_.end();) {
    if (it->second.actor.user_id == user_id) {
      revoked_.insert(it->first);
      it = cache_.erase(it);
    } else {
      ++it;
    }
  }
}

core::Result<std::string> AuthService::hash_new_password(const std::string& password,
                                                         const std::string& username) {
  HUJI_TRY(check_new_password(password, username));
  HashGate::Slot slot = gate_.acquire();
  if (!slot) return busy();
  return hash_password(password);
}

core::Result<int64_t> AuthService::add_user(const NewUser& u, const Actor* by,
                                            const RequestContext& ctx) {
  if (by) {
    if (!domain::role_has(by->role, domain::Permission::kManageUsers)) {
      return errors::forbidden("user.add");
    }
    if (by->office_code != u.office_code) {
      return Error::denied("auth.office_scope", "只能管理本所人員",
                           "you may only manage staff of your own office");
    }
  }
  if (u.username.empty() || u.username.size() > 64 ||
      u.username.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789._-") !=
          std::string::npos) {
    return Error::invalid("user.username", "帳號須為 1–64 個小寫英數字、點、底線或連字號",
                          "username must be 1-64 lowercase letters, digits, '.', '_' or '-'");
  }
  HUJI_ASSIGN_OR_RETURN(std::string hash, hash_new_password(u.password, u.username));
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto office, tx->find_office(u.office_code));
  if (!office) {
    return Error::not_found("office.not_found", "查無戶政事務所代碼 " + u.office_code,
                            "no office with code " + u.office_code);
  }
  UserRecord rec;
  rec.username = u.username;
  rec.display_name = u.display_name.empty() ? u.username : u.display_name;
  rec.role = u.role;
  rec.office_code = u.office_code;
  rec.password_hash = std::move(hash);
  rec.created_ms = clock_.now_ms();
  HUJI_ASSIGN_OR_RETURN(int64_t id, tx->insert_user(rec));
  HUJI_TRY(append_audit(*tx, clock_, by ? *by : operator_actor(), ctx,
                        {"user.add", "", "user " + u.username, "ok"}));
  HUJI_TRY(tx->commit());
  return id;
}

core::Result<UserRecord> AuthService::managed_user(StaffTx& tx, const std::string& username,
                                                   const Actor* by, const char* action) {
  if (by && !domain::role_has(by->role, domain::Permission::kManageUsers)) {
    return errors::forbidden(action);
  }
  HUJI_ASSIGN_OR_RETURN(auto user, tx.find_user(username));
  // Another office's staff are as invisible to an admin as staff who do not exist.
  if (!user || (by && by->office_code != user->office_code)) {
    return Error::not_found("user.not_found", "查無此帳號：" + username,
                            "no such user: " + username);
  }
  return *user;
}

core::Status AuthService::keep_an_admin(StaffTx& tx, const UserRecord& user, const Actor* by) {
  if (!by || user.role != domain::Role::kAdmin || !user.active) return {};
  HUJI_ASSIGN_OR_RETURN(auto staff, tx.list_staff(user.office_code, clock_.now_ms()));
  const auto admins = std::count_if(staff.begin(), staff.end(), [](const StaffAccount& a) {
    return a.user.active && a.user.role == domain::Role::kAdmin;
  });
  if (admins > 1) return {};
  return Error::conflict(
      "user.last_admin",
      "「" + user.username +
          "」是本所最後一位系統管理員，不能停用或改為其他角色；請先新增另一位系統管理員",
      "'" + user.username +
          "' is the office's last system administrator and cannot be disabled "
          "or given another role; add another system administrator first");
}

core::Result<std::vector<StaffView>> AuthService::list_staff(const Actor& by) {
  if (!domain::role_has(by.role, domain::Permission::kManageUsers)) {
    return errors::forbidden("user.list");
  }
  const int64_t now = clock_.now_ms();
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
  HUJI_ASSIGN_OR_RETURN(auto staff, tx->list_staff(by.office_code, now));
  std::vector<StaffView> out;
  out.reserve(staff.size());
  for (StaffAccount& a : staff) {
    StaffView v;
    v.totp_enrolled = !a.user.totp_secret.empty();
    a.user.password_hash.clear();
    a.user.totp_secret.clear();
    v.user = std::move(a.user);
    v.last_login_ms = a.last_login_ms;
    v.active_sessions = a.active_sessions;
    v.recent_failures = throttle_.live_failures(a.account_bucket, now);
    v.locked = v.recent_failures > throttle_.policy().pair_free;
    out.push_back(std::move(v));
  }
  return out;
}

core::Result<std::vector<domain::Office>> AuthService::list_offices(const Actor& by) {
  if (!domain::role_has(by.role, domain::Permission::kManageUsers)) {
    return errors::forbidden("office.list");
  }
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
  return tx->list_offices();
}

core::Status AuthService::set_role(const std::string& username, domain::Role role, const Actor* by,
                                   const RequestContext& ctx) {
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(UserRecord user, managed_user(*tx, username, by, "user.role"));
  // Four eyes on roles: an admin does not change their own (one of two admins could otherwise
  // make themselves a supervisor who reads and approves); another admin or the operator does.
  if (by && by->username == username && user.role != role) {
    return core::Error::denied("user.self_role", "不得變更自己的角色，請由其他系統管理員辦理",
                               "you may not change your own role; another administrator may");
  }
  if (user.role == role) return {};
  if (role != domain::Role::kAdmin) HUJI_TRY(keep_an_admin(*tx, user, by));
  HUJI_TRY(tx->set_user_role(user.id, role));
  HUJI_TRY(tx->revoke_user_sessions(user.id));
  HUJI_TRY(append_audit(
      *tx, clock_, by ? *by : operator_actor(), ctx,
      {"user.role", "",
       "user " + username + " " + domain::role_code(user.role) + " -> " + domain::role_code(role),
       "ok"}));
  HUJI_TRY(tx->commit());
  forget_sessions_of(user.id);
  return {};
}

core::Status AuthService::set_disabled(const std::string& username, bool disabled, const Actor* by,
                                       const RequestContext& ctx) {
  const char* action = disabled ? "user.disable" : "user.enable";
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(UserRecord user, managed_user(*tx, username, by, action));
  if (disabled) HUJI_TRY(keep_an_admin(*tx, user, by));
  HUJI_TRY(tx->set_user_active(user.id, !disabled));
  if (disabled) HUJI_TRY(tx->revoke_user_sessions(user.id));
  HUJI_TRY(append_audit(*tx, clock_, by ? *by : operator_actor(), ctx,
                        {action, "", "user " + username, "ok"}));
  HUJI_TRY(tx->commit());
  if (disabled) forget_sessions_of(user.id);
  return {};
}

core::Status AuthService::unlock(const std::string& username, const Actor* by,
                                 const RequestContext& ctx) {
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(UserRecord user, managed_user(*tx, username, by, "user.unlock"));
  HUJI_TRY(tx->clear_login_buckets(user.username));
  HUJI_TRY(tx->update_login_state(user.id, 0, 0));
  HUJI_TRY(append_audit(*tx, clock_, by ? *by : operator_actor(), ctx,
                        {"user.unlock", "", "user " + username, "ok"}));
  return tx->commit();
}

core::Status AuthService::reset_password(const std::string& username, const std::string& password,
                                         const Actor* by, const RequestContext& ctx) {
  {  // who may, before the expensive hash
    HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
    HUJI_TRY(managed_user(*tx, username, by, "user.reset"));
  }
  HUJI_ASSIGN_OR_RETURN(std::string hash, hash_new_password(password, username));
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(UserRecord user, managed_user(*tx, username, by, "user.reset"));
  HUJI_TRY(tx->set_password_hash(user.id, hash));
  HUJI_TRY(tx->revoke_user_sessions(user.id));
  HUJI_TRY(tx->clear_login_buckets(user.username));
  HUJI_TRY(append_audit(*tx, clock_, by ? *by : operator_actor(), ctx,
                        {"user.reset", "", "user " + username, "ok"}));
  HUJI_TRY(tx->commit());
  forget_sessions_of(user.id);
  return {};
}

core::Status AuthService::revoke_sessions(const std::string& username, const Actor* by,
                                          const RequestContext& ctx) {
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(UserRecord user, managed_user(*tx, username, by, "user.revoke_sessions"));
  HUJI_TRY(tx->revoke_user_sessions(user.id));
  HUJI_TRY(append_audit(*tx, clock_, by ? *by : operator_actor(), ctx,
                        {"user.revoke_sessions", "", "user " + username, "ok"}));
  HUJI_TRY(tx->commit());
  forget_sessions_of(user.id);
  return {};
}

core::Result<TotpEnrolment> AuthService::enrol_totp(const std::string& username, const Actor* by,
                                                    const RequestContext& ctx) {
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(UserRecord user, managed_user(*tx, username, by, "user.totp_enrol"));
  TotpEnrolment out;
  out.secret = new_totp_secret();
  out.uri = totp_uri(user.username, out.secret);
  HUJI_TRY(tx->set_totp_secret(user.id, out.secret));
  HUJI_TRY(append_audit(*tx, clock_, by ? *by : operator_actor(), ctx,
                        {"user.totp_enrol", "", "user " + username, "ok"}));
  HUJI_TRY(tx->commit());
  return out;
}

core::Status AuthService::require_totp(domain::Role role, bool required, const Actor* by,
                                       const RequestContext& ctx) {
  if (by && !domain::role_has(by->role, domain::Permission::kManageUsers)) {
    return errors::forbidden("user.require_totp");
  }
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_TRY(tx->set_totp_required(domain::role_code(role), required));
  HUJI_TRY(append_audit(
      *tx, clock_, by ? *by : operator_actor(), ctx,
      {"user.require_totp", "",
       std::string("role ") + domain::role_code(role) + (required ? " on" : " off"), "ok"}));
  return tx->commit();
}

}  // namespace huji::service
