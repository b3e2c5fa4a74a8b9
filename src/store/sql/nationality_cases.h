#ifndef HUJI_STORE_SQL_NATIONALITY_CASES_H_
#define HUJI_STORE_SQL_NATIONALITY_CASES_H_

// Table nationality_cases: nationality cases (國籍案件) and their deadlines.

#include <string>

#include "service/records.h"
#include "store/sql/common.h"

namespace huji::store::sql::nationality_cases {

// Every column but id, in the order bind() binds them.
inline constexpr const char* kFields =
    "office_code, kind, person_name, id_number, approval_letter_date, registration_due, "
    "registered_on, proof_of_loss_due, proof_of_loss_received, created_by, created_ms, version";
inline const std::string kInsert =
    join({"INSERT INTO nationality_cases (", kFields,
          ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12) RETURNING id"});
inline const std::string kById =
    join({"SELECT id, ", kFields, " FROM nationality_cases WHERE id = $1"});
// Replaces the row ($1 the id, bind() from $2) if its stored version is one less.
inline const std::string kUpdate =
    "UPDATE nationality_cases SET office_code=$2, kind=$3, person_name=$4, id_number=$5, "
    "approval_letter_date=$6, registration_due=$7, registered_on=$8, proof_of_loss_due=$9, "
    "proof_of_loss_received=$10, created_by=$11, created_ms=$12, version=$13 "
    "WHERE id = $1 AND version = $13 - 1";
inline const std::string kOfOffice =
    join({"SELECT id, ", kFields,
          " FROM nationality_cases WHERE office_code = $1 ORDER BY registration_due, id"});

// Binds the columns of kFields to $base … $base+11.
template <typename Statement>
Statement& bind(Statement& st, const service::NationalityCase& c, int base) {
  const int b = base - 1;
  return st.bind(b + 1, c.office_code)
      .bind(b + 2, c.kind)
      .bind(b + 3, c.person_name)
      .bind(b + 4, c.id_number)
      .bind(b + 5, c.approval_letter_date.to_iso())
      .bind(b + 6, c.registration_due.to_iso())
      .bind(b + 7, opt_date_text(c.registered_on))
      .bind(b + 8, opt_date_text(c.proof_of_loss_due))
      .bind(b + 9, opt_date_text(c.proof_of_loss_received))
      .bind(b + 10, c.created_by)
      .bind(b + 11, c.created_ms)
      .bind(b + 12, c.version);
}

// Reads "id, " + kFields.
template <typename Statement>
core::Result<service::NationalityCase> read(const Statement& st) {
  service::NationalityCase c;
  c.id = st.int64(0);
  c.office_code = st.text(1);
  c.kind = st.text(2);
  c.person_name = st.text(3);
  c.id_number = st.text(4);
  HUJI_ASSIGN_OR_RETURN(c.approval_letter_date, date_col(st, 5));
  HUJI_ASSIGN_OR_RETURN(c.registration_due, date_col(st, 6));
  HUJI_ASSIGN_OR_RETURN(c.registered_on, opt_date_col(st, 7));
  HUJI_ASSIGN_OR_RETURN(c.proof_of_loss_due, opt_date_col(st, 8));
  HUJI_ASSIGN_OR_RETURN(c.proof_of_loss_received, opt_date_col(st, 9));
  c.created_by = st.text(10);
  c.created_ms = st.int64(11);
  c.version = st.int64(12);
  return c;
}

}  // namespace huji::store::sql::nationality_cases

#endif  // HUJI_STORE_SQL_NATIONALITY_CASES_H_
