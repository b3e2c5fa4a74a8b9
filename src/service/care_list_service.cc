#include "service/care_list_service.h"

#include <algorithm>
#include <map>

#include "service/audit.h"
#include "service/crypto.h"
#include "service/errors.h"
#include "service/text_limits.h"

namespace huji::service {

using core::Error;
using core::Result;

namespace {

constexpr const char* kNotified = "notified";
constexpr const char* kWithdrawn = "withdrawn";

Error not_found(int64_t id) {
  return Error::not_found("registration.not_found", "查無此登記案 #" + std::to_string(id),
                          "no registration #" + std::to_string(id));
}

// The registration as the care list reads it: nullopt when it does not qualify (or no longer:
// revoked, or its persons' records changed).
Result<std::optional<CareCase>> qualify(Transaction& tx, const ApplicationRecord& a,
                                        const domain::RuleBook& rules) {
  const auto type = domain::event_type_from_code(a.type);
  if (!type || a.status != ApplicationStatus::kRegistered || a.revoked_by != 0) {
    return std::optional<CareCase>();
  }
  std::vector<domain::Person> parties;
  std::vector<domain::Person> children;
  auto spouse = a.fields.find("spouse_id");
  for (const std::string& id : {a.subject_id, spouse == a.fields.end() ? "" : spouse->second}) {
    if (id.empty()) continue;
    HUJI_ASSIGN_OR_RETURN(auto p, tx.find_person(id));
    if (!p) continue;
    if (*type == domain::EventType::kDivorce) {
      HUJI_ASSIGN_OR_RETURN(auto kids, tx.children_of(id));
      children.insert(children.end(), kids.begin(), kids.end());
    }
    parties.push_back(std::move(*p));
  }
  const auto q =
      domain::qualify_for_care_list(*type, a.event_date, parties, children, rules.at(a.event_date));
  if (!q.reason) return std::optional<CareCase>();
  CareCase c;
  c.application = a;
  c.reason = *q.reason;
  c.basis = q.basis;
  c.minor_children = q.minor_children;
  for (size_t i = 0; i < parties.size(); ++i) {
    c.persons.push_back({parties[i].id_number, parties[i].name, q.party_ages[i]});
  }
  return std::optional<CareCase>(std::move(c));
}

// Gives the case its entries (oldest first) and the current notification: the newest entry,
// unless that is a withdrawal.
void attach(CareCase& c, std::vector<CareNotification> history) {
  c.history = std::move(history);
  c.notification.reset();
  if (!c.history.empty() && c.history.back().action == kNotified) c.notification = c.history.back();
}

std::vector<AuditRecord> audit_case(const CareCase& c, const std::string& action,
                                    const std::string& purpose) {
  std::vector<AuditRecord> out;
  for (const auto& p : c.persons) {
    out.push_back({action, p.id_number, purpose + " #" + std::to_string(c.application.id)});
  }
  return out;
}

}  // namespace

Result<CareList> CareListService::list(const Actor& actor, const RequestContext& ctx,
                                       const std::string& month) {
  return read(actor, ctx, month, "care_list.list", "主動關懷通報");
}

Result<CareList> CareListService::export_list(const Actor& actor, const RequestContext& ctx,
                                              const std::string& month) {
  return read(actor, ctx, month, "care_list.export", "主動關懷通報匯出");
}

Result<CareList> CareListService::read(const Actor& actor, const RequestContext& ctx,
                                       const std::string& month_text, const std::string& action,
                                       const std::string& use) {
  if (!domain::role_has(actor.role, domain::Permission::kRegister)) {
    return errors::forbidden(action);
  }
  HUJI_ASSIGN_OR_RETURN(domain::Month month, domain::parse_month(month_text));
  const auto rules = rules_.get();
  CareList out;
  out.month = month;
  out.office_code = actor.office_code;
  out.target = rules->at(month.first).target_care_list_rate;
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  std::map<int64_t, std::vector<CareNotification>> entries;
  HUJI_ASSIGN_OR_RETURN(
      auto notes, tx->care_notifications_registered(actor.office_code, month.first, month.last));
  for (auto& n : notes) entries[n.application_id].push_back(std::move(n));
  for (const auto type : {domain::EventType::kMarriage, domain::EventType::kDivorce}) {
    HUJI_ASSIGN_OR_RETURN(auto apps,
                          tx->list_registered(actor.office_code, domain::event_type_code(type),
                                              month.first, month.last));
    for (const auto& a : apps) {
      HUJI_ASSIGN_OR_RETURN(auto c, qualify(*tx, a, *rules));
      if (!c) continue;
      attach(*c, std::move(entries[a.id]));
      out.cases.push_back(std::move(*c));
    }
  }
  std::stable_sort(out.cases.begin(), out.cases.end(), [](const CareCase& x, const CareCase& y) {
    return x.application.registered_on < y.application.registered_on;
  });
  const std::string purpose = std::string(kWorkQueuePurpose) + " " + use + " " + month.text;
  std::vector<AuditRecord> records{{action, "", purpose}};
  for (const auto& c : out.cases) {
    out.eligible += 1;
    if (c.notification) out.notified += 1;
    for (auto& r : audit_case(c, action, purpose)) records.push_back(std::move(r));
  }
  out.rate = domain::care_list_rate(out.eligible, out.notified);
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx, records));
  HUJI_TRY(tx->commit());
  return out;
}

