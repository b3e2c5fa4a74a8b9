#include "service/notification_service.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <map>
#include <nlohmann/json.hpp>

#include "domain/register/event_keys.h"
#include "service/audit.h"
#include "service/errors.h"
#include "service/webhook_signature.h"

namespace huji::service {

namespace {

using core::Error;
using core::Result;
using domain::notify::Agency;

Error consent_error(const std::string& code, const std::string& zh, const std::string& en) {
  return Error::unprocessable("notification." + code, zh, en);
}

// "2026-12-05T05:40:12.345Z".
std::string utc_text(int64_t ms) {
  const auto s = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&s, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(ms % 1000));
  return buf;
}

const char* sex_text(core::Sex s) { return s == core::Sex::kMale ? "male" : "female"; }

// Every field an agency might be given, from the register as it is in `tx`.
Result<std::map<std::string, std::string>> person_fields(Transaction& tx,
                                                         const ApplicationRecord& a,
                                                         const std::string& person_id) {
  std::map<std::string, std::string> f;
  f["event_date"] = a.event_date.to_iso();
  // An ID number change leaves the old record removed and the person under the new number
  // (domain/register/projector.cc): the agency is told the new one and the old one.
  std::string current = person_id;
  if (a.type == "id_number_change" && a.first_event_seq > 0) {
    HUJI_ASSIGN_OR_RETURN(auto events, tx.events_of(person_id));
    for (const auto& e : events) {
      if (e.seq < a.first_event_seq || e.seq > a.last_event_seq) continue;
      auto it = e.data.find(domain::event_key::kNewId);
      if (it != e.data.end() && !it->second.empty()) current = it->second;
    }
    if (current != person_id) f["previous_id_number"] = person_id;
  }
  HUJI_ASSIGN_OR_RETURN(auto person, tx.find_person(current));
  if (!person) {
    f["id_number"] = person_id;
    return f;
  }
  const domain::Person& p = *person;
  f["id_number"] = p.id_number;
  f["name"] = p.name;
  f["sex"] = sex_text(p.sex);
  f["birth_date"] = p.birth_date.to_iso();
  f["birth_date_roc"] = p.birth_date.to_roc();
  f["birth_place"] = p.birth_place;
  f["birth_order"] = std::to_string(p.birth_order);
  f["relation"] = p.relation;
  f["indigenous"] = p.indigenous;
  f["status"] = p.status == domain::PersonStatus::kActive ? "active" : "removed";
  f["removal_reason"] = p.removal_reason;
  f["household_no"] = p.household_no;
  f["father_name"] = p.father_name;
  f["mother_name"] = p.mother_name;
  if (p.father_id) f["father_id"] = *p.father_id;
  if (p.mother_id) f["mother_id"] = *p.mother_id;
  if (p.spouse_id) {
    f["spouse_id"] = *p.spouse_id;
    HUJI_ASSIGN_OR_RETURN(auto spouse, tx.find_person(*p.spouse_id));
    if (spouse) f["spouse_name"] = spouse->name;
  }
  if (!p.household_no.empty()) {
    HUJI_ASSIGN_OR_RETURN(auto hh, tx.find_household(p.household_no));
    if (hh) {
      HUJI_ASSIGN_OR_RETURN(auto plate, tx.find_door_plate(hh->door_plate_id));
      if (plate) f["address"] = plate->address.format();
    }
  }
  if (a.type == "death") f["death_date"] = a.event_date.to_iso();
  return f;
}

std::string payload_text(const std::string& type, int64_t now_ms, nlohmann::json data) {
  nlohmann::json body = {
      {"type", type}, {"timestamp", utc_text(now_ms)}, {"data", std::move(data)}};
  return body.dump();
}

// One outbox row filed under `a` (the registration, or the revocation that writes it): the
// payload's `data` with the person's fields the agency may see, frozen now; due at once.
NotificationRecord outbox_row(const ApplicationRecord& a, const domain::notify::Agency& agency,
                              const std::string& person_id, const std::string& kind,
                              const std::string& event_type, const std::string& type,
                              nlohmann::json data, const std::map<std::string, std::string>& all,
                              int64_t now_ms) {
  nlohmann::json person = nlohmann::json::object();
  for (const auto& [k, v] : domain::notify::minimise(agency, all)) person[k] = v;
  data["person"] = std::move(person);
  NotificationRecord r;
  r.message_id = "msg_" + std::to_string(a.id) + "_" + agency.code + "_" + kind;
  r.application_id = a.id;
  r.office_code = a.office_code;
  r.agency = agency.code;
  r.person_id = person_id;
  r.kind = kind;
  r.event_type = event_type;
  r.payload = payload_text(type, now_ms, std::move(data));
  r.created_ms = r.next_attempt_ms = now_ms;
  return r;
}

const std::string& subject_of(const ApplicationRecord& a) {
  return a.result_subject_id.empty() ? a.subject_id : a.result_subject_id;
}

bool may_manage(const Actor& actor) {
  return domain::role_has(actor.role, domain::Permission::kManageAgencies);
}

bool is_staff(const Actor& actor) {
  return !actor.anonymous && actor.role != domain::Role::kAuditor;
}

bool may_supervise(const Actor& actor) {
  return actor.role == domain::Role::kSupervisor || actor.role == domain::Role::kAdmin;
}

Result<AgencyView> view_of(Agency a) {
  AgencyView v;
  if (!a.signing_key.empty()) {
    HUJI_ASSIGN_OR_RETURN(v.public_key, webhook::public_key_of(a.signing_key));
  }
  v.agency = std::move(a);
  return v;
}

Error agency_not_found(const std::string& code) {
  return Error::not_found("agency.not_found", "查無通報機關：" + code, "no such agency: " + code);
}

Error notification_not_found(int64_t id) {
  return Error::not_found("notification.not_found", "查無通報 #" + std::to_string(id),
                          "no notification #" + std::to_string(id));
}

// The key must decode: domain::notify::validate checks only its form.
core::Status check_keys(const Agency& a) {
  for (const std::string* s : {&a.secret, &a.previous_secret}) {
    if (s->empty()) continue;
    auto key = webhook::unbase64(std::string_view(*s).substr(6));
    if (!key.ok() || key->size() < 24) {
      return Error::invalid("agency.secret", "金鑰須為 whsec_ 開頭之 base64（至少 24 位元組）",
                            "secret must be whsec_ followed by base64 of at least 24 bytes");
    }
  }
  if (!a.signing_key.empty() && !webhook::public_key_of(a.signing_key).ok()) {
    return Error::invalid("agency.signing_key", "簽章私鑰格式錯誤",
                          "signing_key is not a whsk_ Ed25519 key");
  }
  return {};
}

}  // namespace

