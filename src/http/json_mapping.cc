#include "http/json_mapping.h"

#include "http/json_writer.h"

namespace huji::http {

using nlohmann::json;

int http_status(const core::Error& e) {
  if (e.code == kUnsupportedMediaType) return 415;
  if (e.code == kHeadersTooLarge) return 431;
  switch (e.kind) {
    case core::ErrorKind::kInvalidArgument: return 400;
    case core::ErrorKind::kUnauthenticated: return 401;
    case core::ErrorKind::kPermissionDenied: return 403;
    case core::ErrorKind::kNotFound: return 404;
    case core::ErrorKind::kConflict: return 409;
    case core::ErrorKind::kPayloadTooLarge: return 413;
    case core::ErrorKind::kUriTooLong: return 414;
    case core::ErrorKind::kUnprocessable: return 422;
    case core::ErrorKind::kLocked: return 423;
    case core::ErrorKind::kTooManyRequests: return 429;
    case core::ErrorKind::kUnavailable: return 503;
    case core::ErrorKind::kInternal: return 500;
  }
  return 500;
}

json error_json(const core::Error& e) {
  return {
      {"error", {{"code", e.code}, {"message_zh", e.message_zh}, {"message_en", e.message_en}}}};
}

json actor_json(const service::Actor& a) {
  return {{"username", a.username},
          {"display_name", a.display_name},
          {"role", domain::role_code(a.role)},
          {"office_code", a.office_code},
          {"office_name", a.office_name}};
}

namespace {

const char* status_code(domain::PersonStatus s) {
  return s == domain::PersonStatus::kActive ? "active" : "removed";
}

}  // namespace

json member_json(const domain::Person& m) {
  return {{"id_number", m.id_number},
          {"name", m.name},
          {"relation", m.relation},
          {"sex", sex_code(m.sex)},
          {"birth_date", m.birth_date.to_iso()},
          {"birth_date_roc", m.birth_date.to_roc()},
          {"status", status_code(m.status)}};
}

namespace {

void write_ref(JsonWriter& w, std::string_view key, const std::optional<service::PersonRef>& r) {
  w.key(key);
  if (!r) {
    w.null();
    return;
  }
  w.begin_object()
      .key("id_number")
      .string_or_null(r->id_number)
      .member("name", r->name)
      .end_object();
}

void write_member(JsonWriter& w, const domain::Person& m) {
  w.begin_object()
      .member("birth_date", m.birth_date.to_iso())
      .member("birth_date_roc", m.birth_date.to_roc())
      .member("id_number", m.id_number)
      .member("name", m.name)
      .member("relation", m.relation)
      .member("sex", sex_code(m.sex))
      .member("status", status_code(m.status))
      .end_object();
}

// "person": the person's own row, with household_no in the summary and father, mother and
// spouse in the full view (which shows the household itself); keys in alphabetical order.
void write_person(JsonWriter& w, const service::PersonView& v) {
  const domain::Person& p = v.person;
  const bool full = v.kind == service::PersonViewKind::kFull;
  w.key("person")
      .begin_object()
      .member("birth_date", p.birth_date.to_iso())
      .member("birth_date_roc", p.birth_date.to_roc())
      .member("birth_order", p.birth_order)
      .member("birth_place", p.birth_place);
  if (full) write_ref(w, "father", v.father);
  if (!full) w.member("household_no", p.household_no);
  w.member("id_number", p.id_number).member("indigenous", p.indigenous);
  if (full) write_ref(w, "mother", v.mother);
  w.member("name", p.name)
      .member("relation", p.relation)
      .member("removal_reason", p.removal_reason)
      .member("sex", sex_code(p.sex));
  if (full) write_ref(w, "spouse", v.spouse);
  w.member("status", status_code(p.status)).end_object();
}

}  // namespace

std::string person_view_text(const service::PersonView& v) {
  JsonWriter w;
  w.begin_object();
  if (v.kind == service::PersonViewKind::kSummary) {
    // The person's own row: no parents, spouse, household or 記事 were read.
    write_person(w, v);
    w.member("view", "summary").end_object();
    return w.take();
  }
  w.key("events").begin_array();
  for (const auto& e : v.events) {
    w.begin_object().key("corrects_seq");
    if (e.corrects_seq)
      w.number(*e.corrects_seq);
    else
      w.null();
    w.member("event_date", e.event_date.to_iso())
        .member("office_code", e.office_code)
        .member("registered_on", e.registered_on.to_iso())
        .member("seq", e.seq)
        .member("text_en", domain::describe_en(e))
        .member("text_zh", domain::describe_zh(e))
        .member("type", domain::event_type_code(e.type))
        .end_object();
  }
  w.end_array();
  w.key("household");
  if (v.household) {
    w.begin_object()
        .member("address", v.door_plate ? v.door_plate->address.format() : std::string())
        .member("door_plate_id", v.household->door_plate_id)
        .member("established", v.household->established.to_iso())
        .member("head_id_number", v.household->head_id)
        .member("household_no", v.household->household_no);
    w.key("members").begin_array();
    for (const auto& m : v.members) write_member(w, m);
    w.end_array();
    w.member("office_code", v.household->office_code).end_object();
  } else {
    w.null();
  }
  write_person(w, v);
  w.member("view", "full").end_object();
  return w.take();
}

json household_view_json(const service::HouseholdView& v) {
  json members = json::array();
  for (const auto& m : v.members) members.push_back(member_json(m));
  return {{"household_no", v.household.household_no},
          {"office_code", v.household.office_code},
          {"head_id_number", v.household.head_id},
          {"established", v.household.established.to_iso()},
          {"door_plate_id", v.household.door_plate_id},
          {"address", v.door_plate ? v.door_plate->address.format() : ""},
          {"version", v.household.version},
          {"members", std::move(members)}};
}

namespace {

// A date that may be absent: ISO text, or null.
json opt_date(const std::optional<core::Date>& d) { return d ? json(d->to_iso()) : json(nullptr); }

}  // namespace

json application_json(const service::ApplicationRecord& a) {
  json fields = json::object();
  for (const auto& [k, v] : a.fields) fields[k] = v;
  auto opt = [](const std::string& s) { return s.empty() ? json(nullptr) : json(s); };
  return {{"id", a.id},
          {"office_code", a.office_code},
          {"type", a.type},
          {"status", service::application_status_code(a.status)},
          {"subject_id", opt(a.subject_id)},
          {"event_date", a.event_date.to_iso()},
          {"fields", std::move(fields)},
          {"applicant",
           {{"name", a.applicant_name},
            {"id_number", a.applicant_id},
            {"relation", a.applicant_relation},
            {"identity_check", a.identity_check},
            {"interest", opt(a.applicant_interest)},
            {"principal_id", opt(a.principal_id)},
            {"principal_relation", opt(a.principal_relation)}}},
          {"entered_by", a.entered_by},
          {"entered_at_ms", a.entered_ms},
          {"deadline", a.has_deadline ? json(a.deadline.to_iso()) : json(nullptr)},
          {"deadline_provisional", a.deadline_provisional},
          {"deadline_basis", a.deadline_basis},
          {"days_late", a.days_late},
          {"proposed_fine", {{"min", a.fine_min}, {"max", a.fine_max}}},
          {"fine_decided", a.fine_decided ? json(*a.fine_decided) : json(nullptr)},
          {"reviewed_by", opt(a.reviewed_by)},
          {"review_note", a.review_note},
          {"registered_on", opt_date(a.registered_on)},
          {"event_seqs",
           a.first_event_seq ? json::array({a.first_event_seq, a.last_event_seq}) : json::array()},
          {"result_subject_id", opt(a.result_subject_id)},
          {"revoked_by", a.revoked_by ? json(a.revoked_by) : json(nullptr)},
          {"revoked_cause", opt(a.revoked_cause)},
          {"sample", a.sample_result.empty() ? json(nullptr)
                                             : json({{"result", a.sample_result},
                                                     {"reason", a.sample_reason},
                                                     {"by", a.sampled_by},
                                                     {"at_ms", a.sampled_ms}})},
          {"version", a.version}};
}

json preview_json(const service::RegistrationPreview& p) {
  const auto& a = p.application;
  json entries = json::array();
  for (const auto& e : p.entries) {
    entries.push_back({{"type", domain::event_type_code(e.type)},
                       {"subject_id", e.subject_id},
                       {"household_no", e.household_no},
                       {"event_date", e.event_date.to_iso()},
                       {"registered_on", e.registered_on.to_iso()},
                       {"text_zh", domain::describe_zh(e)},
                       {"text_en", domain::describe_en(e)}});
  }
  return {{"type", a.type},
          {"subject_id", a.subject_id.empty() ? json(nullptr) : json(a.subject_id)},
          {"event_date", a.event_date.to_iso()},
          {"deadline", a.has_deadline ? json(a.deadline.to_iso()) : json(nullptr)},
          {"deadline_provisional", a.deadline_provisional},
          {"deadline_basis", a.deadline_basis},
          {"days_late", a.days_late},
          {"proposed_fine", {{"min", a.fine_min}, {"max", a.fine_max}}},
          {"entries", std::move(entries)}};
}

json document_json(const service::DocumentRecord& d) {
  return {{"id", d.id},
          {"application_id", d.application_id},
          {"filename", d.filename},
          {"mime", d.mime},
          {"sha256", d.sha256},
          {"size", d.size},
          {"uploaded_by", d.uploaded_by},
          {"uploaded_at_ms", d.uploaded_ms}};
}

json application_view_json(const service::ApplicationView& v) {
  json out = application_json(v.record);
  json names = json::object();
  for (const auto& [id, name] : v.names) names[id] = name;
  out["names"] = std::move(names);
  auto opt = [](const std::string& s) { return s.empty() ? json(nullptr) : json(s); };
  out["entered_by_name"] = opt(v.entered_by_name);
  out["reviewed_by_name"] = opt(v.reviewed_by_name);
  out["own"] = v.own;
  if (!v.detailed) return out;
  json changes = json::array();
  for (const auto& c : v.changes) {
    changes.push_back(
        {{"person_id", c.person_id}, {"field", c.field}, {"before", c.before}, {"after", c.after}});
  }
  out["changes"] = std::move(changes);
  json entries = json::array();
  for (const auto& e : v.entries) {
    entries.push_back({{"person_id", e.person_id}, {"text_zh", e.text_zh}, {"text_en", e.text_en}});
  }
  out["entries"] = std::move(entries);
  json documents = json::array();
  for (const auto& d : v.documents) documents.push_back(document_json(d));
  out["documents"] = std::move(documents);
  out["preview_refused"] = v.preview_refused ? json({{"code", v.preview_refused->code},
                                                     {"message_zh", v.preview_refused->message_zh},
                                                     {"message_en", v.preview_refused->message_en}})
                                             : json(nullptr);
  return out;
}

json nationality_case_json(const service::NationalityCaseView& v) {
  const auto& c = v.record;
  // The kind's items in order, each ticked (by, at_ms) or not (null).
  json checklist = json::array();
  if (const auto* kind = service::find_nationality_kind(c.kind)) {
    for (auto code : kind->checklist) {
      const auto* item = service::find_checklist_item(code);
      auto tick = c.checklist.find(std::string(code));
      checklist.push_back(
          {{"item", code},
           {"group", item ? item->group : ""},
           {"label_zh", item ? item->label_zh : ""},
           {"label_en", item ? item->label_en : ""},
           {"by", tick == c.checklist.end() ? json(nullptr) : json(tick->second.by)},
           {"at_ms", tick == c.checklist.end() ? json(nullptr) : json(tick->second.at_ms)}});
    }
  }
  auto opt = [](const std::string& s) { return s.empty() ? json(nullptr) : json(s); };
  return {{"id", c.id},
          {"kind", c.kind},
          {"person_name", c.person_name},
          {"id_number", opt(c.id_number)},
          {"approval_letter_date", c.approval_letter_date.to_iso()},
          {"registration_due", c.registration_due.to_iso()},
          {"registered_on", opt_date(c.registered_on)},
          {"proof_of_loss_due", opt_date(c.proof_of_loss_due)},
          {"proof_of_loss_due_provisional", v.proof_of_loss_due_provisional},
          {"proof_of_loss_received", opt_date(c.proof_of_loss_received)},
          {"state", v.state},
          {"reminder_due", v.reminder_due},
          {"registered_by_application",
           c.registered_by_application ? json(c.registered_by_application) : json(nullptr)},
          {"notice_sent", c.notice_sent_on
                              ? json({{"on", c.notice_sent_on->to_iso()}, {"by", c.notice_sent_by}})
                              : json(nullptr)},
          {"original_decision_date", opt_date(c.original_decision_date)},
          {"checklist", checklist},
          {"version", c.version}};
}

json naturalization_test_json(const service::NaturalizationTest& t) {
  return {{"id", t.id},
          {"case_id", t.case_id ? json(*t.case_id) : json(nullptr)},
          {"candidate_name", t.candidate_name},
          {"slot_date", t.slot_date.to_iso()},
          {"slot_time", t.slot_time},
          {"booked_by", t.booked_by}};
}

json audit_entry_json(const service::AuditEntry& e) {
  return {{"seq", e.seq},
          {"at_ms", e.at_ms},
          {"username", e.username},
          {"role", e.role},
          {"office_code", e.office_code},
          {"action", e.action},
          {"subject_id", e.subject_id},
          {"purpose", e.purpose},
          {"request_id", e.request_id},
          {"outcome", e.outcome},
          {"hash", e.hash}};
}

json address_json(const core::Address& a) {
  auto opt = [](const std::string& s) { return s.empty() ? json(nullptr) : json(s); };
  return {{"county", opt(a.county)},   {"district", opt(a.district)},
          {"village", opt(a.village)}, {"neighborhood", opt(a.neighborhood)},
          {"road", opt(a.road)},       {"section", opt(a.section)},
          {"lane", opt(a.lane)},       {"alley", opt(a.alley)},
          {"number", opt(a.number)},   {"floor", opt(a.floor)},
          {"formatted", a.format()}};
}

json id_check_json(const core::Result<core::IdNumber>& r) {
  if (!r.ok()) {
    const core::Error& e = r.error();
    return {
        {"valid", false},
        {"kind", nullptr},
        {"sex", nullptr},
        {"reason", {{"code", e.code}, {"message_zh", e.message_zh}, {"message_en", e.message_en}}}};
  }
  json out = {{"valid", true},
              {"id_number", r->str()},
              {"kind", r->kind() == core::IdKind::kCitizen ? "citizen" : "resident"},
              {"sex", sex_code(r->sex())},
              {"reason", nullptr}};
  if (r->legacy_resident()) out["valid_until"] = "2030-12-31";
  return out;
}

}  // namespace huji::http
