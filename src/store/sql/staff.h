#ifndef HUJI_STORE_SQL_STAFF_H_
#define HUJI_STORE_SQL_STAFF_H_

// Tables users and sessions, and service::StaffTx over them.

#include <optional>
#include <string>

#include "service/transaction.h"
#include "store/rows.h"
#include "store/sql/common.h"

namespace huji::store::sql {

namespace users {
inline constexpr const char* kColumns =
    "id, username, display_name, role, office_code, password_hash, failed_logins, "
    "locked_until_ms, active, created_ms";
// ON CONFLICT: a taken username is an expected answer (no row returned), and on PostgreSQL
// must not abort the transaction.
inline const std::string kInsert =
    "INSERT INTO users (username, display_name, role, office_code, password_hash, "
    "failed_logins, locked_until_ms, active, created_ms) "
    "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) ON CONFLICT (username) DO NOTHING RETURNING id";
inline const std::string kByName = join({"SELECT ", kColumns, " FROM users WHERE username = $1"});
inline const std::string kById = join({"SELECT ", kColumns, " FROM users WHERE id = $1"});
inline const std::string kSetLoginState =
    "UPDATE users SET failed_logins = $2, locked_until_ms = $3 WHERE id = $1";

// Reads kColumns.
template <typename Statement>
core::Result<service::UserRecord> read(const Statement& st) {
  service::UserRecord u;
  u.id = st.int64(0);
  u.username = st.text(1);
  u.display_name = st.text(2);
  u.role = domain::role_from_code(st.text(3)).value_or(domain::Role::kClerk);
  u.office_code = st.text(4);
  u.password_hash = st.text(5);
  u.failed_logins = static_cast<int>(st.int64(6));
  u.locked_until_ms = st.int64(7);
  u.active = st.boolean(8);
  u.created_ms = st.int64(9);
  return u;
}
}  // namespace users

namespace sessions {
inline const std::string kInsert =
    "INSERT INTO sessions (token_hash, user_id, created_ms, expires_ms, revoked) "
    "VALUES ($1,$2,$3,$4,$5)";
inline const std::string kFind =
    "SELECT token_hash, user_id, created_ms, expires_ms, revoked FROM sessions "
    "WHERE token_hash = $1";
inline const std::string kRevoke = "UPDATE sessions SET revoked = true WHERE token_hash = $1";

template <typename Statement>
core::Result<service::SessionRecord> read(const Statement& st) {
  return service::SessionRecord{st.text(0), st.int64(1), st.int64(2), st.int64(3),
                                st.boolean(4)};
}
}  // namespace sessions

template <class Core>
class StaffRows : public Core {
 public:
  using Core::Core;
  using Statement = typename Core::Statement;

  core::Result<int64_t> insert_user(const service::UserRecord& u) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(users::kInsert));
    st.bind(1, u.username).bind(2, u.display_name).bind(3, domain::role_code(u.role))
        .bind(4, u.office_code).bind(5, u.password_hash).bind(6, u.failed_logins)
        .bind(7, u.locked_until_ms).bind(8, u.active).bind(9, u.created_ms);
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) {
      return core::Error::make(core::ErrorKind::kConflict, "user.exists",
                               "帳號已存在：" + u.username,
                               "username already taken: " + u.username);
    }
    return st.int64(0);
  }

  core::Result<std::optional<service::UserRecord>> find_user(
      const std::string& username) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(users::kByName));
    st.bind(1, username);
    return first_row<service::UserRecord>(st, users::read<Statement>);
  }

  core::Result<std::optional<service::UserRecord>> find_user_by_id(int64_t id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(users::kById));
    st.bind(1, id);
    return first_row<service::UserRecord>(st, users::read<Statement>);
  }

  core::Status update_login_state(int64_t user_id, int failed,
                                  int64_t locked_until_ms) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(users::kSetLoginState));
    return st.bind(1, user_id).bind(2, failed).bind(3, locked_until_ms).run();
  }

  core::Status insert_session(const service::SessionRecord& s) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(sessions::kInsert));
    return st.bind(1, s.token_hash).bind(2, s.user_id).bind(3, s.created_ms)
        .bind(4, s.expires_ms).bind(5, s.revoked).run();
  }

  core::Result<std::optional<service::SessionRecord>> find_session(
      const std::string& hash) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(sessions::kFind));
    st.bind(1, hash);
    return first_row<service::SessionRecord>(st, sessions::read<Statement>);
  }

  core::Status revoke_session(const std::string& hash) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(sessions::kRevoke));
    return st.bind(1, hash).run();
  }
};

}  // namespace huji::store::sql

#endif  // HUJI_STORE_SQL_STAFF_H_
