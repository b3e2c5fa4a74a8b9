#ifndef HUJI_STORE_OPEN_STORE_H_
#define HUJI_STORE_OPEN_STORE_H_

// Chooses the storage backend by the shape of --db: a postgresql:// or postgres:// URL opens
// PostgreSQL (store/postgres), anything else is a SQLite database file (store/sqlite).

#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"
#include "service/store.h"

namespace huji::store {

// True for "postgresql://…" and "postgres://…" (the URI schemes libpq accepts).
bool is_postgres_url(std::string_view db);

// Opens and migrates the database named by `db`. Errors: kInvalidArgument "cli.db" when
// empty; for a file, kUnavailable "store.open" when its directory does not exist.
core::Result<std::unique_ptr<service::Store>> open_store(const std::string& db);

}  // namespace huji::store

#endif  // HUJI_STORE_OPEN_STORE_H_
