#ifndef HUJI_STORE_SQL_OFFICES_H_
#define HUJI_STORE_SQL_OFFICES_H_

// Table offices: the registration offices (戶政事務所).

#include <string>

#include "domain/register/model.h"
#include "store/sql/common.h"

namespace huji::store::sql::offices {

inline const std::string kPut =
    "INSERT INTO offices (code, name, county, district, address) VALUES ($1,$2,$3,$4,$5) "
    "ON CONFLICT (code) DO UPDATE SET name = excluded.name, county = excluded.county, "
    "district = excluded.district, address = excluded.address";
inline const std::string kFind =
    "SELECT code, name, county, district, address FROM offices WHERE code = $1";
inline const std::string kAll =
    "SELECT code, name, county, district, address FROM offices ORDER BY code";

template <typename Statement>
core::Result<domain::Office> read(const Statement& st) {
  return domain::Office{st.text(0), st.text(1), st.text(2), st.text(3), st.text(4)};
}

}  // namespace huji::store::sql::offices

#endif  // HUJI_STORE_SQL_OFFICES_H_
