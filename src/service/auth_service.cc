#include "service/auth_service.h"

#include "service/audit.h"
#include "service/crypto.h"
#include "service/errors.h"

namespace huji::service {

using core::Error;
using core::ErrorKind;

namespace {

Error invalid_credentials() {
  return Error::unauthenticated("auth.invalid_credentials", "帳號或密碼錯誤",
                                "wrong username or password");
}

// A well-formed hash to verify against when the user does not exist, so that the response
// time does not reveal which usernames exist.
const std::string& dummy_hash() {
  static const std::string h = hash_password("huji-dummy-password").value();
  return h;
}

Actor system_actor() {
  Actor a;
  a.username = "system";
  a.role = domain::Role::kAdmin;
  return a;
}

}  // namespace

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
                                             const std::string& password,
                                             const RequestContext& ctx) {
  if (username.empty() || password.empty() || username.size() > 64 || password.size() > 1024) {
    return invalid_credentials();
  }
  std::optional<UserRecord> user;
  {
    HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
    HUJI_ASSIGN_OR_RETURN(user, tx->find_user(username));
  }
  const int64_t now = clock_.now_ms();
  if (!user || !user->active) {
    (void)verify_password(dummy_hash(), password);
    return invalid_credentials();
  }
  if (user->locked_until_ms > now) {
    return Error::locked("auth.locked",
                         "登入失敗次數過多，帳號暫時鎖定，請 15 分鐘後再試或洽系統管理者",
                         "too many failed logins; the account is locked for a while, try again "
                         "later or ask an administrator");
  }
  // The expensive argon2id check runs outside any transaction.
  const bool good = verify_password(user->password_hash, password);

  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  // Re-read inside the write transaction: concurrent failures must all count.
  HUJI_ASSIGN_OR_RETURN(auto fresh, tx->find_user(username));
  if (!fresh) return invalid_credentials();
  HUJI_ASSIGN_OR_RETURN(Actor actor, actor_for(*tx, *fresh));
  if (!good) {
    int failed = fresh->failed_logins + 1;
    int64_t locked_until = 0;
    if (failed >= policy_.max_failed_logins) {
      locked_until = now + policy_.lockout_ms;
      failed = 0;
    }
    HUJI_TRY(tx->update_login_state(fresh->id, failed, locked_until));
    HUJI_TRY(append_audit(*tx, clock_, actor, ctx,
                          {"auth.login", "", "", locked_until ? "locked" : "failed"}));
    HUJI_TRY(tx->commit());
    return invalid_credentials();
  }
  LoginResult out;
  out.token = random_token();
  out.expires_ms = now + policy_.session_ms;
  out.actor = actor;
  HUJI_TRY(tx->update_login_state(fresh->id, 0, 0));
  HUJI_TRY(tx->insert_session({sha256_hex(out.token), fresh->id, now, out.expires_ms, false}));
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx, {"auth.login", "", "", "ok"}));
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
  if (u.password.size() < policy_.min_password_length) {
    return Error::invalid("user.password_too_short",
                          "密碼至少需 " + std::to_string(policy_.min_password_length) + " 個字元",
                          "the password needs at least " +
                              std::to_string(policy_.min_password_length) + " characters");
  }
  HUJI_ASSIGN_OR_RETURN(std::string hash, hash_password(u.password));
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
  HUJI_TRY(append_audit(*tx, clock_, by ? *by : system_actor(), ctx,
                        {"user.add", "", "user " + u.username, "ok"}));
  HUJI_TRY(tx->commit());
  return id;
}

}  // namespace huji::service
