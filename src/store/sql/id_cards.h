#ifndef HUJI_STORE_SQL_ID_CARDS_H_
#define HUJI_STORE_SQL_ID_CARDS_H_

// Tables id_cards (國民身分證 issues), id_card_photos (their photo files) and id_card_losses
// (掛失 and 撤銷掛失, append-only).

#include <string>

#include "service/records.h"
#include "store/sql/common.h"

namespace huji::store::sql::id_cards {

// Every column of id_cards but id and version, in the order bind() binds them.
inline constexpr const char* kFields =
    "office_code, person_id, kind, issued_on, card_serial, laminate_serial, status, lost_on, "
    "previous_id, superseded_by, photo_id, applicant_name, applicant_id, applicant_relation, "
    "identity_check, waiver, fee, cross_district, school, issued_by, issued_ms, cancel_reason, "
    "cancel_attributable, cancelled_by, cancelled_ms";
inline const std::string kInsert =
    join({"INSERT INTO id_cards (", kFields,
          ", version) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,"
          "$20,$21,$22,$23,$24,$25,$26) RETURNING id"});
// The fields an issue changes after it is made ($1 the id); the row is replaced only if its
// stored version is one less than $9.
inline const std::string kUpdate =
    "UPDATE id_cards SET status = $2, lost_on = $3, superseded_by = $4, cancel_reason = $5, "
    "cancel_attributable = $6, cancelled_by = $7, cancelled_ms = $8, version = $9 "
    "WHERE id = $1 AND version = $9 - 1";
inline const std::string kSelect = join({"SELECT id, ", kFields, ", version FROM id_cards "});
inline const std::string kFind = kSelect + "WHERE id = $1";
inline const std::string kOfPerson = kSelect + "WHERE person_id = $1 ORDER BY id";
inline const std::string kIssued =
    kSelect + "WHERE office_code = $1 AND issued_on >= $2 AND issued_on <= $3 ORDER BY id";

// Binds kFields to $1 … $25 and the version to $26.
template <typename Statement>
Statement& bind(Statement& st, const service::IdCardRecord& c) {
  return st.bind(1, c.office_code)
      .bind(2, c.person_id)
      .bind(3, c.kind)
      .bind(4, c.issued_on.to_iso())
      .bind(5, c.card_serial)
      .bind(6, c.laminate_serial)
      .bind(7, c.status)
      .bind(8, opt_date_text(c.lost_on))
      .bind(9, c.previous_id)
      .bind(10, c.superseded_by)
      .bind(11, c.photo_id)
      .bind(12, c.applicant_name)
      .bind(13, c.applicant_id)
      .bind(14, c.applicant_relation)
      .bind(15, c.identity_check)
      .bind(16, c.waiver)
      .bind(17, c.fee)
      .bind(18, c.cross_district)
      .bind(19, c.school)
      .bind(20, c.issued_by)
      .bind(21, c.issued_ms)
      .bind(22, c.cancel_reason)
      .bind(23, c.cancel_attributable)
      .bind(24, c.cancelled_by)
      .bind(25, c.cancelled_ms)
      .bind(26, c.version);
}

// Reads "id, " + kFields + ", version".
template <typename Statement>
core::Result<service::IdCardRecord> read(const Statement& st) {
  service::IdCardRecord c;
  c.id = st.int64(0);
  c.office_code = st.text(1);
  c.person_id = st.text(2);
  c.kind = st.text(3);
  HUJI_ASSIGN_OR_RETURN(c.issued_on, date_col(st, 4));
  c.card_serial = st.text(5);
  c.laminate_serial = st.text(6);
  c.status = st.text(7);
  HUJI_ASSIGN_OR_RETURN(c.lost_on, opt_date_col(st, 8));
  c.previous_id = st.int64(9);
  c.superseded_by = st.int64(10);
  c.photo_id = st.int64(11);
  c.applicant_name = st.text(12);
  c.applicant_id = st.text(13);
  c.applicant_relation = st.text(14);
  c.identity_check = st.text(15);
  c.waiver = st.text(16);
  c.fee = st.int64(17);
  c.cross_district = st.boolean(18);
  c.school = st.text(19);
  c.issued_by = st.text(20);
  c.issued_ms = st.int64(21);
  c.cancel_reason = st.text(22);
  c.cancel_attributable = st.boolean(23);
  c.cancelled_by = st.text(24);
  c.cancelled_ms = st.int64(25);
  c.version = st.int64(26);
  return c;
}

}  // namespace huji::store::sql::id_cards

namespace huji::store::sql::id_card_photos {

inline const std::string kInsert =
    "INSERT INTO id_card_photos (office_code, person_id, mime, sha256, size, content, "
    "uploaded_by, uploaded_ms) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id";
inline constexpr const char* kColumns =
    "id, office_code, person_id, mime, sha256, size, uploaded_by, uploaded_ms";
inline const std::string kFind = join({"SELECT ", kColumns, " FROM id_card_photos WHERE id = $1"});
inline const std::string kFindWithContent =
    join({"SELECT ", kColumns, ", content FROM id_card_photos WHERE id = $1"});

template <typename Statement>
service::IdCardPhoto read(const Statement& st, bool with_content) {
  service::IdCardPhoto p;
  p.id = st.int64(0);
  p.office_code = st.text(1);
  p.person_id = st.text(2);
  p.mime = st.text(3);
  p.sha256 = st.text(4);
  p.size = st.int64(5);
  p.uploaded_by = st.text(6);
  p.uploaded_ms = st.int64(7);
  if (with_content) p.content = st.blob(8);
  return p;
}

}  // namespace huji::store::sql::id_card_photos

namespace huji::store::sql::id_card_losses {

inline constexpr const char* kFields =
    "card_id, office_code, action, on_date, reason, recorded_by, recorded_ms";
inline const std::string kInsert =
    join({"INSERT INTO id_card_losses (", kFields, ") VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id"});
inline const std::string kOfCard =
    join({"SELECT id, ", kFields, " FROM id_card_losses WHERE card_id = $1 ORDER BY id"});
inline const std::string kRecorded =
    join({"SELECT id, ", kFields,
          " FROM id_card_losses WHERE office_code = $1 AND on_date >= $2 AND on_date <= $3 "
          "ORDER BY id"});

template <typename Statement>
Statement& bind(Statement& st, const service::IdCardLoss& l) {
  return st.bind(1, l.card_id)
      .bind(2, l.office_code)
      .bind(3, l.action)
      .bind(4, l.on.to_iso())
      .bind(5, l.reason)
      .bind(6, l.recorded_by)
      .bind(7, l.recorded_ms);
}

template <typename Statement>
core::Result<service::IdCardLoss> read(const Statement& st) {
  service::IdCardLoss l;
  l.id = st.int64(0);
  l.card_id = st.int64(1);
  l.office_code = st.text(2);
  l.action = st.text(3);
  HUJI_ASSIGN_OR_RETURN(l.on, date_col(st, 4));
  l.reason = st.text(5);
  l.recorded_by = st.text(6);
  l.recorded_ms = st.int64(7);
  return l;
}

}  // namespace huji::store::sql::id_card_losses

#endif  // HUJI_STORE_SQL_ID_CARDS_H_
