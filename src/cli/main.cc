// huji: the household registration office's server and its operator commands.
//
//   huji serve        --db PATH [--host H] [--port P] [--web DIR] [--calendar DIR]
//   huji demo         --db PATH --persons N --seed S [--national] [--batch H]
//   huji user add     --db PATH --username U --role R --office CODE   (password on stdin)
//   huji audit verify --db PATH [--audit-journal DIR]
//   huji migrate      --db PATH

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <string>

#include "cli/log_sink.h"
#include "cli/progress.h"
#include "core/calendar.h"
#include "core/clock.h"
#include "core/json_string.h"
#include "http/server.h"
#include "service/audit.h"
#include "service/audit_journal.h"
#include "service/audit_queue.h"
#include "service/auth_service.h"
#include "service/crypto.h"
#include "service/demo_service.h"
#include "service/nationality_service.h"
#include "service/person_service.h"
#include "service/register_rebuild.h"
#include "service/registration_service.h"
#include "store/journal/file_audit_journal.h"
#include "store/open_store.h"

namespace {

namespace fs = std::filesystem;
using huji::core::Error;

int fail(const Error& e) {
  std::cerr << "huji: " << e.message_en << " [" << e.code << "]\n      " << e.message_zh << "\n";
  return e.kind == huji::core::ErrorKind::kUnavailable ? 3 : 2;
}

// Finds a data directory: as given, else relative to the working directory, else beside the
// executable's source tree (build/huji → data/…).
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

// The database setting as it may be logged: a URL's password is replaced by ***.
std::string redact(const std::string& db) {
  const auto scheme = db.find("://");
  if (scheme == std::string::npos) return db;
  std::string out = db;
  const auto at = out.find('@', scheme + 3);
  const auto colon = out.find(':', scheme + 3);
  if (at != std::string::npos && colon != std::string::npos && colon < at) {
    out.replace(colon + 1, at - colon - 1, "***");
  }
  const auto pw = out.find("password=");
  if (pw != std::string::npos) {
    const auto end = out.find('&', pw);
    out.replace(pw + 9, (end == std::string::npos ? out.size() : end) - pw - 9, "***");
  }
  return out;
}

// Where the audit journal of lookups lives (service/audit_journal.h): as given ("none": no
// journal, each batch straight into the trail), else beside a SQLite file, else (a PostgreSQL
// URL) none.
std::string audit_journal_dir(const std::string& db, const std::string& given) {
  if (given == "none") return "";
  if (!given.empty()) return given;
  if (huji::store::is_postgres_url(db)) return "";
  return db + ".audit";
}

constexpr const char* kJournalHelp =
    "directory of the audit journal of lookups (default: DB.audit beside a SQLite file; none "
    "for a PostgreSQL URL; 'none': write each batch straight into the trail)";

}  // namespace

