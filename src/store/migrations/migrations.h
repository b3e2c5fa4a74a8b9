#ifndef HUJI_STORE_MIGRATIONS_MIGRATIONS_H_
#define HUJI_STORE_MIGRATIONS_MIGRATIONS_H_

// Versioned schema migrations, applied in order at start-up inside one transaction each.
// A migration is never edited once released: a change is a new, higher version.

#include <string_view>
#include <vector>

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

}  // namespace huji::store

#endif  // HUJI_STORE_MIGRATIONS_MIGRATIONS_H_
