#ifndef HUJI_STORE_SQL_APPOINTMENTS_H_
#define HUJI_STORE_SQL_APPOINTMENTS_H_

// Tables appointment_settings, appointments and home_visits (issue 20;
// service/appointment_records.h).

#include <string>

#include "service/appointment_records.h"
#include "store/sql/common.h"

namespace huji::store::sql::appointments {

inline const std::string kRules = "SELECT rules FROM appointment_settings WHERE office_code = $1";
inline const std::string kPutRules =
    "INSERT INTO appointment_settings (office_code, rules, updated_by, updated_ms) "
    "VALUES ($1,$2,$3,$4) ON CONFLICT (office_code) DO UPDATE SET rules = excluded.rules, "
    "updated_by = excluded.updated_by, updated_ms = excluded.updated_ms";

// Every appointment column but id, in the order bind_appointment() binds them.
inline constexpr const char* kFields =
    "office_code, reference, secret_hash, kind, service, day, start_min, slot_ms, slot_end_ms, "
    "name, id_number, phone, email, topic, source, status, ticket_id, created_ms, created_by, "
    "updated_ms, reminder_status, reminder_attempts, reminder_due_ms, version";
inline const std::string kInsert =
    join({"INSERT INTO appointments (", kFields,
          ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,"
          "$22,$23,$24) RETURNING id"});
inline const std::string kById = join({"SELECT id, ", kFields, " FROM appointments WHERE id = $1"});
inline const std::string kByReference =
    join({"SELECT id, ", kFields, " FROM appointments WHERE reference = $1"});
// $25 the id: only if the stored version is one less.
inline const std::string kUpdate =
    "UPDATE appointments SET office_code=$1, reference=$2, secret_hash=$3, kind=$4, service=$5, "
    "day=$6, start_min=$7, slot_ms=$8, slot_end_ms=$9, name=$10, id_number=$11, phone=$12, "
    "email=$13, topic=$14, source=$15, status=$16, ticket_id=$17, created_ms=$18, "
    "created_by=$19, updated_ms=$20, reminder_status=$21, reminder_attempts=$22, "
    "reminder_due_ms=$23, version=$24 WHERE id = $25 AND version = $24 - 1";
inline const std::string kOfDay =
    join({"SELECT id, ", kFields,
          " FROM appointments WHERE office_code = $1 AND day = $2 ORDER BY slot_ms, id"});
inline const std::string kPersonOfDay =
    join({"SELECT id, ", kFields,
          " FROM appointments WHERE id_number = $1 AND day = $2 ORDER BY slot_ms, id"});
inline const std::string kNoShowDays =
    "SELECT day FROM appointments WHERE id_number = $1 AND (status = 'no_show' OR "
    "(status = 'booked' AND slot_end_ms < $2)) ORDER BY day";
inline const std::string kDueReminders =
    join({"SELECT id, ", kFields,
          " FROM appointments WHERE reminder_status = 'pending' AND reminder_due_ms <= $1 "
          "AND status = 'booked' ORDER BY reminder_due_ms, id LIMIT $2"});

inline constexpr const char* kVisitFields =
    "office_code, reference, secret_hash, name, id_number, phone, email, address, reason, "
    "detail, status, visits, scheduled_ms, staff_note, created_ms, updated_by, updated_ms, "
    "version";
inline const std::string kInsertVisit =
    join({"INSERT INTO home_visits (", kVisitFields,
          ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18) "
          "RETURNING id"});
inline const std::string kVisitById =
    join({"SELECT id, ", kVisitFields, " FROM home_visits WHERE id = $1"});
inline const std::string kVisitByReference =
    join({"SELECT id, ", kVisitFields, " FROM home_visits WHERE reference = $1"});
inline const std::string kUpdateVisit =
    "UPDATE home_visits SET office_code=$1, reference=$2, secret_hash=$3, name=$4, "
    "id_number=$5, phone=$6, email=$7, address=$8, reason=$9, detail=$10, status=$11, "
    "visits=$12, scheduled_ms=$13, staff_note=$14, created_ms=$15, updated_by=$16, "
    "updated_ms=$17, version=$18 WHERE id = $19 AND version = $18 - 1";
