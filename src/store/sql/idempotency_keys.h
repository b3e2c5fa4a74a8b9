#ifndef HUJI_STORE_SQL_IDEMPOTENCY_KEYS_H_
#define HUJI_STORE_SQL_IDEMPOTENCY_KEYS_H_

// Table idempotency_keys: what each client request key already did.

#include <string>

#include "service/records.h"
#include "store/sql/common.h"

namespace huji::store::sql::idempotency_keys {

inline const std::string kFind =
    "SELECT username, key, operation, fingerprint, resource_id, created_ms "
    "FROM idempotency_keys WHERE username = $1 AND key = $2";
inline const std::string kPut =
    "INSERT INTO idempotency_keys (username, key, operation, fingerprint, resource_id, "
    "created_ms) VALUES ($1,$2,$3,$4,$5,$6)";

template <typename Statement>
core::Result<service::IdempotencyRecord> read(const Statement& st) {
  return service::IdempotencyRecord{st.text(0), st.text(1),  st.text(2),
                                    st.text(3), st.int64(4), st.int64(5)};
}

}  // namespace huji::store::sql::idempotency_keys

#endif  // HUJI_STORE_SQL_IDEMPOTENCY_KEYS_H_
