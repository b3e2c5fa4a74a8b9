#ifndef HUJI_STORE_SQL_HOUSEHOLDS_H_
#define HUJI_STORE_SQL_HOUSEHOLDS_H_

// Table households: the register's projection of each household's current state.

#include <string>

#include "domain/register/model.h"
#include "store/sql/common.h"

namespace huji::store::sql::households {

inline constexpr const char* kColumns =
    "household_no, office_code, door_plate_id, head_id, established, version";
// Insert or replace the whole row.
inline const std::string kPut =
    join({"INSERT INTO households (", kColumns,
          ") VALUES ($1,$2,$3,$4,$5,$6) "
          "ON CONFLICT (household_no) DO UPDATE SET office_code = excluded.office_code, "
          "door_plate_id = excluded.door_plate_id, head_id = excluded.head_id, "
          "established = excluded.established, version = excluded.version"});
inline const std::string kByNo =
    join({"SELECT ", kColumns, " FROM households WHERE household_no = $1"});
inline const std::string kAtDoorPlate =
    join({"SELECT ", kColumns, " FROM households WHERE door_plate_id = $1 ORDER BY household_no"});
inline const std::string kDelete = "DELETE FROM households WHERE household_no = $1";
inline const std::string kScan =
    join({"SELECT ", kColumns, " FROM households ORDER BY household_no"});
// One page of a scan: the households after $1 (NULL: from the first), at most $2.
inline const std::string kScanPage = join({"SELECT ", kColumns,
                                           " FROM households WHERE (CAST($1 AS TEXT) IS NULL OR "
                                           "household_no > $1) ORDER BY household_no LIMIT $2"});
// The largest household number in [$1, $2), also in the event log: a merged-away household's
// number must never come back.
inline const std::string kMaxNoBetween =
    "SELECT MAX(n) FROM (SELECT MAX(household_no) AS n FROM households WHERE "
    "household_no >= $1 AND household_no < $2 UNION ALL SELECT MAX(household_no) FROM "
    "events WHERE household_no >= $1 AND household_no < $2) AS both_tables";

// Reads kColumns.
template <typename Statement>
core::Result<domain::Household> read(const Statement& st) {
  domain::Household h;
  h.household_no = st.text(0);
  h.office_code = st.text(1);
  h.door_plate_id = st.int64(2);
  h.head_id = st.text(3);
  HUJI_ASSIGN_OR_RETURN(h.established, date_col(st, 4));
  h.version = st.int64(5);
  return h;
}

// Binds kColumns to $1 … $6.
template <typename Statement>
Statement& bind(Statement& st, const domain::Household& h) {
  return st.bind(1, h.household_no)
      .bind(2, h.office_code)
      .bind(3, h.door_plate_id)
      .bind(4, h.head_id)
      .bind(5, h.established.to_iso())
      .bind(6, h.version);
}

}  // namespace huji::store::sql::households

#endif  // HUJI_STORE_SQL_HOUSEHOLDS_H_
