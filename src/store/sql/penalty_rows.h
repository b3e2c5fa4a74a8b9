#ifndef HUJI_STORE_SQL_PENALTY_ROWS_H_
#define HUJI_STORE_SQL_PENALTY_ROWS_H_

// service::PenaltyTx over tables reminders and penalty_decisions.

#include <optional>
#include <string>
#include <vector>

#include "service/transaction.h"
#include "store/rows.h"
#include "store/sql/common.h"
#include "store/sql/penalty_decisions.h"
#include "store/sql/reminders.h"

namespace huji::store::sql {

template <class Core>
class PenaltyRows : public Core {
 public:
  using Core::Core;
  using Statement = typename Core::Statement;

  core::Result<int64_t> insert_reminder(const service::ReminderRecord& r) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(reminders::kInsert));
    reminders::bind(st, r, 1);
    return returned_id(st);
  }

  core::Result<std::optional<service::ReminderRecord>> find_reminder(int64_t id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(reminders::kById));
    st.bind(1, id);
    return first_row<service::ReminderRecord>(st, reminders::read<Statement>);
  }

  core::Result<bool> update_reminder(const service::ReminderRecord& r) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(reminders::kUpdate));
    reminders::bind(st, r, 2).bind(1, r.id);
    HUJI_TRY(st.run());
    return st.affected() == 1;
  }

  core::Result<std::vector<service::ReminderRecord>> list_reminders(
      const service::ReminderQuery& q) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(reminders::kList));
    st.bind(1, q.office_code);
    if (q.status)
      st.bind(2, *q.status);
    else
      st.bind_null(2);
    st.bind(3, static_cast<int64_t>(q.limit));
    return collect_rows<service::ReminderRecord>(st, reminders::read<Statement>);
  }

  core::Result<std::vector<service::ReminderRecord>> open_reminders_of(
      const std::string& office_code, const std::string& subject_id,
      const std::string& type) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(reminders::kOpenOf));
    st.bind(1, office_code).bind(2, subject_id).bind(3, type);
    return collect_rows<service::ReminderRecord>(st, reminders::read<Statement>);
  }

  core::Result<int64_t> insert_penalty(const service::PenaltyDecision& p) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(penalty_decisions::kInsert));
    penalty_decisions::bind(st, p, 1);
    return returned_id(st);
  }

  core::Result<std::optional<service::PenaltyDecision>> find_penalty(int64_t id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(penalty_decisions::kById));
    st.bind(1, id);
    return first_row<service::PenaltyDecision>(st, penalty_decisions::read<Statement>);
  }

  core::Result<bool> update_penalty(const service::PenaltyDecision& p) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(penalty_decisions::kUpdate));
    penalty_decisions::bind(st, p, 2).bind(1, p.id);
    HUJI_TRY(st.run());
    return st.affected() == 1;
  }

  core::Result<std::vector<service::PenaltyDecision>> penalties_of_application(
      int64_t application_id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(penalty_decisions::kOfApplication));
    st.bind(1, application_id);
    return collect_rows<service::PenaltyDecision>(st, penalty_decisions::read<Statement>);
  }

  core::Result<std::vector<service::PenaltyDecision>> penalties_of_reminder(
      int64_t reminder_id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(penalty_decisions::kOfReminder));
    st.bind(1, reminder_id);
    return collect_rows<service::PenaltyDecision>(st, penalty_decisions::read<Statement>);
  }
};

}  // namespace huji::store::sql

#endif  // HUJI_STORE_SQL_PENALTY_ROWS_H_
