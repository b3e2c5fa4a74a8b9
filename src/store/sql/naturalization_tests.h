#ifndef HUJI_STORE_SQL_NATURALIZATION_TESTS_H_
#define HUJI_STORE_SQL_NATURALIZATION_TESTS_H_

// Table naturalization_tests: naturalization test bookings (歸化測試).

#include <string>

#include "service/records.h"
#include "store/sql/common.h"

namespace huji::store::sql::naturalization_tests {

// ON CONFLICT: a taken slot is an expected answer (no row returned), and on PostgreSQL must
// not abort the transaction.
inline const std::string kInsert =
    "INSERT INTO naturalization_tests (office_code, case_id, candidate_name, slot_date, "
    "slot_time, booked_by, created_ms) VALUES ($1,$2,$3,$4,$5,$6,$7) "
    "ON CONFLICT (office_code, slot_date, slot_time, candidate_name) DO NOTHING "
    "RETURNING id";
inline const std::string kOfOfficeFrom =
    "SELECT id, office_code, case_id, candidate_name, slot_date, slot_time, booked_by, "
    "created_ms FROM naturalization_tests WHERE office_code = $1 AND slot_date >= $2 "
    "ORDER BY slot_date, slot_time, id";

template <typename Statement>
core::Result<service::NaturalizationTest> read(const Statement& st) {
  service::NaturalizationTest t;
  t.id = st.int64(0);
  t.office_code = st.text(1);
  if (!st.is_null(2)) t.case_id = st.int64(2);
  t.candidate_name = st.text(3);
  HUJI_ASSIGN_OR_RETURN(t.slot_date, date_col(st, 4));
  t.slot_time = st.text(5);
  t.booked_by = st.text(6);
  t.created_ms = st.int64(7);
  return t;
}

}  // namespace huji::store::sql::naturalization_tests

#endif  // HUJI_STORE_SQL_NATURALIZATION_TESTS_H_
