#ifndef HUJI_STORE_SQL_SEALS_H_
#define HUJI_STORE_SQL_SEALS_H_

// Tables seals (印鑑登記) and seal_certificates (印鑑證明).

#include <string>

#include "service/seal_records.h"
#include "store/sql/common.h"

namespace huji::store::sql::seals {

// Every column but id and image, in the order bind() binds them ($2 … $18; $1 the image).
inline constexpr const char* kFields =
    "person_id, status, image_sha256, office_code, registered_on, registered_by, "
    "registered_ms, applicant, replaces, ended_on, ended_by, ended_ms, ended_office, "
    "end_applicant, end_reason, version";
inline const std::string kInsert =
    join({"INSERT INTO seals (image, ", kFields,
          ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17) RETURNING id"});
inline const std::string kColumns = join({"id, ", kFields});
inline const std::string kFind = join({"SELECT ", kColumns, " FROM seals WHERE id = $1"});
inline const std::string kFindWithImage =
    join({"SELECT ", kColumns, ", image FROM seals WHERE id = $1"});
inline const std::string kOfPerson =
    join({"SELECT ", kColumns, " FROM seals WHERE person_id = $1 ORDER BY id DESC"});
inline const std::string kOfPersonWithImage =
    join({"SELECT ", kColumns, ", image FROM seals WHERE person_id = $1 ORDER BY id DESC"});
// Ends or otherwise replaces the row ($1 the id, bind() from $2) if its stored version is one
// less; the image never changes.
inline const std::string kUpdate =
    "UPDATE seals SET person_id=$2, status=$3, image_sha256=$4, office_code=$5, "
    "registered_on=$6, registered_by=$7, registered_ms=$8, applicant=$9, replaces=$10, "
    "ended_on=$11, ended_by=$12, ended_ms=$13, ended_office=$14, end_applicant=$15, "
    "end_reason=$16, version=$17 WHERE id = $1 AND version = $17 - 1";

// Binds the columns of kFields to $2 … $17.
template <typename Statement>
Statement& bind(Statement& st, const service::SealRecord& s) {
  return st.bind(2, s.person_id)
      .bind(3, s.status)
      .bind(4, s.image_sha256)
      .bind(5, s.office_code)
      .bind(6, s.registered_on.to_iso())
      .bind(7, s.registered_by)
      .bind(8, s.registered_ms)
      .bind(9, s.applicant)
      .bind(10, s.replaces)
      .bind(11, opt_date_text(s.ended_on))
      .bind(12, s.ended_by)
      .bind(13, s.ended_ms)
      .bind(14, s.ended_office)
      .bind(15, s.end_applicant)
      .bind(16, s.end_reason)
      .bind(17, s.version);
}

// Reads kColumns, and the image after them when `with_image`.
template <typename Statement>
core::Result<service::SealRecord> read(const Statement& st, bool with_image) {
  service::SealRecord s;
  s.id = st.int64(0);
  s.person_id = st.text(1);
  s.status = st.text(2);
  s.image_sha256 = st.text(3);
  s.office_code = st.text(4);
  HUJI_ASSIGN_OR_RETURN(s.registered_on, date_col(st, 5));
  s.registered_by = st.text(6);
  s.registered_ms = st.int64(7);
  s.applicant = st.text(8);
  s.replaces = st.int64(9);
  HUJI_ASSIGN_OR_RETURN(s.ended_on, opt_date_col(st, 10));
  s.ended_by = st.text(11);
  s.ended_ms = st.int64(12);
  s.ended_office = st.text(13);
  s.end_applicant = st.text(14);
  s.end_reason = st.text(15);
  s.version = st.int64(16);
  if (with_image) s.image = st.blob(17);
  return s;
}

}  // namespace huji::store::sql::seals

namespace huji::store::sql::seal_certificates {

inline constexpr const char* kFields =
    "seal_id, person_id, office_code, purpose, applicant, sheets, score_bp, verdict, "
    "confirmed_by, issued_on, issued_ms, document_id, check_code";
inline const std::string kInsert =
    join({"INSERT INTO seal_certificates (candidate_image, overlay, ", kFields,
          ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15) RETURNING id"});
inline const std::string kFind =
    join({"SELECT id, ", kFields, " FROM seal_certificates WHERE id = $1"});
inline const std::string kFindWithContent = join(
    {"SELECT id, ", kFields, ", candidate_image, overlay FROM seal_certificates WHERE id = $1"});

template <typename Statement>
Statement& bind(Statement& st, const service::SealCertificateRecord& c) {
  return st.bind_blob(1, c.candidate_image)
      .bind_blob(2, c.overlay)
      .bind(3, c.seal_id)
      .bind(4, c.person_id)
      .bind(5, c.office_code)
      .bind(6, c.purpose)
      .bind(7, c.applicant)
      .bind(8, static_cast<int64_t>(c.sheets))
      .bind(9, static_cast<int64_t>(c.score_bp))
      .bind(10, c.verdict)
      .bind(11, c.confirmed_by)
      .bind(12, c.issued_on.to_iso())
      .bind(13, c.issued_ms)
      .bind(14, c.document_id)
      .bind(15, c.check_code);
}

template <typename Statement>
core::Result<service::SealCertificateRecord> read(const Statement& st, bool with_content) {
  service::SealCertificateRecord c;
  c.id = st.int64(0);
  c.seal_id = st.int64(1);
  c.person_id = st.text(2);
  c.office_code = st.text(3);
  c.purpose = st.text(4);
  c.applicant = st.text(5);
  c.sheets = static_cast<int>(st.int64(6));
  c.score_bp = static_cast<int>(st.int64(7));
  c.verdict = st.text(8);
  c.confirmed_by = st.text(9);
  HUJI_ASSIGN_OR_RETURN(c.issued_on, date_col(st, 10));
  c.issued_ms = st.int64(11);
  c.document_id = st.int64(12);
  c.check_code = st.text(13);
  if (with_content) {
    c.candidate_image = st.blob(14);
    c.overlay = st.blob(15);
  }
  return c;
}

}  // namespace huji::store::sql::seal_certificates

#endif  // HUJI_STORE_SQL_SEALS_H_
