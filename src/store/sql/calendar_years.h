#ifndef HUJI_STORE_SQL_CALENDAR_YEARS_H_
#define HUJI_STORE_SQL_CALENDAR_YEARS_H_

// Table calendar_years: the office calendar of a year as an admin loaded it, one row a year.

#include <string>

#include "service/records.h"
#include "store/sql/common.h"

namespace huji::store::sql::calendar_years {

inline const std::string kPut =
    "INSERT INTO calendar_years (year, text, provisional, loaded_by, loaded_ms) "
    "VALUES ($1, $2, $3, $4, $5) "
    "ON CONFLICT (year) DO UPDATE SET text = excluded.text, provisional = excluded.provisional, "
    "loaded_by = excluded.loaded_by, loaded_ms = excluded.loaded_ms";
inline const std::string kList =
    "SELECT year, text, provisional, loaded_by, loaded_ms FROM calendar_years ORDER BY year";

template <typename Statement>
core::Result<service::CalendarYearRecord> read(const Statement& st) {
  return service::CalendarYearRecord{static_cast<int>(st.int64(0)), st.text(1), st.boolean(2),
                                     st.text(3), st.int64(4)};
}

}  // namespace huji::store::sql::calendar_years

#endif  // HUJI_STORE_SQL_CALENDAR_YEARS_H_
