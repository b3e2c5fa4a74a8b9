// huji audit verify: moves what a stopped server left in the audit journal into the trail,
// then checks the trail's hash chain.

#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "cli/command.h"
#include "service/audit.h"
#include "service/audit_journal.h"
#include "store/journal/file_audit_journal.h"

namespace huji::cli {
namespace {

int verify(const std::string& journal_option, CommandContext& c) {
  // What a stopped server left in its journal is moved into the trail first; a running
  // server's journal is its own (it moves it within a second).
  const std::string jdir = audit_journal_dir(c.db, journal_option);
  if (!jdir.empty() && std::filesystem::exists(jdir)) {
    auto journal = store::open_file_audit_journal(jdir);
    if (!journal.ok() && journal.error().code == "audit.journal_locked") {
      std::cout << "audit journal " << jdir << " is in use by a running server; verifying "
                << "the trail as it stands\n";
    } else {
      if (!journal.ok()) return fail(journal.error());
      auto moved = service::move_journal_into_trail(c.store, **journal);
      if (!moved.ok()) return fail(moved.error());
      if (*moved) {
        std::cout << "moved " << *moved << " records from the audit journal into the trail\n";
      }
    }
  }
  service::AuditService audit_service(c.store, c.clock);
  auto v = audit_service.verify();
  if (!v.ok()) return fail(v.error());
  if (!v->ok) {
    std::cout << "audit chain BROKEN at entry " << v->first_bad_seq << ": " << v->problem << " ("
              << v->entries << " entries verified before it)\n";
    return 1;
  }
  std::cout << "audit chain ok: " << v->entries << " entries\n";
  return 0;
}

}  // namespace

Command add_audit_command(CLI::App& app, std::string& db) {
  auto journal = std::make_shared<std::string>();
  auto* audit = app.add_subcommand("audit", "audit trail tools");
  audit->require_subcommand(1);
  auto* verify_cmd = audit->add_subcommand("verify", "check the audit hash chain");
  add_db_option(*verify_cmd, db);
  add_audit_journal_option(*verify_cmd, *journal);
  return {verify_cmd, [journal](CommandContext& c) { return verify(*journal, c); }};
}

}  // namespace huji::cli
