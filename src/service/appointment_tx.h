#ifndef HUJI_SERVICE_APPOINTMENT_TX_H_
#define HUJI_SERVICE_APPOINTMENT_TX_H_

// The store's side of appointments (issue 20), implemented by both backends beside their
// Transaction (store/sql/appointment_rows.h). A use case reaches it from its Transaction with
// appointment_tx(). It stands outside service/transaction.h, which every service file
// includes, so that adding it rebuilt only what uses it while five branches changed the
// store at once; it may join Transaction's bases when they are merged.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "service/appointment_records.h"
#include "service/transaction.h"

namespace huji::service {

// Appointments (issue 20): each office's booking rules, the bookings and home-visit requests.
class AppointmentTx {
 public:
  virtual ~AppointmentTx() = default;
  // The office's rules as domain::queue::rules_text wrote them; "" when never set.
  virtual core::Result<std::string> appointment_rules_text(const std::string& office) = 0;
  virtual core::Status put_appointment_rules_text(const std::string& office,
                                                  const std::string& text, const std::string& by,
                                                  int64_t at_ms) = 0;
  virtual core::Result<int64_t> insert_appointment(const AppointmentRecord& a) = 0;
  virtual core::Result<std::optional<AppointmentRecord>> find_appointment(int64_t id) = 0;
  virtual core::Result<std::optional<AppointmentRecord>> find_appointment_by_reference(
      const std::string& reference) = 0;
  // Replaces the row if its stored version is a.version - 1; false when it changed meanwhile.
  virtual core::Result<bool> update_appointment(const AppointmentRecord& a) = 0;
  // The office's appointments of `day`, any status, by slot and id.
  virtual core::Result<std::vector<AppointmentRecord>> appointments_of_day(
      const std::string& office, core::Date day) = 0;
  // The person's appointments of `day` at any office, any status.
  virtual core::Result<std::vector<AppointmentRecord>> person_appointments_of_day(
      const std::string& id_number, core::Date day) = 0;
  // The days of the person's no-shows: status no_show, or booked and ended before
  // `overdue_before_ms` (the slot's end + grace has passed without a check-in).
  virtual core::Result<std::vector<core::Date>> no_show_days(const std::string& id_number,
                                                             int64_t overdue_before_ms) = 0;
  // Booked appointments with a reminder pending and due at `now_ms`, at most `limit`.
  virtual core::Result<std::vector<AppointmentRecord>> due_reminders(int64_t now_ms, int limit) = 0;

  virtual core::Result<int64_t> insert_home_visit(const HomeVisitRecord& h) = 0;
  virtual core::Result<std::optional<HomeVisitRecord>> find_home_visit(int64_t id) = 0;
  virtual core::Result<std::optional<HomeVisitRecord>> find_home_visit_by_reference(
      const std::string& reference) = 0;
  virtual core::Result<bool> update_home_visit(const HomeVisitRecord& h) = 0;
  // The office's home visits with status `status` ("" any), by id.
  virtual core::Result<std::vector<HomeVisitRecord>> home_visits(const std::string& office,
                                                                 const std::string& status) = 0;
};

// The appointment side of `tx` (both backends have one).
inline core::Result<AppointmentTx*> appointment_tx(Transaction& tx) {
  auto* a = dynamic_cast<AppointmentTx*>(&tx);
  if (!a) {
    return core::Error::internal("store.no_appointments", "資料庫不支援預約",
                                 "the store has no appointment tables");
  }
  return a;
}

}  // namespace huji::service

#endif  // HUJI_SERVICE_APPOINTMENT_TX_H_
