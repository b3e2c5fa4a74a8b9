#ifndef HUJI_STORE_SQL_APPLICATIONS_H_
#define HUJI_STORE_SQL_APPLICATIONS_H_

// Table applications: registration applications (戶籍登記申請).

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "service/records.h"
#include "store/sql/common.h"

namespace huji::store::sql::applications {

// Every column but id, in the order bind() binds them.
inline constexpr const char* kFields =
    "office_code, type, status, subject_id, event_date, fields, applicant_name, "
    "applicant_id, applicant_relation, identity_check, entered_by, entered_ms, "
    "expected_versions, deadline, days_late, fine_min, fine_max, reviewed_by, reviewed_ms, "
    "review_note, fine_decided, registered_on, first_event_seq, last_event_seq, "
    "result_subject_id, sample_result, sample_reason, sampled_by, sampled_ms, version, undo, "
    "revoked_by, deadline_kind, deadline_basis, applicant_details, revoked_cause";
inline const std::string kInsert =
    join({"INSERT INTO applications (", kFields,
          ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,"
          "$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26,$27,$28,$29,"
          "$30,$31,$32,$33,$34,$35,$36) RETURNING id"});
inline const std::string kById = join({"SELECT id, ", kFields, " FROM applications WHERE id = $1"});
// Replaces the row ($1 the id, bind() from $2) if its stored version is one less.
inline const std::string kUpdate =
    "UPDATE applications SET office_code=$2, type=$3, status=$4, subject_id=$5, "
    "event_date=$6, fields=$7, applicant_name=$8, applicant_id=$9, applicant_relation=$10, "
    "identity_check=$11, entered_by=$12, entered_ms=$13, expected_versions=$14, "
    "deadline=$15, days_late=$16, fine_min=$17, fine_max=$18, reviewed_by=$19, "
    "reviewed_ms=$20, review_note=$21, fine_decided=$22, registered_on=$23, "
    "first_event_seq=$24, last_event_seq=$25, result_subject_id=$26, sample_result=$27, "
    "sample_reason=$28, sampled_by=$29, sampled_ms=$30, version=$31, undo=$32, "
    "revoked_by=$33, deadline_kind=$34, deadline_basis=$35, applicant_details=$36, "
    "revoked_cause=$37 WHERE id = $1 AND version = $31 - 1";
// One statement with optional filters: NULL parameters disable their condition.
inline const std::string kList =
    join({"SELECT id, ", kFields,
          " FROM applications WHERE office_code = $1 AND "
          "(CAST($2 AS TEXT) IS NULL OR status = $2) AND "
          "(CAST($3 AS BIGINT) IS NULL OR entered_ms >= $3) AND "
          "(CAST($4 AS BIGINT) IS NULL OR entered_ms < $4) AND "
          "(CAST($6 AS TEXT) IS NULL OR entered_by = $6) AND "
          "(CAST($7 AS BIGINT) IS NULL OR id < $7) ORDER BY id DESC LIMIT $5"});
// Office $1's applications of type $2 registered on a day in [$3, $4] (ISO text).
inline const std::string kRegisteredBetween =
    join({"SELECT id, ", kFields,
          " FROM applications WHERE office_code = $1 AND registered_on >= $3 AND "
          "registered_on <= $4 AND type = $2 AND status = 'registered' "
          "ORDER BY registered_on, id"});

// Registration correctness (service::CorrectnessCounts) over office $1's applications entered in
// [$2, $3), revocations apart.
inline constexpr const char* kCountCorrectness =
    "SELECT COUNT(*), "
    "COALESCE(SUM(CASE WHEN sample_result <> '' THEN 1 ELSE 0 END), 0), "
    "COALESCE(SUM(CASE WHEN sample_result = 'erroneous' AND revoked_cause <> 'citizen_error' "
    "THEN 1 ELSE 0 END), 0), "
    "COALESCE(SUM(CASE WHEN revoked_by <> 0 AND revoked_cause <> 'citizen_error' AND "
    "sample_result <> 'erroneous' THEN 1 ELSE 0 END), 0), "
    "COALESCE(SUM(CASE WHEN revoked_by <> 0 AND revoked_cause = 'citizen_error' THEN 1 ELSE 0 "
    "END), 0) "
    "FROM applications WHERE office_code = $1 AND type <> 'revocation' AND entered_ms >= $2 AND "
    "entered_ms < $3";

// expected_versions as stored: a JSON object of household number → version.
inline std::string versions_json(const std::map<std::string, int64_t>& versions) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [k, v] : versions) j[k] = v;
  return j.dump();
}

inline std::optional<std::map<std::string, int64_t>> versions_from_json(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  std::map<std::string, int64_t> out;
  for (auto& [k, v] : j.items()) {
    if (v.is_number_integer()) out[k] = v.get<int64_t>();
  }
  return out;
}

// applicant_details as stored: the applicant's stated interest and an agent's principal.
inline std::map<std::string, std::string> applicant_details(const service::ApplicationRecord& a) {
  std::map<std::string, std::string> out;
  if (!a.applicant_interest.empty()) out["interest"] = a.applicant_interest;
  if (!a.principal_id.empty()) out["principal_id"] = a.principal_id;
  if (!a.principal_relation.empty()) out["principal_relation"] = a.principal_relation;
  return out;
}

