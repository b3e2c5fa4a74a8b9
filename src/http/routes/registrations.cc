// The registration workflow (/api/v1/registrations/…): entry, the office's lists, review,
// sampling, supporting documents.

#include "domain/register/applicants.h"
#include "http/json_mapping.h"
#include "http/routes.h"

namespace huji::http {

namespace {

// An agency notified outside the system (大同's formula): "other" or "office".
struct NotifyElsewhere {
  std::string agency;
  std::string channel;
};

// POST /registrations: the use case's input as sent, with the citizen's consent to
// cross-agency notification ("notify": agency codes, or "notify_declined": true).
struct SubmitBody : service::SubmitInput {
  std::vector<std::string> notify;
  bool notify_declined = false;
  std::vector<NotifyElsewhere> notify_elsewhere;
  service::SubmitInput input() const {
    service::SubmitInput in = *this;
    in.consent.notify = notify;
    in.consent.declined = notify_declined;
    for (const auto& e : notify_elsewhere) in.consent.elsewhere.emplace_back(e.agency, e.channel);
    return in;
  }
  static std::optional<core::Error> refuse(const json_input::Refusal& r) {
    if (r.unknown || r.path.rfind("fields", 0) != 0) return std::nullopt;
    return core::Error::invalid("registration.fields", "fields 須為物件，其欄位值須為文字",
                                "fields must be an object of text values");
  }
};

struct ReviewBody {
  std::string decision;  // approve | reject
  std::string note;
  std::optional<int64_t> fine;  // NT$
  std::optional<int64_t> version;
  static std::optional<core::Error> refuse(const json_input::Refusal& r) {
    if (r.unknown || r.path != "fine") return std::nullopt;
    return fine_invalid();
  }
  static core::Error fine_invalid() {
    return core::Error::invalid("registration.fine_invalid", "罰鍰須為整數金額（新臺幣元）",
                                "fine must be a whole number of NT$");
  }
};

struct SampleBody {
  std::string result;  // correct | erroneous
  std::string reason;
  std::optional<int64_t> version;
};

}  // namespace

HUJI_JSON_INPUT(service::ApplicantInput, name, id_number, relation, identity_check, interest,
                principal_id, principal_relation)
HUJI_JSON_INPUT(NotifyElsewhere, agency, channel)
HUJI_JSON_INPUT(SubmitBody, type, event_date, subject_id, fields, applicant, notify,
                notify_declined, notify_elsewhere)
HUJI_JSON_INPUT(ReviewBody, decision, note, fine, version)
HUJI_JSON_INPUT(SampleBody, result, reason, version)

namespace {

Answer application(const core::Result<service::ApplicationRecord>& a, int status = 200) {
  if (!a.ok()) return a.error();
  return Response{status, {{"application", application_json(*a)}}, {}, {}};
}

// GET /registrations/applicant-capacities?type=…: who may apply for `type`, for the form.
Answer applicant_capacities(const std::optional<std::string>& code) {
  auto type = domain::event_type_from_code(code.value_or(""));
  if (!type || domain::allowed_applicants(*type).empty()) {
    return core::Error::invalid("registration.type", "不支援的登記類別：" + code.value_or(""),
                                "unknown registration type: " + code.value_or(""));
  }
  using When = domain::AllowedApplicant::When;
  nlohmann::json list = nlohmann::json::array();
  for (const auto& a : domain::allowed_applicants(*type)) {
    const auto c = a.capacity;
    const bool interest =
        c == domain::Capacity::kInterestedParty || c == domain::Capacity::kCarer ||
        c == domain::Capacity::kFuneralOrganiser || c == domain::Capacity::kPremisesManager;
    list.push_back({{"code", domain::capacity_code(c)},
                    {"label_zh", domain::capacity_label_zh(c)},
                    {"label_en", domain::capacity_label_en(c)},
                    {"cite", a.cite},
                    {"when", a.when == When::kCourtDivorce    ? "court_divorce"
                             : a.when == When::kAgreedDivorce ? "agreed_divorce"
                                                              : "always"},
                    {"needs_interest", interest},
                    {"needs_principal", c == domain::Capacity::kAgent}});
  }
  return Response::ok({{"type", *code},
                       {"article", domain::applicants_article(*type)},
                       {"capacities", std::move(list)}});
}

Answer applications(const core::Result<std::vector<service::ApplicationRecord>>& list) {
  if (!list.ok()) return list.error();
  nlohmann::json arr = nlohmann::json::array();
  for (const auto& a : *list) arr.push_back(application_json(a));
  return Response::ok({{"applications", std::move(arr)}});
}

// GET /registrations?status=&day=&mine=&before=&limit=: one page of the office's (or the
// reader's own) applications.
Answer application_page(Request& q, Services& s) {
  HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
  HUJI_ASSIGN_OR_RETURN(Query query, q.query());
  service::ApplicationFilter filter;
  filter.status = query.get("status");
  HUJI_ASSIGN_OR_RETURN(filter.day, query.date("day"));
  const std::string mine = query.text("mine", "false");
  if (mine != "true" && mine != "false") {
    return core::Error::invalid("registration.mine", "mine 須為 true 或 false",
                                "mine must be true or false");
  }
  filter.mine = mine == "true";
  if (auto before = query.get("before")) {
    auto id = to_int(*before);
    if (!id || *id < 1) {
      return core::Error::invalid("registration.before", "before 須為申請案號",
                                  "before must be an application number");
    }
    filter.before_id = *id;
  }
  filter.limit = to_int(query.text("limit", "200")).value_or(-1);
  HUJI_ASSIGN_OR_RETURN(auto page, s.registrations.page(actor, q.ctx(), filter));
  nlohmann::json arr = nlohmann::json::array();
  for (const auto& v : page.items) arr.push_back(application_view_json(v));
  return Response::ok(
      {{"applications", std::move(arr)},
       {"next_before", page.next_before ? nlohmann::json(*page.next_before) : nlohmann::json()}});
}

}  // namespace

void add_registration_routes(Routes& r, Services& s, const ServerConfig& config) {
  r.post("/api/v1/registrations", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(SubmitBody in, q.body<SubmitBody>());
    return application(s.registrations.submit(actor, q.ctx(), in.input(), q.idempotency_key()),
                       201);
  });
  // Check your answers: what POST /registrations would enter, entering nothing.
  r.post("/api/v1/registrations/preview", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(SubmitBody in, q.body<SubmitBody>());
    HUJI_ASSIGN_OR_RETURN(auto preview, s.registrations.preview(actor, q.ctx(), in.input()));
    return Response::ok({{"preview", preview_json(preview)}});
  });
  r.get("/api/v1/registrations", [&s](Request& q) { return application_page(q, s); });
  r.get("/api/v1/registrations/sampling", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(Query query, q.query());
    HUJI_ASSIGN_OR_RETURN(core::Date day, query.required_date("day"));
    const int percent = to_int(query.text("percent", "10")).value_or(-1);
    return applications(s.registrations.sampling_candidates(actor, q.ctx(), day, percent));
  });
  r.get("/api/v1/registrations/sampling-day", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(auto day, s.registrations.latest_sampling_day(actor));
    return Response::ok({{"day", day ? nlohmann::json(day->to_iso()) : nlohmann::json(nullptr)}});
  });
  r.get("/api/v1/registrations/applicant-capacities", [](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(Query query, q.query());
    return applicant_capacities(query.get("type"));
  });
  r.get("/api/v1/registrations/{id:int}", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(int64_t id, q.path_id("id"));
    HUJI_ASSIGN_OR_RETURN(auto view, s.registrations.detail(actor, q.ctx(), id));
    return Response::ok({{"application", application_view_json(view)}});
  });
  r.post("/api/v1/registrations/{id:int}/review", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(int64_t id, q.path_id("id"));
    HUJI_ASSIGN_OR_RETURN(ReviewBody b, q.body<ReviewBody>());
    if (b.decision != "approve" && b.decision != "reject") {
      return core::Error::invalid("registration.decision", "decision 須為 approve 或 reject",
                                  "decision must be approve or reject");
    }
    // A whole number of NT$ that fits an int: 4294967996 must not wrap round to 700.
    if (b.fine && (*b.fine < -1'000'000 || *b.fine > 1'000'000)) return ReviewBody::fine_invalid();
    service::ReviewInput in{b.decision == "approve", b.note, std::nullopt, b.version.value_or(-1)};
    if (b.fine) in.fine = static_cast<int>(*b.fine);
    return application(s.registrations.review(actor, q.ctx(), id, in, q.idempotency_key()));
  });
  r.post("/api/v1/registrations/{id:int}/sample", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(int64_t id, q.path_id("id"));
    HUJI_ASSIGN_OR_RETURN(SampleBody b, q.body<SampleBody>());
    return application(
        s.registrations.sample(actor, q.ctx(), id, b.result, b.reason, b.version.value_or(-1)));
  });
  r.post("/api/v1/registrations/{id:int}/documents",
         [&s](Request& q) -> Answer {
           HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
           HUJI_ASSIGN_OR_RETURN(int64_t id, q.path_id("id"));
           HUJI_ASSIGN_OR_RETURN(Query query, q.query());
           HUJI_ASSIGN_OR_RETURN(auto doc, s.registrations.attach(
                                               actor, q.ctx(), id, query.text("filename"), q.mime(),
                                               std::string(q.raw_body()), q.idempotency_key()));
           return Response::created({{"document", document_json(doc)}});
         },
         {.body_limit = config.max_document_body});
  r.get("/api/v1/registrations/{id:int}/documents/{doc:int}", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(int64_t id, q.path_id("id"));
    HUJI_ASSIGN_OR_RETURN(int64_t doc_id, q.path_id("doc"));
    HUJI_ASSIGN_OR_RETURN(auto doc, s.registrations.document(actor, q.ctx(), id, doc_id));
    return Response::bytes(doc.mime, std::move(doc.content));
  });
}

}  // namespace huji::http
