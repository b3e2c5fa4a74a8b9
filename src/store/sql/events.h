#ifndef HUJI_STORE_SQL_EVENTS_H_
#define HUJI_STORE_SQL_EVENTS_H_

// Table events: the register's append-only event log.

#include <string>

#include "domain/register/model.h"
#include "store/sql/common.h"

namespace huji::store::sql::events {

inline constexpr const char* kColumns =
    "seq, type, subject_id, household_no, event_date, registered_on, office_code, data, "
    "corrects_seq";
inline const std::string kAppend =
    "INSERT INTO events (type, subject_id, household_no, event_date, registered_on, "
    "office_code, data, corrects_seq) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING seq";
inline const std::string kOfSubject =
    join({"SELECT ", kColumns, " FROM events WHERE subject_id = $1 ORDER BY seq"});
inline const std::string kScan = join({"SELECT ", kColumns, " FROM events ORDER BY seq"});
// One page of a scan: the events after seq $1, at most $2.
inline const std::string kScanPage =
    join({"SELECT ", kColumns, " FROM events WHERE seq > $1 ORDER BY seq LIMIT $2"});

// Reads kColumns.
template <typename Statement>
core::Result<domain::Event> read(const Statement& st) {
  domain::Event e;
  e.seq = st.int64(0);
  auto type = domain::event_type_from_code(st.text(1));
  if (!type) return corrupt("unknown event type " + st.text(1));
  e.type = *type;
  e.subject_id = st.text(2);
  e.household_no = st.text(3);
  HUJI_ASSIGN_OR_RETURN(e.event_date, date_col(st, 4));
  HUJI_ASSIGN_OR_RETURN(e.registered_on, date_col(st, 5));
  e.office_code = st.text(6);
  auto data = map_from_json(st.text(7));
  if (!data) return corrupt("event data");
  e.data = std::move(*data);
  if (!st.is_null(8)) e.corrects_seq = st.int64(8);
  return e;
}

// Binds kAppend's parameters (all columns but seq).
template <typename Statement>
Statement& bind(Statement& st, const domain::Event& e) {
  st.bind(1, domain::event_type_code(e.type))
      .bind(2, e.subject_id)
      .bind(3, e.household_no)
      .bind(4, e.event_date.to_iso())
      .bind(5, e.registered_on.to_iso())
      .bind(6, e.office_code)
      .bind(7, map_json(e.data));
  if (e.corrects_seq)
    st.bind(8, *e.corrects_seq);
  else
    st.bind_null(8);
  return st;
}

}  // namespace huji::store::sql::events

#endif  // HUJI_STORE_SQL_EVENTS_H_