// Binds the columns of kFields to $base … $base+35.
template <typename Statement>
Statement& bind(Statement& st, const service::ApplicationRecord& a, int base) {
  const int b = base - 1;
  st.bind(b + 1, a.office_code)
      .bind(b + 2, a.type)
      .bind(b + 3, service::application_status_code(a.status))
      .bind(b + 4, a.subject_id)
      .bind(b + 5, a.event_date.to_iso())
      .bind(b + 6, map_json(a.fields))
      .bind(b + 7, a.applicant_name)
      .bind(b + 8, a.applicant_id)
      .bind(b + 9, a.applicant_relation)
      .bind(b + 10, a.identity_check)
      .bind(b + 11, a.entered_by)
      .bind(b + 12, a.entered_ms)
      .bind(b + 13, versions_json(a.expected_versions))
      .bind(b + 14, a.deadline.to_iso())
      .bind(b + 15, a.days_late)
      .bind(b + 16, a.fine_min)
      .bind(b + 17, a.fine_max)
      .bind(b + 18, a.reviewed_by)
      .bind(b + 19, a.reviewed_ms)
      .bind(b + 20, a.review_note);
  if (a.fine_decided)
    st.bind(b + 21, *a.fine_decided);
  else
    st.bind_null(b + 21);
  return st.bind(b + 22, opt_date_text(a.registered_on))
      .bind(b + 23, a.first_event_seq)
      .bind(b + 24, a.last_event_seq)
      .bind(b + 25, a.result_subject_id)
      .bind(b + 26, a.sample_result)
      .bind(b + 27, a.sample_reason)
      .bind(b + 28, a.sampled_by)
      .bind(b + 29, a.sampled_ms)
      .bind(b + 30, a.version)
      .bind(b + 31, map_json(a.undo))
      .bind(b + 32, a.revoked_by)
      .bind(b + 33, !a.has_deadline          ? "none"
                    : a.deadline_provisional ? "provisional"
                                             : "statutory")
      .bind(b + 34, a.deadline_basis)
      .bind(b + 35, map_json(applicant_details(a)))
      .bind(b + 36, a.revoked_cause);
}

// Reads "id, " + kFields.
template <typename Statement>
core::Result<service::ApplicationRecord> read(const Statement& st) {
  service::ApplicationRecord a;
  a.id = st.int64(0);
  a.office_code = st.text(1);
  a.type = st.text(2);
  auto status = service::application_status_from_code(st.text(3));
  if (!status) return corrupt("application status " + st.text(3));
  a.status = *status;
  a.subject_id = st.text(4);
  HUJI_ASSIGN_OR_RETURN(a.event_date, date_col(st, 5));
  auto fields = map_from_json(st.text(6));
  auto versions = versions_from_json(st.text(13));
  if (!fields || !versions) return corrupt("application json");
  a.fields = std::move(*fields);
  a.expected_versions = std::move(*versions);
  a.applicant_name = st.text(7);
  a.applicant_id = st.text(8);
  a.applicant_relation = st.text(9);
  a.identity_check = st.text(10);
  a.entered_by = st.text(11);
  a.entered_ms = st.int64(12);
  HUJI_ASSIGN_OR_RETURN(a.deadline, date_col(st, 14));
  a.days_late = static_cast<int>(st.int64(15));
  a.fine_min = static_cast<int>(st.int64(16));
  a.fine_max = static_cast<int>(st.int64(17));
  a.reviewed_by = st.text(18);
  a.reviewed_ms = st.int64(19);
  a.review_note = st.text(20);
  if (!st.is_null(21)) a.fine_decided = static_cast<int>(st.int64(21));
  HUJI_ASSIGN_OR_RETURN(a.registered_on, opt_date_col(st, 22));
  a.first_event_seq = st.int64(23);
  a.last_event_seq = st.int64(24);
  a.result_subject_id = st.text(25);
  a.sample_result = st.text(26);
  a.sample_reason = st.text(27);
  a.sampled_by = st.text(28);
  a.sampled_ms = st.int64(29);
  a.version = st.int64(30);
  auto undo = map_from_json(st.text(31));
  if (!undo) return corrupt("application undo");
  a.undo = std::move(*undo);
  a.revoked_by = st.int64(32);
  const std::string kind = st.text(33);
  if (kind != "statutory" && kind != "none" && kind != "provisional") {
    return corrupt("application deadline kind " + kind);
  }
  a.has_deadline = kind != "none";
  a.deadline_provisional = kind == "provisional";
  a.deadline_basis = st.text(34);
  auto details = map_from_json(st.text(35));
  if (!details) return corrupt("application applicant_details");
  a.applicant_interest = (*details)["interest"];
  a.principal_id = (*details)["principal_id"];
  a.principal_relation = (*details)["principal_relation"];
  a.revoked_cause = st.text(36);
  return a;
}

}  // namespace huji::store::sql::applications

#endif  // HUJI_STORE_SQL_APPLICATIONS_H_