core::Status record_consent(Transaction& tx, int64_t application_id, const std::string& type,
                            const ConsentInput& in, const std::string& recorded_by,
                            int64_t now_ms) {
  HUJI_ASSIGN_OR_RETURN(auto lines, consent_lines(tx, type, in));
  for (auto& line : lines) {
    line.application_id = application_id;
    line.recorded_by = recorded_by;
    line.recorded_ms = now_ms;
  }
  if (lines.empty()) return {};
  return tx.insert_consents(lines);
}

Result<std::vector<ConsentRecord>> consent_lines(NotificationTx& tx, const std::string& type,
                                                 const ConsentInput& in) {
  std::vector<ConsentRecord> lines;
  if (!in.given()) return lines;
  if (in.declined && (!in.notify.empty() || !in.elsewhere.empty())) {
    return Error::invalid("notification.conflict", "不得同時勾選通報機關與民眾不同意通報",
                          "notify and notify_declined cannot be given together");
  }
  if (in.declined) {
    lines.push_back({0, "", "declined", "", 0});
    return lines;
  }
  std::vector<std::pair<std::string, std::string>> asked;
  for (const auto& code : in.notify) asked.emplace_back(code, "system");
  for (const auto& e : in.elsewhere) asked.push_back(e);
  for (const auto& ask : asked) {
    const std::string& code = ask.first;
    const std::string& channel = ask.second;
    if (channel != "system" && channel != "other" && channel != "office") {
      return Error::invalid("notification.channel", "通報方式須為 system、other 或 office",
                            "the channel must be system, other or office");
    }
    if (std::any_of(lines.begin(), lines.end(),
                    [&](const ConsentRecord& c) { return c.agency == code; })) {
      return Error::invalid("notification.duplicate", "通報機關重複：" + code,
                            "agency named twice: " + code);
    }
    HUJI_ASSIGN_OR_RETURN(auto agency, tx.find_agency(code));
    if (!agency) {
      return consent_error("unknown_agency", "查無通報機關：" + code, "no such agency: " + code);
    }
    if (channel == "system") {
      if (!agency->receives(type)) {
        return consent_error("not_received", agency->name_zh + "不接收此類登記之通報",
                             agency->name_en + " does not receive " + type + " registrations");
      }
      if (!agency->active) {
        return consent_error("inactive", agency->name_zh + "之通報管道已停用",
                             agency->name_en + "'s channel is disabled");
      }
    }
    lines.push_back({0, code, channel, "", 0});
  }
  return lines;
}

