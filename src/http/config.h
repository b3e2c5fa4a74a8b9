#ifndef HUJI_HTTP_CONFIG_H_
#define HUJI_HTTP_CONFIG_H_

// What the HTTP edge is configured with (`huji serve`'s options) and the services its routes
// call.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/clock.h"
#include "domain/documents/fee_schedule.h"
#include "service/announcer.h"
#include "service/appointment_service.h"
#include "service/audit.h"
#include "service/auth_service.h"
#include "service/booklet_service.h"
#include "service/calendar_service.h"
#include "service/care_list_service.h"
#include "service/document_registry.h"
#include "service/document_verification.h"
#include "service/fee_service.h"
#include "service/id_card_service.h"
#include "service/id_card_stock_service.h"
#include "service/inbound_service.h"
#include "service/nationality_service.h"
#include "service/notification_kpi.h"
#include "service/notification_service.h"
#include "service/payment_service.h"
#include "service/person_service.h"
#include "service/queue_service.h"
#include "service/queue_stats.h"
#include "service/registration_service.h"
#include "service/reminder_service.h"
#include "service/rules_service.h"
#include "service/seal_service.h"
#include "service/store.h"
#include "service/transcript_service.h"

namespace huji::service {
class AuditQueue;
}

namespace huji::http {

struct ServerConfig {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0 picks a free port (printed at start)
  std::string web_root;  // built front end (web/dist); empty serves none
  // Handlers that use the store run on `threads` workers (a write waits there for its group
  // commit); `io_threads` (0: one per core) read requests, run pure computations and person
  // lookups (whose audit entries are awaited without holding a thread) and send answers.
  size_t threads = 16;
  size_t io_threads = 0;
  size_t max_json_body = size_t{64} * 1024;  // larger bodies get 413
  size_t max_document_body = 5 << 20;        // attached documents (PDF, JPEG, PNG)
  // Connections open at once; 0: what the descriptor limit leaves (server.cc).
  size_t max_connections = 0;
  // Reverse proxies whose X-Forwarded-For names the client (login throttling counts by the
  // client's address); from any other peer the header is ignored.
  std::vector<std::string> trusted_proxies;
};

struct Services {
  service::Store& store;
  const core::Clock& clock;
  const core::SharedCalendar& calendar;  // read through a snapshot (get())
  service::AuthService& auth;
  service::PersonService& persons;
  service::AuditService& audit;
  service::RegistrationService& registrations;
  service::NationalityService& nationality;
  service::CalendarService& calendars;
  service::RulesService& rules;
  service::ReminderService& reminders;
  service::CareListService& care_lists;
  // Drained before the server's I/O threads go away: its completions answer requests.
  service::AuditQueue* audit_queue = nullptr;
  // Documents (issue 18). Set after construction (services.fees = &fees;), as later areas'
  // services are: one line each, never a change to the positional list above.
  const domain::SharedFeeSchedule* fees = nullptr;
  const service::DocumentSigner* document_signer = nullptr;
  service::VerificationService* verification = nullptr;  // public checks (routes/verify.cc)
  // The seal register (issue 18 item 5); set after construction (services.seals = &seals).
  service::SealService* seals = nullptr;
  service::FeeService* fee_versions = nullptr;
  service::PaymentService* payments = nullptr;
  service::IdCardService* id_cards = nullptr;
  service::IdCardStockService* id_card_stock = nullptr;
  service::BookletService* booklets = nullptr;
  // Whether the listener accepts connections: false while accepts fail (out of descriptors)
  // and once the server is stopping (server.cc, accept_guard.h).
  std::atomic<bool> listener_accepting{true};
  // Household transcripts (issue 18), set after construction by the commands that serve.
  service::TranscriptService* transcripts = nullptr;
  // Cross-agency notification (issue 19): agencies, delivery status, the dead-letter board.
  service::NotificationService* notifications = nullptr;
  // Inbound feeds (issue 19 item 5): imports, clerk cases, anomalies.
  service::InboundService* inbound = nullptr;
  // Notification KPIs and audit (issue 19 item 6): the rates, weekly review, anomaly log.
  service::NotificationKpiService* notification_kpi = nullptr;
  // The counter queue and lobby display (issue 20).
  service::QueueService* queue = nullptr;
  // The lobby's voice: announcements and recorded clips (issue 20 item 5).
  service::Announcer* announcer = nullptr;
  // Appointments, home visits and director meetings (issue 20).
  service::AppointmentService* appointments = nullptr;
  // The lobby's statistics (issue 20 item 6).
  service::QueueStatsService* queue_stats = nullptr;
};

}  // namespace huji::http

#endif  // HUJI_HTTP_CONFIG_H_
