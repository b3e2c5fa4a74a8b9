// Household transcripts (戶籍謄本): /api/v1/transcripts, its preview, one transcript and its
// PDF.

#include "http/json_mapping.h"
#include "http/routes.h"
#include "service/transcript_service.h"

namespace huji::http {

namespace {

using nlohmann::json;

json labels_json(const domain::TranscriptLabels& l) {
  return {{"household_no", l.household_no},
          {"household_kind", l.household_kind},
          {"address", l.address},
          {"head", l.head},
          {"household_entries", l.household_entries},
          {"relation", l.relation},
          {"name", l.name},
          {"sex", l.sex},
          {"birth_date", l.birth_date},
          {"id_number", l.id_number},
          {"father", l.father},
          {"mother", l.mother},
          {"spouse", l.spouse},
          {"birth_place", l.birth_place},
          {"birth_order", l.birth_order},
          {"military", l.military},
          {"indigenous", l.indigenous},
          {"removal", l.removal},
          {"entries", l.entries},
          {"former_heads", l.former_heads},
          {"office", l.office},
          {"issued_on", l.issued_on},
          {"check_code", l.check_code}};
}

// What the transcript prints, with its headings in its own language.
json content_json(const domain::Transcript& t) {
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
  return {{"title", t.title},
          {"scope", domain::scope_code(t.options.scope)},
          {"detail", domain::detail_code(t.options.detail)},
          {"language", domain::language_code(t.options.language)},
          {"partial", t.partial},
          {"household",
           {{"household_no", t.household_no},
            {"kind", t.household_kind},
            {"address", t.address},
            {"head_name", t.head_name},
            {"head_id", t.head_id},
            {"former_heads", t.former_heads},
            {"entries", t.household_entries}}},
          {"persons", std::move(persons)},
          {"office_code", t.office_code},
          {"office_name", t.office_name},
          {"issued_on", t.issued_on.to_iso()},
          {"issued_on_text", t.issued_on_text},
          {"labels", labels_json(domain::transcript_labels(t.options.language))}};
}

std::string pdf_url(int64_t id) { return "/api/v1/transcripts/" + std::to_string(id) + "/pdf"; }

json transcript_json(const service::TranscriptRecord& r) {
  return {{"id", r.id},
          {"check_code", r.check_code},
          {"sheets", r.sheets},
          {"copies", r.copies},
          {"fee", r.fee},
          {"pdf_url", pdf_url(r.id)},
          {"pdf_sha256", r.pdf_sha256},
          {"household_no", r.household_no},
          {"subject_id", r.subject_id.empty() ? json(nullptr) : json(r.subject_id)},
          {"scope", domain::scope_code(r.options.scope)},
          {"detail", domain::detail_code(r.options.detail)},
          {"language", domain::language_code(r.options.language)},
          {"members", r.options.members},
          {"applicant", r.applicant.relation.empty() ? json(nullptr)
                                                     : json{{"name", r.applicant.name},
                                                            {"id_number", r.applicant.id_number},
                                                            {"relation", r.applicant.relation}}},
          {"reason", r.reason},
          {"purpose", r.purpose},
          {"issued_by", r.issued_by},
          {"issued_on", r.content.issued_on.to_iso()}};
}

service::TranscriptService& transcripts(Services& s) { return *s.transcripts; }

}  // namespace

HUJI_JSON_INPUT(service::TranscriptApplicant, name, id_number, relation)
HUJI_JSON_INPUT(service::TranscriptRequest, subject_id, household_no, scope, detail, language,
                members, copies, applicant, reason, purpose)

void add_transcript_routes(Routes& r, Services& s) {
  r.post("/api/v1/transcripts", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(auto in, q.body<service::TranscriptRequest>());
    HUJI_ASSIGN_OR_RETURN(auto t, transcripts(s).issue(actor, q.ctx(), in, q.idempotency_key()));
    return Response::created({{"transcript", transcript_json(t)}});
  });
  r.post("/api/v1/transcripts/preview", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(auto in, q.body<service::TranscriptRequest>());
    HUJI_ASSIGN_OR_RETURN(auto p, transcripts(s).preview(actor, q.ctx(), in));
    return Response::ok({{"preview",
                          {{"content", content_json(p.content)},
                           {"sheets", p.sheets},
                           {"copies", p.copies},
                           {"fee", p.fee}}}});
  });
  r.get("/api/v1/transcripts/{id:int}", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(int64_t id, q.path_id("id"));
    HUJI_ASSIGN_OR_RETURN(auto t, transcripts(s).get(actor, q.ctx(), id, false));
    json j = transcript_json(t);
    j["content"] = content_json(t.content);
    return Response::ok({{"transcript", std::move(j)}});
  });
  r.get("/api/v1/transcripts/{id:int}/pdf", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(int64_t id, q.path_id("id"));
    HUJI_ASSIGN_OR_RETURN(auto t, transcripts(s).get(actor, q.ctx(), id, true));
    return Response::bytes("application/pdf", std::move(t.pdf));
  });
}

}  // namespace huji::http
