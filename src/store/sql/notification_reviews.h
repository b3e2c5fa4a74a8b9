#ifndef HUJI_STORE_SQL_NOTIFICATION_REVIEWS_H_
#define HUJI_STORE_SQL_NOTIFICATION_REVIEWS_H_

// The reads of the notification rates (applications joined with notification_consents and
// agencies), and tables notification_review_samples, notification_review_items and
// notification_anomaly_signoffs: service/notification_review_records.h.

#include <string>

#include "service/notification_review_records.h"
#include "store/sql/common.h"
#include "store/sql/notifications.h"

namespace huji::store::sql::notification_reviews {

// Office $1's registrations counted by the rates, registered on a day in [$2, $3] (ISO text).
inline constexpr const char* kCounted =
    "a.office_code = $1 AND a.registered_on >= $2 AND a.registered_on <= $3 AND "
    "a.status = 'registered' AND a.revoked_by = 0 AND a.type <> 'revocation'";
inline const std::string kFacts =
    join({"SELECT a.id, a.office_code, a.type, a.registered_on, "
          "CASE WHEN a.result_subject_id <> '' THEN a.result_subject_id ELSE a.subject_id END "
          "FROM applications a WHERE ",
          kCounted, " ORDER BY a.registered_on, a.id"});
inline const std::string kFactConsents =
    join({"SELECT c.application_id, c.agency, CASE WHEN c.agency = '' THEN '' "
          "WHEN g.grp IS NULL OR g.grp = '' THEN c.agency ELSE g.grp END, c.channel "
          "FROM notification_consents c JOIN applications a ON a.id = c.application_id "
          "LEFT JOIN agencies g ON g.code = c.agency WHERE ",
          kCounted, " ORDER BY c.application_id, c.agency"});
// Registrations of office $1 registered in [$2, $3] with a consent line or a notification.
inline const std::string kCases =
    "SELECT a.id FROM applications a WHERE a.office_code = $1 AND a.registered_on >= $2 AND "
    "a.registered_on <= $3 AND a.status = 'registered' AND a.type <> 'revocation' AND "
    "(EXISTS (SELECT 1 FROM notification_consents c WHERE c.application_id = a.id) OR "
    "EXISTS (SELECT 1 FROM notifications n WHERE n.application_id = a.id)) ORDER BY a.id";

template <typename Statement>
core::Result<service::NotificationFactRow> read_fact(const Statement& st) {
  service::NotificationFactRow f;
  f.application_id = st.int64(0);
  f.office_code = st.text(1);
  f.type = st.text(2);
  HUJI_ASSIGN_OR_RETURN(f.registered_on, date_col(st, 3));
  f.person_id = st.text(4);
  return f;
}

template <typename Statement>
core::Result<service::FactConsentRow> read_fact_consent(const Statement& st) {
  service::FactConsentRow c;
  c.application_id = st.int64(0);
  c.agency = st.text(1);
  c.group = st.text(2);
  c.channel = st.text(3);
  return c;
}

// --- notification_review_samples and notification_review_items
inline constexpr const char* kSampleFields =
    "office_code, week_start, size, population, seed, drawn_by, drawn_ms, completed_ms";
// No row when the office already has a sample of that week.
inline const std::string kInsertSample =
    join({"INSERT INTO notification_review_samples (", kSampleFields,
          ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT (office_code, week_start) DO NOTHING "
          "RETURNING id"});
inline const std::string kInsertItem =
    "INSERT INTO notification_review_items (sample_id, application_id, finding, note, "
    "recorded_by, recorded_ms) VALUES ($1, $2, '', '', '', 0)";
inline const std::string kSampleById =
    join({"SELECT id, ", kSampleFields, " FROM notification_review_samples WHERE id = $1"});
inline const std::string kSampleByWeek =
    join({"SELECT id, ", kSampleFields,
          " FROM notification_review_samples WHERE office_code = $1 AND week_start = $2"});
inline const std::string kSamples =
    join({"SELECT id, ", kSampleFields,
          " FROM notification_review_samples WHERE office_code = $1 "
          "ORDER BY week_start DESC LIMIT $2"});
inline const std::string kItems =
    "SELECT application_id, finding, note, recorded_by, recorded_ms FROM "
    "notification_review_items WHERE sample_id = $1 ORDER BY application_id";
inline const std::string kSetFinding =
    "UPDATE notification_review_items SET finding = $3, note = $4, recorded_by = $5, "
    "recorded_ms = $6 WHERE sample_id = $1 AND application_id = $2";
inline const std::string kComplete =
    "UPDATE notification_review_samples SET completed_ms = $2 WHERE id = $1";

template <typename Statement>
core::Result<service::NotificationReviewSample> read_sample(const Statement& st) {
  service::NotificationReviewSample s;
  s.id = st.int64(0);
  s.office_code = st.text(1);
  HUJI_ASSIGN_OR_RETURN(s.week_start, date_col(st, 2));
  s.size = static_cast<int>(st.int64(3));
  s.population = st.int64(4);
  s.seed = st.text(5);
  s.drawn_by = st.text(6);
  s.drawn_ms = st.int64(7);
  s.completed_ms = st.int64(8);
  return s;
}

template <typename Statement>
Statement& bind_sample(Statement& st, const service::NotificationReviewSample& s) {
  return st.bind(1, s.office_code)
      .bind(2, s.week_start.to_iso())
      .bind(3, static_cast<int64_t>(s.size))
      .bind(4, s.population)
      .bind(5, s.seed)
      .bind(6, s.drawn_by)
      .bind(7, s.drawn_ms)
      .bind(8, s.completed_ms);
}

template <typename Statement>
core::Result<service::NotificationReviewItem> read_item(const Statement& st) {
  service::NotificationReviewItem i;
  i.application_id = st.int64(0);
  i.finding = st.text(1);
  i.note = st.text(2);
  i.recorded_by = st.text(3);
  i.recorded_ms = st.int64(4);
  return i;
}

// --- anomalies
// Attempts of office $1's notifications that ended in dead letter in [$2, $3).
inline const std::string kDeadLetters =
    "SELECT n.id, n.application_id, n.agency, n.person_id, n.status, t.finished_ms, t.outcome, "
    "t.error FROM notification_attempts t JOIN notifications n ON n.id = t.notification_id "
    "WHERE n.office_code = $1 AND t.outcome IN ('dead', 'gone') AND t.finished_ms >= $2 AND "
    "t.finished_ms < $3 ORDER BY t.finished_ms, t.id";

// Office $1's revocation notices (the notifications of revoked registrations) written in
// [$2, $3).
inline const std::string kRevocationNotices =
    join({"SELECT id, ", notifications::kFields,
          " FROM notifications WHERE office_code = $1 AND kind = 'revocation' AND "
          "created_ms >= $2 AND created_ms < $3 ORDER BY id"});

template <typename Statement>
core::Result<service::DeadLetterRow> read_dead_letter(const Statement& st) {
  service::DeadLetterRow d;
  d.notification_id = st.int64(0);
  d.application_id = st.int64(1);
  d.agency = st.text(2);
  d.person_id = st.text(3);
  d.status = st.text(4);
  d.at_ms = st.int64(5);
  d.outcome = st.text(6);
  d.error = st.text(7);
  return d;
}

inline constexpr const char* kSignoffFields =
    "office_code, month, entries, note, signed_by, signed_ms";
inline const std::string kInsertSignoff =
    join({"INSERT INTO notification_anomaly_signoffs (", kSignoffFields,
          ") VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT (office_code, month) DO NOTHING"});
inline const std::string kFindSignoff =
    join({"SELECT ", kSignoffFields,
          " FROM notification_anomaly_signoffs WHERE office_code = $1 AND month = $2"});

template <typename Statement>
core::Result<service::AnomalySignoff> read_signoff(const Statement& st) {
  service::AnomalySignoff s;
  s.office_code = st.text(0);
  s.month = st.text(1);
  s.entries = static_cast<int>(st.int64(2));
  s.note = st.text(3);
  s.signed_by = st.text(4);
  s.signed_ms = st.int64(5);
  return s;
}

}  // namespace huji::store::sql::notification_reviews

#endif  // HUJI_STORE_SQL_NOTIFICATION_REVIEWS_H_
