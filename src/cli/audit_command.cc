// huji audit verify: moves what a stopped server left in the audit journal into the trail,
// then checks the trail's hash chain and every signed checkpoint against it.
// huji audit checkpoint: signs the trail's head now. huji audit keygen / public-key: the
// signing key (service/audit_checkpoint.h).

#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/command.h"
#include "service/audit.h"
#include "service/audit_checkpoint.h"
#include "service/audit_journal.h"
#include "store/journal/audit_checkpoint_file.h"
#include "store/journal/file_audit_journal.h"

namespace huji::cli {
namespace {

struct AuditOptions {
  std::string journal, key, checkpoints;
  std::vector<std::string> public_keys;
};

core::Error no_key() {
  return core::Error::invalid("audit.key_path", "請以 --audit-key（或 --db）指定稽核簽章金鑰檔",
                              "give the audit signing key file with --audit-key (or --db)");
}

// The checkpoints and the keys trusted to have signed them: those given, else the key file's.
core::Result<std::optional<service::CheckpointEvidence>> evidence_for(const AuditOptions& o,
                                                                      const AuditSigningPaths& p) {
  if (p.checkpoints.empty()) return std::optional<service::CheckpointEvidence>();
  service::CheckpointEvidence e;
  HUJI_ASSIGN_OR_RETURN(e.checkpoints, store::read_checkpoint_file(p.checkpoints));
  e.trusted_keys = o.public_keys;
  if (e.trusted_keys.empty() && !p.key.empty()) {
    auto key = store::read_signing_key(p.key);
    if (key.ok()) {
      e.trusted_keys.push_back(key->public_hex());
    } else if (key.error().code != "audit.key_missing") {
      return std::move(key).take_error();
    }
  }
  if (!e.checkpoints.empty() && e.trusted_keys.empty()) {
    return core::Error::invalid(
        "audit.public_key_required", "檢查點檔已有簽章，請以 --audit-public-key 指定信任之公鑰",
        "the checkpoint file holds signed checkpoints: give the public key to trust with "
        "--audit-public-key");
  }
  return std::optional<service::CheckpointEvidence>(std::move(e));
}

int verify(const AuditOptions& o, CommandContext& c) {
  // What a stopped server left in its journal is moved into the trail first; a running
  // server's journal is its own (it moves it within a second).
  const std::string jdir = audit_journal_dir(c.db, o.journal);
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
  const AuditSigningPaths paths = audit_signing_paths(c.db, o.key, o.checkpoints);
  auto evidence = evidence_for(o, paths);
  if (!evidence.ok()) return fail(evidence.error());
  service::AuditService audit_service(c.store, c.clock);
  auto v = audit_service.verify(*evidence ? &**evidence : nullptr);
  if (!v.ok()) return fail(v.error());
  using Finding = service::AuditVerification::Finding;
  switch (v->finding) {
    case Finding::kNone: break;
    case Finding::kChainBroken:
      std::cout << "audit chain BROKEN at entry " << v->first_bad_seq << ": " << v->problem << " ("
                << v->entries << " entries verified before it)\n";
      return 1;
    case Finding::kTruncated:
      std::cout << "audit trail TRUNCATED: " << v->problem << "\n";
      return 1;
    case Finding::kRewritten:
      std::cout << "audit trail REWRITTEN at entry " << v->first_bad_seq << ": " << v->problem
                << "\n";
      return 1;
    case Finding::kBadCheckpoint:
      std::cout << "audit checkpoint REFUSED in " << paths.checkpoints << ": " << v->problem
                << "\n";
      return 1;
  }
  std::cout << "audit chain ok: " << v->entries << " entries\n";
  if (!*evidence) {
    std::cout << "no audit checkpoints configured: truncation cannot be detected\n";
  } else if (v->checkpoints == 0) {
    std::cout << "no signed checkpoints in " << paths.checkpoints
              << ": truncation cannot be detected\n";
  } else {
    std::cout << "checkpoints ok: " << v->checkpoints << " signed checkpoints in "
              << paths.checkpoints << ", the newest covering entry " << v->checkpoint_seq
              << " (signed at " << v->checkpoint_at_ms << " ms)\n";
  }
  return 0;
}

int checkpoint(const AuditOptions& o, CommandContext& c) {
  const AuditSigningPaths paths = audit_signing_paths(c.db, o.key, o.checkpoints);
  if (paths.key.empty()) return fail(no_key());
  auto key = signing_key_at(paths.key);
  if (!key.ok()) return fail(key.error());
  auto log = store::open_checkpoint_file(paths.checkpoints);
  if (!log.ok()) return fail(log.error());
  service::AuditCheckpointer checkpointer(c.store, c.clock, *key, **log, {.server = host_name()});
  auto cp = checkpointer.checkpoint();
  if (!cp.ok()) return fail(cp.error());
  std::cout << "checkpoint of entry " << cp->seq << " (" << cp->hash << ") signed by "
            << cp->public_key << " in " << paths.checkpoints << "\n";
  return 0;
}

// keygen (`create`) or public-key: the key file as given, else the database's default.
int key_file(const AuditOptions& o, const std::string& db, bool create) {
  const std::string path = audit_signing_paths(db, o.key, o.checkpoints).key;
  if (path.empty()) return fail(no_key());
  auto key = create ? store::create_signing_key(path) : store::read_signing_key(path);
  if (!key.ok()) return fail(key.error());
  if (create) std::cout << "audit signing key written to " << path << " (mode 0600)\npublic key: ";
  std::cout << key->public_hex() << "\n";
  return 0;
}

}  // namespace

std::vector<Command> add_audit_commands(CLI::App& app, std::string& db) {
  auto o = std::make_shared<AuditOptions>();
  auto* audit = app.add_subcommand("audit", "audit trail tools");
  audit->require_subcommand(1);

  auto* verify_cmd = audit->add_subcommand(
      "verify", "check the audit hash chain and the trail against its signed checkpoints");
  add_db_option(*verify_cmd, db);
  add_audit_journal_option(*verify_cmd, o->journal);
  add_audit_signing_options(*verify_cmd, o->key, o->checkpoints);
  verify_cmd->add_option("--audit-public-key", o->public_keys,
                         "a public key (hex) trusted to sign checkpoints, kept away from this "
                         "machine; repeat it across a key rotation (default: the key file's)");

  auto* checkpoint_cmd =
      audit->add_subcommand("checkpoint", "sign the audit trail's head now (a checkpoint)");
  add_db_option(*checkpoint_cmd, db);
  add_audit_signing_options(*checkpoint_cmd, o->key, o->checkpoints);

  auto* keygen_cmd = audit->add_subcommand(
      "keygen", "create the Ed25519 key that signs audit checkpoints (mode 0600)");
  keygen_cmd->add_option("--db", db, "the database whose default key path (DB.audit-key) to use");
  add_audit_signing_options(*keygen_cmd, o->key, o->checkpoints);

  auto* public_cmd =
      audit->add_subcommand("public-key", "print the audit signing key's public half (hex)");
  public_cmd->add_option("--db", db, "the database whose default key path (DB.audit-key) to use");
  add_audit_signing_options(*public_cmd, o->key, o->checkpoints);

  return {
      {verify_cmd, [o](CommandContext& c) { return verify(*o, c); }},
      {checkpoint_cmd, [o](CommandContext& c) { return checkpoint(*o, c); }},
      {keygen_cmd, [o](CommandContext& c) { return key_file(*o, c.db, true); }, false},
      {public_cmd, [o](CommandContext& c) { return key_file(*o, c.db, false); }, false},
  };
}

}  // namespace huji::cli
