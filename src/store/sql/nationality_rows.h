#ifndef HUJI_STORE_SQL_NATIONALITY_ROWS_H_
#define HUJI_STORE_SQL_NATIONALITY_ROWS_H_

// service::NationalityTx over tables nationality_cases and naturalization_tests.

#include <optional>
#include <string>
#include <vector>

#include "service/transaction.h"
#include "store/rows.h"
#include "store/sql/common.h"
#include "store/sql/nationality_cases.h"
#include "store/sql/naturalization_tests.h"

namespace huji::store::sql {

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

  core::Result<std::optional<service::NationalityCase>> find_nationality_case(int64_t id) override {
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
    if (t.case_id)
      st.bind(2, *t.case_id);
    else
      st.bind_null(2);
    st.bind(3, t.candidate_name)
        .bind(4, t.slot_date.to_iso())
        .bind(5, t.slot_time)
        .bind(6, t.booked_by)
        .bind(7, t.created_ms);
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) {
      return core::Error::conflict("nationality.test_slot_taken", "此考生已預約該時段",
                                   "this candidate already holds that slot");
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

#endif  // HUJI_STORE_SQL_NATIONALITY_ROWS_H_
