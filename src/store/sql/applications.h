#ifndef HUJI_STORE_SQL_APPLICATIONS_H_
#define HUJI_STORE_SQL_APPLICATIONS_H_

// Tables applications, application_documents and idempotency_keys, and service::WorkflowTx
// over them.

#include <optional>
#include <string>
#include <vector>

#include "service/transaction.h"
#include "store/rows.h"
#include "store/sql/common.h"

namespace huji::store::sql {

namespace applications {
// Every column but id, in the order bind() binds them.
inline constexpr const char* kFields =
    "office_code, type, status, subject_id, event_date, fields, applicant_name, "
    "applicant_id, applicant_relation, identity_check, entered_by, entered_ms, "
    "expected_versions, deadline, days_late, fine_min, fine_max, reviewed_by, reviewed_ms, "
    "review_note, fine_decided, registered_on, first_event_seq, last_event_seq, "
    "result_subject_id, sample_result, sample_reason, sampled_by, sampled_ms, version, undo, "
    "revoked_by";
inline const std::string kInsert =
    join({"INSERT INTO applications (", kFields, ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,"
          "$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26,$27,$28,$29,"
          "$30,$31,$32) RETURNING id"});
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
    "revoked_by=$33 WHERE id = $1 AND version = $31 - 1";
// One statement with optional filters: NULL parameters disable their condition.
inline const std::string kList =
    join({"SELECT id, ", kFields, " FROM applications WHERE office_code = $1 AND "
          "(CAST($2 AS TEXT) IS NULL OR status = $2) AND "
          "(CAST($3 AS BIGINT) IS NULL OR entered_ms >= $3) AND "
          "(CAST($4 AS BIGINT) IS NULL OR entered_ms < $4) ORDER BY id DESC LIMIT $5"});

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

// Binds the columns of kFields to $base … $base+31.
template <typename Statement>
Statement& bind(Statement& st, const service::ApplicationRecord& a, int base) {
  const int b = base - 1;
  st.bind(b + 1, a.office_code).bind(b + 2, a.type)
      .bind(b + 3, service::application_status_code(a.status)).bind(b + 4, a.subject_id)
      .bind(b + 5, a.event_date.to_iso()).bind(b + 6, map_json(a.fields))
      .bind(b + 7, a.applicant_name).bind(b + 8, a.applicant_id)
      .bind(b + 9, a.applicant_relation).bind(b + 10, a.identity_check)
      .bind(b + 11, a.entered_by).bind(b + 12, a.entered_ms).bind(b + 13, versions_json(a.expected_versions))
      .bind(b + 14, a.deadline.to_iso()).bind(b + 15, a.days_late).bind(b + 16, a.fine_min)
      .bind(b + 17, a.fine_max).bind(b + 18, a.reviewed_by).bind(b + 19, a.reviewed_ms)
      .bind(b + 20, a.review_note);
  if (a.fine_decided) st.bind(b + 21, *a.fine_decided); else st.bind_null(b + 21);
  return st.bind(b + 22, opt_date_text(a.registered_on)).bind(b + 23, a.first_event_seq)
      .bind(b + 24, a.last_event_seq).bind(b + 25, a.result_subject_id)
      .bind(b + 26, a.sample_result).bind(b + 27, a.sample_reason).bind(b + 28, a.sampled_by)
      .bind(b + 29, a.sampled_ms).bind(b + 30, a.version).bind(b + 31, map_json(a.undo))
      .bind(b + 32, a.revoked_by);
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
  return a;
}
}  // namespace applications

namespace documents {
inline const std::string kInsert =
    "INSERT INTO application_documents (application_id, filename, mime, sha256, size, "
    "content, uploaded_by, uploaded_ms) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id";
inline constexpr const char* kColumns =
    "id, application_id, filename, mime, sha256, size, uploaded_by, uploaded_ms";
inline const std::string kOfApplication = join(
    {"SELECT ", kColumns, " FROM application_documents WHERE application_id = $1 ORDER BY id"});
inline const std::string kOfApplicationWithContent =
    join({"SELECT ", kColumns, ", content FROM application_documents WHERE "
          "application_id = $1 ORDER BY id"});

// Reads kColumns, and the content after them when `with_content`.
template <typename Statement>
service::DocumentRecord read(const Statement& st, bool with_content) {
  service::DocumentRecord d;
  d.id = st.int64(0);
  d.application_id = st.int64(1);
  d.filename = st.text(2);
  d.mime = st.text(3);
  d.sha256 = st.text(4);
  d.size = st.int64(5);
  d.uploaded_by = st.text(6);
  d.uploaded_ms = st.int64(7);
  if (with_content) d.content = st.blob(8);
  return d;
}
}  // namespace documents

namespace idempotency_keys {
inline const std::string kFind =
    "SELECT username, key, operation, fingerprint, resource_id, created_ms "
    "FROM idempotency_keys WHERE username = $1 AND key = $2";
inline const std::string kPut =
    "INSERT INTO idempotency_keys (username, key, operation, fingerprint, resource_id, "
    "created_ms) VALUES ($1,$2,$3,$4,$5,$6)";

template <typename Statement>
core::Result<service::IdempotencyRecord> read(const Statement& st) {
  return service::IdempotencyRecord{st.text(0), st.text(1),  st.text(2),
                                    st.text(3), st.int64(4), st.int64(5)};
}
}  // namespace idempotency_keys

template <class Core>
class WorkflowRows : public Core {
 public:
  using Core::Core;
  using Statement = typename Core::Statement;

