// huji routes: the HTTP route table as JSON, {"routes":[{"method","path"}…]} — what
// docs/openapi.yaml is checked against (tests/http/openapi.test.mjs). Needs no database: the
// routes are built over services on a NoStore, and never called.

#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "core/calendar.h"
#include "http/routes.h"
#include "render/letter.h"
#include "render/receipt.h"
#include "render/seal_certificate.h"
#include "render/temporary_certificate.h"
#include "service/audit.h"
#include "service/auth_service.h"
#include "service/calendar_service.h"
#include "service/nationality_service.h"
#include "service/person_service.h"
#include "service/registration_service.h"
#include "service/rules_service.h"

namespace huji::cli {
namespace {

int print_routes(CommandContext& c) {
  service::Store& store = c.store;
  const core::Clock& clock = c.clock;
  core::SharedCalendar calendar;
  domain::SharedRuleBook rules;
  service::RegistrationService registrations(store, clock, calendar, rules);
  service::AuthService auth(store, clock);
  service::PersonService persons(store, clock);
  service::AuditService audit(store, clock);
  service::NationalityService nationality(store, clock, calendar, rules);
  service::CalendarService calendars(store, clock, calendar, core::WorkingCalendar());
  service::RulesService rule_versions(store, clock, rules, {});
  render::PdfLetterRenderer letters;
  service::ReminderService reminders(store, clock, calendar, rules, letters);
  service::CareListService care_lists(store, clock, rules);
  http::Services services{store,     clock,         calendar,    auth,      persons,
                          audit,     registrations, nationality, calendars, rule_versions,
                          reminders, care_lists,    nullptr};
  domain::SharedFeeSchedule fees;
  const service::DocumentSigner document_signer = service::DocumentSigner::generate();
  services.fees = &fees;
  services.document_signer = &document_signer;
  render::PdfSealCertificateRenderer seal_certificates;
  service::SealService seals(store, clock, fees, document_signer, seal_certificates);
  services.seals = &seals;
  service::NotificationService notifications(store, clock);
  services.notifications = &notifications;
  service::InboundService inbound(store, clock, calendar);
  services.inbound = &inbound;
  service::NotificationKpiService notification_kpi(store, clock, rules);
  services.notification_kpi = &notification_kpi;
  service::DisplayHub display_hub;
  service::QueueService queue(store, clock, display_hub);
  services.queue = &queue;
  service::Announcer announcer(store, clock, nullptr);
  services.announcer = &announcer;
  service::AppointmentService appointments(store, clock, calendar, queue);
  services.appointments = &appointments;
  service::QueueStatsService queue_stats(store, clock);
  services.queue_stats = &queue_stats;
  service::FeeService fee_versions(store, clock, fees, {});
  render::PdfReceiptRenderer receipt_renderer;
  service::PaymentService payments(store, clock, fees, document_signer, receipt_renderer);
  services.fee_versions = &fee_versions;
  services.payments = &payments;
  render::PdfTemporaryCertificateRenderer certificates;
  service::IdCardService id_cards(store, clock, fees, &document_signer, &certificates);
  service::IdCardStockService id_card_stock(store, clock, calendar);
  service::BookletService booklets(store, clock, fees);
  services.id_cards = &id_cards;
  services.id_card_stock = &id_card_stock;
  services.booklets = &booklets;
  const http::Routes routes = http::api_routes(http::ServerConfig{}, services);
  nlohmann::json list = nlohmann::json::array();
  for (const http::RouteInfo& r : routes.list()) {
    list.push_back({{"method", std::string(http::method_name(r.method))}, {"path", r.pattern}});
  }
  std::cout << nlohmann::json{{"routes", std::move(list)}}.dump() << "\n";
  return 0;
}

}  // namespace

Command add_routes_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("routes", "print the HTTP route table as JSON");
  return {cmd, [](CommandContext& c) { return print_routes(c); }, /*needs_store=*/false};
}

}  // namespace huji::cli
