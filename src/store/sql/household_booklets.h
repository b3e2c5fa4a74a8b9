#ifndef HUJI_STORE_SQL_HOUSEHOLD_BOOKLETS_H_
#define HUJI_STORE_SQL_HOUSEHOLD_BOOKLETS_H_

// Table household_booklets: 戶口名簿 issued per household.

#include <string>

#include "service/records.h"
#include "store/sql/common.h"

namespace huji::store::sql::household_booklets {

inline constexpr const char* kFields =
    "office_code, household_no, kind, issued_on, status, previous_id, applicant_id, capacity, "
    "principal_id, reason, waiver, fee, issued_by, issued_ms";
inline const std::string kInsert =
    join({"INSERT INTO household_booklets (", kFields,
          ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14) RETURNING id"});
inline const std::string kOfHousehold =
    join({"SELECT id, ", kFields, " FROM household_booklets WHERE household_no = $1 ORDER BY id"});
inline const std::string kSupersede =
    "UPDATE household_booklets SET status = 'superseded' WHERE id = $1";

template <typename Statement>
Statement& bind(Statement& st, const service::BookletRecord& b) {
  return st.bind(1, b.office_code)
      .bind(2, b.household_no)
      .bind(3, b.kind)
      .bind(4, b.issued_on.to_iso())
      .bind(5, b.status)
      .bind(6, b.previous_id)
      .bind(7, b.applicant_id)
      .bind(8, b.capacity)
      .bind(9, b.principal_id)
      .bind(10, b.reason)
      .bind(11, b.waiver)
      .bind(12, b.fee)
      .bind(13, b.issued_by)
      .bind(14, b.issued_ms);
}

template <typename Statement>
core::Result<service::BookletRecord> read(const Statement& st) {
  service::BookletRecord b;
  b.id = st.int64(0);
  b.office_code = st.text(1);
  b.household_no = st.text(2);
  b.kind = st.text(3);
  HUJI_ASSIGN_OR_RETURN(b.issued_on, date_col(st, 4));
  b.status = st.text(5);
  b.previous_id = st.int64(6);
  b.applicant_id = st.text(7);
  b.capacity = st.text(8);
  b.principal_id = st.text(9);
  b.reason = st.text(10);
  b.waiver = st.text(11);
  b.fee = st.int64(12);
  b.issued_by = st.text(13);
  b.issued_ms = st.int64(14);
  return b;
}

}  // namespace huji::store::sql::household_booklets

#endif  // HUJI_STORE_SQL_HOUSEHOLD_BOOKLETS_H_
