#ifndef HUJI_SERVICE_NOTIFICATION_SERVICE_H_
#define HUJI_SERVICE_NOTIFICATION_SERVICE_H_

// Cross-agency notification (跨機關通報, 戶政 N 合一; issue 19, DOMAIN §5).
//
// The citizen's consent is recorded with the application (POST /registrations "notify" or
// "notify_declined"): record_consent() runs in the submitting transaction. Approving the
// registration writes one outbox row per agency the citizen agreed to be notified through the
// system (write_outbox(), in the registering transaction): never a registration without its
// notifications, never a notification without its registration. Registering a revocation
// writes a revocation message to every agency the revoked registration notified.
//
// Each row's payload is frozen when written (Standard Webhooks body: type, timestamp, data),
// holding only the fields the agency may see (domain::notify::minimise). The delivery worker
// (notification_worker.h) sends it; this class is the admin's and clerk's side: agencies,
// delivery status, the dead-letter board, replay and forced retry.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "domain/notify/agency.h"
#include "service/actor.h"
#include "service/notification_records.h"
#include "service/store.h"

namespace huji::service {

// What the registration body says about notification.
struct ConsentInput {
  std::vector<std::string> notify;  // agency codes notified through the system
  bool declined = false;            // "notify_declined": the citizen declined
  // Agencies notified another way (大同's formula): agency code → "other" | "office".
  std::vector<std::pair<std::string, std::string>> elsewhere;
  bool given() const { return declined || !notify.empty() || !elsewhere.empty(); }
};

// Checks `in` for an application of `type` and writes its consent lines (nothing when no
// consent was given). Errors: notification.conflict (notify and declined together),
// notification.unknown_agency, notification.not_received (the agency does not receive the
// type), notification.inactive, notification.duplicate, notification.channel. Consent is
// optional in the API (the counter's screen asks for a choice on every notifiable type).
core::Status record_consent(Transaction& tx, int64_t application_id, const std::string& type,
                            const ConsentInput& in, const std::string& recorded_by, int64_t now_ms);
// The same checks, writing nothing (the preview): the lines record_consent() would write,
// without application, recorder and time.
core::Result<std::vector<ConsentRecord>> consent_lines(NotificationTx& tx, const std::string& type,
                                                       const ConsentInput& in);

// The outbox rows of a registration just registered in `tx` (its events applied): one per
// "system" consent line, payload from the register as it now is. For a revocation
// (`revoked` = the registration it revokes), one revocation message to each agency that
// registration notified. Returns how many rows it wrote.
core::Result<int> write_outbox(Transaction& tx, const ApplicationRecord& a,
                               const ApplicationRecord* revoked, int64_t now_ms);

// An agency as the admin API shows it: the secrets masked, the v1a public key.
struct AgencyView {
  domain::notify::Agency agency;
  std::string public_key;  // whpk_…, "" without v1a
  std::string new_secret;  // a secret the server generated (rotate_secret), shown once
};

struct DeliveryView {
  NotificationRecord notification;
  std::vector<AttemptRecord> attempts;
};

struct RegistrationNotifications {
  std::vector<ConsentRecord> consents;
  std::vector<DeliveryView> deliveries;
};

class NotificationService {
 public:
  NotificationService(Store& store, const core::Clock& clock) : store_(store), clock_(clock) {}

  // Rung (after the commit) when a replay, a forced retry or an agency enabled again makes
  // rows due: the delivery worker's wake() (notification_worker.h).
  void set_outbox_bell(std::function<void()> bell) { outbox_bell_ = std::move(bell); }

  // Admins (kManageAgencies). create: a new agency (conflict agency.exists); `generate_key`
  // gives it a new v1a Ed25519 key.
  core::Result<AgencyView> create_agency(const Actor& actor, const RequestContext& ctx,
                                         domain::notify::Agency in, bool generate_key);
  // Replaces the agency's configuration (version must match); the worker's pause is kept.
  core::Result<AgencyView> update_agency(const Actor& actor, const RequestContext& ctx,
                                         domain::notify::Agency in);
  // Secret rotation: `new_secret` (whsec_) becomes the secret and the current one is kept as
  // previous_secret (both sign) until end_rotation().
  core::Result<AgencyView> rotate_secret(const Actor& actor, const RequestContext& ctx,
                                         const std::string& code, const std::string& new_secret);
  core::Result<AgencyView> end_rotation(const Actor& actor, const RequestContext& ctx,
                                        const std::string& code);
  // Staff: every agency (secrets masked by the HTTP layer).
  core::Result<std::vector<AgencyView>> agencies(const Actor& actor);
  core::Result<AgencyView> agency(const Actor& actor, const std::string& code);

  // Staff of the registration's office: the consent recorded with it and its notifications
  // with their attempts, read in one transaction.
  core::Result<RegistrationNotifications> of_registration(const Actor& actor,
                                                          const RequestContext& ctx,
                                                          int64_t application_id);
  // The counter's defaults: the consent given with the newest application about the person.
  core::Result<std::vector<ConsentRecord>> last_consents(const Actor& actor,
                                                         const RequestContext& ctx,
                                                         const std::string& person_id);
  // Supervisors and admins of the office: the office's notifications (the dead-letter board
  // is status=dead), newest first.
  core::Result<std::vector<NotificationRecord>> list(const Actor& actor, NotificationQuery q);
  core::Result<DeliveryView> get(const Actor& actor, int64_t id);
  // Supervisors and admins: a dead message back to pending with a fresh count of attempts
  // (replay), or a pending one due now (retry). Conflict notification.not_dead /
  // notification.not_pending otherwise. Audited.
  core::Result<NotificationRecord> replay(const Actor& actor, const RequestContext& ctx,
                                          int64_t id);
  core::Result<NotificationRecord> retry(const Actor& actor, const RequestContext& ctx, int64_t id);

 private:
  core::Result<NotificationRecord> reschedule(const Actor& actor, const RequestContext& ctx,
                                              int64_t id, bool replay);
  void ring() const {
    if (outbox_bell_) outbox_bell_();
  }
  Store& store_;
  const core::Clock& clock_;
  std::function<void()> outbox_bell_;
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_NOTIFICATION_SERVICE_H_
