#ifndef HUJI_STORE_SQL_AUDIT_H_
#define HUJI_STORE_SQL_AUDIT_H_

// Tables audit (the hash-chained trail) and audit_journal_marks, and service::AuditTx over
// them.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "service/transaction.h"
#include "store/rows.h"
#include "store/sql/common.h"

namespace huji::store::sql {

namespace audit {
inline constexpr const char* kColumns =
    "seq, at_ms, username, role, office_code, action, subject_id, purpose, request_id, "
    "outcome, prev_hash, hash";
inline const std::string kAppend =
    join({"INSERT INTO audit (", kColumns, ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)"});
inline const std::string kLast =
    join({"SELECT ", kColumns, " FROM audit ORDER BY seq DESC LIMIT 1"});
// One statement with optional filters: NULL parameters disable their condition.
inline const std::string kQuery =
    join({"SELECT ", kColumns, " FROM audit WHERE "
          "(CAST($1 AS TEXT) IS NULL OR subject_id = $1) AND "
          "(CAST($2 AS TEXT) IS NULL OR username = $2) AND "
          "(CAST($3 AS BIGINT) IS NULL OR at_ms >= $3) AND "
          "(CAST($4 AS BIGINT) IS NULL OR at_ms < $4) AND "
          "(CAST($5 AS BIGINT) = 0 OR seq < $5) AND "
          "(CAST($7 AS TEXT) IS NULL OR office_code = $7) ORDER BY seq DESC LIMIT $6"});
inline const std::string kScan = join({"SELECT ", kColumns, " FROM audit ORDER BY seq"});
// One page of a scan: the entries after seq $1, at most $2.
inline const std::string kScanPage =
    join({"SELECT ", kColumns, " FROM audit WHERE seq > $1 ORDER BY seq LIMIT $2"});

// Reads kColumns.
template <typename Statement>
core::Result<service::AuditEntry> read(const Statement& st) {
  service::AuditEntry a;
  a.seq = st.int64(0);
  a.at_ms = st.int64(1);
  a.username = st.text(2);
  a.role = st.text(3);
  a.office_code = st.text(4);
  a.action = st.text(5);
  a.subject_id = st.text(6);
  a.purpose = st.text(7);
  a.request_id = st.text(8);
  a.outcome = st.text(9);
  a.prev_hash = st.text(10);
  a.hash = st.text(11);
  return a;
}

// Binds kColumns to $1 … $12. `a` must outlive the statement's run: its text is bound without
// copies where the backend can.
template <typename Statement>
Statement& bind(Statement& st, const service::AuditEntry& a) {
  return st.bind(1, a.seq).bind(2, a.at_ms).bind_ref(3, a.username).bind_ref(4, a.role)
      .bind_ref(5, a.office_code).bind_ref(6, a.action).bind_ref(7, a.subject_id)
      .bind_ref(8, a.purpose).bind_ref(9, a.request_id).bind_ref(10, a.outcome)
      .bind_ref(11, a.prev_hash).bind_ref(12, a.hash);
}
}  // namespace audit

namespace audit_journal_marks {
inline const std::string kFind =
    "SELECT moved_through FROM audit_journal_marks WHERE journal_id = $1";
inline const std::string kSet =
    "INSERT INTO audit_journal_marks (journal_id, moved_through) VALUES ($1, $2) "
    "ON CONFLICT (journal_id) DO UPDATE SET moved_through = excluded.moved_through";
}  // namespace audit_journal_marks

template <class Core>
class AuditRows : public Core {
 public:
  using Core::Core;
  using Statement = typename Core::Statement;

  core::Result<std::optional<service::AuditEntry>> last_audit() override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(audit::kLast));
    return first_row<service::AuditEntry>(st, audit::read<Statement>);
  }

  core::Status append_audit(const service::AuditEntry& a) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(audit::kAppend));
    return audit::bind(st, a).run();
  }

  core::Result<std::vector<service::AuditEntry>> query_audit(
      const service::AuditQuery& q) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(audit::kQuery));
    st.bind(1, q.subject_id).bind(2, q.username);
    if (q.from_ms) st.bind(3, *q.from_ms); else st.bind_null(3);
    if (q.to_ms) st.bind(4, *q.to_ms); else st.bind_null(4);
    st.bind(5, q.before_seq).bind(6, q.limit).bind(7, q.office_code);
    return collect_rows<service::AuditEntry>(st, audit::read<Statement>);
  }

  // Reads in one statement; a backend that pages the scan overrides this.
  core::Status scan_audit(const std::function<bool(const service::AuditEntry&)>& visit) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(audit::kScan));
    return visit_rows<service::AuditEntry>(st, audit::read<Statement>, visit);
  }

  core::Result<std::optional<int64_t>> audit_journal_mark(const std::string& journal_id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(audit_journal_marks::kFind));
    st.bind(1, journal_id);
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    return row ? std::optional<int64_t>(st.int64(0)) : std::nullopt;
  }

  core::Status set_audit_journal_mark(const std::string& journal_id, int64_t jseq) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(audit_journal_marks::kSet));
    return st.bind(1, journal_id).bind(2, jseq).run();
  }
};

}  // namespace huji::store::sql

#endif  // HUJI_STORE_SQL_AUDIT_H_
