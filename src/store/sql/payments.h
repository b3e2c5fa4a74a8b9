#ifndef HUJI_STORE_SQL_PAYMENTS_H_
#define HUJI_STORE_SQL_PAYMENTS_H_

// Tables fee_versions (fee schedule versions an admin stored), receipt_counters (the next
// receipt serial per office and ROC year), receipts, refunds, daily_closes and mail_outbox.

#include <string>

#include "service/records.h"
#include "store/sql/common.h"

namespace huji::store::sql {

namespace fee_versions {

inline const std::string kPut =
    "INSERT INTO fee_versions (effective, text, loaded_by, loaded_ms) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (effective) DO UPDATE SET text = excluded.text, loaded_by = excluded.loaded_by, "
    "loaded_ms = excluded.loaded_ms";
inline const std::string kList =
    "SELECT effective, text, loaded_by, loaded_ms FROM fee_versions ORDER BY effective";

template <typename Statement>
core::Result<service::FeeVersionRecord> read(const Statement& st) {
  service::FeeVersionRecord r;
  HUJI_ASSIGN_OR_RETURN(r.effective, date_col(st, 0));
  r.text = st.text(1);
  r.loaded_by = st.text(2);
  r.loaded_ms = st.int64(3);
  return r;
}

}  // namespace fee_versions

namespace receipt_counters {

// Counted by the row's update, which holds the row until the transaction ends: two payments
// of one office never share a serial, and a rolled-back one takes its increment with it.
inline const std::string kNext =
    "INSERT INTO receipt_counters (office_code, roc_year, last_serial) VALUES ($1, $2, 1) "
    "ON CONFLICT (office_code, roc_year) DO UPDATE SET "
    "last_serial = receipt_counters.last_serial + 1 RETURNING last_serial";

}  // namespace receipt_counters

namespace receipts {

inline constexpr const char* kFields =
    "office_code, roc_year, serial, number, issued_on, counter, method, amount, tendered, "
    "change_given, reference, payer_name, payer_email, issued_by, issued_ms, document_id, "
    "check_code";
inline const std::string kInsert =
    join({"INSERT INTO receipts (", kFields,
          ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17) RETURNING id"});
inline const std::string kById = join({"SELECT id, ", kFields, " FROM receipts WHERE id = $1"});
inline const std::string kOnDay = join({"SELECT id, ", kFields,
                                        " FROM receipts WHERE office_code = $1 AND issued_on = $2 "
                                        "ORDER BY roc_year, serial"});
inline const std::string kLastBefore =
    "SELECT COALESCE(MAX(serial), 0) FROM receipts "
    "WHERE office_code = $1 AND roc_year = $2 AND issued_on < $3";

template <typename Statement>
Statement& bind(Statement& st, const service::ReceiptRecord& r) {
  return st.bind(1, r.office_code)
      .bind(2, static_cast<int64_t>(r.roc_year))
      .bind(3, r.serial)
      .bind(4, r.number)
      .bind(5, r.issued_on.to_iso())
      .bind(6, r.counter)
      .bind(7, r.method)
      .bind(8, r.amount)
      .bind(9, r.tendered)
      .bind(10, r.change)
      .bind(11, r.reference)
      .bind(12, r.payer_name)
      .bind(13, r.payer_email)
      .bind(14, r.issued_by)
      .bind(15, r.issued_ms)
      .bind(16, r.document_id)
      .bind(17, r.check_code);
}

template <typename Statement>
core::Result<service::ReceiptRecord> read(const Statement& st) {
  service::ReceiptRecord r;
  r.id = st.int64(0);
  r.office_code = st.text(1);
  r.roc_year = static_cast<int>(st.int64(2));
  r.serial = st.int64(3);
  r.number = st.text(4);
  HUJI_ASSIGN_OR_RETURN(r.issued_on, date_col(st, 5));
  r.counter = st.text(6);
  r.method = st.text(7);
  r.amount = st.int64(8);
  r.tendered = st.int64(9);
  r.change = st.int64(10);
  r.reference = st.text(11);
  r.payer_name = st.text(12);
  r.payer_email = st.text(13);
  r.issued_by = st.text(14);
  r.issued_ms = st.int64(15);
  r.document_id = st.int64(16);
  r.check_code = st.text(17);
  return r;
}

}  // namespace receipts

namespace refunds {

inline constexpr const char* kFields =
    "receipt_id, office_code, counter, refunded_on, amount, method, reason, full_refund, "
    "requested_by, approved_by, refunded_ms";
inline const std::string kInsert =
    join({"INSERT INTO refunds (", kFields,
          ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) RETURNING id"});
inline const std::string kOfReceipt =
    join({"SELECT id, ", kFields, " FROM refunds WHERE receipt_id = $1 ORDER BY id"});
inline const std::string kOnDay =
    join({"SELECT id, ", kFields,
          " FROM refunds WHERE office_code = $1 AND refunded_on = $2 ORDER BY id"});

template <typename Statement>
Statement& bind(Statement& st, const service::RefundRecord& r) {
  return st.bind(1, r.receipt_id)
      .bind(2, r.office_code)
      .bind(3, r.counter)
      .bind(4, r.refunded_on.to_iso())
      .bind(5, r.amount)
      .bind(6, r.method)
      .bind(7, r.reason)
      .bind(8, static_cast<int64_t>(r.full ? 1 : 0))
      .bind(9, r.requested_by)
      .bind(10, r.approved_by)
      .bind(11, r.refunded_ms);
}

template <typename Statement>
core::Result<service::RefundRecord> read(const Statement& st) {
  service::RefundRecord r;
  r.id = st.int64(0);
  r.receipt_id = st.int64(1);
  r.office_code = st.text(2);
  r.counter = st.text(3);
  HUJI_ASSIGN_OR_RETURN(r.refunded_on, date_col(st, 4));
  r.amount = st.int64(5);
  r.method = st.text(6);
  r.reason = st.text(7);
  r.full = st.int64(8) != 0;
  r.requested_by = st.text(9);
  r.approved_by = st.text(10);
  r.refunded_ms = st.int64(11);
  return r;
}

}  // namespace refunds

namespace daily_closes {

inline constexpr const char* kFields =
    "office_code, counter, close_date, receipts, cash_payments, cash_refunds, cash_expected, "
    "cash_counted, difference, stored_value_total, transfer_total, refunds_total, first_number, "
    "last_number, gaps, voids, closed_by, closed_ms";
inline const std::string kInsert = join(
    {"INSERT INTO daily_closes (", kFields,
     ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18) RETURNING id"});
inline const std::string kFind =
    join({"SELECT id, ", kFields,
          " FROM daily_closes WHERE office_code = $1 AND counter = $2 AND close_date = $3"});
inline const std::string kOnDay =
    join({"SELECT id, ", kFields,
          " FROM daily_closes WHERE office_code = $1 AND close_date = $2 ORDER BY counter"});

template <typename Statement>
Statement& bind(Statement& st, const service::DailyCloseRecord& c) {
  return st.bind(1, c.office_code)
      .bind(2, c.counter)
      .bind(3, c.close_date.to_iso())
      .bind(4, c.receipts)
      .bind(5, c.cash_payments)
      .bind(6, c.cash_refunds)
      .bind(7, c.cash_expected)
      .bind(8, c.cash_counted)
      .bind(9, c.difference)
      .bind(10, c.stored_value_total)
      .bind(11, c.transfer_total)
      .bind(12, c.refunds_total)
      .bind(13, c.first_number)
      .bind(14, c.last_number)
      .bind(15, c.gaps)
      .bind(16, c.voids)
      .bind(17, c.closed_by)
      .bind(18, c.closed_ms);
}

template <typename Statement>
core::Result<service::DailyCloseRecord> read(const Statement& st) {
  service::DailyCloseRecord c;
  c.id = st.int64(0);
  c.office_code = st.text(1);
  c.counter = st.text(2);
  HUJI_ASSIGN_OR_RETURN(c.close_date, date_col(st, 3));
  c.receipts = st.int64(4);
  c.cash_payments = st.int64(5);
  c.cash_refunds = st.int64(6);
  c.cash_expected = st.int64(7);
  c.cash_counted = st.int64(8);
  c.difference = st.int64(9);
  c.stored_value_total = st.int64(10);
  c.transfer_total = st.int64(11);
  c.refunds_total = st.int64(12);
  c.first_number = st.text(13);
  c.last_number = st.text(14);
  c.gaps = st.text(15);
  c.voids = st.text(16);
  c.closed_by = st.text(17);
  c.closed_ms = st.int64(18);
  return c;
}

}  // namespace daily_closes

namespace mail_outbox {

inline constexpr const char* kFields =
    "receipt_id, to_address, status, attempts, last_error, next_attempt_ms, created_ms, sent_ms";
inline const std::string kInsert =
    join({"INSERT INTO mail_outbox (", kFields, ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id"});
inline const std::string kOfReceipt = join(
    {"SELECT id, ", kFields, " FROM mail_outbox WHERE receipt_id = $1 ORDER BY id DESC LIMIT 1"});
inline const std::string kDue =
    join({"SELECT id, ", kFields,
          " FROM mail_outbox WHERE status = 'pending' AND next_attempt_ms <= $1 ORDER BY id "
          "LIMIT $2"});
inline const std::string kClaim =
    "UPDATE mail_outbox SET next_attempt_ms = $3 "
    "WHERE id = $1 AND status = 'pending' AND next_attempt_ms = $2 RETURNING id";
inline const std::string kUpdate =
    "UPDATE mail_outbox SET status = $2, attempts = $3, last_error = $4, next_attempt_ms = $5, "
    "sent_ms = $6 WHERE id = $1";

template <typename Statement>
core::Result<service::MailRecord> read(const Statement& st) {
  service::MailRecord m;
  m.id = st.int64(0);
  m.receipt_id = st.int64(1);
  m.to = st.text(2);
  m.status = st.text(3);
  m.attempts = static_cast<int>(st.int64(4));
  m.last_error = st.text(5);
  m.next_attempt_ms = st.int64(6);
  m.created_ms = st.int64(7);
  m.sent_ms = st.int64(8);
  return m;
}

}  // namespace mail_outbox

}  // namespace huji::store::sql

#endif  // HUJI_STORE_SQL_PAYMENTS_H_