Result<int> write_outbox(Transaction& tx, const ApplicationRecord& a,
                         const ApplicationRecord* revoked, int64_t now_ms) {
  int written = 0;
  const std::string registered_on = a.registered_on ? a.registered_on->to_iso() : std::string();
  if (revoked) {
    // Every agency told of the revoked registration is told of its revocation, filed under
    // the revocation. Revoking a revocation puts the registration back in force: the agencies
    // told of that revocation are told it is revoked in turn.
    HUJI_ASSIGN_OR_RETURN(auto sent, tx.notifications_of_application(revoked->id));
    for (const auto& n : sent) {
      HUJI_ASSIGN_OR_RETURN(auto agency, tx.find_agency(n.agency));
      if (!agency) continue;
      HUJI_ASSIGN_OR_RETURN(auto all, person_fields(tx, *revoked, n.person_id));
      HUJI_TRY(tx.insert_notification(outbox_row(a, *agency, n.person_id, "revocation",
                                                 revoked->type, "registration.revoked",
                                                 {{"registration_id", revoked->id},
                                                  {"revocation_id", a.id},
                                                  {"office", a.office_code},
                                                  {"event_type", revoked->type},
                                                  {"revoked_on", registered_on},
                                                  {"revoked_message_id", n.message_id}},
                                                 all, now_ms)));
      ++written;
    }
    return written;
  }
  HUJI_ASSIGN_OR_RETURN(auto consents, tx.consents_of(a.id));
  const std::string& person_id = subject_of(a);
  std::optional<std::map<std::string, std::string>> all;
  for (const auto& c : consents) {
    if (c.channel != "system") continue;
    HUJI_ASSIGN_OR_RETURN(auto agency, tx.find_agency(c.agency));
    // An agency that stopped receiving the type since the consent is not sent it (a disabled
    // one is: the message waits, pending, until the agency is enabled again).
    if (!agency || !agency->receives(a.type)) continue;
    if (!all) {
      HUJI_ASSIGN_OR_RETURN(auto fields, person_fields(tx, a, person_id));
      all = std::move(fields);
    }
    HUJI_TRY(tx.insert_notification(outbox_row(a, *agency, person_id, "registration", a.type,
                                               "registration." + a.type,
                                               {{"registration_id", a.id},
                                                {"office", a.office_code},
                                                {"event_type", a.type},
                                                {"registered_on", registered_on}},
                                               *all, now_ms)));
    ++written;
  }
  return written;
}

Result<AgencyView> NotificationService::create_agency(const Actor& actor, const RequestContext& ctx,
                                                      Agency in, bool generate_key) {
  if (!may_manage(actor)) return errors::forbidden("agency.create");
  if (generate_key && in.signing_key.empty()) in.signing_key = webhook::new_signing_key().first;
  HUJI_TRY(domain::notify::validate(in));
  HUJI_TRY(check_keys(in));
  in.version = 1;
  in.active = true;
  in.disabled_reason.clear();
  in.paused_until_ms = 0;
  in.updated_ms = clock_.now_ms();
  in.updated_by = actor.username;
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto existing, tx->find_agency(in.code));
  if (existing) {
    return Error::conflict("agency.exists", "通報機關代碼已存在：" + in.code,
                           "an agency with code " + in.code + " exists");
  }
  HUJI_TRY(tx->insert_agency(in));
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx, {"agency.create", "", "新增通報機關 " + in.code}));
  HUJI_TRY(tx->commit());
  return view_of(std::move(in));
}

