// huji serve: the HTTP server and the web front end.

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <exception>
#include <iostream>
#include <memory>
#include <string>

#include "cli/command.h"
#include "cli/log_sink.h"
#include "core/calendar.h"
#include "core/json_string.h"
#include "http/server.h"
#include "service/audit.h"
#include "service/audit_journal.h"
#include "service/audit_queue.h"
#include "service/auth_service.h"
#include "service/nationality_service.h"
#include "service/person_service.h"
#include "service/registration_service.h"
#include "store/journal/file_audit_journal.h"

namespace huji::cli {
namespace {

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

struct ServeOptions {
  http::ServerConfig server;
  std::string web, calendar_dir, journal;
  int audit_move_ms = 200;
  int audit_commit_us = 200;
};

int serve(const ServeOptions& o, CommandContext& c) {
  core::WorkingCalendar calendar;
  if (auto st = calendar.load_directory(locate(o.calendar_dir, "data/calendar")); !st.ok()) {
    return fail(st.error());
  }
  http::ServerConfig cfg = o.server;
  cfg.web_root = locate(o.web, "web/dist");
  // The access log: one line per request, written in batches (see cli/log_sink.h).
  {
    auto served =
        std::make_shared<spdlog::logger>("huji", std::make_shared<BufferedFdSink>(STDERR_FILENO));
    served->set_pattern("%Y-%m-%dT%H:%M:%S.%e %l %v");
    spdlog::drop("huji");
    spdlog::register_logger(served);
    spdlog::set_default_logger(served);
    spdlog::flush_every(std::chrono::seconds(1));
  }
  service::RegistrationService registrations(c.store, c.clock, calendar,
                                             domain::FineSchedule::defaults());
  service::AuthService auth(c.store, c.clock);
  // Person lookups batch their audit entries here (one fsync for many lookups), through the
  // audit journal when there is one; what a crash left in it goes into the trail first.
  std::unique_ptr<service::AuditJournal> journal;
  if (const std::string jdir = audit_journal_dir(c.db, o.journal); !jdir.empty()) {
    auto opened = store::open_file_audit_journal(jdir);
    if (!opened.ok()) return fail(opened.error());
    journal = std::move(opened).value();
    auto moved = service::move_journal_into_trail(c.store, *journal);
    if (!moved.ok()) return fail(moved.error());
    spdlog::info(R"({{"event":"audit_journal","dir":{},"recovered":{}}})", core::json_string(jdir),
                 *moved);
  }
  service::AuditQueue audit_queue(
      c.store, c.clock,
      {.commit_window = std::chrono::microseconds(o.audit_commit_us),
       .move_interval = std::chrono::milliseconds(o.audit_move_ms),
       .on_move_error =
           [](const core::Error& e) {
             spdlog::error(R"({{"event":"audit_move_failed","code":{},"message":{}}})",
                           core::json_string(e.code), core::json_string(e.message_en));
           }},
      journal.get());
  service::PersonService persons(c.store, c.clock, &audit_queue);
  service::AuditService audit_service(c.store, c.clock, &audit_queue);
  service::NationalityService nationality(c.store, c.clock, calendar);
  http::Services services{c.store,       c.clock,       calendar,    auth,        persons,
                          audit_service, registrations, nationality, &audit_queue};
  try {
    http::run_server(cfg, services, [&](uint16_t port) {
      std::cout << "huji listening on http://" << cfg.host << ":" << port << "/" << std::endl;
      spdlog::info(R"({{"event":"listening","host":{},"port":{},"db":{},"web":{}}})",
                   core::json_string(cfg.host), port, core::json_string(redact(c.db)),
                   core::json_string(cfg.web_root));
      spdlog::default_logger()->flush();
    });
  } catch (const std::exception& ex) {
    spdlog::default_logger()->flush();
    return fail(core::Error::unavailable("http.listen", std::string("無法啟動伺服器：") + ex.what(),
                                         std::string("cannot start the server: ") + ex.what()));
  }
  spdlog::default_logger()->flush();
  return 0;
}

}  // namespace

Command add_serve_command(CLI::App& app, std::string& db) {
  auto o = std::make_shared<ServeOptions>();
  auto* serve_cmd = app.add_subcommand("serve", "run the HTTP server");
  add_db_option(*serve_cmd, db);
  serve_cmd->add_option("--host", o->server.host, "listen address")->capture_default_str();
  serve_cmd->add_option("--port", o->server.port, "listen port (0: any free port)")
      ->capture_default_str();
  serve_cmd->add_option("--web", o->web, "built front end directory (default web/dist)");
  serve_cmd->add_option("--trusted-proxy", o->server.trusted_proxies,
                        "a reverse proxy's address whose X-Forwarded-For names the client "
                        "(repeatable)");
  serve_cmd->add_option("--calendar", o->calendar_dir,
                        "holiday calendar directory (default data/calendar)");
  serve_cmd
      ->add_option("--threads", o->server.threads, "worker threads for handlers that use the store")
      ->capture_default_str()
      ->check(CLI::Range(1, 1024));
  serve_cmd
      ->add_option("--io-threads", o->server.io_threads,
                   "I/O threads: read requests, answer lookups (0: one per core)")
      ->capture_default_str()
      ->check(CLI::Range(0, 1024));
  add_audit_journal_option(*serve_cmd, o->journal);
  serve_cmd
      ->add_option("--audit-move-ms", o->audit_move_ms,
                   "how often the audit journal's records are moved into the trail")
      ->capture_default_str()
      ->check(CLI::Range(1, 3'600'000));
  serve_cmd
      ->add_option("--audit-commit-us", o->audit_commit_us,
                   "group commit window: how long a lookup's audit entry waits for others "
                   "(up to 32) to share its fsync (0: none)")
      ->capture_default_str()
      ->check(CLI::Range(0, 100'000));
  return {serve_cmd, [o](CommandContext& c) { return serve(*o, c); }};
}

}  // namespace huji::cli
