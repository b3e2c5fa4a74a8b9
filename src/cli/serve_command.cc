// huji serve: the HTTP server and the web front end.

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <stop_token>
#include <string>
#include <thread>

#include "cli/command.h"
#include "cli/log_sink.h"
#include "core/calendar.h"
#include "core/json_string.h"
#include "domain/documents/fee_schedule.h"
#include "http/server.h"
#include "mail/smtp_transport.h"
#include "notify/agency_transport.h"
#include "render/letter.h"
#include "render/receipt.h"
#include "render/seal_certificate.h"
#include "render/temporary_certificate.h"
#include "render/transcript.h"
#include "service/audit.h"
#include "service/audit_checkpoint.h"
#include "service/audit_journal.h"
#include "service/audit_queue.h"
#include "service/auth_service.h"
#include "service/calendar_service.h"
#include "service/document_registry.h"
#include "service/fee_service.h"
#include "service/mail_outbox.h"
#include "service/nationality_service.h"
#include "service/notification_worker.h"
#include "service/payment_service.h"
#include "service/person_service.h"
#include "service/registration_service.h"
#include "service/rules_service.h"
#include "store/journal/audit_checkpoint_file.h"
#include "store/journal/file_audit_journal.h"
#include "store/open_store.h"
#include "voice/espeak_synthesizer.h"

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

// The calendar's years at start, and a warning when next year's is missing (from October on)
// or a year is provisional (computed, not yet checked against the published table).
void log_calendar(const core::WorkingCalendar& cal, core::Date today) {
  std::string years, provisional;
  for (int y : cal.years()) years += (years.empty() ? "" : ",") + std::to_string(y);
  for (int y : cal.provisional_years()) {
    provisional += (provisional.empty() ? "" : ",") + std::to_string(y);
  }
  spdlog::info(R"({{"event":"calendar","years":[{}],"provisional":[{}]}})", years, provisional);
  if (auto w = service::CalendarService::next_year_warning(cal, today)) {
    spdlog::warn(R"({{"event":"calendar_warning","code":{},"message":{}}})",
                 core::json_string(w->code), core::json_string(w->message_en));
  }
}

struct ServeOptions {
  http::ServerConfig server;
  std::string web, calendar_dir, rules_file, fees_file, document_key, journal, audit_key,
      audit_checkpoints, smtp, smtp_from = "huji@localhost";
  int64_t checkpoint_entries = 10'000;
  int checkpoint_seconds = 300;
  int audit_move_ms = 200;
  int audit_commit_us = 200;
  int calendar_refresh_s = 60;
  bool notify_worker = true;
  int notify_poll_ms = 1000;
  int notify_lease_ms = 30'000;
  double notify_retry_scale = 1.0;
  std::vector<std::string> kiosk_addresses = {"127.0.0.1", "::1"};
  int queue_public_limit = 5;
  service::VerifyPolicy verify;
};

// The versions of a rules file (domain/register/statutory_rules.h's format).
core::Result<std::vector<domain::StatutoryRules>> read_rule_versions(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return core::Error::internal("rules.io", "無法讀取法規數值檔 " + path,
                                 "cannot read the rules file " + path);
  }
  std::stringstream text;
  text << in.rdbuf();
  return domain::parse_rule_versions(text.str(), path);
}

// The versions of a fee schedule file (domain/documents/fee_schedule.h's format).
core::Result<domain::FeeSchedule> read_fee_schedule(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return core::Error::internal("fees.io", "無法讀取規費表 " + path,
                                 "cannot read the fee schedule " + path);
  }
  std::stringstream text;
  text << in.rdbuf();
  HUJI_ASSIGN_OR_RETURN(auto versions, domain::parse_fee_versions(text.str(), path));
  return domain::FeeSchedule(std::move(versions));
}

// The office's document signing key: the file given, else DB.document-key beside a SQLite
// file (created on first start), else (a PostgreSQL URL without a file) a key for this run
// only, with a warning: documents still verify online, their QR codes not offline after a
// restart.
core::Result<service::DocumentSigner> document_signer_for(const std::string& db,
                                                          const std::string& key) {
  const bool sqlite = !db.empty() && !store::is_postgres_url(db);
  const std::string path = !key.empty() ? key : sqlite ? db + ".document-key" : "";
  if (path.empty()) {
    spdlog::warn(R"({{"event":"document_key_ephemeral","detail":{}}})",
                 core::json_string("no --document-key: QR signatures of documents issued now "
                                   "cannot be checked offline after a restart"));
    return service::DocumentSigner::generate();
  }
  auto read = store::read_signing_key(path);
  if (!read.ok() && read.error().code == "audit.key_missing") {
    read = store::create_signing_key(path);
    if (read.ok()) {
      spdlog::warn(R"({{"event":"document_key_created","path":{},"public_key":"{}"}})",
                   core::json_string(path), read->public_hex());
    }
  }
  if (!read.ok()) return read.error();
  return service::DocumentSigner::from_secret_hex(read->secret_hex());
}

