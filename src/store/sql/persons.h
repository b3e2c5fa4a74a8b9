#ifndef HUJI_STORE_SQL_PERSONS_H_
#define HUJI_STORE_SQL_PERSONS_H_

// Table persons: the register's projection of each person's current state.

#include <string>

#include "core/id_number.h"
#include "core/sex.h"
#include "domain/register/model.h"
#include "store/sql/common.h"

namespace huji::store::sql::persons {

inline constexpr const char* kColumns =
    "id_number, name, sex, birth_date, birth_place, father_id, mother_id, spouse_id, "
    "father_name, mother_name, indigenous, status, removal_reason, household_no, relation, "
    "birth_order, version";
// Insert or replace the whole row.
inline const std::string kPut =
    join({"INSERT INTO persons (", kColumns,
          ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17) "
          "ON CONFLICT (id_number) DO UPDATE SET name = excluded.name, sex = excluded.sex, "
          "birth_date = excluded.birth_date, birth_place = excluded.birth_place, "
          "father_id = excluded.father_id, mother_id = excluded.mother_id, "
          "spouse_id = excluded.spouse_id, father_name = excluded.father_name, "
          "mother_name = excluded.mother_name, indigenous = excluded.indigenous, "
          "status = excluded.status, removal_reason = excluded.removal_reason, "
          "household_no = excluded.household_no, relation = excluded.relation, "
          "birth_order = excluded.birth_order, version = excluded.version"});
inline const std::string kById = join({"SELECT ", kColumns, " FROM persons WHERE id_number = $1"});
inline const std::string kChildrenOf =
    join({"SELECT ", kColumns, " FROM persons WHERE father_id = $1 UNION SELECT ", kColumns,
          " FROM persons WHERE mother_id = $1 ORDER BY 1"});
// Head first, then by age.
inline const std::string kMembersOf =
    join({"SELECT ", kColumns,
          " FROM persons WHERE household_no = $1 ORDER BY (relation <> '戶長'), birth_date"});
// Persons named exactly $1, optionally born on $2 or in household $3 (NULL: any), active
// first, at most $4 (index persons_name: never a scan of the register).
inline const std::string kByName =
    join({"SELECT ", kColumns,
          " FROM persons WHERE name = $1 AND (CAST($2 AS TEXT) IS NULL OR birth_date = $2) "
          "AND (CAST($3 AS TEXT) IS NULL OR household_no = $3) "
          "ORDER BY (status <> 'active'), birth_date, id_number LIMIT $4"});
inline const std::string kScan = join({"SELECT ", kColumns, " FROM persons ORDER BY id_number"});
// One page of a scan: the persons after $1 (NULL: from the first), at most $2.
inline const std::string kScanPage = join({"SELECT ", kColumns,
                                           " FROM persons WHERE (CAST($1 AS TEXT) IS NULL OR "
                                           "id_number > $1) ORDER BY id_number LIMIT $2"});
// ID numbers of one letter and first digit sort by their serial (byte order; on PostgreSQL
// the column's "C" collation): the max is one probe of the primary key.
inline const std::string kMaxIdBetween =
    "SELECT MAX(id_number) FROM persons WHERE id_number >= $1 AND id_number < $2";

// Reads kColumns.
template <typename Statement>
core::Result<domain::Person> read(const Statement& st) {
  domain::Person p;
  p.id_number = st.text(0);
  p.name = st.text(1);
  p.sex = core::sex_from_code(st.text(2)).value_or(core::Sex::kFemale);
  HUJI_ASSIGN_OR_RETURN(p.birth_date, date_col(st, 3));
  p.birth_place = st.text(4);
  p.father_id = st.opt_text(5);
  p.mother_id = st.opt_text(6);
  p.spouse_id = st.opt_text(7);
  p.father_name = st.text(8);
  p.mother_name = st.text(9);
  p.indigenous = st.text(10);
  p.status =
      st.text(11) == "active" ? domain::PersonStatus::kActive : domain::PersonStatus::kRemoved;
  p.removal_reason = st.text(12);
  p.household_no = st.text(13);
  p.relation = st.text(14);
  p.birth_order = static_cast<int>(st.int64(15));
  p.version = st.int64(16);
  return p;
}

// Binds kColumns to $1 … $17.
template <typename Statement>
Statement& bind(Statement& st, const domain::Person& p) {
  return st.bind(1, p.id_number)
      .bind(2, p.name)
      .bind(3, core::sex_code(p.sex))
      .bind(4, p.birth_date.to_iso())
      .bind(5, p.birth_place)
      .bind(6, p.father_id)
      .bind(7, p.mother_id)
      .bind(8, p.spouse_id)
      .bind(9, p.father_name)
      .bind(10, p.mother_name)
      .bind(11, p.indigenous)
      .bind(12, p.status == domain::PersonStatus::kActive ? "active" : "removed")
      .bind(13, p.removal_reason)
      .bind(14, p.household_no)
      .bind(15, p.relation)
      .bind(16, p.birth_order)
      .bind(17, p.version);
}

}  // namespace huji::store::sql::persons

#endif  // HUJI_STORE_SQL_PERSONS_H_