Result<AgencyView> NotificationService::update_agency(const Actor& actor, const RequestContext& ctx,
                                                      Agency in) {
  if (!may_manage(actor)) return errors::forbidden("agency.update");
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto existing, tx->find_agency(in.code));
  if (!existing) return agency_not_found(in.code);
  if (in.version != existing->version) {
    return Error::conflict("agency.stale", "通報機關設定已被他人更新，請重新整理",
                           "the agency changed since you opened it; reload");
  }
  // Secrets left empty keep the stored ones (the API never shows them back).
  if (in.secret.empty()) in.secret = existing->secret;
  if (in.signing_key.empty()) in.signing_key = existing->signing_key;
  in.previous_secret = existing->previous_secret;
  HUJI_TRY(domain::notify::validate(in));
  HUJI_TRY(check_keys(in));
  in.paused_until_ms = existing->paused_until_ms;
  if (!in.active_given) {
    in.active = existing->active;
    in.disabled_reason = existing->disabled_reason;
  } else if (in.active == existing->active) {
    in.disabled_reason = existing->disabled_reason;
  }
  if (in.active) in.disabled_reason.clear();
  if (!in.active && in.disabled_reason.empty()) in.disabled_reason = "admin";
  in.version = existing->version + 1;
  in.updated_ms = clock_.now_ms();
  in.updated_by = actor.username;
  HUJI_ASSIGN_OR_RETURN(bool updated, tx->update_agency(in));
  if (!updated) {
    return Error::conflict("agency.stale", "通報機關設定已被他人更新，請重新整理",
                           "the agency changed since you opened it; reload");
  }
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx, {"agency.update", "", "修改通報機關 " + in.code}));
  HUJI_TRY(tx->commit());
  if (in.active) ring();
  return view_of(std::move(in));
}

Result<AgencyView> NotificationService::rotate_secret(const Actor& actor, const RequestContext& ctx,
                                                      const std::string& code,
                                                      const std::string& new_secret) {
  if (!may_manage(actor)) return errors::forbidden("agency.rotate");
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto a, tx->find_agency(code));
  if (!a) return agency_not_found(code);
  a->previous_secret = a->secret;
  a->secret = new_secret.empty() ? webhook::new_secret() : new_secret;
  const std::string generated = new_secret.empty() ? a->secret : std::string();
  HUJI_TRY(domain::notify::validate(*a));
  HUJI_TRY(check_keys(*a));
  a->version += 1;
  a->updated_ms = clock_.now_ms();
  a->updated_by = actor.username;
  HUJI_ASSIGN_OR_RETURN(bool updated, tx->update_agency(*a));
  if (!updated)
    return Error::conflict("agency.stale", "通報機關設定已被他人更新", "the agency changed");
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx, {"agency.rotate", "", "更換通報金鑰 " + code}));
  HUJI_TRY(tx->commit());
  HUJI_ASSIGN_OR_RETURN(AgencyView v, view_of(std::move(*a)));
  v.new_secret = generated;  // shown this once, to hand to the agency
  return v;
}

Result<AgencyView> NotificationService::end_rotation(const Actor& actor, const RequestContext& ctx,
                                                     const std::string& code) {
  if (!may_manage(actor)) return errors::forbidden("agency.rotate");
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto a, tx->find_agency(code));
  if (!a) return agency_not_found(code);
  a->previous_secret.clear();
  a->version += 1;
  a->updated_ms = clock_.now_ms();
  a->updated_by = actor.username;
  HUJI_ASSIGN_OR_RETURN(bool updated, tx->update_agency(*a));
  if (!updated)
    return Error::conflict("agency.stale", "通報機關設定已被他人更新", "the agency changed");
  HUJI_TRY(
      append_audit(*tx, clock_, actor, ctx, {"agency.rotate_end", "", "停用舊通報金鑰 " + code}));
  HUJI_TRY(tx->commit());
  return view_of(std::move(*a));
}

Result<std::vector<AgencyView>> NotificationService::agencies(const Actor& actor) {
  if (!is_staff(actor)) return errors::forbidden("agency.list");
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
  HUJI_ASSIGN_OR_RETURN(auto list, tx->list_agencies());
  std::vector<AgencyView> out;
  for (auto& a : list) {
    HUJI_ASSIGN_OR_RETURN(auto v, view_of(std::move(a)));
    out.push_back(std::move(v));
  }
  return out;
}

Result<AgencyView> NotificationService::agency(const Actor& actor, const std::string& code) {
  if (!is_staff(actor)) return errors::forbidden("agency.get");
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
  HUJI_ASSIGN_OR_RETURN(auto a, tx->find_agency(code));
  if (!a) return agency_not_found(code);
  return view_of(std::move(*a));
}

