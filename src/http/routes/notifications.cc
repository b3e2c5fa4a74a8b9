// Cross-agency notification (issue 19): agencies (admin), a registration's notifications,
// the counter's consent defaults, and the office's delivery board with replay and retry.

#include "http/json_mapping.h"
#include "http/routes.h"
#include "service/crypto.h"
#include "service/notification_service.h"

namespace huji::http {

namespace {

// POST /agencies and PUT /agencies/{code}.
struct AgencyBody {
  std::string code;
  std::string name_zh;
  std::string name_en;
  std::string group;
  std::string channel = "webhook";
  std::string url;
  std::string secret;
  std::string signing_key;
  bool generate_signing_key = false;
  std::vector<std::string> types;
  std::vector<std::string> fields;
  std::optional<bool> active;
  std::optional<int64_t> version;
};

struct RotateBody {
  std::string secret;
};

}  // namespace

HUJI_JSON_INPUT(AgencyBody, code, name_zh, name_en, group, channel, url, secret, signing_key,
                generate_signing_key, types, fields, active, version)
HUJI_JSON_INPUT(RotateBody, secret)

namespace {

core::Result<domain::notify::Agency> agency_of(const AgencyBody& b) {
  auto channel = domain::notify::channel_from_code(b.channel);
  if (!channel) {
    return core::Error::invalid("agency.channel", "channel 須為 webhook 或 file",
                                "channel must be webhook or file");
  }
  domain::notify::Agency a;
  a.code = b.code;
  a.name_zh = b.name_zh;
  a.name_en = b.name_en;
  a.group = b.group;
  a.channel = *channel;
  a.url = b.url;
  a.secret = b.secret;
  a.signing_key = b.signing_key;
  a.types = b.types;
  a.fields = b.fields;
  a.active = b.active.value_or(true);
  a.active_given = b.active.has_value();
  a.version = b.version.value_or(-1);
  return a;
}

// "sha256:1a2b3c4d": the first 8 hex digits of the secret's SHA-256, enough to tell secrets
// apart and nothing of the key.
std::string secret_hint(const std::string& secret) {
  return "sha256:" + service::sha256_hex(secret).substr(0, 8);
}

nlohmann::json agency_json(const service::AgencyView& v) {
  const auto& a = v.agency;
  nlohmann::json j = {{"code", a.code},
                      {"name_zh", a.name_zh},
                      {"name_en", a.name_en},
                      {"group", a.count_group()},
                      {"channel", domain::notify::channel_code(a.channel)},
                      {"url", a.url},
                      // Never the secret itself: a fingerprint, to tell which one is set.
                      {"secret_hint", secret_hint(a.secret)},
                      {"rotating", !a.previous_secret.empty()},
                      {"public_key", v.public_key},
                      {"types", a.types},
                      {"fields", a.fields},
                      {"active", a.active},
                      {"disabled_reason", a.disabled_reason},
                      {"paused_until_ms", a.paused_until_ms},
                      {"version", a.version},
                      {"updated_ms", a.updated_ms},
                      {"updated_by", a.updated_by}};
  if (!v.new_secret.empty()) j["new_secret"] = v.new_secret;
  return j;
}

nlohmann::json attempt_json(const service::AttemptRecord& a) {
  return {
      {"attempt", a.attempt},         {"started_ms", a.started_ms}, {"finished_ms", a.finished_ms},
      {"http_status", a.http_status}, {"outcome", a.outcome},       {"error", a.error},
      {"response", a.response},       {"receipt", a.receipt},       {"by", a.by}};
}

// Without the payload: the board shows where a message is, not what it says.
nlohmann::json notification_json(const service::NotificationRecord& n) {
  return {{"id", n.id},
          {"message_id", n.message_id},
          {"registration_id", n.application_id},
          {"agency", n.agency},
          {"kind", n.kind},
          {"event_type", n.event_type},
          {"status", n.status},
          {"attempts", n.attempts},
          {"created_ms", n.created_ms},
          {"next_attempt_ms",
           n.status == "pending" ? nlohmann::json(n.next_attempt_ms) : nlohmann::json(nullptr)},
          {"delivered_at_ms",
           n.delivered_at_ms > 0 ? nlohmann::json(n.delivered_at_ms) : nlohmann::json(nullptr)},
          {"last_http_status", n.last_http_status},
          {"last_error", n.last_error}};
}

// A notification with its delivery ledger.
nlohmann::json delivery_json(const service::DeliveryView& d) {
  nlohmann::json j = notification_json(d.notification);
  nlohmann::json ledger = nlohmann::json::array();
  for (const auto& a : d.attempts) ledger.push_back(attempt_json(a));
  j["ledger"] = std::move(ledger);
  return j;
}

nlohmann::json consent_json(const service::ConsentRecord& c) {
  return {{"agency", c.agency},
          {"channel", c.channel},
          {"recorded_by", c.recorded_by},
          {"recorded_ms", c.recorded_ms}};
}

nlohmann::json consents_json(const std::vector<service::ConsentRecord>& list) {
  nlohmann::json arr = nlohmann::json::array();
  for (const auto& c : list) arr.push_back(consent_json(c));
  return arr;
}

Answer agency_answer(const core::Result<service::AgencyView>& v, int status = 200) {
  if (!v.ok()) return v.error();
  return Response{status, {{"agency", agency_json(*v)}}, {}, {}};
}

}  // namespace

void add_notification_routes(Routes& r, Services& s) {
  r.post("/api/v1/agencies", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(AgencyBody b, q.body<AgencyBody>());
    HUJI_ASSIGN_OR_RETURN(auto a, agency_of(b));
    return agency_answer(
        s.notifications->create_agency(actor, q.ctx(), std::move(a), b.generate_signing_key), 201);
  });
  r.get("/api/v1/agencies", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(auto list, s.notifications->agencies(actor));
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& v : list) arr.push_back(agency_json(v));
    return Response::ok({{"agencies", std::move(arr)}});
  });
  r.get("/api/v1/agencies/{code}", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    return agency_answer(s.notifications->agency(actor, q.path("code")));
  });
  r.put("/api/v1/agencies/{code}", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(AgencyBody b, q.body<AgencyBody>());
    b.code = q.path("code");
    HUJI_ASSIGN_OR_RETURN(auto a, agency_of(b));
    return agency_answer(s.notifications->update_agency(actor, q.ctx(), std::move(a)));
  });
  r.post("/api/v1/agencies/{code}/rotate-secret", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(RotateBody b, q.body<RotateBody>());
    return agency_answer(s.notifications->rotate_secret(actor, q.ctx(), q.path("code"), b.secret));
  });
  r.post("/api/v1/agencies/{code}/end-rotation", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    return agency_answer(s.notifications->end_rotation(actor, q.ctx(), q.path("code")));
  });
  r.get("/api/v1/registrations/{id:int}/notifications", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(int64_t id, q.path_id("id"));
    HUJI_ASSIGN_OR_RETURN(auto found, s.notifications->of_registration(actor, q.ctx(), id));
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& d : found.deliveries) arr.push_back(delivery_json(d));
    const auto& consents = found.consents;
    const bool declined = !consents.empty() && consents.front().channel == "declined";
    return Response::ok({{"notifications", std::move(arr)},
                         {"consents", consents_json(consents)},
                         {"declined", declined}});
  });
  r.get("/api/v1/persons/{id}/notify-defaults", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(auto list, s.notifications->last_consents(actor, q.ctx(), q.path("id")));
    return Response::ok({{"consents", consents_json(list)}});
  });
  r.get("/api/v1/notifications", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(Query query, q.query());
    service::NotificationQuery nq;
    nq.status = query.get("status");
    nq.agency = query.get("agency");
    if (auto before = query.get("before")) {
      auto id = to_int(*before);
      if (!id || *id < 1) {
        return core::Error::invalid("notification.before", "before 須為通報編號",
                                    "before must be a notification id");
      }
      nq.before_id = *id;
    }
    nq.limit = to_int(query.text("limit", "100")).value_or(-1);
    HUJI_ASSIGN_OR_RETURN(auto list, s.notifications->list(actor, nq));
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& n : list) arr.push_back(notification_json(n));
    return Response::ok({{"notifications", std::move(arr)}});
  });
  r.get("/api/v1/notifications/{id:int}", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(int64_t id, q.path_id("id"));
    HUJI_ASSIGN_OR_RETURN(auto d, s.notifications->get(actor, id));
    return Response::ok({{"notification", delivery_json(d)}});
  });
  r.post("/api/v1/notifications/{id:int}/replay", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(int64_t id, q.path_id("id"));
    HUJI_ASSIGN_OR_RETURN(auto n, s.notifications->replay(actor, q.ctx(), id));
    return Response::ok({{"notification", notification_json(n)}});
  });
  r.post("/api/v1/notifications/{id:int}/retry", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(int64_t id, q.path_id("id"));
    HUJI_ASSIGN_OR_RETURN(auto n, s.notifications->retry(actor, q.ctx(), id));
    return Response::ok({{"notification", notification_json(n)}});
  });
}

}  // namespace huji::http
