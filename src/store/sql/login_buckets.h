#ifndef HUJI_STORE_SQL_LOGIN_BUCKETS_H_
#define HUJI_STORE_SQL_LOGIN_BUCKETS_H_

// Tables login_buckets (failed logins counted per account, address and pair:
// service/login_throttle.h) and totp_required_roles (roles that must give a one-time code).

#include <string>

#include "service/records.h"
#include "store/sql/common.h"

namespace huji::store::sql::login_buckets {

inline const std::string kFind =
    "SELECT failures, last_failure_ms, last_success_ms FROM login_buckets "
    "WHERE account = $1 AND address = $2";
inline const std::string kPut =
    "INSERT INTO login_buckets (account, address, failures, last_failure_ms, last_success_ms) "
    "VALUES ($1,$2,$3,$4,$5) ON CONFLICT (account, address) DO UPDATE SET "
    "failures = excluded.failures, last_failure_ms = excluded.last_failure_ms, "
    "last_success_ms = excluded.last_success_ms";
inline const std::string kClearAccount = "DELETE FROM login_buckets WHERE account = $1";
inline const std::string kPrune =
    "DELETE FROM login_buckets WHERE last_failure_ms < $1 AND last_success_ms < $2";

inline const std::string kTotpRoles = "SELECT role FROM totp_required_roles ORDER BY role";
inline const std::string kRequireTotp =
    "INSERT INTO totp_required_roles (role) VALUES ($1) ON CONFLICT (role) DO NOTHING";
inline const std::string kUnrequireTotp = "DELETE FROM totp_required_roles WHERE role = $1";

}  // namespace huji::store::sql::login_buckets

#endif  // HUJI_STORE_SQL_LOGIN_BUCKETS_H_
