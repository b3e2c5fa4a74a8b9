#ifndef HUJI_STORE_SQL_VILLAGES_H_
#define HUJI_STORE_SQL_VILLAGES_H_

// Table villages: the villages (村里) of each office's district.

#include <string>

#include "domain/register/model.h"
#include "store/sql/common.h"

namespace huji::store::sql::villages {

inline const std::string kPut =
    "INSERT INTO villages (office_code, name, neighborhoods) VALUES ($1,$2,$3) "
    "ON CONFLICT (office_code, name) DO UPDATE SET neighborhoods = excluded.neighborhoods";
inline const std::string kOfOffice =
    "SELECT office_code, name, neighborhoods FROM villages WHERE office_code = $1 "
    "ORDER BY name";

template <typename Statement>
core::Result<domain::Village> read(const Statement& st) {
  return domain::Village{st.text(0), st.text(1), static_cast<int>(st.int64(2))};
}

}  // namespace huji::store::sql::villages

#endif  // HUJI_STORE_SQL_VILLAGES_H_
