#include "store/open_store.h"

#include <filesystem>

#include "store/postgres/pg_store.h"
#include "store/sqlite/sqlite_store.h"

namespace huji::store {

using core::Error;
using core::ErrorKind;

bool is_postgres_url(std::string_view db) {
  return db.starts_with("postgresql://") || db.starts_with("postgres://");
}

core::Result<std::unique_ptr<service::Store>> open_store(const std::string& db) {
  if (db.empty()) {
    return Error::invalid("cli.db", "請以 --db 指定資料庫", "give the database with --db");
  }
  if (is_postgres_url(db)) {
    HUJI_ASSIGN_OR_RETURN(auto pg, postgres::PgStore::open(db));
    return std::unique_ptr<service::Store>(std::move(pg));
  }
  namespace fs = std::filesystem;
  fs::path parent = fs::path(db).parent_path();
  if (!parent.empty() && !fs::exists(parent)) {
    return Error::unavailable("store.open", "資料庫所在目錄不存在：" + parent.string(),
                              "the database's directory does not exist: " + parent.string());
  }
  HUJI_ASSIGN_OR_RETURN(auto lite, sqlite::SqliteStore::open(db));
  return std::unique_ptr<service::Store>(std::move(lite));
}

core::Status grant_app_role(service::Store& store, const std::string& role) {
  auto* pg = dynamic_cast<postgres::PgStore*>(&store);
  if (!pg) {
    return Error::invalid("store.app_role", "--app-role 僅適用於 PostgreSQL",
                          "--app-role applies to PostgreSQL only");
  }
  return pg->grant_app_role(role);
}

}  // namespace huji::store
