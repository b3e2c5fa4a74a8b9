#ifndef HUJI_STORE_SQL_NATIONALITY_H_
#define HUJI_STORE_SQL_NATIONALITY_H_

// Tables nationality_cases and naturalization_tests, and service::NationalityTx over them.

#include <optional>
#include <string>
#include <vector>

#include "service/transaction.h"
#include "store/rows.h"
#include "store/sql/common.h"

namespace huji::store::sql {

namespace nationality_cases {
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
  return st.bind(b + 1, c.office_code).bind(b + 2, c.kind).bind(b + 3, c.person_name)
      .bind(b + 4, c.id_number).bind(b + 5, c.approval_letter_date.to_iso())
      .bind(b + 6, c.registration_due.to_iso()).bind(b + 7, opt_date_text(c.registered_on))
      .bind(b + 8, opt_date_text(c.proof_of_loss_due))
      .bind(b + 9, opt_date_text(c.proof_of_loss_received))
      .bind(b + 10, c.created_by).bind(b + 11, c.created_ms).bind(b + 12, c.version);
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
}  // namespace nationality_cases

namespace naturalization_tests {
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
}  // namespace naturalization_tests

template <class Core>
class NationalityRows : public Core {
 public:
  using Core::Core;
  using Statement = typename Core::Statement;

  core::Result<int64_t> insert_nationality_case(const service::NationalityCase& c) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(nationality_cases::kInsert));
    nationality_cases::bind(st, c, 1);
    return returned_id(st);
  }

  core::Result<std::optional<service::NationalityCase>> find_nationality_case(
      int64_t id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(nationality_cases::kById));
    st.bind(1, id);
    return first_row<service::NationalityCase>(st, nationality_cases::read<Statement>);
  }

  core::Result<bool> update_nationality_case(const service::NationalityCase& c) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(nationality_cases::kUpdate));
    nationality_cases::bind(st, c, 2).bind(1, c.id);
    HUJI_TRY(st.run());
    return st.affected() == 1;
  }

  core::Result<std::vector<service::NationalityCase>> list_nationality_cases(
      const std::string& office) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(nationality_cases::kOfOffice));
    st.bind(1, office);
    return collect_rows<service::NationalityCase>(st, nationality_cases::read<Statement>);
  }

  core::Result<int64_t> insert_naturalization_test(const service::NaturalizationTest& t) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(naturalization_tests::kInsert));
    st.bind(1, t.office_code);
    if (t.case_id) st.bind(2, *t.case_id); else st.bind_null(2);
    st.bind(3, t.candidate_name).bind(4, t.slot_date.to_iso()).bind(5, t.slot_time)
        .bind(6, t.booked_by)
        .bind(7, t.created_ms);
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) {
      return core::Error::make(core::ErrorKind::kConflict, "nationality.test_slot_taken",
                               "此考生已預約該時段", "this candidate already holds that slot");
    }
    return st.int64(0);
  }

  core::Result<std::vector<service::NaturalizationTest>> list_naturalization_tests(
      const std::string& office, core::Date from) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(naturalization_tests::kOfOfficeFrom));
    st.bind(1, office).bind(2, from.to_iso());
    return collect_rows<service::NaturalizationTest>(st, naturalization_tests::read<Statement>);
  }
};

}  // namespace huji::store::sql

#endif  // HUJI_STORE_SQL_NATIONALITY_H_
