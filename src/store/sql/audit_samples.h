#ifndef HUJI_STORE_SQL_AUDIT_SAMPLES_H_
#define HUJI_STORE_SQL_AUDIT_SAMPLES_H_

// Tables audit_samples and audit_sample_items: the weekly audit samples (one per office and
// week) and, per sampled read, the auditor's finding.

#include <string>

#include "service/records.h"
#include "store/sql/audit.h"
#include "store/sql/common.h"

namespace huji::store::sql::audit_samples {

inline constexpr const char* kFields =
    "office_code, week_start, size, population, seed, upto_seq, drawn_by, drawn_ms, "
    "completed_ms";
// No row when the office already has a sample of that week.
inline const std::string kInsert =
    join({"INSERT INTO audit_samples (", kFields,
          ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) ON CONFLICT (office_code, week_start) DO "
          "NOTHING RETURNING id"});
inline const std::string kInsertItem =
    "INSERT INTO audit_sample_items (sample_id, seq, finding, note, recorded_by, recorded_ms) "
    "VALUES ($1, $2, '', '', '', 0)";
inline const std::string kById =
    join({"SELECT id, ", kFields, " FROM audit_samples WHERE id = $1"});
inline const std::string kByWeek = join(
    {"SELECT id, ", kFields, " FROM audit_samples WHERE office_code = $1 AND week_start = $2"});
// The office's samples, latest week first.
inline const std::string kList =
    join({"SELECT id, ", kFields,
          " FROM audit_samples WHERE office_code = $1 ORDER BY week_start DESC LIMIT $2"});
inline const std::string kComplete = "UPDATE audit_samples SET completed_ms = $2 WHERE id = $1";

// A sample's items with the sampled entries of the trail.
inline const std::string kItems =
    join({"SELECT i.seq, i.finding, i.note, i.recorded_by, i.recorded_ms, ",
          "a.seq, a.at_ms, a.username, a.role, a.office_code, a.action, a.subject_id, a.purpose, "
          "a.request_id, a.outcome, a.prev_hash, a.hash "
          "FROM audit_sample_items i JOIN audit a ON a.seq = i.seq WHERE i.sample_id = $1 "
          "ORDER BY i.seq"});
inline const std::string kSetFinding =
    "UPDATE audit_sample_items SET finding = $3, note = $4, recorded_by = $5, recorded_ms = $6 "
    "WHERE sample_id = $1 AND seq = $2";

// The reads eligible for a draw: the office's entries of the given actions in [$2, $3), up to
// entry $4, except those of user $5 (an auditor does not audit their own reads). $6… are the
// actions (kEligibleActions places).
inline const std::string kEligible =
    "SELECT seq FROM audit WHERE office_code = $1 AND at_ms >= $2 AND at_ms < $3 AND "
    "seq <= $4 AND username <> $5 AND action IN ($6, $7, $8, $9, $10, $11) ORDER BY seq";
inline constexpr int kEligibleActions = 6;

template <typename Statement>
core::Result<service::AuditSampleRecord> read(const Statement& st) {
  service::AuditSampleRecord r;
  r.id = st.int64(0);
  r.office_code = st.text(1);
  HUJI_ASSIGN_OR_RETURN(r.week_start, date_col(st, 2));
  r.size = static_cast<int>(st.int64(3));
  r.population = st.int64(4);
  r.seed = st.text(5);
  r.upto_seq = st.int64(6);
  r.drawn_by = st.text(7);
  r.drawn_ms = st.int64(8);
  r.completed_ms = st.int64(9);
  return r;
}

template <typename Statement>
Statement& bind(Statement& st, const service::AuditSampleRecord& r) {
  return st.bind(1, r.office_code)
      .bind(2, r.week_start.to_iso())
      .bind(3, static_cast<int64_t>(r.size))
      .bind(4, r.population)
      .bind(5, r.seed)
      .bind(6, r.upto_seq)
      .bind(7, r.drawn_by)
      .bind(8, r.drawn_ms)
      .bind(9, r.completed_ms);
}

// Reads kItems: the item's columns, then the audit entry's (audit::read shifted by 5).
template <typename Statement>
core::Result<service::AuditSampleItem> read_item(const Statement& st) {
  service::AuditSampleItem i;
  i.seq = st.int64(0);
  i.finding = st.text(1);
  i.note = st.text(2);
  i.recorded_by = st.text(3);
  i.recorded_ms = st.int64(4);
  i.entry = audit::read_at(st, 5);
  return i;
}

}  // namespace huji::store::sql::audit_samples

#endif  // HUJI_STORE_SQL_AUDIT_SAMPLES_H_
