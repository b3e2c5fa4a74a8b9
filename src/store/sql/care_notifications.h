#ifndef HUJI_STORE_SQL_CARE_NOTIFICATIONS_H_
#define HUJI_STORE_SQL_CARE_NOTIFICATIONS_H_

// Table care_notifications: notifications of the proactive-care lists (主動關懷通報),
// append-only.

#include <string>

#include "service/records.h"
#include "store/sql/common.h"

namespace huji::store::sql::care_notifications {

// Every column but id, in the order bind() binds them.
inline constexpr const char* kFields =
    "office_code, application_id, action, sent_on, agency, channel, reference, reason, "
    "replaces, recorded_by, recorded_ms";
inline const std::string kInsert =
    join({"INSERT INTO care_notifications (", kFields,
          ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) RETURNING id"});
inline const std::string kOfApplication = join(
    {"SELECT id, ", kFields, " FROM care_notifications WHERE application_id = $1 ORDER BY id"});
// Office $1's applications registered on a day in [$2, $3] (index
// applications_office_registered, then care_notifications_replaces).
inline const std::string kRegistered =
    join({"SELECT id, ", kFields,
          " FROM care_notifications WHERE application_id IN (SELECT id FROM applications WHERE "
          "office_code = $1 AND registered_on >= $2 AND registered_on <= $3) ORDER BY id"});

// Binds the columns of kFields to $1 … $11.
template <typename Statement>
Statement& bind(Statement& st, const service::CareNotification& n) {
  return st.bind(1, n.office_code)
      .bind(2, n.application_id)
      .bind(3, n.action)
      .bind(4, opt_date_text(n.sent_on))
      .bind(5, n.agency)
      .bind(6, n.channel)
      .bind(7, n.reference)
      .bind(8, n.reason)
      .bind(9, n.replaces)
      .bind(10, n.recorded_by)
      .bind(11, n.recorded_ms);
}

// Reads "id, " + kFields.
template <typename Statement>
core::Result<service::CareNotification> read(const Statement& st) {
  service::CareNotification n;
  n.id = st.int64(0);
  n.office_code = st.text(1);
  n.application_id = st.int64(2);
  n.action = st.text(3);
  HUJI_ASSIGN_OR_RETURN(n.sent_on, opt_date_col(st, 4));
  n.agency = st.text(5);
  n.channel = st.text(6);
  n.reference = st.text(7);
  n.reason = st.text(8);
  n.replaces = st.int64(9);
  n.recorded_by = st.text(10);
  n.recorded_ms = st.int64(11);
  return n;
}

}  // namespace huji::store::sql::care_notifications

#endif  // HUJI_STORE_SQL_CARE_NOTIFICATIONS_H_
