#ifndef HUJI_STORE_SQL_NATIONALITY_CASES_H_
#define HUJI_STORE_SQL_NATIONALITY_CASES_H_

// Table nationality_cases: nationality cases (國籍案件) and their deadlines.

#include <map>
#include <optional>
#include <string>

#include "service/records.h"
#include "store/sql/common.h"

namespace huji::store::sql::nationality_cases {

// Every column but id, in the order bind() binds them.
inline constexpr const char* kFields =
    "office_code, kind, person_name, id_number, approval_letter_date, registration_due, "
    "registered_on, proof_of_loss_due, proof_of_loss_received, created_by, created_ms, version, "
    "registered_by_application, notice_sent_on, notice_sent_by, checklist, "
    "original_decision_date";
inline const std::string kInsert =
    join({"INSERT INTO nationality_cases (", kFields,
          ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17) RETURNING id"});
inline const std::string kById =
    join({"SELECT id, ", kFields, " FROM nationality_cases WHERE id = $1"});
// Replaces the row ($1 the id, bind() from $2) if its stored version is one less.
inline const std::string kUpdate =
    "UPDATE nationality_cases SET office_code=$2, kind=$3, person_name=$4, id_number=$5, "
    "approval_letter_date=$6, registration_due=$7, registered_on=$8, proof_of_loss_due=$9, "
    "proof_of_loss_received=$10, created_by=$11, created_ms=$12, version=$13, "
    "registered_by_application=$14, notice_sent_on=$15, notice_sent_by=$16, checklist=$17, "
    "original_decision_date=$18 "
    "WHERE id = $1 AND version = $13 - 1";
inline const std::string kOfOffice =
    join({"SELECT id, ", kFields,
          " FROM nationality_cases WHERE office_code = $1 ORDER BY registration_due, id"});

// The checklist as stored: a JSON object of item → {"by", "at_ms"}.
inline std::string checklist_json(const std::map<std::string, service::ChecklistTick>& items) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [item, tick] : items) j[item] = {{"by", tick.by}, {"at_ms", tick.at_ms}};
  return j.dump();
}

inline std::optional<std::map<std::string, service::ChecklistTick>> checklist_from_json(
    const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  std::map<std::string, service::ChecklistTick> out;
  for (auto& [item, tick] : j.items()) {
    if (!tick.is_object() || !tick.contains("by") || !tick["by"].is_string() ||
        !tick.contains("at_ms") || !tick["at_ms"].is_number_integer()) {
      return std::nullopt;
    }
    out[item] = {tick["by"].get<std::string>(), tick["at_ms"].get<int64_t>()};
  }
  return out;
}

// Binds the columns of kFields to $base … $base+16.
template <typename Statement>
Statement& bind(Statement& st, const service::NationalityCase& c, int base) {
  const int b = base - 1;
  return st.bind(b + 1, c.office_code)
      .bind(b + 2, c.kind)
      .bind(b + 3, c.person_name)
      .bind(b + 4, c.id_number)
      .bind(b + 5, c.approval_letter_date.to_iso())
      .bind(b + 6, c.registration_due.to_iso())
      .bind(b + 7, opt_date_text(c.registered_on))
      .bind(b + 8, opt_date_text(c.proof_of_loss_due))
      .bind(b + 9, opt_date_text(c.proof_of_loss_received))
      .bind(b + 10, c.created_by)
      .bind(b + 11, c.created_ms)
      .bind(b + 12, c.version)
      .bind(b + 13, c.registered_by_application)
      .bind(b + 14, opt_date_text(c.notice_sent_on))
      .bind(b + 15, c.notice_sent_by)
      .bind(b + 16, checklist_json(c.checklist))
      .bind(b + 17, opt_date_text(c.original_decision_date));
}

// Reads "id, " + kFields.
template <typename Statement>
core::Result<service::NationalityCase> read(const Statement& st) {
  service::NationalityCase c;
  c.id = st.int64(0);
  c.office_code = st.text(1);
  c.kind = st.text(2);
  c.person_name = st.text(3);
  c.id_number = st.text(4);
  HUJI_ASSIGN_OR_RETURN(c.approval_letter_date, date_col(st, 5));
  HUJI_ASSIGN_OR_RETURN(c.registration_due, date_col(st, 6));
  HUJI_ASSIGN_OR_RETURN(c.registered_on, opt_date_col(st, 7));
  HUJI_ASSIGN_OR_RETURN(c.proof_of_loss_due, opt_date_col(st, 8));
  HUJI_ASSIGN_OR_RETURN(c.proof_of_loss_received, opt_date_col(st, 9));
  c.created_by = st.text(10);
  c.created_ms = st.int64(11);
  c.version = st.int64(12);
  c.registered_by_application = st.int64(13);
  HUJI_ASSIGN_OR_RETURN(c.notice_sent_on, opt_date_col(st, 14));
  c.notice_sent_by = st.text(15);
  auto checklist = checklist_from_json(st.text(16));
  if (!checklist) return corrupt("nationality case checklist");
  c.checklist = std::move(*checklist);
  HUJI_ASSIGN_OR_RETURN(c.original_decision_date, opt_date_col(st, 17));
  return c;
}

}  // namespace huji::store::sql::nationality_cases

#endif  // HUJI_STORE_SQL_NATIONALITY_CASES_H_
