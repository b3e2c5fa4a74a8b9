#ifndef HUJI_STORE_SQL_CALENDAR_ROWS_H_
#define HUJI_STORE_SQL_CALENDAR_ROWS_H_

// service::CalendarTx over table calendar_years.

#include <vector>

#include "service/transaction.h"
#include "store/rows.h"
#include "store/sql/calendar_years.h"
#include "store/sql/common.h"

namespace huji::store::sql {

template <class Core>
class CalendarRows : public Core {
 public:
  using Core::Core;
  using Statement = typename Core::Statement;

  core::Status put_calendar_year(const service::CalendarYearRecord& r) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(calendar_years::kPut));
    return st.bind(1, static_cast<int64_t>(r.year))
        .bind(2, r.text)
        .bind(3, r.provisional)
        .bind(4, r.loaded_by)
        .bind(5, r.loaded_ms)
        .run();
  }

  core::Result<std::vector<service::CalendarYearRecord>> list_calendar_years() override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(calendar_years::kList));
    return collect_rows<service::CalendarYearRecord>(st, calendar_years::read<Statement>);
  }
};

}  // namespace huji::store::sql

#endif  // HUJI_STORE_SQL_CALENDAR_ROWS_H_