Result<CareCase> CareListService::notify(const Actor& actor, const RequestContext& ctx,
                                         int64_t application_id, const CareNotificationInput& in,
                                         const std::string& key) {
  if (!domain::role_has(actor.role, domain::Permission::kRegister)) {
    return errors::forbidden("care_list.notify");
  }
  HUJI_TRY(errors::check_idempotency_key(key));
  const bool withdrawal = in.action == kWithdrawn;
  if (!withdrawal && in.action != kNotified) {
    return Error::invalid("care_list.action",
                          "action 須為 notified（已通報）或 withdrawn（撤回誤登）",
                          "action must be notified or withdrawn");
  }
  const core::Date today = clock_.today_taipei();
  std::optional<core::Date> sent_on;
  if (!withdrawal) {
    auto d = core::Date::parse_iso(in.sent_on);
    if (!d.ok() || *d > today) {
      return Error::invalid("care_list.sent_on", "通報日期須為 YYYY-MM-DD，且不得晚於今日",
                            "sent_on must be YYYY-MM-DD, not after today");
    }
    sent_on = *d;
    HUJI_TRY(check_text(in.agency, "care_list.agency", "請填寫受通報機關",
                        "the agency notified is required"));
    HUJI_TRY(
        check_text(in.channel, "care_list.channel", "請填寫通報方式", "the channel is required"));
    if (characters(in.reference) > kMaxText) {
      return Error::invalid("care_list.reference", "文號至多 200 字",
                            "the reference is at most 200 characters");
    }
  }
  if (characters(in.reason) > kMaxText) {
    return Error::invalid("care_list.reason", "理由至多 200 字",
                          "the reason is at most 200 characters");
  }
  auto check_reason = [&] {
    return check_text(in.reason, "care_list.reason", "更正或撤回通報須敘明理由",
                      "a correction or withdrawal states its reason");
  };
  if (withdrawal) HUJI_TRY(check_reason());
  const std::string print =
      sha256_of_fields({std::to_string(application_id), in.action, in.sent_on, in.agency,
                        in.channel, in.reference, in.reason, std::to_string(in.replaces)});
  const auto rules = rules_.get();
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto app, tx->find_application(application_id));
  if (!app) return not_found(application_id);
  if (app->office_code != actor.office_code) {
    return Error::denied("auth.office_scope", "此案件屬於其他戶政事務所",
                         "this case belongs to another office");
  }
  HUJI_ASSIGN_OR_RETURN(auto prior, tx->find_idempotency(actor.username, key));
  HUJI_ASSIGN_OR_RETURN(auto c, qualify(*tx, *app, *rules));
  if (prior) {
    if (prior->operation != "care_list.notify" || prior->fingerprint != print) {
      return errors::idempotency_key_reused();
    }
  } else {
    // A withdrawal stays possible once the case no longer qualifies (revoked since).
    if (!c && !withdrawal) {
      return Error::unprocessable(
          "care_list.not_eligible",
          "登記案 #" + std::to_string(application_id) + " 不符主動關懷通報條件",
          "registration #" + std::to_string(application_id) +
              " does not meet the proactive-care conditions");
    }
    if (!withdrawal && app->registered_on && *sent_on < *app->registered_on) {
      return Error::invalid("care_list.sent_on", "通報日期不得早於登記日期",
                            "sent_on may not be before the registration day");
    }
    HUJI_ASSIGN_OR_RETURN(auto history, tx->care_notifications_of(application_id));
    const int64_t newest = history.empty() ? 0 : history.back().id;
    if (in.replaces != newest) {
      return Error::conflict("care_list.stale", "通報紀錄已被他人更新，請重新整理",
                             "the notifications changed since you opened them; reload");
    }
    const bool current = !history.empty() && history.back().action == kNotified;
    if (!withdrawal && current) HUJI_TRY(check_reason());  // a correction
    if (withdrawal && !current) {
      return Error::unprocessable("care_list.nothing_to_withdraw", "此案目前沒有可撤回的通報",
                                  "this case has no notification to withdraw");
    }
    CareNotification n;
    n.office_code = app->office_code;
    n.application_id = application_id;
    n.action = in.action;
    n.sent_on = sent_on;
    if (!withdrawal) {
      n.agency = in.agency;
      n.channel = in.channel;
      n.reference = in.reference;
    }
    n.reason = in.reason;
    n.replaces = in.replaces;
    n.recorded_by = actor.username;
    n.recorded_ms = clock_.now_ms();
    HUJI_ASSIGN_OR_RETURN(n.id, tx->insert_care_notification(n));
    HUJI_TRY(
        tx->put_idempotency({actor.username, key, "care_list.notify", print, n.id, n.recorded_ms}));
  }
  HUJI_ASSIGN_OR_RETURN(auto history, tx->care_notifications_of(application_id));
  CareCase out;
  if (c) {
    out = std::move(*c);
  } else {
    out.application = *app;
    out.qualifies = false;
  }
  attach(out, std::move(history));
  std::vector<AuditRecord> records =
      audit_case(out, "care_list.notify", std::string("主動關懷通報") + (withdrawal ? "撤回" : ""));
  if (records.empty()) records.push_back({"care_list.notify", "", "主動關懷通報"});
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx, records));
  HUJI_TRY(tx->commit());
  return out;
}

}  // namespace huji::service
