#ifndef HUJI_STORE_SQL_APPOINTMENT_ROWS_H_
#define HUJI_STORE_SQL_APPOINTMENT_ROWS_H_

// service::AppointmentTx over the appointment tables (store/sql/appointments.h).

#include <optional>
#include <string>
#include <vector>

#include "service/transaction.h"
#include "store/rows.h"
#include "store/sql/appointments.h"
#include "store/sql/common.h"

namespace huji::store::sql {

template <class Core>
class AppointmentRows : public Core {
 public:
  using Core::Core;
  using Statement = typename Core::Statement;
  using Appointment = service::AppointmentRecord;
  using HomeVisit = service::HomeVisitRecord;

  core::Result<std::string> appointment_rules_text(const std::string& office) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(appointments::kRules));
    st.bind(1, office);
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    return row ? st.text(0) : std::string();
  }

  core::Status put_appointment_rules_text(const std::string& office, const std::string& text,
                                          const std::string& by, int64_t at_ms) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(appointments::kPutRules));
    return st.bind(1, office).bind(2, text).bind(3, by).bind(4, at_ms).run();
  }

  core::Result<int64_t> insert_appointment(const Appointment& a) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(appointments::kInsert));
    appointments::bind_appointment(st, a);
    return returned_id(st);
  }

  core::Result<std::optional<Appointment>> find_appointment(int64_t id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(appointments::kById));
    st.bind(1, id);
    return first_row<Appointment>(st, appointments::read_appointment<Statement>);
  }

  core::Result<std::optional<Appointment>> find_appointment_by_reference(
      const std::string& reference) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(appointments::kByReference));
    st.bind(1, reference);
    return first_row<Appointment>(st, appointments::read_appointment<Statement>);
  }

  core::Result<bool> update_appointment(const Appointment& a) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(appointments::kUpdate));
    HUJI_TRY(appointments::bind_appointment(st, a).bind(25, a.id).run());
    return st.affected() == 1;
  }

  core::Result<std::vector<Appointment>> appointments_of_day(const std::string& office,
                                                             core::Date day) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(appointments::kOfDay));
    st.bind(1, office).bind(2, day.to_iso());
    return collect_rows<Appointment>(st, appointments::read_appointment<Statement>);
  }

  core::Result<std::vector<Appointment>> person_appointments_of_day(const std::string& id_number,
                                                                    core::Date day) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(appointments::kPersonOfDay));
    st.bind(1, id_number).bind(2, day.to_iso());
    return collect_rows<Appointment>(st, appointments::read_appointment<Statement>);
  }

  core::Result<std::vector<core::Date>> no_show_days(const std::string& id_number,
                                                     int64_t overdue_before_ms) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(appointments::kNoShowDays));
    st.bind(1, id_number).bind(2, overdue_before_ms);
    return collect_rows<core::Date>(
        st, [](const Statement& s) -> core::Result<core::Date> { return date_col(s, 0); });
  }

  core::Result<std::vector<Appointment>> due_reminders(int64_t now_ms, int limit) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(appointments::kDueReminders));
    st.bind(1, now_ms).bind(2, limit);
    return collect_rows<Appointment>(st, appointments::read_appointment<Statement>);
  }

  core::Result<int64_t> insert_home_visit(const HomeVisit& h) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(appointments::kInsertVisit));
    appointments::bind_home_visit(st, h);
    return returned_id(st);
  }

  core::Result<std::optional<HomeVisit>> find_home_visit(int64_t id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(appointments::kVisitById));
    st.bind(1, id);
    return first_row<HomeVisit>(st, appointments::read_home_visit<Statement>);
  }

  core::Result<std::optional<HomeVisit>> find_home_visit_by_reference(
      const std::string& reference) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(appointments::kVisitByReference));
    st.bind(1, reference);
    return first_row<HomeVisit>(st, appointments::read_home_visit<Statement>);
  }

  core::Result<bool> update_home_visit(const HomeVisit& h) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(appointments::kUpdateVisit));
    HUJI_TRY(appointments::bind_home_visit(st, h).bind(19, h.id).run());
    return st.affected() == 1;
  }

  core::Result<std::vector<HomeVisit>> home_visits(const std::string& office,
                                                   const std::string& status) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(appointments::kVisits));
    st.bind(1, office).bind(2, status);
    return collect_rows<HomeVisit>(st, appointments::read_home_visit<Statement>);
  }
};

}  // namespace huji::store::sql

#endif  // HUJI_STORE_SQL_APPOINTMENT_ROWS_H_
