#ifndef HUJI_STORE_SQL_REMINDERS_H_
#define HUJI_STORE_SQL_REMINDERS_H_

// Table reminders: the office's written reminders (催告) and where each stands.

#include <string>
#include <vector>

#include "service/records.h"
#include "store/sql/common.h"

namespace huji::store::sql::reminders {

// Every column but id, in the order bind() binds them.
inline constexpr const char* kFields =
    "office_code, type, subject_id, event_date, source, addressees, served_on, due, status, "
    "application_id, issued_by, issued_ms, closed_by, closed_ms, version";
inline const std::string kInsert =
    join({"INSERT INTO reminders (", kFields,
          ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15) RETURNING id"});
inline const std::string kById = join({"SELECT id, ", kFields, " FROM reminders WHERE id = $1"});
// Replaces the row ($1 the id, bind() from $2) if its stored version is one less.
inline const std::string kUpdate =
    "UPDATE reminders SET office_code=$2, type=$3, subject_id=$4, event_date=$5, source=$6, "
    "addressees=$7, served_on=$8, due=$9, status=$10, application_id=$11, issued_by=$12, "
    "issued_ms=$13, closed_by=$14, closed_ms=$15, version=$16 "
    "WHERE id = $1 AND version = $16 - 1";
inline const std::string kList =
    join({"SELECT id, ", kFields,
          " FROM reminders WHERE office_code = $1 AND (CAST($2 AS TEXT) IS NULL OR status = $2) "
          "ORDER BY due DESC, id DESC LIMIT $3"});
inline const std::string kOpenOf =
    join({"SELECT id, ", kFields,
          " FROM reminders WHERE office_code = $1 AND subject_id = $2 AND type = $3 AND "
          "status = 'open' ORDER BY id"});

// The addressees as stored: a JSON array of objects.
inline std::string addressees_json(const std::vector<service::ReminderAddressee>& list) {
  nlohmann::json arr = nlohmann::json::array();
  for (const auto& a : list) {
    arr.push_back({{"id_number", a.id_number},
                   {"name", a.name},
                   {"relation", a.relation},
                   {"address", a.address}});
  }
  return arr.dump();
}

inline core::Result<std::vector<service::ReminderAddressee>> addressees_from_json(
    const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_array()) return corrupt("reminders.addressees");
  std::vector<service::ReminderAddressee> out;
  for (const auto& o : j) {
    if (!o.is_object()) return corrupt("reminders.addressees");
    out.push_back({o.value("id_number", ""), o.value("name", ""), o.value("relation", ""),
                   o.value("address", "")});
  }
  return out;
}

// Binds the columns of kFields to $base … $base+14.
template <typename Statement>
Statement& bind(Statement& st, const service::ReminderRecord& r, int base) {
  const int b = base - 1;
  return st.bind(b + 1, r.office_code)
      .bind(b + 2, r.type)
      .bind(b + 3, r.subject_id)
      .bind(b + 4, r.event_date.to_iso())
      .bind(b + 5, r.source)
      .bind(b + 6, addressees_json(r.addressees))
      .bind(b + 7, r.served_on.to_iso())
      .bind(b + 8, r.due.to_iso())
      .bind(b + 9, r.status)
      .bind(b + 10, r.application_id)
      .bind(b + 11, r.issued_by)
      .bind(b + 12, r.issued_ms)
      .bind(b + 13, r.closed_by)
      .bind(b + 14, r.closed_ms)
      .bind(b + 15, r.version);
}

// Reads "id, " + kFields.
template <typename Statement>
core::Result<service::ReminderRecord> read(const Statement& st) {
  service::ReminderRecord r;
  r.id = st.int64(0);
  r.office_code = st.text(1);
  r.type = st.text(2);
  r.subject_id = st.text(3);
  HUJI_ASSIGN_OR_RETURN(r.event_date, date_col(st, 4));
  r.source = st.text(5);
  HUJI_ASSIGN_OR_RETURN(r.addressees, addressees_from_json(st.text(6)));
  HUJI_ASSIGN_OR_RETURN(r.served_on, date_col(st, 7));
  HUJI_ASSIGN_OR_RETURN(r.due, date_col(st, 8));
  r.status = st.text(9);
  r.application_id = st.int64(10);
  r.issued_by = st.text(11);
  r.issued_ms = st.int64(12);
  r.closed_by = st.text(13);
  r.closed_ms = st.int64(14);
  r.version = st.int64(15);
  return r;
}

}  // namespace huji::store::sql::reminders

#endif  // HUJI_STORE_SQL_REMINDERS_H_
