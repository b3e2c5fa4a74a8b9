#ifndef HUJI_STORE_MIGRATIONS_MIGRATIONS_H_
#define HUJI_STORE_MIGRATIONS_MIGRATIONS_H_

// Versioned schema migrations, applied in order at start-up inside one transaction each.
// A migration is never edited once released: a change is a new, higher version.

#include <string_view>
#include <vector>

#include "core/result.h"

namespace huji::store {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

const std::vector<Migration>& sqlite_migrations();
// The same versions in PostgreSQL's dialect (identity columns, BYTEA, BOOLEAN, plpgsql
// triggers); a version means the same tables and indexes in both.
const std::vector<Migration>& postgres_migrations();

// The newest version recorded in schema_migrations (0 when none), read through either
// backend's Connection.
template <typename Connection>
core::Result<int> applied_version(Connection& c) {
  HUJI_ASSIGN_OR_RETURN(auto st, c.prepare("SELECT COALESCE(MAX(version), 0) FROM "
                                           "schema_migrations"));
  HUJI_ASSIGN_OR_RETURN(bool row, st.step());
  return row ? static_cast<int>(st.int64(0)) : 0;
}

// A database migrated by a newer huji than this one.
inline core::Error schema_too_new() {
  return core::Error::unavailable("store.schema_too_new", "資料庫結構版本較本程式新，請升級 huji",
                                  "the database schema is newer than this huji; upgrade huji");
}

}  // namespace huji::store

#endif  // HUJI_STORE_MIGRATIONS_MIGRATIONS_H_
