#ifndef HUJI_STORE_SQL_PENALTY_DECISIONS_H_
#define HUJI_STORE_SQL_PENALTY_DECISIONS_H_

// Table penalty_decisions: the penalty ledger (裁處), one row per fine decision.

#include <string>

#include "service/records.h"
#include "store/sql/common.h"

namespace huji::store::sql::penalty_decisions {

// Every column but id, in the order bind() binds them. amount_decided is -1 while undecided.
inline constexpr const char* kFields =
    "office_code, application_id, reminder_id, kind, grade, legal_basis, amount_proposed, "
    "amount_decided, status, reason, proposed_by, proposed_ms, decided_by, decided_ms, version";
inline const std::string kInsert =
    join({"INSERT INTO penalty_decisions (", kFields,
          ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15) RETURNING id"});
inline const std::string kById =
    join({"SELECT id, ", kFields, " FROM penalty_decisions WHERE id = $1"});
// Replaces the row ($1 the id, bind() from $2) if its stored version is one less.
inline const std::string kUpdate =
    "UPDATE penalty_decisions SET office_code=$2, application_id=$3, reminder_id=$4, kind=$5, "
    "grade=$6, legal_basis=$7, amount_proposed=$8, amount_decided=$9, status=$10, reason=$11, "
    "proposed_by=$12, proposed_ms=$13, decided_by=$14, decided_ms=$15, version=$16 "
    "WHERE id = $1 AND version = $16 - 1";
inline const std::string kOfApplication =
    join({"SELECT id, ", kFields, " FROM penalty_decisions WHERE application_id = $1 ORDER BY id"});
inline const std::string kOfReminder =
    join({"SELECT id, ", kFields, " FROM penalty_decisions WHERE reminder_id = $1 ORDER BY id"});

// Binds the columns of kFields to $base … $base+14.
template <typename Statement>
Statement& bind(Statement& st, const service::PenaltyDecision& p, int base) {
  const int b = base - 1;
  return st.bind(b + 1, p.office_code)
      .bind(b + 2, p.application_id)
      .bind(b + 3, p.reminder_id)
      .bind(b + 4, p.kind)
      .bind(b + 5, p.grade)
      .bind(b + 6, p.legal_basis)
      .bind(b + 7, static_cast<int64_t>(p.amount_proposed))
      .bind(b + 8, static_cast<int64_t>(p.amount_decided.value_or(-1)))
      .bind(b + 9, p.status)
      .bind(b + 10, p.reason)
      .bind(b + 11, p.proposed_by)
      .bind(b + 12, p.proposed_ms)
      .bind(b + 13, p.decided_by)
      .bind(b + 14, p.decided_ms)
      .bind(b + 15, p.version);
}

// Reads "id, " + kFields.
template <typename Statement>
core::Result<service::PenaltyDecision> read(const Statement& st) {
  service::PenaltyDecision p;
  p.id = st.int64(0);
  p.office_code = st.text(1);
  p.application_id = st.int64(2);
  p.reminder_id = st.int64(3);
  p.kind = st.text(4);
  p.grade = st.text(5);
  p.legal_basis = st.text(6);
  p.amount_proposed = static_cast<int>(st.int64(7));
  if (const int64_t decided = st.int64(8); decided >= 0) {
    p.amount_decided = static_cast<int>(decided);
  }
  p.status = st.text(9);
  p.reason = st.text(10);
  p.proposed_by = st.text(11);
  p.proposed_ms = st.int64(12);
  p.decided_by = st.text(13);
  p.decided_ms = st.int64(14);
  p.version = st.int64(15);
  return p;
}

}  // namespace huji::store::sql::penalty_decisions

#endif  // HUJI_STORE_SQL_PENALTY_DECISIONS_H_
