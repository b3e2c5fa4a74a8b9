#include "cli/command.h"

#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <system_error>

#include <spdlog/spdlog.h>

#include "core/json_string.h"
#include "store/journal/audit_checkpoint_file.h"
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

AuditSigningPaths audit_signing_paths(const std::string& db, const std::string& key,
                                      const std::string& checkpoints) {
  if (key == "none" || checkpoints == "none") return {};
  const bool sqlite = !db.empty() && !store::is_postgres_url(db);
  AuditSigningPaths p;
  p.key = !key.empty() ? key : sqlite ? db + ".audit-key" : "";
  p.checkpoints = !checkpoints.empty() ? checkpoints
                  : !key.empty()       ? key + ".checkpoints"
                  : sqlite             ? db + ".audit-checkpoints"
                                       : "";
  return p;
}

void add_audit_signing_options(CLI::App& sub, std::string& key, std::string& checkpoints) {
  sub.add_option("--audit-key", key,
                 "Ed25519 key file signing the audit trail's checkpoints, kept outside the "
                 "database (default: DB.audit-key beside a SQLite file; none for a PostgreSQL "
                 "URL; 'none': no checkpoints)")
      ->envname("HUJI_AUDIT_KEY");
  sub.add_option("--audit-checkpoints", checkpoints,
                 "append-only file of signed checkpoints (default: KEY.checkpoints, or "
                 "DB.audit-checkpoints beside a SQLite file)")
      ->envname("HUJI_AUDIT_CHECKPOINTS");
}

std::string host_name() {
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) != 0) return "";
  return name;
}

core::Result<service::AuditSigningKey> signing_key_at(const std::string& path) {
  auto key = store::read_signing_key(path);
  if (key.ok() || key.error().code != "audit.key_missing") return key;
  HUJI_ASSIGN_OR_RETURN(auto made, store::create_signing_key(path));
  spdlog::warn(
      R"({{"event":"audit_signing_key_created","path":{},"public_key":"{}","detail":{}}})",
      core::json_string(path), made.public_hex(),
      core::json_string("keep a copy of the public key away from this machine: `huji audit "
                        "verify --audit-public-key` trusts it"));
  return made;
}

}  // namespace huji::cli
