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

// PostgreSQL only: grants `role` (the application's login, not the tables' owner) what
// `huji serve` needs and no more: INSERT and SELECT on the append-only tables (audit, events),
// SELECT on schema_migrations, and SELECT, INSERT, UPDATE, DELETE on the others — so it can
// neither delete nor rewrite the audit trail nor drop its guards (only the owner may alter a
// table). Run after each migration (`huji migrate --app-role`), as the tables' owner.
core::Status grant_app_role(service::Store& store, const std::string& role);

}  // namespace huji::store

#endif  // HUJI_STORE_OPEN_STORE_H_
