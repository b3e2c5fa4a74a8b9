#ifndef HUJI_CLI_COMMAND_H_
#define HUJI_CLI_COMMAND_H_

// The `huji` subcommands, one file each (serve_command.cc, demo_command.cc …). Each
// add_<name>_command adds its subcommand and options to the app and returns what to run when
// it is the one given; main.cc parses, opens the database every command works on and runs it.

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "service/audit_checkpoint.h"
#include "service/store.h"

namespace huji::cli {

// What every command runs with: the --db setting as given and the store it opened.
struct CommandContext {
  const std::string& db;
  service::Store& store;
  const core::Clock& clock;
};

struct Command {
  CLI::App* subcommand = nullptr;  // the leaf given on the command line ("add" of "user add")
  std::function<int(CommandContext&)> run;  // returns the process's exit status
  bool needs_store = true;  // false: run without opening --db (context.store unusable)
};

Command add_serve_command(CLI::App& app, std::string& db);
Command add_demo_command(CLI::App& app, std::string& db);
Command add_user_command(CLI::App& app, std::string& db);
// audit verify, checkpoint, keygen, public-key.
std::vector<Command> add_audit_commands(CLI::App& app, std::string& db);
Command add_register_command(CLI::App& app, std::string& db);
// import FEED FILE: an inbound feed file as clerk cases.
Command add_import_command(CLI::App& app, std::string& db);
Command add_migrate_command(CLI::App& app, std::string& db);
Command add_routes_command(CLI::App& app);
// verify-qr: a document's QR text checked offline (no database).
Command add_verify_qr_command(CLI::App& app);
// agency-sim: a receiving agency for tests (no database).
Command add_agency_sim_command(CLI::App& app);

// Helpers the commands share.

// A store that refuses every transaction: what a command that needs no database is given.
class NoStore final : public service::Store {
 public:
  core::Result<std::unique_ptr<service::Transaction>> begin(service::TxMode) override {
    return core::Error::unavailable("store.none", "未開啟資料庫", "no database is open");
  }
  int schema_version() const override { return 0; }
};

// The --db option every command requires.
void add_db_option(CLI::App& sub, std::string& db);

// Prints the error (English, then Chinese) on stderr; returns the exit status: 3 when the
// database or another resource is unavailable, else 2.
int fail(const core::Error& e);

// Finds a data directory: as given, else relative to the working directory, else beside the
// executable's source tree (build/huji → data/…).
std::string locate(const std::string& given, const std::string& rel);

// Where the audit journal of lookups lives (service/audit_journal.h): as given ("none": no
// journal, each batch straight into the trail), else beside a SQLite file, else (a PostgreSQL
// URL) none.
std::string audit_journal_dir(const std::string& db, const std::string& given);

// The --audit-journal option (serve, audit verify).
void add_audit_journal_option(CLI::App& sub, std::string& dir);

// Where the audit trail's signing key and its checkpoint file are
// (service/audit_checkpoint.h): the key as given ("none": no checkpoints), else DB.audit-key
// beside a SQLite file, else (a PostgreSQL URL) none; the checkpoint file as given, else
// KEY.checkpoints beside a key that was given, else DB.audit-checkpoints beside a SQLite file.
struct AuditSigningPaths {
  std::string key;          // "" when checkpoints are off
  std::string checkpoints;  // "" when checkpoints are off
};
AuditSigningPaths audit_signing_paths(const std::string& db, const std::string& key,
                                      const std::string& checkpoints);

// The --audit-key (HUJI_AUDIT_KEY) and --audit-checkpoints (HUJI_AUDIT_CHECKPOINTS) options.
void add_audit_signing_options(CLI::App& sub, std::string& key, std::string& checkpoints);

// This machine's host name (what a checkpoint names as its signer).
std::string host_name();

// The signing key at `path`, made (mode 0600, with a log line naming its public key) when
// there is none yet.
core::Result<service::AuditSigningKey> signing_key_at(const std::string& path);

}  // namespace huji::cli

#endif  // HUJI_CLI_COMMAND_H_
