// huji: the household registration office's server and its operator commands, one file per
// subcommand (cli/command.h):
//
//   huji serve           --db PATH|URL [--host H] [--port P] [--web DIR] [--calendar DIR]
//                        [--threads N] [--io-threads N] [--audit-journal DIR]
//                        [--audit-move-ms N] [--audit-commit-us N] [--trusted-proxy ADDR]…
//                                                                          serve_command.cc
//   huji demo            --db PATH|URL [--persons N] [--seed S] [--national] [--batch H]
//                                                                          demo_command.cc
//   huji user add        --db PATH|URL --username U --role R --office CODE [--display-name N]
//                        [--password-stdin] (password without echo, or on stdin)
//   huji user disable|enable|unlock|reset|revoke-sessions|totp-enrol USERNAME --db PATH|URL
//   huji user require-totp --db PATH|URL --role R [--off]              user_command.cc
//   huji audit verify    --db PATH|URL [--audit-journal DIR] [--audit-key FILE]
//                        [--audit-checkpoints FILE] [--audit-public-key HEX]…
//   huji audit checkpoint --db PATH|URL [--audit-key FILE] [--audit-checkpoints FILE]
//   huji audit keygen    [--db PATH] [--audit-key FILE]
//   huji audit public-key [--db PATH] [--audit-key FILE]                  audit_command.cc
//   huji serve … [--audit-key FILE] [--audit-checkpoints FILE]
//                [--audit-checkpoint-entries N] [--audit-checkpoint-seconds S]
//                [--max-connections N] [--calendar-refresh-s S]
//                [--verify-checks-per-minute N] [--verify-misses N]
//   huji register rebuild --db PATH|URL [--check | --repair] [--scratch DIR]
//                                                                          register_command.cc
//   huji migrate         --db PATH|URL [--app-role ROLE]                   migrate_command.cc
//   huji routes          (the HTTP route table as JSON; no database)       routes_command.cc
//   huji verify-qr       --public-key HEX TEXT (a QR text checked offline) verify_command.cc
//   huji agency-sim      --port P --secret S --out FILE [--fail-rate R] [--delay-ms D]
//                        [--down-for-s T] (a receiving agency for tests) agency_sim_command.cc
//   huji import FEED FILE --db PATH|URL [--office CODE] [--calendar DIR]  import_command.cc

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <iostream>
#include <string>
#include <system_error>
#include <vector>

#include "cli/command.h"
#include "core/clock.h"
#include "service/crypto.h"
#include "store/open_store.h"

namespace {

int run(int argc, char** argv) {
  namespace fs = std::filesystem;
  using huji::cli::fail;
  huji::service::crypto_init();
  // Everything huji creates — the database and its WAL, the audit journal, scratch copies,
  // whatever an operator backs up into beside them — is the register: owner only (files 0600,
  // directories 0700), whatever umask it was started with.
  ::umask(077);
  auto logger = spdlog::stderr_logger_mt("huji");
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %l %v");
  spdlog::set_default_logger(logger);

  CLI::App app{"huji — 戶政資訊系統 (household registration office)"};
  app.require_subcommand(1);
  std::string db;
  std::vector<huji::cli::Command> commands = {
      huji::cli::add_serve_command(app, db),   huji::cli::add_demo_command(app, db),
      huji::cli::add_user_command(app, db),    huji::cli::add_register_command(app, db),
      huji::cli::add_migrate_command(app, db), huji::cli::add_routes_command(app),
      huji::cli::add_verify_qr_command(app),   huji::cli::add_agency_sim_command(app),
      huji::cli::add_import_command(app, db),
  };
  for (auto& c : huji::cli::add_audit_commands(app, db)) commands.push_back(std::move(c));

  CLI11_PARSE(app, argc, argv);
  for (const auto& command : commands) {
    if (*command.subcommand && !command.needs_store) {
      huji::core::SystemClock no_clock;
      huji::cli::NoStore no_store;
      huji::cli::CommandContext none{db, no_store, no_clock};
      return command.run(none);
    }
  }

  huji::core::SystemClock clock;
  const bool new_sqlite_file = !huji::store::is_postgres_url(db) && !fs::exists(db);
  auto store_r = huji::store::open_store(db);
  if (!store_r.ok()) return fail(store_r.error());
  auto& store = **store_r;
  // An audit journal or checkpoint file beside a database file that did not exist belonged to
  // a database that was removed: kept, but out of the new database's way (huji would refuse the
  // journal, and the old checkpoints would report the new trail as truncated).
  if (new_sqlite_file) {
    const auto signing = huji::cli::audit_signing_paths(db, "", "");
    for (const std::string& old : {huji::cli::audit_journal_dir(db, ""), signing.checkpoints}) {
      if (!fs::exists(old)) continue;
      const std::string aside = old + ".orphaned-" + std::to_string(clock.now_ms());
      std::error_code ec;
      fs::rename(old, aside, ec);
      if (ec) {
        return fail(huji::core::Error::unavailable(
            "audit.journal_orphaned", "無法移開先前資料庫留下的 " + old,
            "cannot move aside " + old + " left by an earlier database: " + ec.message()));
      }
      std::cerr << "huji: " << db << " is a new database; " << old << " of an earlier one "
                << "there was moved to " << aside << "\n";
    }
  }

  huji::cli::CommandContext context{db, store, clock};
  for (const auto& command : commands) {
    if (*command.subcommand) return command.run(context);
  }
  return 2;  // unreachable: CLI11 requires one subcommand
}

}  // namespace

// An exception that escapes every command (a logger or file system failure) ends huji with
// exit code 1 and its message rather than with std::terminate.
int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& ex) {
    std::fprintf(stderr, "huji: %s\n", ex.what());
  } catch (...) {
    std::fputs("huji: unknown exception\n", stderr);
  }
  return 1;
}
