#ifndef HUJI_STORE_SQL_NOTIFICATION_ROWS_H_
#define HUJI_STORE_SQL_NOTIFICATION_ROWS_H_

// service::NotificationTx over tables agencies, notification_consents, notifications and
// notification_attempts.

#include <string>
#include <vector>

#include "service/transaction.h"
#include "store/rows.h"
#include "store/sql/agencies.h"
#include "store/sql/common.h"
#include "store/sql/notifications.h"

namespace huji::store::sql {

template <class Core>
class NotificationRows : public Core {
 public:
  using Core::Core;
  using Statement = typename Core::Statement;

  core::Status insert_agency(const domain::notify::Agency& a) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(agencies::kInsert));
    return agencies::bind(st, a).run();
  }

  core::Result<bool> update_agency(const domain::notify::Agency& a) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(agencies::kUpdate));
    HUJI_TRY(agencies::bind(st, a).run());
    return st.affected() == 1;
  }

  core::Result<std::optional<domain::notify::Agency>> find_agency(
      const std::string& code) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(agencies::kFind));
    st.bind(1, code);
    return first_row<domain::notify::Agency>(st, agencies::read<Statement>);
  }

  core::Result<std::vector<domain::notify::Agency>> list_agencies() override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(agencies::kList));
    return collect_rows<domain::notify::Agency>(st, agencies::read<Statement>);
  }

  core::Status pause_agency(const std::string& code, int64_t until_ms) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(agencies::kPause));
    return st.bind(1, code).bind(2, until_ms).run();
  }

  core::Status insert_consents(const std::vector<service::ConsentRecord>& consents) override {
    for (const auto& c : consents) {
      HUJI_ASSIGN_OR_RETURN(auto st, this->prep(notifications::kInsertConsent));
      HUJI_TRY(st.bind(1, c.application_id)
                   .bind(2, c.agency)
                   .bind(3, c.channel)
                   .bind(4, c.recorded_by)
                   .bind(5, c.recorded_ms)
                   .run());
    }
    return {};
  }

  core::Result<std::vector<service::ConsentRecord>> consents_of(int64_t application_id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(notifications::kConsentsOf));
    st.bind(1, application_id);
    return collect_rows<service::ConsentRecord>(st, notifications::read_consent<Statement>);
  }

  core::Result<std::vector<service::ConsentRecord>> last_consents_of_person(
      const std::string& person_id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(notifications::kLastConsentsOfPerson));
    st.bind(1, person_id);
    return collect_rows<service::ConsentRecord>(st, notifications::read_consent<Statement>);
  }

  core::Result<int64_t> insert_notification(const service::NotificationRecord& n) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(notifications::kInsert));
    notifications::bind(st, n);
    return returned_id(st);
  }

  core::Result<std::optional<service::NotificationRecord>> find_notification(int64_t id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(notifications::kFind));
    st.bind(1, id);
    return first_row<service::NotificationRecord>(st, notifications::read<Statement>);
  }

  core::Result<std::vector<service::NotificationRecord>> notifications_of_application(
      int64_t application_id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(notifications::kOfApplication));
    st.bind(1, application_id);
    return collect_rows<service::NotificationRecord>(st, notifications::read<Statement>);
  }

  core::Result<std::vector<service::NotificationRecord>> list_notifications(
      const service::NotificationQuery& q) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(notifications::kList));
    st.bind(1, q.office)
        .bind(2, q.status.value_or(""))
        .bind(3, q.agency.value_or(""))
        .bind(4, q.before_id.value_or(0))
        .bind(5, static_cast<int64_t>(q.limit));
    return collect_rows<service::NotificationRecord>(st, notifications::read<Statement>);
  }

  core::Result<std::vector<service::NotificationRecord>> due_notifications(int64_t now_ms,
                                                                           int limit) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(notifications::kDue));
    st.bind(1, now_ms).bind(2, static_cast<int64_t>(limit));
    return collect_rows<service::NotificationRecord>(st, notifications::read<Statement>);
  }

  core::Result<bool> claim_notification(int64_t id, int64_t due_ms, int64_t lease_ms) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(notifications::kClaim));
    HUJI_TRY(st.bind(1, id).bind(2, due_ms).bind(3, lease_ms).run());
    return st.affected() == 1;
  }

  core::Result<bool> update_notification(const service::NotificationRecord& n) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(notifications::kUpdate));
    HUJI_TRY(st.bind(1, n.id)
                 .bind(2, n.status)
                 .bind(3, static_cast<int64_t>(n.attempts))
                 .bind(4, n.next_attempt_ms)
                 .bind(5, n.delivered_at_ms)
                 .bind(6, static_cast<int64_t>(n.last_http_status))
                 .bind(7, n.last_error)
                 .bind(8, n.version)
                 .run());
    return st.affected() == 1;
  }

  core::Result<int64_t> insert_attempt(const service::AttemptRecord& a) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(notifications::kInsertAttempt));
    st.bind(1, a.notification_id)
        .bind(2, static_cast<int64_t>(a.attempt))
        .bind(3, a.started_ms)
        .bind(4, a.finished_ms)
        .bind(5, static_cast<int64_t>(a.http_status))
        .bind(6, a.outcome)
        .bind(7, a.error)
        .bind(8, a.response)
        .bind(9, a.receipt)
        .bind(10, a.by);
    return returned_id(st);
  }

  core::Result<std::vector<service::AttemptRecord>> attempts_of(int64_t notification_id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(notifications::kAttemptsOf));
    st.bind(1, notification_id);
    return collect_rows<service::AttemptRecord>(st, notifications::read_attempt<Statement>);
  }
};

}  // namespace huji::store::sql

#endif  // HUJI_STORE_SQL_NOTIFICATION_ROWS_H_