Result<RegistrationNotifications> NotificationService::of_registration(const Actor& actor,
                                                                       const RequestContext& ctx,
                                                                       int64_t application_id) {
  if (!is_staff(actor)) return errors::forbidden("notification.list");
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto a, tx->find_application(application_id));
  if (!a || a->office_code != actor.office_code) {
    return Error::not_found(
        "registration.not_found", "本所查無申請案 #" + std::to_string(application_id),
        "no application #" + std::to_string(application_id) + " at this office");
  }
  RegistrationNotifications out;
  HUJI_ASSIGN_OR_RETURN(out.consents, tx->consents_of(application_id));
  HUJI_ASSIGN_OR_RETURN(auto rows, tx->notifications_of_application(application_id));
  for (auto& n : rows) {
    HUJI_ASSIGN_OR_RETURN(auto attempts, tx->attempts_of(n.id));
    out.deliveries.push_back({std::move(n), std::move(attempts)});
  }
  // What was sent about the person is a read of their data (the payloads).
  HUJI_TRY(append_audit(
      *tx, clock_, actor, ctx,
      {"notification.read", subject_of(*a), "跨機關通報狀態 #" + std::to_string(application_id)}));
  HUJI_TRY(tx->commit());
  return out;
}

Result<std::vector<ConsentRecord>> NotificationService::last_consents(
    const Actor& actor, const RequestContext& ctx, const std::string& person_id) {
  if (!domain::role_has(actor.role, domain::Permission::kRegister)) {
    return errors::forbidden("notification.defaults");
  }
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto lines, tx->last_consents_of_person(person_id));
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx,
                        {"notification.defaults", person_id, "受理登記：跨機關通報預設"}));
  HUJI_TRY(tx->commit());
  return lines;
}

Result<std::vector<NotificationRecord>> NotificationService::list(const Actor& actor,
                                                                  NotificationQuery q) {
  if (!may_supervise(actor)) return errors::forbidden("notification.board");
  q.office = actor.office_code;
  if (q.limit < 1 || q.limit > 500) {
    return Error::invalid("notification.limit", "limit 須介於 1 與 500", "limit must be 1-500");
  }
  if (q.status && *q.status != "pending" && *q.status != "delivered" && *q.status != "dead") {
    return Error::invalid("notification.status", "status 須為 pending、delivered 或 dead",
                          "status must be pending, delivered or dead");
  }
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
  return tx->list_notifications(q);
}

Result<DeliveryView> NotificationService::get(const Actor& actor, int64_t id) {
  if (!may_supervise(actor)) return errors::forbidden("notification.get");
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
  HUJI_ASSIGN_OR_RETURN(auto n, tx->find_notification(id));
  if (!n || n->office_code != actor.office_code) return notification_not_found(id);
  HUJI_ASSIGN_OR_RETURN(auto attempts, tx->attempts_of(id));
  return DeliveryView{std::move(*n), std::move(attempts)};
}

Result<NotificationRecord> NotificationService::replay(const Actor& actor,
                                                       const RequestContext& ctx, int64_t id) {
  return reschedule(actor, ctx, id, true);
}

Result<NotificationRecord> NotificationService::retry(const Actor& actor, const RequestContext& ctx,
                                                      int64_t id) {
  return reschedule(actor, ctx, id, false);
}

Result<NotificationRecord> NotificationService::reschedule(const Actor& actor,
                                                           const RequestContext& ctx, int64_t id,
                                                           bool replay) {
  if (!may_supervise(actor)) return errors::forbidden("notification.replay");
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto n, tx->find_notification(id));
  if (!n || n->office_code != actor.office_code) return notification_not_found(id);
  if (replay && n->status != "dead") {
    return Error::conflict("notification.not_dead", "僅能重送已停止重試之通報",
                           "only a dead-lettered notification can be replayed");
  }
  if (!replay && n->status != "pending") {
    return Error::conflict("notification.not_pending", "僅能立即重試尚未送達之通報",
                           "only a pending notification can be retried now");
  }
  const int64_t now = clock_.now_ms();
  if (replay) {
    n->status = "pending";
    n->attempts = 0;
  }
  n->next_attempt_ms = now;
  n->version += 1;
  HUJI_ASSIGN_OR_RETURN(bool updated, tx->update_notification(*n));
  if (!updated) {
    return Error::conflict("notification.stale", "通報正在傳送中，請稍後再試",
                           "the notification is being sent; try again shortly");
  }
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx,
                        {replay ? "notification.replay" : "notification.retry", n->person_id,
                         (replay ? "重送通報 #" : "立即重試通報 #") + std::to_string(id)}));
  HUJI_TRY(tx->commit());
  ring();
  return *n;
}

}  // namespace huji::service
