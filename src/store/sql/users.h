#ifndef HUJI_STORE_SQL_USERS_H_
#define HUJI_STORE_SQL_USERS_H_

// Table users: staff accounts.

#include <string>

#include "service/records.h"
#include "store/sql/common.h"

namespace huji::store::sql::users {

inline constexpr const char* kColumns =
    "id, username, display_name, role, office_code, password_hash, failed_logins, "
    "locked_until_ms, active, created_ms, totp_secret, totp_last_step";
// ON CONFLICT: a taken username is an expected answer (no row returned), and on PostgreSQL
// must not abort the transaction.
inline const std::string kInsert =
    "INSERT INTO users (username, display_name, role, office_code, password_hash, "
    "failed_logins, locked_until_ms, active, created_ms) "
    "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) ON CONFLICT (username) DO NOTHING RETURNING id";
inline const std::string kByName = join({"SELECT ", kColumns, " FROM users WHERE username = $1"});
inline const std::string kById = join({"SELECT ", kColumns, " FROM users WHERE id = $1"});
// kColumns, then the newest login, the sessions in force at $2 (index sessions_user) and the
// account's own login bucket (login_throttle.h).
inline const std::string kStaffOfOffice =
    join({"SELECT ", kColumns,
          ", (SELECT COALESCE(MAX(s.created_ms), 0) FROM sessions s WHERE s.user_id = users.id), "
          "(SELECT COUNT(*) FROM sessions s WHERE s.user_id = users.id AND s.revoked = false "
          "AND s.expires_ms > $2), COALESCE(b.failures, 0), COALESCE(b.last_failure_ms, 0) "
          "FROM users LEFT JOIN login_buckets b ON b.account = users.username AND b.address = '' "
          "WHERE users.office_code = $1 ORDER BY users.username"});
inline const std::string kSetRole = "UPDATE users SET role = $2 WHERE id = $1";
inline const std::string kSetLoginState =
    "UPDATE users SET failed_logins = $2, locked_until_ms = $3 WHERE id = $1";
inline const std::string kSetActive = "UPDATE users SET active = $2 WHERE id = $1";
inline const std::string kSetPasswordHash = "UPDATE users SET password_hash = $2 WHERE id = $1";
inline const std::string kSetTotpSecret =
    "UPDATE users SET totp_secret = $2, totp_last_step = 0 WHERE id = $1";
// Conditional, so that two requests with the same code cannot both pass (a row: accepted).
inline const std::string kAdvanceTotpStep =
    "UPDATE users SET totp_last_step = $2 WHERE id = $1 AND totp_last_step < $2 RETURNING id";

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
  u.totp_secret = st.text(10);
  u.totp_last_step = st.int64(11);
  return u;
}

// Reads kStaffOfOffice.
template <typename Statement>
core::Result<service::StaffAccount> read_staff(const Statement& st) {
  service::StaffAccount a;
  HUJI_ASSIGN_OR_RETURN(a.user, read(st));
  a.last_login_ms = st.int64(12);
  a.active_sessions = static_cast<int>(st.int64(13));
  a.account_bucket.account = a.user.username;
  a.account_bucket.failures = static_cast<int>(st.int64(14));
  a.account_bucket.last_failure_ms = st.int64(15);
  return a;
}

}  // namespace huji::store::sql::users

#endif  // HUJI_STORE_SQL_USERS_H_
