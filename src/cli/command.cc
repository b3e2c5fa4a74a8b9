#include "cli/command.h"

#include <filesystem>
#include <iostream>
#include <system_error>

#include "store/open_store.h"

namespace huji::cli {

namespace fs = std::filesystem;

void add_db_option(CLI::App& sub, std::string& db) {
  sub.add_option("--db", db,
                 "database: a SQLite file path, or a postgresql://user@host:port/db URL")
      ->required();
}

int fail(const core::Error& e) {
  std::cerr << "huji: " << e.message_en << " [" << e.code << "]\n      " << e.message_zh << "\n";
  return e.kind == core::ErrorKind::kUnavailable ? 3 : 2;
}

std::string locate(const std::string& given, const std::string& rel) {
  if (!given.empty()) return given;
  if (fs::exists(rel)) return rel;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (fs::path p = exe.parent_path(); !p.empty() && p != p.root_path(); p = p.parent_path()) {
      if (fs::exists(p / rel)) return (p / rel).string();
    }
  }
  return rel;
}

std::string audit_journal_dir(const std::string& db, const std::string& given) {
  if (given == "none") return "";
  if (!given.empty()) return given;
  if (store::is_postgres_url(db)) return "";
  return db + ".audit";
}

void add_audit_journal_option(CLI::App& sub, std::string& dir) {
  sub.add_option("--audit-journal", dir,
                 "directory of the audit journal of lookups (default: DB.audit beside a SQLite "
                 "file; none for a PostgreSQL URL; 'none': write each batch straight into the "
                 "trail)");
}

}  // namespace huji::cli