int serve(const ServeOptions& o, CommandContext& c) {
  core::WorkingCalendar files;
  if (auto st = files.load_directory(locate(o.calendar_dir, "data/calendar")); !st.ok()) {
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
  // The files' years with the years an admin loaded (stored) over them.
  core::SharedCalendar calendar;
  service::CalendarService calendars(c.store, c.clock, calendar, std::move(files));
  if (auto st = calendars.refresh(); !st.ok()) return fail(st.error());
  log_calendar(*calendar.get(), c.clock.today_taipei());
  // The statutory figures: the file's versions with those an admin loaded over them.
  auto rule_file = read_rule_versions(locate(o.rules_file, "data/rules/statutory.txt"));
  if (!rule_file.ok()) return fail(rule_file.error());
  domain::SharedRuleBook rules;
  service::RulesService rule_versions(c.store, c.clock, rules, std::move(*rule_file));
  if (auto st = rule_versions.refresh(); !st.ok()) return fail(st.error());
  spdlog::info(R"({{"event":"rules","versions":{},"in_force":{}}})", rules.get()->versions().size(),
               core::json_string(rules.get()->at(c.clock.today_taipei()).effective_from.to_iso()));
  // The fee schedule: the file's versions with those an admin stored over them.
  auto fee_schedule = read_fee_schedule(locate(o.fees_file, "data/fees/schedule.txt"));
  if (!fee_schedule.ok()) return fail(fee_schedule.error());
  domain::SharedFeeSchedule fees;
  service::FeeService fee_versions(c.store, c.clock, fees, fee_schedule->versions());
  if (auto st = fee_versions.refresh(); !st.ok()) return fail(st.error());
  // Another server on the same database may load a calendar year, a rule or fee version: take
  // it in every few seconds.
  std::jthread calendar_refresher([&calendars, &rule_versions, &fee_versions,
                                   every = std::chrono::seconds(o.calendar_refresh_s)](
                                      const std::stop_token& stop) {
    std::mutex m;
    std::condition_variable_any cv;
    std::unique_lock lock(m);
    for (;;) {
      cv.wait_for(lock, stop, every, [] { return false; });
      if (stop.stop_requested()) return;
      if (auto st = calendars.refresh(); !st.ok()) {
        spdlog::warn(R"({{"event":"calendar_refresh_failed","code":{},"message":{}}})",
                     core::json_string(st.error().code), core::json_string(st.error().message_en));
      }
      if (auto st = rule_versions.refresh(); !st.ok()) {
        spdlog::warn(R"({{"event":"rules_refresh_failed","code":{},"message":{}}})",
                     core::json_string(st.error().code), core::json_string(st.error().message_en));
      }
      if (auto st = fee_versions.refresh(); !st.ok()) {
        spdlog::warn(R"({{"event":"fees_refresh_failed","code":{},"message":{}}})",
                     core::json_string(st.error().code), core::json_string(st.error().message_en));
      }
    }
  });
  service::RegistrationService registrations(c.store, c.clock, calendar, rules);
  service::AuthService auth(c.store, c.clock);
  // Person lookups batch their audit entries here (one fsync for many lookups), through the
  // audit journal when there is one; what a crash left in it goes into the trail first.
  std::unique_ptr<service::AuditJournal> journal;
  if (const std::string jdir = audit_journal_dir(c.db, o.journal); !jdir.empty()) {
    store::FileAuditJournalOptions journal_options;
    // The tests' fault-injection seam: while the named file exists, the journal's writes fail
    // as on a full disk.
    if (const char* fault = std::getenv("HUJI_TEST_JOURNAL_FAULT"); fault && *fault) {
      journal_options.fault = [path = std::string(fault)] {
        return ::access(path.c_str(), F_OK) == 0 ? store::JournalFault::kWrite
                                                 : store::JournalFault::kNone;
      };
      spdlog::warn(R"({{"event":"audit_journal_fault_injection","while_exists":{}}})",
                   core::json_string(fault));
    }
    auto opened = store::open_file_audit_journal(jdir, journal_options);
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
           },
       .on_journal_state =
           [](const core::Error* failed, uint64_t refused) {
             if (failed) {
               spdlog::error(
                   R"({{"event":"audit_journal_failed","code":{},"message":{},"detail":{}}})",
                   core::json_string(failed->code), core::json_string(failed->message_en),
                   core::json_string("lookups are refused (503) until it works again; retried "
                                     "every 2 s at most"));
             } else {
               spdlog::warn(R"({{"event":"audit_journal_recovered","refused":{}}})", refused);
             }
           }},
      journal.get());
  // Signed checkpoints of the trail's head, from the journal's records recovered above on.
  const AuditSigningPaths signing = audit_signing_paths(c.db, o.audit_key, o.audit_checkpoints);
  std::optional<service::AuditSigningKey> signing_key;
  std::unique_ptr<service::AuditCheckpointLog> checkpoint_log;
  std::unique_ptr<service::AuditCheckpointer> checkpointer;
  if (!signing.key.empty()) {
    auto key = signing_key_at(signing.key);
    if (!key.ok()) return fail(key.error());
    signing_key = std::move(key).value();
    auto log = store::open_checkpoint_file(signing.checkpoints);
    if (!log.ok()) return fail(log.error());
    checkpoint_log = std::move(log).value();
    checkpointer = std::make_unique<service::AuditCheckpointer>(
        c.store, c.clock, *signing_key, *checkpoint_log,
        service::AuditCheckpointerOptions{
            .every_entries = o.checkpoint_entries,
            .every = std::chrono::seconds(o.checkpoint_seconds),
            .server = host_name(),
            .journal = journal ? journal->id() : "",
            .on_error = [](const core::Error& e) {
              spdlog::error(R"({{"event":"audit_checkpoint_failed","code":{},"message":{}}})",
                            core::json_string(e.code), core::json_string(e.message_en));
            }});
    checkpointer->start();
    spdlog::info(R"({{"event":"audit_checkpoints","key":{},"checkpoints":{},"public_key":"{}"}})",
                 core::json_string(signing.key), core::json_string(signing.checkpoints),
                 signing_key->public_hex());
  } else {
    spdlog::warn(
        R"({{"event":"audit_checkpoints_off","detail":{}}})",
        core::json_string("no --audit-key: without signed checkpoints a trail whose newest "
                          "entries were deleted still verifies"));
  }
  service::PersonService persons(c.store, c.clock, &audit_queue);
  service::AuditService audit_service(c.store, c.clock, &audit_queue);
  service::NationalityService nationality(c.store, c.clock, calendar, rules);
  render::PdfLetterRenderer letters;
  service::ReminderService reminders(c.store, c.clock, calendar, rules, letters);
  service::CareListService care_lists(c.store, c.clock, rules);
  auto document_signer = document_signer_for(c.db, o.document_key);
  if (!document_signer.ok()) return fail(document_signer.error());
  spdlog::info(R"({{"event":"documents","fee_versions":{},"signing_key":"{}","public_key":"{}"}})",
               fees.get()->versions().size(), document_signer->key_id(),
               document_signer->public_key_hex());
  // Receipts e-mailed through the SMTP server, from an outbox written with each payment.
  std::unique_ptr<mail::SmtpTransport> smtp;
  std::unique_ptr<service::MailOutbox> outbox;
  if (!o.smtp.empty()) {
    smtp = std::make_unique<mail::SmtpTransport>(mail::SmtpSettings{o.smtp, o.smtp_from});
    outbox = std::make_unique<service::MailOutbox>(c.store, c.clock, *smtp);
    outbox->start();
    spdlog::info(R"({{"event":"smtp","url":{},"from":{}}})", core::json_string(redact(o.smtp)),
                 core::json_string(o.smtp_from));
  } else {
    spdlog::warn(R"({{"event":"smtp_off","detail":{}}})",
                 core::json_string("no --smtp: receipts asked for by e-mail wait in the outbox "
                                   "(email_status pending) until a server starts with one"));
  }
  render::PdfReceiptRenderer receipt_renderer;
  service::PaymentService payments(c.store, c.clock, fees, *document_signer, receipt_renderer,
                                   [&outbox] {
                                     if (outbox) outbox->wake();
                                   });
  render::PdfTemporaryCertificateRenderer certificates;
  service::IdCardService id_cards(c.store, c.clock, fees, &*document_signer, &certificates);
  service::IdCardStockService id_card_stock(c.store, c.clock, calendar);
  service::BookletService booklets(c.store, c.clock, fees);
  http::Services services{c.store,       c.clock,       calendar,    auth,      persons,
                          audit_service, registrations, nationality, calendars, rule_versions,
                          reminders,     care_lists,    &audit_queue};
  services.fees = &fees;
  services.document_signer = &*document_signer;
  service::VerifyThrottle verify_throttle(o.verify);
  service::VerificationService verification(c.store, c.clock, verify_throttle, &audit_queue);
  services.verification = &verification;
  render::PdfTranscriptRenderer transcript_renderer;
  service::TranscriptService transcripts(c.store, c.clock, transcript_renderer, fees,
                                         *document_signer);
  services.transcripts = &transcripts;
  render::PdfSealCertificateRenderer seal_certificates;
  service::SealService seals(c.store, c.clock, fees, *document_signer, seal_certificates);
  services.seals = &seals;
  service::NotificationService notifications(c.store, c.clock);
  services.notifications = &notifications;
  // Cross-agency notifications: the delivery worker sends the outbox (issue 19), woken by each
  // commit that writes to it.
  notify::AgencyTransport agency_transport;
  std::unique_ptr<service::NotificationWorker> notify_worker;
  if (o.notify_worker) {
    notify_worker = std::make_unique<service::NotificationWorker>(
        c.store, c.clock, agency_transport,
        service::NotificationWorkerOptions{
            .poll = std::chrono::milliseconds(o.notify_poll_ms),
            .lease_ms = o.notify_lease_ms,
            .retry_scale = o.notify_retry_scale,
            .on_dead =
                [](const service::NotificationRecord& n) {
                  spdlog::error(
                      R"({{"event":"notification_dead","id":{},"message_id":{},"agency":{},"attempts":{},"last_http_status":{},"last_error":{}}})",
                      n.id, core::json_string(n.message_id), core::json_string(n.agency),
                      n.attempts, n.last_http_status, core::json_string(n.last_error));
                },
            .on_error =
                [](const core::Error& e) {
                  spdlog::warn(R"({{"event":"notify_pass_failed","code":{},"message":{}}})",
                               core::json_string(e.code), core::json_string(e.message_en));
                }});
    registrations.set_outbox_bell([w = notify_worker.get()] { w->wake(); });
    notifications.set_outbox_bell([w = notify_worker.get()] { w->wake(); });
    notify_worker->start();
    spdlog::info(R"({{"event":"notify_worker","poll_ms":{},"lease_ms":{},"retry_scale":{}}})",
                 o.notify_poll_ms, o.notify_lease_ms, o.notify_retry_scale);
  } else {
    spdlog::warn(R"({{"event":"notify_worker_off","detail":{}}})",
                 core::json_string("--notify-worker=false: notifications wait in the outbox "
                                   "until a server runs the delivery worker"));
  }
  service::InboundService inbound(c.store, c.clock, calendar);
  services.inbound = &inbound;
  service::NotificationKpiService notification_kpi(c.store, c.clock, rules);
  services.notification_kpi = &notification_kpi;
  service::DisplayHub display_hub;
  service::QueueService queue(c.store, c.clock, display_hub);
  services.queue = &queue;
  queue.set_public_limit(o.queue_public_limit, o.kiosk_addresses);
  voice::EspeakSynthesizer synthesizer;
  service::Announcer announcer(c.store, c.clock, &synthesizer);
  services.announcer = &announcer;
  service::AppointmentService appointments(c.store, c.clock, calendar, queue);
  services.appointments = &appointments;
  // Appointment reminders go out the day before, through the receipts' SMTP server.
  std::unique_ptr<service::AppointmentReminders> appointment_reminders;
  if (smtp) {
    appointment_reminders = std::make_unique<service::AppointmentReminders>(
        appointments, *smtp, std::chrono::seconds(2));
    appointment_reminders->start();
  }
  service::QueueStatsService queue_stats(c.store, c.clock);
  services.queue_stats = &queue_stats;
  services.fee_versions = &fee_versions;
  services.payments = &payments;
  services.id_cards = &id_cards;
  services.id_card_stock = &id_card_stock;
  services.booklets = &booklets;
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
  if (notify_worker) notify_worker->stop();
  // A clean stop: everything is in the trail (the queue drained, its journal moved); sign it.
  if (checkpointer) {
    audit_queue.drain();
    if (auto st = checkpointer->stop(); !st.ok()) {
      spdlog::error(R"({{"event":"audit_checkpoint_failed","code":{},"message":{}}})",
                    core::json_string(st.error().code), core::json_string(st.error().message_en));
    }
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
  serve_cmd->add_option("--fees", o->fees_file,
                        "fee schedule file (default data/fees/schedule.txt)");
  serve_cmd
      ->add_option("--document-key", o->document_key,
                   "Ed25519 key file signing issued documents' QR codes (default: DB.document-key "
                   "beside a SQLite file, created on first start)")
      ->envname("HUJI_DOCUMENT_KEY");
  serve_cmd
      ->add_option("--smtp", o->smtp,
                   "SMTP server that e-mails receipts: smtp://host:port (STARTTLS when offered) "
                   "or smtps://host:port; user:password@ to log in")
      ->envname("HUJI_SMTP");
  serve_cmd->add_option("--smtp-from", o->smtp_from, "the receipts' sender address")
      ->capture_default_str();
  serve_cmd->add_option("--rules", o->rules_file,
                        "statutory figures by effective date (default data/rules/statutory.txt)");
  serve_cmd
      ->add_option("--threads", o->server.threads, "worker threads for handlers that use the store")
      ->capture_default_str()
      ->check(CLI::Range(1, 1024));
  serve_cmd
      ->add_option("--io-threads", o->server.io_threads,
                   "I/O threads: read requests, answer lookups (0: one per core)")
      ->capture_default_str()
      ->check(CLI::Range(0, 1024));
  serve_cmd
      ->add_option("--max-connections", o->server.max_connections,
                   "connections open at once (0: what the descriptor limit leaves)")
      ->capture_default_str();
  serve_cmd
      ->add_option("--notify-worker", o->notify_worker,
                   "run the cross-agency notification delivery worker (false: leave the outbox "
                   "to another server)")
      ->capture_default_str();
  serve_cmd
      ->add_option("--notify-poll-ms", o->notify_poll_ms,
                   "how often the delivery worker looks for due notifications (milliseconds; "
                   "a registration's commit also wakes it)")
      ->capture_default_str()
      ->check(CLI::Range(10, 3'600'000));
  serve_cmd
      ->add_option("--notify-lease-ms", o->notify_lease_ms,
                   "how long a notification being sent is leased to this server; after a crash "
                   "it is sent again when the lease ends (milliseconds, more than the 15 s a "
                   "send may take)")
      ->capture_default_str()
      ->check(CLI::Range(16'000, 3'600'000));
  serve_cmd
      ->add_option("--notify-retry-scale", o->notify_retry_scale,
                   "multiplies the notification retry schedule (5 s … 30 h, ten attempts over "
                   "3.4 days) and agency back-off: 1 in service, smaller for tests and drills")
      ->capture_default_str()
      ->check(CLI::Range(0.000001, 1.0));
  serve_cmd
      ->add_option("--calendar-refresh-s", o->calendar_refresh_s,
                   "how often calendar years loaded on another server are taken in (seconds)")
      ->capture_default_str()
      ->check(CLI::Range(1, 86'400));
  add_audit_journal_option(*serve_cmd, o->journal);
  add_audit_signing_options(*serve_cmd, o->audit_key, o->audit_checkpoints);
  serve_cmd
      ->add_option("--audit-checkpoint-entries", o->checkpoint_entries,
                   "sign a checkpoint of the audit trail once it has grown by this many entries")
      ->capture_default_str()
      ->check(CLI::Range(int64_t{1}, int64_t{1'000'000'000}));
  serve_cmd
      ->add_option("--audit-checkpoint-seconds", o->checkpoint_seconds,
                   "… or this long after the last checkpoint (and at every clean stop)")
      ->capture_default_str()
      ->check(CLI::Range(1, 86'400));
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
  serve_cmd
      ->add_option("--verify-checks-per-minute", o->verify.checks_per_minute,
                   "public document checks one client address may make per minute (0: no limit)")
      ->capture_default_str()
      ->check(CLI::Range(0, 1'000'000'000));
  serve_cmd
      ->add_option("--verify-misses", o->verify.misses_per_window,
                   "public checks of codes or PDFs that match no document one client address may "
                   "make per 10 minutes before its checks are refused (0: no limit)")
      ->capture_default_str()
      ->check(CLI::Range(0, 1'000'000'000));
  serve_cmd
      ->add_option("--kiosk-address", o->kiosk_addresses,
                   "a lobby kiosk's client address, exempt from --queue-public-limit "
                   "(repeatable; naming any replaces the loopback defaults)")
      ->capture_default_str();
  serve_cmd
      ->add_option("--queue-public-limit", o->queue_public_limit,
                   "waiting tickets of one service one client address may draw from the kiosk "
                   "or web page (429 queue.too_many beyond)")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  return {serve_cmd, [o](CommandContext& c) { return serve(*o, c); }};
}

}  // namespace huji::cli
