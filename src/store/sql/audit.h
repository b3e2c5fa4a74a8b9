#ifndef HUJI_STORE_SQL_AUDIT_H_
#define HUJI_STORE_SQL_AUDIT_H_

// Table audit: the hash-chained audit trail (稽核軌跡), append-only.

#include <string>

#include "service/records.h"
#include "store/sql/common.h"

namespace huji::store::sql::audit {

inline constexpr const char* kColumns =
    "seq, at_ms, username, role, office_code, action, subject_id, purpose, request_id, "
    "outcome, prev_hash, hash";
inline const std::string kAppend =
    join({"INSERT INTO audit (", kColumns, ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)"});
inline const std::string kLast =
    join({"SELECT ", kColumns, " FROM audit ORDER BY seq DESC LIMIT 1"});
// One statement with optional filters: NULL parameters disable their condition.
inline const std::string kQuery =
    join({"SELECT ", kColumns,
          " FROM audit WHERE "
          "(CAST($1 AS TEXT) IS NULL OR subject_id = $1) AND "
          "(CAST($2 AS TEXT) IS NULL OR username = $2) AND "
          "(CAST($3 AS BIGINT) IS NULL OR at_ms >= $3) AND "
          "(CAST($4 AS BIGINT) IS NULL OR at_ms < $4) AND "
          "(CAST($5 AS BIGINT) = 0 OR seq < $5) AND "
          "(CAST($7 AS TEXT) IS NULL OR office_code = $7) AND "
          "(CAST($8 AS TEXT) IS NULL OR substr(action, 1, length($8)) = $8) AND "
          "(CAST($9 AS TEXT) IS NULL OR substr(purpose, 1, length($9)) = $9) AND "
          "(CAST($10 AS TEXT) IS NULL OR outcome = $10) ORDER BY seq DESC LIMIT $6"});
inline const std::string kScan = join({"SELECT ", kColumns, " FROM audit ORDER BY seq"});
// One page of a scan: the entries after seq $1, at most $2.
inline const std::string kScanPage =
    join({"SELECT ", kColumns, " FROM audit WHERE seq > $1 ORDER BY seq LIMIT $2"});

// Reads kColumns from column `base` on (a join's later columns).
template <typename Statement>
service::AuditEntry read_at(const Statement& st, int base) {
  service::AuditEntry a;
  a.seq = st.int64(base);
  a.at_ms = st.int64(base + 1);
  a.username = st.text(base + 2);
  a.role = st.text(base + 3);
  a.office_code = st.text(base + 4);
  a.action = st.text(base + 5);
  a.subject_id = st.text(base + 6);
  a.purpose = st.text(base + 7);
  a.request_id = st.text(base + 8);
  a.outcome = st.text(base + 9);
  a.prev_hash = st.text(base + 10);
  a.hash = st.text(base + 11);
  return a;
}

// Reads kColumns.
template <typename Statement>
core::Result<service::AuditEntry> read(const Statement& st) {
  return read_at(st, 0);
}

// Binds kColumns to $1 … $12. `a` must outlive the statement's run: its text is bound without
// copies where the backend can.
template <typename Statement>
Statement& bind(Statement& st, const service::AuditEntry& a) {
  return st.bind(1, a.seq)
      .bind(2, a.at_ms)
      .bind_ref(3, a.username)
      .bind_ref(4, a.role)
      .bind_ref(5, a.office_code)
      .bind_ref(6, a.action)
      .bind_ref(7, a.subject_id)
      .bind_ref(8, a.purpose)
      .bind_ref(9, a.request_id)
      .bind_ref(10, a.outcome)
      .bind_ref(11, a.prev_hash)
      .bind_ref(12, a.hash);
}

}  // namespace huji::store::sql::audit

#endif  // HUJI_STORE_SQL_AUDIT_H_
