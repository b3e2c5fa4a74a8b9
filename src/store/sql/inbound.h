#ifndef HUJI_STORE_SQL_INBOUND_H_
#define HUJI_STORE_SQL_INBOUND_H_

// Tables inbound_files and inbound_records: inbound feed files (外機關通報) and their records,
// cases and anomalies (service/inbound_records.h).

#include <string>

#include "service/inbound_records.h"
#include "store/sql/common.h"

namespace huji::store::sql::inbound {

// Every column but id, in the order bind_file() binds them.
inline constexpr const char* kFileFields =
    "feed, sha256, filename, office_code, imported_by, imported_ms, received_on, records, "
    "new_cases, unchanged, superseded, anomalies, closed";
inline const std::string kInsertFile =
    join({"INSERT INTO inbound_files (", kFileFields,
          ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13) RETURNING id"});
inline const std::string kFileBySha =
    join({"SELECT id, ", kFileFields, " FROM inbound_files WHERE feed = $1 AND sha256 = $2"});
inline const std::string kFilesOfOffice =
    join({"SELECT id, ", kFileFields,
          " FROM inbound_files WHERE office_code = $1 ORDER BY id DESC LIMIT $2"});

// Every column but id, in the order bind_record() binds them.
inline constexpr const char* kRecordFields =
    "file_id, feed, record_id, line, id_number, name, event, event_date, reference, kind, "
    "anomaly, office_code, received_on, due_on, status, closed_by_application, close_note, "
    "closed_by, closed_ms, version";
inline const std::string kInsertRecord =
    join({"INSERT INTO inbound_records (", kRecordFields,
          ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20) "
          "RETURNING id"});
inline const std::string kRecordById =
    join({"SELECT id, ", kRecordFields, " FROM inbound_records WHERE id = $1"});
inline const std::string kRecordBySender = join(
    {"SELECT id, ", kRecordFields, " FROM inbound_records WHERE feed = $1 AND record_id = $2"});
// A case's closing ($1 the id): only if its stored version is one less.
inline const std::string kCloseRecord =
    "UPDATE inbound_records SET status = $2, closed_by_application = $3, close_note = $4, "
    "closed_by = $5, closed_ms = $6, version = $7 WHERE id = $1 AND version = $7 - 1";
inline const std::string kList =
    join({"SELECT id, ", kRecordFields,
          " FROM inbound_records WHERE office_code = $1 AND kind = $2 AND ($3 = '' OR status = $3) "
          "AND ($4 = '' OR feed = $4) AND ($5 = '' OR event = $5) AND received_on >= $6 AND "
          "received_on <= $7 ORDER BY id DESC LIMIT $8"});
inline const std::string kOpenCasesOf =
    join({"SELECT id, ", kRecordFields,
          " FROM inbound_records WHERE id_number = $1 AND event = $2 AND kind = 'case' AND "
          "status = 'open' ORDER BY id"});

template <typename Statement>
Statement& bind_file(Statement& st, const service::InboundFile& f) {
  return st.bind(1, f.feed)
      .bind(2, f.sha256)
      .bind(3, f.filename)
      .bind(4, f.office_code)
      .bind(5, f.imported_by)
      .bind(6, f.imported_ms)
      .bind(7, f.received_on.to_iso())
      .bind(8, f.records)
      .bind(9, f.new_cases)
      .bind(10, f.unchanged)
      .bind(11, f.superseded)
      .bind(12, f.anomalies)
      .bind(13, f.closed);
}

// Reads "id, " + kFileFields.
template <typename Statement>
core::Result<service::InboundFile> read_file(const Statement& st) {
  service::InboundFile f;
  f.id = st.int64(0);
  f.feed = st.text(1);
  f.sha256 = st.text(2);
  f.filename = st.text(3);
  f.office_code = st.text(4);
  f.imported_by = st.text(5);
  f.imported_ms = st.int64(6);
  HUJI_ASSIGN_OR_RETURN(f.received_on, date_col(st, 7));
  f.records = static_cast<int>(st.int64(8));
  f.new_cases = static_cast<int>(st.int64(9));
  f.unchanged = static_cast<int>(st.int64(10));
  f.superseded = static_cast<int>(st.int64(11));
  f.anomalies = static_cast<int>(st.int64(12));
  f.closed = static_cast<int>(st.int64(13));
  return f;
}

template <typename Statement>
Statement& bind_record(Statement& st, const service::InboundRecord& r) {
  return st.bind(1, r.file_id)
      .bind(2, r.feed)
      .bind(3, r.record_id)
      .bind(4, r.line)
      .bind(5, r.id_number)
      .bind(6, r.name)
      .bind(7, r.event)
      .bind(8, r.event_date.to_iso())
      .bind(9, r.reference)
      .bind(10, r.kind)
      .bind(11, r.anomaly)
      .bind(12, r.office_code)
      .bind(13, r.received_on.to_iso())
      .bind(14, opt_date_text(r.due_on))
      .bind(15, r.status)
      .bind(16, r.closed_by_application)
      .bind(17, r.close_note)
      .bind(18, r.closed_by)
      .bind(19, r.closed_ms)
      .bind(20, r.version);
}

// Reads "id, " + kRecordFields.
template <typename Statement>
core::Result<service::InboundRecord> read_record(const Statement& st) {
  service::InboundRecord r;
  r.id = st.int64(0);
  r.file_id = st.int64(1);
  r.feed = st.text(2);
  r.record_id = st.text(3);
  r.line = static_cast<int>(st.int64(4));
  r.id_number = st.text(5);
  r.name = st.text(6);
  r.event = st.text(7);
  HUJI_ASSIGN_OR_RETURN(r.event_date, date_col(st, 8));
  r.reference = st.text(9);
  r.kind = st.text(10);
  r.anomaly = st.text(11);
  r.office_code = st.text(12);
  HUJI_ASSIGN_OR_RETURN(r.received_on, date_col(st, 13));
  HUJI_ASSIGN_OR_RETURN(r.due_on, opt_date_col(st, 14));
  r.status = st.text(15);
  r.closed_by_application = st.int64(16);
  r.close_note = st.text(17);
  r.closed_by = st.text(18);
  r.closed_ms = st.int64(19);
  r.version = st.int64(20);
  return r;
}

}  // namespace huji::store::sql::inbound

#endif  // HUJI_STORE_SQL_INBOUND_H_
