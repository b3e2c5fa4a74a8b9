#ifndef HUJI_STORE_SQL_DOCUMENTS_H_
#define HUJI_STORE_SQL_DOCUMENTS_H_

// Tables issued_documents (documents anyone may verify) and charges (fees for issued items).

#include <string>

#include "service/records.h"
#include "store/sql/common.h"

namespace huji::store::sql {

namespace issued_documents {

// Every column but id and pdf, in the order bind() binds them ($1 … $14; the PDF is $15).
inline constexpr const char* kFields =
    "check_code, kind, office_code, issued_on, printed, digest, signature, key_id, pdf_sha256, "
    "status, status_reason, status_ms, issued_by, issued_ms";
inline const std::string kInsert =
    join({"INSERT INTO issued_documents (", kFields,
          ", pdf) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15) RETURNING id"});
inline const std::string kByCode =
    join({"SELECT id, ", kFields, " FROM issued_documents WHERE check_code = $1"});
inline const std::string kByPdf = join(
    {"SELECT id, ", kFields, " FROM issued_documents WHERE pdf_sha256 = $1 ORDER BY id LIMIT 1"});
inline const std::string kPdf = "SELECT pdf FROM issued_documents WHERE id = $1";
inline const std::string kSetStatus =
    "UPDATE issued_documents SET status = $2, status_reason = $3, status_ms = $4 WHERE id = $1 "
    "RETURNING id";

template <typename Statement>
Statement& bind(Statement& st, const service::IssuedDocument& d) {
  return st.bind(1, d.check_code)
      .bind(2, d.kind)
      .bind(3, d.office_code)
      .bind(4, d.issued_on.to_iso())
      .bind(5, d.printed)
      .bind(6, d.digest)
      .bind(7, d.signature)
      .bind(8, d.key_id)
      .bind(9, d.pdf_sha256)
      .bind(10, d.status)
      .bind(11, d.status_reason)
      .bind(12, d.status_ms)
      .bind(13, d.issued_by)
      .bind(14, d.issued_ms)
      .bind_blob(15, d.pdf);
}

// Reads "id, " + kFields.
template <typename Statement>
core::Result<service::IssuedDocument> read(const Statement& st) {
  service::IssuedDocument d;
  d.id = st.int64(0);
  d.check_code = st.text(1);
  d.kind = st.text(2);
  d.office_code = st.text(3);
  HUJI_ASSIGN_OR_RETURN(d.issued_on, date_col(st, 4));
  d.printed = st.text(5);
  d.digest = st.text(6);
  d.signature = st.text(7);
  d.key_id = st.text(8);
  d.pdf_sha256 = st.text(9);
  d.status = st.text(10);
  d.status_reason = st.text(11);
  d.status_ms = st.int64(12);
  d.issued_by = st.text(13);
  d.issued_ms = st.int64(14);
  return d;
}

}  // namespace issued_documents

namespace charges {

inline constexpr const char* kFields =
    "office_code, item, ref_kind, ref_id, quantity, amount, waiver, charged_on, charged_by, "
    "charged_ms, receipt_id";
inline const std::string kInsert =
    join({"INSERT INTO charges (", kFields,
          ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) RETURNING id"});
inline const std::string kById = join({"SELECT id, ", kFields, " FROM charges WHERE id = $1"});
inline const std::string kOfRef =
    join({"SELECT id, ", kFields, " FROM charges WHERE ref_kind = $1 AND ref_id = $2 ORDER BY id"});
inline const std::string kUnpaid = join(
    {"SELECT id, ", kFields,
     " FROM charges WHERE office_code = $1 AND charged_on = $2 AND receipt_id = 0 ORDER BY id"});

template <typename Statement>
Statement& bind(Statement& st, const service::ChargeRecord& c) {
  return st.bind(1, c.office_code)
      .bind(2, c.item)
      .bind(3, c.ref_kind)
      .bind(4, c.ref_id)
      .bind(5, static_cast<int64_t>(c.quantity))
      .bind(6, c.amount)
      .bind(7, c.waiver)
      .bind(8, c.charged_on.to_iso())
      .bind(9, c.charged_by)
      .bind(10, c.charged_ms)
      .bind(11, c.receipt_id);
}

template <typename Statement>
core::Result<service::ChargeRecord> read(const Statement& st) {
  service::ChargeRecord c;
  c.id = st.int64(0);
  c.office_code = st.text(1);
  c.item = st.text(2);
  c.ref_kind = st.text(3);
  c.ref_id = st.int64(4);
  c.quantity = static_cast<int>(st.int64(5));
  c.amount = st.int64(6);
  c.waiver = st.text(7);
  HUJI_ASSIGN_OR_RETURN(c.charged_on, date_col(st, 8));
  c.charged_by = st.text(9);
  c.charged_ms = st.int64(10);
  c.receipt_id = st.int64(11);
  return c;
}

}  // namespace charges

}  // namespace huji::store::sql

#endif  // HUJI_STORE_SQL_DOCUMENTS_H_
