#ifndef HUJI_STORE_SQL_NOTIFICATIONS_H_
#define HUJI_STORE_SQL_NOTIFICATIONS_H_

// Tables notification_consents, notifications (the outbox) and notification_attempts (the
// append-only delivery ledger): service/notification_records.h.

#include <string>

#include "service/notification_records.h"
#include "store/sql/common.h"

namespace huji::store::sql::notifications {

// --- notification_consents
inline constexpr const char* kConsentFields =
    "application_id, agency, channel, recorded_by, recorded_ms";
inline const std::string kInsertConsent =
    join({"INSERT INTO notification_consents (", kConsentFields, ") VALUES ($1,$2,$3,$4,$5)"});
inline const std::string kConsentsOf =
    join({"SELECT ", kConsentFields,
          " FROM notification_consents WHERE application_id = $1 ORDER BY agency"});
// The newest application about person $1 (subject or result subject) with a consent.
inline const std::string kLastConsentsOfPerson =
    join({"SELECT ", kConsentFields,
          " FROM notification_consents WHERE application_id = (SELECT MAX(c.application_id) "
          "FROM notification_consents c JOIN applications a ON a.id = c.application_id "
          "WHERE a.subject_id = $1 OR a.result_subject_id = $1) ORDER BY agency"});

template <typename Statement>
core::Result<service::ConsentRecord> read_consent(const Statement& st) {
  service::ConsentRecord c;
  c.application_id = st.int64(0);
  c.agency = st.text(1);
  c.channel = st.text(2);
  c.recorded_by = st.text(3);
  c.recorded_ms = st.int64(4);
  return c;
}

// --- notifications
// Every column but id, in the order bind() binds them ($2 … $18).
inline constexpr const char* kFields =
    "message_id, application_id, office_code, agency, person_id, kind, event_type, payload, "
    "status, attempts, created_ms, next_attempt_ms, delivered_at_ms, last_http_status, "
    "last_error, version";
inline const std::string kInsert =
    join({"INSERT INTO notifications (", kFields,
          ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16) RETURNING id"});
inline const std::string kFind =
    join({"SELECT id, ", kFields, " FROM notifications WHERE id = $1"});
inline const std::string kOfApplication =
    join({"SELECT id, ", kFields, " FROM notifications WHERE application_id = $1 ORDER BY id"});
// $1 office, $2 status or '', $3 agency or '', $4 before id (0: none), $5 limit.
inline const std::string kList =
    join({"SELECT id, ", kFields,
          " FROM notifications WHERE office_code = $1 AND ($2 = '' OR status = $2) AND "
          "($3 = '' OR agency = $3) AND ($4 = 0 OR id < $4) ORDER BY id DESC LIMIT $5"});
// Due, first in its (agency, person) line, of an agency active and not paused at $1.
inline const std::string kDue =
    join({"SELECT n.id, ",
          "n.message_id, n.application_id, n.office_code, n.agency, n.person_id, "
          "n.kind, n.event_type, n.payload, n.status, n.attempts, n.created_ms, "
          "n.next_attempt_ms, n.delivered_at_ms, n.last_http_status, n.last_error, "
          "n.version",
          " FROM notifications n JOIN agencies g ON g.code = n.agency "
          "WHERE n.status = 'pending' AND n.next_attempt_ms <= $1 AND g.active AND "
          "g.paused_until_ms <= $1 AND NOT EXISTS (SELECT 1 FROM notifications m WHERE "
          "m.agency = n.agency AND m.person_id = n.person_id AND m.id < n.id AND "
          "m.status IN ('pending', 'dead')) ORDER BY n.id LIMIT $2"});
inline const std::string kClaim =
    "UPDATE notifications SET next_attempt_ms = $3, version = version + 1 "
    "WHERE id = $1 AND status = 'pending' AND next_attempt_ms = $2";
inline const std::string kUpdate =
    "UPDATE notifications SET status = $2, attempts = $3, next_attempt_ms = $4, "
    "delivered_at_ms = $5, last_http_status = $6, last_error = $7, version = $8 "
    "WHERE id = $1 AND version = $8 - 1";

template <typename Statement>
Statement& bind(Statement& st, const service::NotificationRecord& n) {
  return st.bind(1, n.message_id)
      .bind(2, n.application_id)
      .bind(3, n.office_code)
      .bind(4, n.agency)
      .bind(5, n.person_id)
      .bind(6, n.kind)
      .bind(7, n.event_type)
      .bind(8, n.payload)
      .bind(9, n.status)
      .bind(10, static_cast<int64_t>(n.attempts))
      .bind(11, n.created_ms)
      .bind(12, n.next_attempt_ms)
      .bind(13, n.delivered_at_ms)
      .bind(14, static_cast<int64_t>(n.last_http_status))
      .bind(15, n.last_error)
      .bind(16, n.version);
}

template <typename Statement>
core::Result<service::NotificationRecord> read(const Statement& st) {
  service::NotificationRecord n;
  n.id = st.int64(0);
  n.message_id = st.text(1);
  n.application_id = st.int64(2);
  n.office_code = st.text(3);
  n.agency = st.text(4);
  n.person_id = st.text(5);
  n.kind = st.text(6);
  n.event_type = st.text(7);
  n.payload = st.text(8);
  n.status = st.text(9);
  n.attempts = static_cast<int>(st.int64(10));
  n.created_ms = st.int64(11);
  n.next_attempt_ms = st.int64(12);
  n.delivered_at_ms = st.int64(13);
  n.last_http_status = static_cast<int>(st.int64(14));
  n.last_error = st.text(15);
  n.version = st.int64(16);
  return n;
}

// --- notification_attempts
inline constexpr const char* kAttemptFields =
    "notification_id, attempt, started_ms, finished_ms, http_status, outcome, error, response, "
    "receipt, by_whom";
inline const std::string kInsertAttempt =
    join({"INSERT INTO notification_attempts (", kAttemptFields,
          ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING id"});
inline const std::string kAttemptsOf =
    join({"SELECT id, ", kAttemptFields,
          " FROM notification_attempts WHERE notification_id = $1 ORDER BY id"});

template <typename Statement>
core::Result<service::AttemptRecord> read_attempt(const Statement& st) {
  service::AttemptRecord a;
  a.id = st.int64(0);
  a.notification_id = st.int64(1);
  a.attempt = static_cast<int>(st.int64(2));
  a.started_ms = st.int64(3);
  a.finished_ms = st.int64(4);
  a.http_status = static_cast<int>(st.int64(5));
  a.outcome = st.text(6);
  a.error = st.text(7);
  a.response = st.text(8);
  a.receipt = st.text(9);
  a.by = st.text(10);
  return a;
}

}  // namespace huji::store::sql::notifications

#endif  // HUJI_STORE_SQL_NOTIFICATIONS_H_
