// Written reminders (催告) and the penalty ledger (裁處): /api/v1/reminders/…,
// /api/v1/penalties/…, and a registration's penalties and §76 fine under
// /api/v1/registrations/{id}/….

#include "http/json_mapping.h"
#include "http/routes.h"
#include "service/reminder_service.h"

namespace huji::http {

namespace {

using nlohmann::json;

struct ExOfficioBody {
  std::optional<int64_t> application_id;
  std::optional<int64_t> version;
};

struct DecisionBody {
  std::optional<int64_t> amount;  // NT$
  std::string reason;
  std::optional<int64_t> version;
};

json reminder_json(const service::ReminderView& v) {
  const auto& r = v.record;
  json to = json::array();
  for (const auto& a : r.addressees) {
    to.push_back({{"id_number", a.id_number},
                  {"name", a.name},
                  {"relation", a.relation},
                  {"address", a.address}});
  }
  return {{"id", r.id},
          {"type", r.type},
          {"subject_id", r.subject_id},
          {"event_date", r.event_date.to_iso()},
          {"source", r.source},
          {"addressees", std::move(to)},
          {"served_on", r.served_on.to_iso()},
          {"due", r.due.to_iso()},
          {"state", v.state},
          {"application_id", r.application_id == 0 ? json(nullptr) : json(r.application_id)},
          {"issued_by", r.issued_by},
          {"closed_by", r.closed_by.empty() ? json(nullptr) : json(r.closed_by)},
          {"version", r.version}};
}

json penalty_json(const service::PenaltyDecision& p) {
  return {{"id", p.id},
          {"application_id", p.application_id == 0 ? json(nullptr) : json(p.application_id)},
          {"reminder_id", p.reminder_id == 0 ? json(nullptr) : json(p.reminder_id)},
          {"kind", p.kind},
          {"grade", p.grade.empty() ? json(nullptr) : json(p.grade)},
          {"legal_basis", p.legal_basis},
          {"amount_proposed", p.amount_proposed},
          {"amount_decided", p.amount_decided ? json(*p.amount_decided) : json(nullptr)},
          {"status", p.status},
          {"reason", p.reason},
          {"proposed_by", p.proposed_by},
          {"decided_by", p.decided_by.empty() ? json(nullptr) : json(p.decided_by)},
          {"version", p.version}};
}

Answer reminder(const core::Result<service::ReminderView>& v, int status = 200) {
  if (!v.ok()) return v.error();
  return Response{status, {{"reminder", reminder_json(*v)}}, {}, {}};
}

Answer penalty(const core::Result<service::PenaltyDecision>& p, int status = 200) {
  if (!p.ok()) return p.error();
  return Response{status, {{"penalty", penalty_json(*p)}}, {}, {}};
}

Answer pdf(core::Result<std::string> bytes) {
  if (!bytes.ok()) return bytes.error();
  return Response::bytes("application/pdf", std::move(*bytes));
}

core::Error amount_invalid() {
  return core::Error::invalid("penalty.amount_invalid", "裁處金額須為整數（新臺幣元）",
                              "amount must be a whole number of NT$");
}

}  // namespace

HUJI_JSON_INPUT(service::ReminderAddresseeInput, id_number, relation)
HUJI_JSON_INPUT(service::NewReminder, type, subject_id, event_date, fields, served_on, source,
                addressees)
HUJI_JSON_INPUT(ExOfficioBody, application_id, version)
HUJI_JSON_INPUT(service::FalseApplicationInput, grade, reason)
HUJI_JSON_INPUT(DecisionBody, amount, reason, version)

void add_reminder_routes(Routes& r, Services& s) {
  r.post("/api/v1/reminders", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(auto in, q.body<service::NewReminder>());
    return reminder(s.reminders.issue(actor, q.ctx(), in, q.idempotency_key()), 201);
  });
  r.get("/api/v1/reminders", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(Query query, q.query());
    HUJI_ASSIGN_OR_RETURN(auto list, s.reminders.list(actor, q.ctx(), query.get("status")));
    json arr = json::array();
    for (const auto& v : list) arr.push_back(reminder_json(v));
    return Response::ok({{"reminders", std::move(arr)}});
  });
  r.get("/api/v1/reminders/{id:int}", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(int64_t id, q.path_id("id"));
    return reminder(s.reminders.get(actor, q.ctx(), id));
  });
  r.get("/api/v1/reminders/{id:int}/letter.pdf", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(int64_t id, q.path_id("id"));
    return pdf(s.reminders.letter(actor, q.ctx(), id));
  });
  r.post("/api/v1/reminders/{id:int}/ex-officio", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(int64_t id, q.path_id("id"));
    HUJI_ASSIGN_OR_RETURN(ExOfficioBody b, q.body<ExOfficioBody>());
    return reminder(s.reminders.record_ex_officio(actor, q.ctx(), id, b.application_id.value_or(0),
                                                  b.version.value_or(-1), q.idempotency_key()));
  });
  r.post("/api/v1/registrations/{id:int}/false-application-fine", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(int64_t id, q.path_id("id"));
    HUJI_ASSIGN_OR_RETURN(auto in, q.body<service::FalseApplicationInput>());
    return penalty(s.reminders.fine_false_application(actor, q.ctx(), id, in, q.idempotency_key()),
                   201);
  });
  r.get("/api/v1/registrations/{id:int}/penalties", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(int64_t id, q.path_id("id"));
    HUJI_ASSIGN_OR_RETURN(auto list, s.reminders.penalties(actor, q.ctx(), id));
    json arr = json::array();
    for (const auto& p : list) arr.push_back(penalty_json(p));
    return Response::ok({{"penalties", std::move(arr)}});
  });
  r.post("/api/v1/penalties/{id:int}/decision", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(int64_t id, q.path_id("id"));
    HUJI_ASSIGN_OR_RETURN(DecisionBody b, q.body<DecisionBody>());
    // A whole number of NT$ that fits an int.
    if (b.amount && (*b.amount < 0 || *b.amount > 1'000'000)) return amount_invalid();
    service::PenaltyDecisionInput in{std::nullopt, b.reason, b.version.value_or(-1)};
    if (b.amount) in.amount = static_cast<int>(*b.amount);
    return penalty(s.reminders.decide(actor, q.ctx(), id, in));
  });
  r.get("/api/v1/penalties/{id:int}/letter.pdf", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(int64_t id, q.path_id("id"));
    return pdf(s.reminders.penalty_letter(actor, q.ctx(), id));
  });
}

}  // namespace huji::http