inline const std::string kVisits =
    join({"SELECT id, ", kVisitFields,
          " FROM home_visits WHERE office_code = $1 AND ($2 = '' OR status = $2) ORDER BY id"});

template <typename Statement>
Statement& bind_appointment(Statement& st, const service::AppointmentRecord& a) {
  return st.bind(1, a.office_code)
      .bind(2, a.reference)
      .bind(3, a.secret_hash)
      .bind(4, a.kind)
      .bind(5, a.service)
      .bind(6, a.day.to_iso())
      .bind(7, int64_t{a.start_min})
      .bind(8, a.slot_ms)
      .bind(9, a.slot_end_ms)
      .bind(10, a.name)
      .bind(11, a.id_number)
      .bind(12, a.phone)
      .bind(13, a.email)
      .bind(14, a.topic)
      .bind(15, a.source)
      .bind(16, a.status)
      .bind(17, a.ticket_id)
      .bind(18, a.created_ms)
      .bind(19, a.created_by)
      .bind(20, a.updated_ms)
      .bind(21, a.reminder_status)
      .bind(22, int64_t{a.reminder_attempts})
      .bind(23, a.reminder_due_ms)
      .bind(24, a.version);
}

// Reads "id, " + kFields.
template <typename Statement>
core::Result<service::AppointmentRecord> read_appointment(const Statement& st) {
  service::AppointmentRecord a;
  a.id = st.int64(0);
  a.office_code = st.text(1);
  a.reference = st.text(2);
  a.secret_hash = st.text(3);
  a.kind = st.text(4);
  a.service = st.text(5);
  HUJI_ASSIGN_OR_RETURN(a.day, date_col(st, 6));
  a.start_min = static_cast<int>(st.int64(7));
  a.slot_ms = st.int64(8);
  a.slot_end_ms = st.int64(9);
  a.name = st.text(10);
  a.id_number = st.text(11);
  a.phone = st.text(12);
  a.email = st.text(13);
  a.topic = st.text(14);
  a.source = st.text(15);
  a.status = st.text(16);
  a.ticket_id = st.int64(17);
  a.created_ms = st.int64(18);
  a.created_by = st.text(19);
  a.updated_ms = st.int64(20);
  a.reminder_status = st.text(21);
  a.reminder_attempts = static_cast<int>(st.int64(22));
  a.reminder_due_ms = st.int64(23);
  a.version = st.int64(24);
  return a;
}

template <typename Statement>
Statement& bind_home_visit(Statement& st, const service::HomeVisitRecord& h) {
  return st.bind(1, h.office_code)
      .bind(2, h.reference)
      .bind(3, h.secret_hash)
      .bind(4, h.name)
      .bind(5, h.id_number)
      .bind(6, h.phone)
      .bind(7, h.email)
      .bind(8, h.address)
      .bind(9, h.reason)
      .bind(10, h.detail)
      .bind(11, h.status)
      .bind(12, int64_t{h.visits})
      .bind(13, h.scheduled_ms)
      .bind(14, h.staff_note)
      .bind(15, h.created_ms)
      .bind(16, h.updated_by)
      .bind(17, h.updated_ms)
      .bind(18, h.version);
}

// Reads "id, " + kVisitFields.
template <typename Statement>
core::Result<service::HomeVisitRecord> read_home_visit(const Statement& st) {
  service::HomeVisitRecord h;
  h.id = st.int64(0);
  h.office_code = st.text(1);
  h.reference = st.text(2);
  h.secret_hash = st.text(3);
  h.name = st.text(4);
  h.id_number = st.text(5);
  h.phone = st.text(6);
  h.email = st.text(7);
  h.address = st.text(8);
  h.reason = st.text(9);
  h.detail = st.text(10);
  h.status = st.text(11);
  h.visits = static_cast<int>(st.int64(12));
  h.scheduled_ms = st.int64(13);
  h.staff_note = st.text(14);
  h.created_ms = st.int64(15);
  h.updated_by = st.text(16);
  h.updated_ms = st.int64(17);
  h.version = st.int64(18);
  return h;
}

}  // namespace huji::store::sql::appointments

#endif  // HUJI_STORE_SQL_APPOINTMENTS_H_