  core::Result<int64_t> insert_application(const service::ApplicationRecord& a) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(applications::kInsert));
    applications::bind(st, a, 1);
    return returned_id(st);
  }

  core::Result<std::optional<service::ApplicationRecord>> find_application(
      int64_t id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(applications::kById));
    st.bind(1, id);
    return first_row<service::ApplicationRecord>(st, applications::read<Statement>);
  }

  core::Result<bool> update_application(const service::ApplicationRecord& a) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(applications::kUpdate));
    applications::bind(st, a, 2).bind(1, a.id);
    HUJI_TRY(st.run());
    return st.affected() == 1;
  }

  core::Result<std::vector<service::ApplicationRecord>> list_applications(
      const service::ApplicationQuery& q) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(applications::kList));
    st.bind(1, q.office_code);
    if (q.status) st.bind(2, service::application_status_code(*q.status)); else st.bind_null(2);
    if (q.entered_from_ms) st.bind(3, *q.entered_from_ms); else st.bind_null(3);
    if (q.entered_to_ms) st.bind(4, *q.entered_to_ms); else st.bind_null(4);
    st.bind(5, q.limit);
    return collect_rows<service::ApplicationRecord>(st, applications::read<Statement>);
  }

  core::Result<int64_t> insert_document(const service::DocumentRecord& d) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(documents::kInsert));
    st.bind(1, d.application_id).bind(2, d.filename).bind(3, d.mime).bind(4, d.sha256)
        .bind(5, d.size).bind_blob(6, d.content).bind(7, d.uploaded_by).bind(8, d.uploaded_ms);
    return returned_id(st);
  }

  core::Result<std::vector<service::DocumentRecord>> list_documents(
      int64_t app, bool with_content) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(with_content ? documents::kOfApplicationWithContent
                                                           : documents::kOfApplication));
    st.bind(1, app);
    return collect_rows<service::DocumentRecord>(
        st, [&](const Statement& row) -> core::Result<service::DocumentRecord> {
          return documents::read(row, with_content);
        });
  }

  core::Result<std::optional<service::IdempotencyRecord>> find_idempotency(
      const std::string& username, const std::string& key) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(idempotency_keys::kFind));
    st.bind(1, username).bind(2, key);
    return first_row<service::IdempotencyRecord>(st, idempotency_keys::read<Statement>);
  }

  core::Status put_idempotency(const service::IdempotencyRecord& r) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(idempotency_keys::kPut));
    return st.bind(1, r.username).bind(2, r.key).bind(3, r.operation).bind(4, r.fingerprint)
        .bind(5, r.resource_id).bind(6, r.created_ms).run();
  }
};

}  // namespace huji::store::sql

#endif  // HUJI_STORE_SQL_APPLICATIONS_H_
