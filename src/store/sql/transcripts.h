#ifndef HUJI_STORE_SQL_TRANSCRIPTS_H_
#define HUJI_STORE_SQL_TRANSCRIPTS_H_

// Table transcripts: each issued household transcript (戶籍謄本) with its request, applicant,
// purpose, the content as printed (a JSON snapshot, mapped here), check code and the issued
// document (issued_documents) that holds its PDF.

#include <string>

#include "domain/register/model.h"
#include "service/transcript_record.h"
#include "store/sql/common.h"
#include "store/sql/events.h"

namespace huji::store::sql::transcripts {

// Every column but id, in the order bind() binds them ($1 … $21).
inline constexpr const char* kFields =
    "office_code, household_no, subject_id, scope, detail, language, members, copies, "
    "applicant_name, applicant_id, applicant_relation, reason, purpose, content, sheets, fee, "
    "check_code, pdf_sha256, issued_by, issued_ms, document_id";
inline const std::string kInsert =
    join({"INSERT INTO transcripts (", kFields,
          ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,"
          "$21) RETURNING id"});
inline const std::string kFind = join({"SELECT id, ", kFields, " FROM transcripts WHERE id = $1"});
inline const std::string kEventsOfHousehold =
    join({"SELECT ", events::kColumns, " FROM events WHERE household_no = $1 ORDER BY seq"});

// The content as stored: every printed field, so the record shows what was printed even after
// the register changes.
inline std::string content_json(const domain::Transcript& t) {
  using nlohmann::json;
  json persons = json::array();
  for (const auto& p : t.persons) {
    persons.push_back({{"id_number", p.id_number},
                       {"name", p.name},
                       {"relation", p.relation},
                       {"sex", p.sex},
                       {"birth_date", p.birth_date.to_iso()},
                       {"birth_date_text", p.birth_date_text},
                       {"father", p.father},
                       {"mother", p.mother},
                       {"spouse", p.spouse},
                       {"birth_place", p.birth_place},
                       {"birth_order", p.birth_order},
                       {"military", p.military},
                       {"indigenous", p.indigenous},
                       {"removal", p.removal},
                       {"entries", p.entries}});
  }
  json j = {{"partial", t.partial},
            {"title", t.title},
            {"household_no", t.household_no},
            {"household_kind", t.household_kind},
            {"address", t.address},
            {"head_name", t.head_name},
            {"head_id", t.head_id},
            {"former_heads", t.former_heads},
            {"household_entries", t.household_entries},
            {"persons", std::move(persons)},
            {"office_code", t.office_code},
            {"office_name", t.office_name},
            {"issued_on", t.issued_on.to_iso()},
            {"issued_on_text", t.issued_on_text}};
  return j.dump();
}

inline core::Result<domain::Transcript> content_from_json(const std::string& text,
                                                          const domain::TranscriptOptions& o) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return corrupt("transcript content");
  try {
    domain::Transcript t;
    t.options = o;
    t.partial = j.at("partial").get<bool>();
    t.title = j.at("title").get<std::string>();
    t.household_no = j.at("household_no").get<std::string>();
    t.household_kind = j.at("household_kind").get<std::string>();
    t.address = j.at("address").get<std::string>();
    t.head_name = j.at("head_name").get<std::string>();
    t.head_id = j.at("head_id").get<std::string>();
    t.former_heads = j.at("former_heads").get<std::vector<std::string>>();
    t.household_entries = j.at("household_entries").get<std::vector<std::string>>();
    for (const auto& p : j.at("persons")) {
      domain::TranscriptPerson tp;
      tp.id_number = p.at("id_number").get<std::string>();
      tp.name = p.at("name").get<std::string>();
      tp.relation = p.at("relation").get<std::string>();
      tp.sex = p.at("sex").get<std::string>();
      HUJI_ASSIGN_OR_RETURN(tp.birth_date,
                            core::Date::parse_iso(p.at("birth_date").get<std::string>()));
      tp.birth_date_text = p.at("birth_date_text").get<std::string>();
      tp.father = p.at("father").get<std::string>();
      tp.mother = p.at("mother").get<std::string>();
      tp.spouse = p.at("spouse").get<std::string>();
      tp.birth_place = p.at("birth_place").get<std::string>();
      tp.birth_order = p.at("birth_order").get<std::string>();
      tp.military = p.at("military").get<std::string>();
      tp.indigenous = p.at("indigenous").get<std::string>();
      tp.removal = p.at("removal").get<std::string>();
      tp.entries = p.at("entries").get<std::vector<std::string>>();
      t.persons.push_back(std::move(tp));
    }
    t.office_code = j.at("office_code").get<std::string>();
    t.office_name = j.at("office_name").get<std::string>();
    HUJI_ASSIGN_OR_RETURN(t.issued_on, core::Date::parse_iso(j.at("issued_on").get<std::string>()));
    t.issued_on_text = j.at("issued_on_text").get<std::string>();
    return t;
  } catch (const nlohmann::json::exception&) {
    return corrupt("transcript content");
  }
}

inline std::string members_text(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) {
    if (!out.empty()) out += ',';
    out += id;
  }
  return out;
}

// Binds kFields to $1 … $21.
template <typename Statement>
Statement& bind(Statement& st, const service::TranscriptRecord& t) {
  return st.bind(1, t.office_code)
      .bind(2, t.household_no)
      .bind(3, t.subject_id)
      .bind(4, domain::scope_code(t.options.scope))
      .bind(5, domain::detail_code(t.options.detail))
      .bind(6, domain::language_code(t.options.language))
      .bind(7, members_text(t.options.members))
      .bind(8, static_cast<int64_t>(t.copies))
      .bind(9, t.applicant.name)
      .bind(10, t.applicant.id_number)
      .bind(11, t.applicant.relation)
      .bind(12, t.reason)
      .bind(13, t.purpose)
      .bind(14, content_json(t.content))
      .bind(15, static_cast<int64_t>(t.sheets))
      .bind(16, t.fee)
      .bind(17, t.check_code)
      .bind(18, t.pdf_sha256)
      .bind(19, t.issued_by)
      .bind(20, t.issued_ms)
      .bind(21, t.document_id);
}

// Reads "id, " + kFields.
template <typename Statement>
core::Result<service::TranscriptRecord> read(const Statement& st) {
  service::TranscriptRecord t;
  t.id = st.int64(0);
  t.office_code = st.text(1);
  t.household_no = st.text(2);
  t.subject_id = st.text(3);
  auto scope = domain::scope_from_code(st.text(4));
  auto detail = domain::detail_from_code(st.text(5));
  auto language = domain::language_from_code(st.text(6));
  if (!scope || !detail || !language) return corrupt("transcript options");
  t.options.scope = *scope;
  t.options.detail = *detail;
  t.options.language = *language;
  t.options.members = domain::split_ids(st.text(7));
  t.copies = static_cast<int>(st.int64(8));
  t.applicant = {st.text(9), st.text(10), st.text(11)};
  t.reason = st.text(12);
  t.purpose = st.text(13);
  HUJI_ASSIGN_OR_RETURN(t.content, content_from_json(st.text(14), t.options));
  t.sheets = static_cast<int>(st.int64(15));
  t.fee = st.int64(16);
  t.check_code = st.text(17);
  t.pdf_sha256 = st.text(18);
  t.issued_by = st.text(19);
  t.issued_ms = st.int64(20);
  t.document_id = st.int64(21);
  return t;
}

}  // namespace huji::store::sql::transcripts

#endif  // HUJI_STORE_SQL_TRANSCRIPTS_H_
