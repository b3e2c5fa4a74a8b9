#ifndef HUJI_STORE_SQL_RULE_VERSIONS_H_
#define HUJI_STORE_SQL_RULE_VERSIONS_H_

// Table rule_versions: a version of the statutory figures as an admin loaded it, one row per
// effective date.

#include <string>

#include "service/records.h"
#include "store/sql/common.h"

namespace huji::store::sql::rule_versions {

inline const std::string kPut =
    "INSERT INTO rule_versions (effective_from, text, loaded_by, loaded_ms) "
    "VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (effective_from) DO UPDATE SET text = excluded.text, "
    "loaded_by = excluded.loaded_by, loaded_ms = excluded.loaded_ms";
inline const std::string kList =
    "SELECT effective_from, text, loaded_by, loaded_ms FROM rule_versions ORDER BY effective_from";

template <typename Statement>
core::Result<service::RuleVersionRecord> read(const Statement& st) {
  service::RuleVersionRecord r;
  HUJI_ASSIGN_OR_RETURN(r.effective_from, date_col(st, 0));
  r.text = st.text(1);
  r.loaded_by = st.text(2);
  r.loaded_ms = st.int64(3);
  return r;
}

}  // namespace huji::store::sql::rule_versions

#endif  // HUJI_STORE_SQL_RULE_VERSIONS_H_
