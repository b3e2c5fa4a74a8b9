#ifndef HUJI_STORE_SQL_SESSIONS_H_
#define HUJI_STORE_SQL_SESSIONS_H_

// Table sessions: login sessions (a hash of each bearer token).

#include <string>

#include "service/records.h"
#include "store/sql/common.h"

namespace huji::store::sql::sessions {

inline const std::string kInsert =
    "INSERT INTO sessions (token_hash, user_id, created_ms, expires_ms, revoked) "
    "VALUES ($1,$2,$3,$4,$5)";
inline const std::string kFind =
    "SELECT token_hash, user_id, created_ms, expires_ms, revoked FROM sessions "
    "WHERE token_hash = $1";
inline const std::string kRevoke = "UPDATE sessions SET revoked = true WHERE token_hash = $1";
inline const std::string kRevokeUser =
    "UPDATE sessions SET revoked = true WHERE user_id = $1 AND revoked = false";

template <typename Statement>
core::Result<service::SessionRecord> read(const Statement& st) {
  return service::SessionRecord{st.text(0), st.int64(1), st.int64(2), st.int64(3), st.boolean(4)};
}

}  // namespace huji::store::sql::sessions

#endif  // HUJI_STORE_SQL_SESSIONS_H_