int main(int argc, char** argv) {
  huji::service::crypto_init();
  auto logger = spdlog::stderr_logger_mt("huji");
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %l %v");
  spdlog::set_default_logger(logger);

  CLI::App app{"huji — 戶政資訊系統 (household registration office)"};
  app.require_subcommand(1);
  std::string db;

  // serve
  auto* serve = app.add_subcommand("serve", "run the HTTP server");
  huji::http::ServerConfig cfg;
  std::string web, calendar_dir;
  serve->add_option("--db", db, "database: a SQLite file path, or a postgresql://user@host:port/db URL")->required();
  serve->add_option("--host", cfg.host, "listen address")->capture_default_str();
  serve->add_option("--port", cfg.port, "listen port (0: any free port)")->capture_default_str();
  serve->add_option("--web", web, "built front end directory (default web/dist)");
  serve->add_option("--calendar", calendar_dir, "holiday calendar directory (default data/calendar)");
  serve->add_option("--threads", cfg.threads, "worker threads for handlers that use the store")
      ->capture_default_str()
      ->check(CLI::Range(1, 1024));
  serve->add_option("--io-threads", cfg.io_threads,
                    "I/O threads: read requests, answer lookups (0: one per core)")
      ->capture_default_str()
      ->check(CLI::Range(0, 1024));
  std::string journal_option;
  serve->add_option("--audit-journal", journal_option, kJournalHelp);
  int audit_move_ms = 200;
  serve->add_option("--audit-move-ms", audit_move_ms,
                    "how often the audit journal's records are moved into the trail")
      ->capture_default_str()
      ->check(CLI::Range(1, 3'600'000));
  int audit_commit_us = 200;
  serve->add_option("--audit-commit-us", audit_commit_us,
                    "group commit window: how long a lookup's audit entry waits for others "
                    "(up to 32) to share its fsync (0: none)")
      ->capture_default_str()
      ->check(CLI::Range(0, 100'000));

  // demo
  auto* demo = app.add_subcommand("demo", "create a demo office with a synthetic population");
  huji::demo::DemoSpec spec;
  demo->add_option("--db", db, "database: a SQLite file path, or a postgresql://user@host:port/db URL")->required();
  demo->add_option("--persons", spec.persons, "number of persons")->capture_default_str();
  demo->add_option("--seed", spec.seed, "random seed")->capture_default_str();
  bool national = false;
  demo->add_flag("--national", national,
                 "the whole country: 368 offices, each district's share of --persons (23.5 "
                 "million for Taiwan's size); staff stay at 63000080");
  huji::service::DemoOptions demo_options;
  demo->add_option("--batch", demo_options.batch_households,
                   "households per transaction while loading")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);

  // user add
  auto* user = app.add_subcommand("user", "manage staff users");
  user->require_subcommand(1);
  auto* user_add = user->add_subcommand("add", "add a staff user; the password is read from stdin");
  huji::service::NewUser nu;
  std::string role;
  user_add->add_option("--db", db, "database: a SQLite file path, or a postgresql://user@host:port/db URL")->required();
  user_add->add_option("--username", nu.username)->required();
  user_add->add_option("--role", role, "clerk, supervisor, auditor or admin")->required();
  user_add->add_option("--office", nu.office_code, "office code")->required();
  user_add->add_option("--display-name", nu.display_name);

  // audit verify
  auto* audit = app.add_subcommand("audit", "audit trail tools");
  audit->require_subcommand(1);
  auto* verify = audit->add_subcommand("verify", "check the audit hash chain");
  verify->add_option("--db", db, "database: a SQLite file path, or a postgresql://user@host:port/db URL")->required();
  verify->add_option("--audit-journal", journal_option, kJournalHelp);

  // register rebuild
  auto* reg = app.add_subcommand("register", "population register tools");
  reg->require_subcommand(1);
  auto* rebuild = reg->add_subcommand(
      "rebuild", "replay the event log and compare with (or, with --repair, replace) the "
                 "persons and households projections");
  bool check_only = false, repair = false;
  rebuild->add_option("--db", db, "database: a SQLite file path, or a postgresql://user@host:port/db URL")->required();
  rebuild->add_flag("--check", check_only, "only compare (the default); exit 1 on a difference");
  rebuild->add_flag("--repair", repair, "replace the projections by the replay");
  rebuild->add_option("--calendar", calendar_dir,
                      "holiday calendar directory (default data/calendar)");
  std::string scratch_dir;
  rebuild->add_option("--scratch", scratch_dir,
                      "replay into a temporary SQLite database in this directory instead of "
                      "memory (a register larger than memory: ~1.6 GB per million persons)");

  auto* migrate = app.add_subcommand("migrate", "create or upgrade the database schema");
  migrate->add_option("--db", db, "database: a SQLite file path, or a postgresql://user@host:port/db URL")->required();

  CLI11_PARSE(app, argc, argv);

  huji::core::SystemClock clock;
  const bool new_sqlite_file = !huji::store::is_postgres_url(db) && !fs::exists(db);
  auto store_r = huji::store::open_store(db);
  if (!store_r.ok()) return fail(store_r.error());
  auto& store = **store_r;
  // An audit journal beside a database file that did not exist belonged to a database that
  // was removed: it is kept, but out of the new database's way (huji would refuse it).
  if (const std::string old = audit_journal_dir(db, ""); new_sqlite_file && fs::exists(old)) {
    const std::string aside = old + ".orphaned-" + std::to_string(clock.now_ms());
    std::error_code ec;
    fs::rename(old, aside, ec);
    if (ec) {
      return fail(Error::make(huji::core::ErrorKind::kUnavailable, "audit.journal_orphaned",
                              "無法移開先前資料庫留下的稽核日誌暫存目錄 " + old,
                              "cannot move aside the audit journal " + old +
                                  " left by an earlier database: " + ec.message()));
    }
    std::cerr << "huji: " << db << " is a new database; the audit journal of an earlier one "
              << "there was moved to " << aside << "\n";
  }

  if (*migrate) {
    std::cout << "schema version " << store.schema_version() << "\n";
    return 0;
  }

  if (*demo) {
    spec.today = clock.today_taipei();
    if (national) spec.scope = huji::demo::DemoScope::kNational;
    // Progress on stderr: redrawn in place on a terminal, plain lines in a log.
    huji::cli::ProgressBar bar(std::cerr, isatty(STDERR_FILENO) != 0, spec.persons, "persons");
    int64_t persons_done = 0;
    bool bar_done = false;
    demo_options.progress = [&](int64_t done) { bar.update(persons_done = done); };
    const auto started = std::chrono::steady_clock::now();
    auto rows_done = started;
    demo_options.indexing = [&] {
      bar.finish(persons_done);
      bar_done = true;
      rows_done = std::chrono::steady_clock::now();
      std::cerr << "building indexes…" << std::endl;
    };
    auto r = huji::service::load_demo(store, clock, spec, demo_options);
    if (!r.ok()) return fail(r.error());
    if (!bar_done) bar.finish(r->persons);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    using huji::cli::ProgressBar;
    if (national) {
      std::cout << "national demo: " << r->offices << " offices, "
                << ProgressBar::grouped(r->villages) << " villages\n";
    }
    std::cout << "demo office " << r->office_name << " (" << r->office_code << "): " << r->persons
              << " persons, " << r->households << " households, " << r->events << " events, "
              << r->door_plates << " door plates\n";
    char elapsed[32];
    std::snprintf(elapsed, sizeof elapsed, "%.2f", seconds);
    const double per_second = seconds > 0 ? 1.0 / seconds : 0.0;
    std::cout << "loaded " << ProgressBar::grouped(r->rows()) << " rows in " << elapsed << " s ("
              << ProgressBar::grouped(static_cast<int64_t>(static_cast<double>(r->rows()) *
                                                           per_second))
              << " rows/s, "
              << ProgressBar::grouped(static_cast<int64_t>(static_cast<double>(r->persons) *
                                                           per_second))
              << " persons/s), " << r->batches << " transactions\n";
    if (bar_done) {
      const auto secs = [](auto d) { return std::chrono::duration<double>(d).count(); };
      char split[96];
      std::snprintf(split, sizeof split, "rows %.2f s, indexes %.2f s\n",
                    secs(rows_done - started), secs(std::chrono::steady_clock::now() - rows_done));
      std::cout << split;
    }
    std::cout << "sample person: " << r->sample_person_id << "\n";
    for (const auto& l : r->logins) {
      std::cout << "login: " << l.username << " / " << l.password << " ("
                << huji::domain::role_code(l.role) << ")\n";
    }
    return 0;
  }

  if (*user_add) {
    auto r = huji::domain::role_from_code(role);
    if (!r) {
      return fail(Error::make(huji::core::ErrorKind::kInvalidArgument, "user.role",
                              "角色須為 clerk、supervisor、auditor 或 admin",
                              "role must be clerk, supervisor, auditor or admin"));
    }
    nu.role = *r;
    if (isatty(STDIN_FILENO)) std::cerr << "password: ";
    std::getline(std::cin, nu.password);
    huji::service::AuthService auth(store, clock);
    auto id = auth.add_user(nu, nullptr, {"cli"});
    if (!id.ok()) return fail(id.error());
    std::cout << "user " << nu.username << " added (id " << *id << ")\n";
    return 0;
  }

  if (*verify) {
    // What a stopped server left in its journal is moved into the trail first; a running
    // server's journal is its own (it moves it within a second).
    const std::string jdir = audit_journal_dir(db, journal_option);
    if (!jdir.empty() && fs::exists(jdir)) {
      auto journal = huji::store::open_file_audit_journal(jdir);
      if (!journal.ok() && journal.error().code == "audit.journal_locked") {
        std::cout << "audit journal " << jdir << " is in use by a running server; verifying "
                  << "the trail as it stands\n";
      } else {
        if (!journal.ok()) return fail(journal.error());
        auto moved = huji::service::move_journal_into_trail(store, **journal);
        if (!moved.ok()) return fail(moved.error());
        if (*moved) std::cout << "moved " << *moved << " records from the audit journal into the trail\n";
      }
    }
    huji::service::AuditService audit_service(store, clock);
    auto v = audit_service.verify();
    if (!v.ok()) return fail(v.error());
    if (!v->ok) {
      std::cout << "audit chain BROKEN at entry " << v->first_bad_seq << ": " << v->problem
                << " (" << v->entries << " entries verified before it)\n";
      return 1;
    }
    std::cout << "audit chain ok: " << v->entries << " entries\n";
    return 0;
  }

  huji::core::WorkingCalendar calendar;
  const std::string cal_dir = locate(calendar_dir, "data/calendar");
  if (auto st = calendar.load_directory(cal_dir); !st.ok()) return fail(st.error());
  huji::service::RegistrationService registrations(store, clock, calendar,
                                                   huji::domain::FineSchedule::defaults());

  if (*rebuild) {
    if (check_only && repair) {
      return fail(Error::make(huji::core::ErrorKind::kInvalidArgument, "cli.flags",
                              "--check 與 --repair 擇一", "give --check or --repair, not both"));
    }
    // With --scratch: a new directory of its own there, removed afterwards.
    std::string scratch_path;
    std::unique_ptr<huji::service::Store> scratch;
    if (!scratch_dir.empty()) {
      std::string tmpl = (fs::path(scratch_dir) / "huji-rebuild-XXXXXX").string();
      if (mkdtemp(tmpl.data()) == nullptr) {
        return fail(Error::make(huji::core::ErrorKind::kInvalidArgument, "cli.scratch",
                                "無法在 " + scratch_dir + " 建立暫存目錄",
                                "cannot create a scratch directory in " + scratch_dir));
      }
      scratch_path = tmpl;
      auto opened = huji::store::open_store(scratch_path + "/replay.db");
      if (!opened.ok()) {
        std::error_code ec;
        fs::remove_all(scratch_path, ec);
        return fail(opened.error());
      }
      scratch = std::move(opened).value();
    }
    auto r = huji::service::rebuild_register(store, repair, scratch.get());
    scratch.reset();
    if (!scratch_path.empty()) {
      std::error_code ec;
      fs::remove_all(scratch_path, ec);
    }
    if (!r.ok()) return fail(r.error());
    std::cout << "replayed " << r->events << " events; stored " << r->persons << " persons, "
              << r->households << " households\n";
    for (const auto& d : r->differences) std::cout << "  " << d << "\n";
    if (r->differences.empty()) {
      std::cout << "projections equal the replay of the event log\n";
      return 0;
    }
    std::cout << (repair ? "projections replaced by the replay\n"
                         : "projections DIFFER from the replay of the event log\n");
    return repair ? 0 : 1;
  }

  // serve
  cfg.web_root = locate(web, "web/dist");
  // The access log: one line per request, written in batches (see cli/log_sink.h).
  {
    auto served = std::make_shared<spdlog::logger>(
        "huji", std::make_shared<huji::cli::BufferedFdSink>(STDERR_FILENO));
    served->set_pattern("%Y-%m-%dT%H:%M:%S.%e %l %v");
    spdlog::drop("huji");
    spdlog::register_logger(served);
    spdlog::set_default_logger(served);
    spdlog::flush_every(std::chrono::seconds(1));
  }
  huji::service::AuthService auth(store, clock);
  // Person lookups batch their audit entries here (one fsync for many lookups), through the
  // audit journal when there is one; what a crash left in it goes into the trail first.
  std::unique_ptr<huji::service::AuditJournal> journal;
  if (const std::string jdir = audit_journal_dir(db, journal_option); !jdir.empty()) {
    auto opened = huji::store::open_file_audit_journal(jdir);
    if (!opened.ok()) return fail(opened.error());
    journal = std::move(opened).value();
    auto moved = huji::service::move_journal_into_trail(store, *journal);
    if (!moved.ok()) return fail(moved.error());
    spdlog::info(R"({{"event":"audit_journal","dir":{},"recovered":{}}})",
                 huji::core::json_string(jdir), *moved);
  }
  huji::service::AuditQueue audit_queue(
      store, clock,
      {.commit_window = std::chrono::microseconds(audit_commit_us),
       .move_interval = std::chrono::milliseconds(audit_move_ms),
       .on_move_error =
           [](const Error& e) {
             spdlog::error(R"({{"event":"audit_move_failed","code":{},"message":{}}})",
                           huji::core::json_string(e.code),
                           huji::core::json_string(e.message_en));
           }},
      journal.get());
  huji::service::PersonService persons(store, clock, &audit_queue);
  huji::service::AuditService audit_service(store, clock, &audit_queue);
  huji::service::NationalityService nationality(store, clock, calendar);
  huji::http::Services services{store,         clock,         calendar,   auth, persons,
                                audit_service, registrations, nationality, &audit_queue};
  try {
    huji::http::run_server(cfg, services, [&](uint16_t port) {
      std::cout << "huji listening on http://" << cfg.host << ":" << port << "/" << std::endl;
      spdlog::info(R"({{"event":"listening","host":{},"port":{},"db":{},"web":{}}})",
                   huji::core::json_string(cfg.host), port, huji::core::json_string(redact(db)),
                   huji::core::json_string(cfg.web_root));
      spdlog::default_logger()->flush();
    });
  } catch (const std::exception& ex) {
    spdlog::default_logger()->flush();
    return fail(Error::make(huji::core::ErrorKind::kUnavailable, "http.listen",
                            std::string("無法啟動伺服器：") + ex.what(),
                            std::string("cannot start the server: ") + ex.what()));
  }
  spdlog::default_logger()->flush();
  return 0;
}
