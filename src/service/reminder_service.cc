#include "service/reminder_service.h"

#include <algorithm>
#include <set>

#include "core/id_number.h"
#include "domain/register/applicants.h"
#include "domain/register/deadline.h"
#include "domain/register/reminder.h"
#include "service/audit.h"
#include "service/crypto.h"
#include "service/errors.h"

namespace huji::service {

using core::Error;
using core::Result;

namespace {

constexpr size_t kMaxAddressees = 10;
constexpr const char* kAfterReminder = "after_reminder";
constexpr const char* kFalseApplication = "false_application";
constexpr const char* kAfterReminderBasis =
    "戶籍法第79條；戶籍罰鍰處罰金額基準表（經催告仍不申請者）";
constexpr const char* kFalseApplicationBasis = "戶籍法第76條；戶籍罰鍰處罰金額基準表";

Error reminder_not_found(int64_t id) {
  return Error::not_found("reminder.not_found", "查無此催告 #" + std::to_string(id),
                          "no reminder #" + std::to_string(id));
}

Error application_not_found(int64_t id) {
  return Error::not_found("registration.not_found", "查無此登記申請案 #" + std::to_string(id),
                          "no registration application #" + std::to_string(id));
}

Error penalty_not_found(int64_t id) {
  return Error::not_found("penalty.not_found", "查無此裁處 #" + std::to_string(id),
                          "no penalty decision #" + std::to_string(id));
}

core::Status same_office(const Actor& actor, const std::string& office_code) {
  if (actor.office_code != office_code) {
    return Error::denied("auth.office_scope", "此案件屬於其他戶政事務所",
                         "this case belongs to another office");
  }
  return {};
}

Error stale() {
  return Error::conflict("reminder.stale", "資料已被他人更新，請重新整理",
                         "it changed since you opened it; reload");
}

// The person an application is about, as a reminder names it: its subject, or for a birth
// (which has no subject before registration) the mother.
std::string reminded_subject(const ApplicationRecord& a) {
  if (!a.subject_id.empty()) return a.subject_id;
  auto it = a.fields.find("mother_id");
  return it == a.fields.end() ? std::string() : it->second;
}

ReminderView view(ReminderRecord r, core::Date today) {
  auto stored = domain::reminder_status_from_code(r.status).value_or(domain::ReminderStatus::kOpen);
  std::string state = domain::reminder_status_code(domain::reminder_state(stored, r.due, today));
  return {std::move(r), std::move(state)};
}

// The reminder's persons: its subject and each addressee, once each.
std::vector<std::string> persons_of(const ReminderRecord& r) {
  std::vector<std::string> out{r.subject_id};
  for (const auto& a : r.addressees) {
    if (std::find(out.begin(), out.end(), a.id_number) == out.end()) out.push_back(a.id_number);
  }
  return out;
}

std::vector<AuditRecord> audit_persons(const std::vector<std::string>& ids,
                                       const std::string& action, const std::string& purpose) {
  std::vector<AuditRecord> out;
  out.reserve(ids.size() + 1);
  for (const auto& id : ids) out.push_back({action, id, purpose});
  if (out.empty()) out.push_back({action, "", purpose});
  return out;
}

std::vector<std::string> persons_of(const ApplicationRecord& a) {
  std::vector<std::string> out;
  for (const auto& id : {reminded_subject(a), a.result_subject_id, a.applicant_id}) {
    if (core::IdNumber::parse(id).ok() && std::find(out.begin(), out.end(), id) == out.end()) {
      out.push_back(id);
    }
  }
  return out;
}

// The §79 fine after a reminder, proposed once per reminder.
core::Status propose_after_reminder(Transaction& tx, const ReminderRecord& r,
                                    const domain::StatutoryRules& rules,
                                    const std::string& proposed_by, int64_t now_ms) {
  HUJI_ASSIGN_OR_RETURN(auto existing, tx.penalties_of_reminder(r.id));
  if (!existing.empty()) return {};
  PenaltyDecision p;
  p.office_code = r.office_code;
  p.application_id = r.application_id;
  p.reminder_id = r.id;
  p.kind = kAfterReminder;
  p.legal_basis = kAfterReminderBasis;
  p.amount_proposed = rules.fine_after_reminder;
  p.proposed_by = proposed_by;
  p.proposed_ms = now_ms;
  HUJI_ASSIGN_OR_RETURN(p.id, tx.insert_penalty(p));
  return {};
}

// Where a letter to the person goes: their household's door plate ("" when none).
Result<std::string> address_of(Transaction& tx, const domain::Person& p) {
  if (p.household_no.empty()) return std::string();
  HUJI_ASSIGN_OR_RETURN(auto hh, tx.find_household(p.household_no));
  if (!hh) return std::string();
  HUJI_ASSIGN_OR_RETURN(auto plate, tx.find_door_plate(hh->door_plate_id));
  return plate ? plate->address.format() : std::string();
}

// The fields a reminder may carry (those domain::deadline_basis reads), checked as an
// application's are: a 死亡宣告's judgment date is required (the period runs from it).
core::Status check_deadline_fields(domain::EventType type,
                                   const std::map<std::string, std::string>& fields) {
  static const std::set<std::string> kKnown = {"reason", "judgment_date", "initiated_by"};
  for (const auto& [k, v] : fields) {
    if (!kKnown.contains(k)) {
      return Error::invalid("reminder.fields",
                            "催告之欄位僅限 reason、judgment_date、initiated_by：" + k,
                            "a reminder takes reason, judgment_date, initiated_by; not " + k);
    }
  }
  auto it = fields.find("judgment_date");
  if (it != fields.end()) HUJI_TRY(core::Date::parse_iso(it->second));
  if (type == domain::EventType::kDeathDeclaration && it == fields.end()) {
    return Error::invalid("reminder.judgment_date", "死亡宣告之催告須填寫宣告死亡裁判確定日期",
                          "a reminder of a declaration of death needs the judgment_date");
  }
  it = fields.find("reason");
  if (type == domain::EventType::kDivorce && it != fields.end() && it->second != "court" &&
      it->second != "agreed") {
    return Error::invalid("reminder.reason", "離婚原因須為 agreed（兩願）或 court（判決）",
                          "a divorce's reason must be agreed or court");
  }
  it = fields.find("initiated_by");
  if (it != fields.end() && it->second != "citizen" && it->second != "office") {
    return Error::invalid("reminder.initiated_by",
                          "撤銷之提出者須為 citizen（民眾申請）或 office（戶政事務所依職權）",
                          "initiated_by must be citizen or office");
  }
  return {};
}

// The open reminders of the office that registering `a` answers: about its person, of its
// type or of the duty an 逕為 registration registers (domain::reminder_types_answered).
Result<std::vector<ReminderRecord>> answered_reminders(Transaction& tx,
                                                       const ApplicationRecord& a) {
  std::vector<ReminderRecord> out;
  const std::string subject = reminded_subject(a);
  const auto type = domain::event_type_from_code(a.type);
  if (subject.empty() || !type) return out;
  for (const auto answered : domain::reminder_types_answered(*type)) {
    HUJI_ASSIGN_OR_RETURN(
        auto open, tx.open_reminders_of(a.office_code, subject, domain::event_type_code(answered)));
    for (auto& r : open) out.push_back(std::move(r));
  }
  return out;
}

std::string money(int amount) { return "新臺幣" + std::to_string(amount) + "元"; }

}  // namespace

Result<bool> answers_lapsed_reminder(Transaction& tx, const ApplicationRecord& a,
                                     core::Date filed) {
  HUJI_ASSIGN_OR_RETURN(auto open, answered_reminders(tx, a));
  return std::any_of(open.begin(), open.end(),
                     [filed](const ReminderRecord& r) { return filed > r.due; });
}

core::Status close_answered_reminders(Transaction& tx, const ApplicationRecord& a,
                                      const domain::RuleBook& rules, const std::string& by,
                                      int64_t now_ms) {
  HUJI_ASSIGN_OR_RETURN(auto open, answered_reminders(tx, a));
  const auto type = domain::event_type_from_code(a.type);
  const bool office_own = (type && domain::office_own_registration(*type)) ||
                          a.applicant_relation == domain::capacity_code(domain::Capacity::kOffice);
  // Complied or not is judged on the day it was filed, not the day it was approved.
  const core::Date filed = core::taipei_date_of_ms(a.entered_ms);
  for (auto& r : open) {
    const bool lapsed = filed > r.due;
    domain::ReminderStatus closed = domain::ReminderStatus::kComplied;
    if (office_own) {
      closed = domain::ReminderStatus::kRegisteredExOfficio;
    } else if (lapsed) {
      closed = domain::ReminderStatus::kFiledAfterLapse;
    }
    r.status = domain::reminder_status_code(closed);
    r.application_id = a.id;
    r.closed_by = by;
    r.closed_ms = now_ms;
    r.version += 1;
    HUJI_ASSIGN_OR_RETURN(bool updated, tx.update_reminder(r));
    if (!updated) return stale();
    if (lapsed) {
      HUJI_TRY(propose_after_reminder(tx, r, rules.at(r.served_on), a.entered_by, now_ms));
    }
  }
  return {};
}

Result<ReminderView> ReminderService::issue(const Actor& actor, const RequestContext& ctx,
                                            const NewReminder& in, const std::string& key) {
  if (!domain::role_has(actor.role, domain::Permission::kRegister)) {
    return errors::forbidden("reminder.issue");
  }
  HUJI_TRY(errors::check_idempotency_key(key));
  auto type = domain::event_type_from_code(in.type);
  if (!type || *type == domain::EventType::kConversion ||
      *type == domain::EventType::kExOfficioMoveIn) {
    return Error::invalid("reminder.type", "不支援催告的登記類別：" + in.type,
                          "not a registration a citizen is reminded of: " + in.type);
  }
  // ID numbers as the register writes them (trimmed, upper case), whatever was typed.
  HUJI_ASSIGN_OR_RETURN(core::IdNumber subject_no, core::IdNumber::parse(in.subject_id));
  const std::string& subject_id = subject_no.str();
  HUJI_ASSIGN_OR_RETURN(core::Date event_date, core::Date::parse_iso(in.event_date));
  HUJI_TRY(check_deadline_fields(*type, in.fields));
  const core::Date today = clock_.today_taipei();
  core::Date served = today;
  if (!in.served_on.empty()) {
    HUJI_ASSIGN_OR_RETURN(served, core::Date::parse_iso(in.served_on));
  }
  if (served > today || served < event_date) {
    return Error::invalid("reminder.served_on", "送達日須介於事件發生日與今日之間",
                          "the day served must be between the event date and today");
  }
  if (in.addressees.empty() || in.addressees.size() > kMaxAddressees) {
    return Error::invalid("reminder.addressees", "請列出應為申請之人（1 至 10 人）",
                          "name the persons who must apply (1 to 10)");
  }
  std::vector<ReminderAddresseeInput> addressees;
  std::string print_text;
  for (const auto& a : in.addressees) {
    HUJI_ASSIGN_OR_RETURN(core::IdNumber id, core::IdNumber::parse(a.id_number));
    if (a.relation.empty()) {
      return Error::invalid("reminder.relation", "請填寫受催告人與當事人之關係",
                            "each addressee's relation to the subject is required");
    }
    addressees.push_back({id.str(), a.relation});
    print_text += id.str() + "|" + a.relation + "|";
  }
  for (const auto& [k, v] : in.fields) print_text.append(k).append("=").append(v).append("|");
  const std::string print = sha256_of_fields(
      {in.type, subject_id, in.event_date, served.to_iso(), in.source, print_text});

  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto prior, tx->find_idempotency(actor.username, key));
  if (prior) {
    if (prior->operation != "reminder.issue" || prior->fingerprint != print) {
      return errors::idempotency_key_reused();
    }
    HUJI_ASSIGN_OR_RETURN(auto first, tx->find_reminder(prior->resource_id));
    if (!first) return reminder_not_found(prior->resource_id);
    return view(std::move(*first), today);
  }
  // A refusal once the register is read is audited under each person the request named (the
  // one not found as such), as a lookup of them would be: the attempt is what the auditor asks
  // about, not only what was shown.
  std::set<std::string> not_found;
  auto refuse = [&](Error e) -> Result<ReminderView> {
    const std::string purpose = "催告" + in.type + "，不受理：" + e.code;
    std::vector<std::string> ids{subject_id};
    for (const auto& a : addressees) {
      if (std::find(ids.begin(), ids.end(), a.id_number) == ids.end()) ids.push_back(a.id_number);
    }
    std::vector<AuditRecord> records;
    records.reserve(ids.size());
    for (const auto& id : ids) {
      records.push_back(
          {"reminder.issue", id, purpose, not_found.contains(id) ? "not_found" : "rejected"});
    }
    HUJI_TRY(append_audit(*tx, clock_, actor, ctx, records));
    HUJI_TRY(tx->commit());
    return e;
  };
  HUJI_ASSIGN_OR_RETURN(auto subject, tx->find_person(subject_id));
  if (!subject) {
    not_found.insert(subject_id);
    return refuse(Error::unprocessable("reminder.subject_unknown", "當事人不在戶籍資料中",
                                       "the person concerned is not in the register"));
  }
  ReminderRecord r;
  r.office_code = actor.office_code;
  r.type = in.type;
  r.subject_id = subject_id;
  r.event_date = event_date;
  r.source = in.source;
  r.served_on = served;
  for (size_t i = 0; i < addressees.size(); ++i) {
    const auto& a = addressees[i];
    HUJI_ASSIGN_OR_RETURN(auto p, tx->find_person(a.id_number));
    if (!p) {
      not_found.insert(a.id_number);
      // By position: a refusal names no one (not even the ID number the request gave).
      const std::string n = std::to_string(i + 1);
      return refuse(Error::unprocessable("reminder.addressee_unknown",
                                         "第 " + n + " 位受催告人不在戶籍資料中",
                                         "addressee " + n + " is not in the register"));
    }
    HUJI_ASSIGN_OR_RETURN(std::string address, address_of(*tx, *p));
    r.addressees.push_back({a.id_number, p->name, a.relation, std::move(address)});
  }
  // 戶籍法 §48 ¶3: only a registration not filed within its period is reminded of; the
  // period as an application of it would have it (a court divorce, a 死亡宣告's judgment).
  const auto calendar = calendar_.get();
  const auto rules = rules_.get();
  auto assessed =
      domain::assess_lateness({*type, event_date, served, in.fields}, *calendar, *rules);
  if (!assessed.ok()) return refuse(std::move(assessed).take_error());
  const domain::Lateness& late = *assessed;
  if (!late.has_deadline) {
    return refuse(Error::unprocessable(
        "reminder.not_late",
        "此類登記無法定申請期間，無須催告（" + std::string(late.statute) + "）",
        "this registration has no statutory period: no reminder (" + std::string(late.statute) +
            ")"));
  }
  if (late.days_late <= 0) {
    return refuse(Error::unprocessable(
        "reminder.not_late",
        "法定申請期間至 " + late.deadline.to_iso() + " 止，尚未逾期，無須催告（戶籍法第48條）",
        "the registration is due by " + late.deadline.to_iso() +
            ": not late, no reminder (戶籍法 §48)"));
  }
  HUJI_ASSIGN_OR_RETURN(auto open, tx->open_reminders_of(r.office_code, r.subject_id, r.type));
  if (!open.empty()) {
    return refuse(Error::conflict(
        "reminder.already_open", "此登記已有催告 #" + std::to_string(open.front().id) + " 尚未結案",
        "reminder #" + std::to_string(open.front().id) + " of this registration is still open"));
  }
  // The new period, counted under 行政程序法 §48 (a missing calendar year is refused).
  auto due = calendar->deadline(served, rules->at(served).reminder_days);
  if (!due.ok()) return refuse(std::move(due).take_error());
  r.due = *due;
  r.issued_by = actor.username;
  r.issued_ms = clock_.now_ms();
  HUJI_ASSIGN_OR_RETURN(r.id, tx->insert_reminder(r));
  HUJI_TRY(tx->put_idempotency({actor.username, key, "reminder.issue", print, r.id, r.issued_ms}));
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx,
                        audit_persons(persons_of(r), "reminder.issue",
                                      "催告" + r.type + " #" + std::to_string(r.id))));
  HUJI_TRY(tx->commit());
  return view(std::move(r), today);
}

Result<std::vector<ReminderView>> ReminderService::list(const Actor& actor,
                                                        const RequestContext& ctx,
                                                        std::optional<std::string> state) {
  if (!domain::role_has(actor.role, domain::Permission::kRegister)) {
    return errors::forbidden("reminder.list");
  }
  ReminderQuery q;
  q.office_code = actor.office_code;
  std::optional<domain::ReminderStatus> wanted;
  if (state && *state != "all") {
    wanted = domain::reminder_status_from_code(*state);
    if (!wanted) {
      return Error::invalid("reminder.status",
                            "狀態須為 open、lapsed、complied、filed_after_lapse、"
                            "registered_ex_officio 或 all",
                            "status must be open, lapsed, complied, filed_after_lapse, "
                            "registered_ex_officio or all");
    }
    q.status = *wanted == domain::ReminderStatus::kLapsed ? "open" : *state;
  }
  const core::Date today = clock_.today_taipei();
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto rows, tx->list_reminders(q));
  std::vector<ReminderView> out;
  const std::string purpose = std::string(kWorkQueuePurpose) + " 催告清單 " + state.value_or("all");
  std::vector<AuditRecord> records{{"reminder.list", "", purpose}};
  for (auto& r : rows) {
    ReminderView v = view(std::move(r), today);
    if (wanted && v.state != domain::reminder_status_code(*wanted)) continue;
    for (const auto& id : persons_of(v.record)) {
      records.push_back({"reminder.list", id, purpose + " #" + std::to_string(v.record.id)});
    }
    out.push_back(std::move(v));
  }
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx, records));
  HUJI_TRY(tx->commit());
  return out;
}

Result<ReminderView> ReminderService::get(const Actor& actor, const RequestContext& ctx,
                                          int64_t id) {
  if (!domain::role_has(actor.role, domain::Permission::kRegister)) {
    return errors::forbidden("reminder.read");
  }
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto found, tx->find_reminder(id));
  if (!found) return reminder_not_found(id);
  HUJI_TRY(same_office(actor, found->office_code));
  HUJI_TRY(append_audit(
      *tx, clock_, actor, ctx,
      audit_persons(persons_of(*found), "reminder.read", "檢視催告 #" + std::to_string(id))));
  HUJI_TRY(tx->commit());
  return view(std::move(*found), clock_.today_taipei());
}

Result<ReminderView> ReminderService::record_ex_officio(const Actor& actor,
                                                        const RequestContext& ctx, int64_t id,
                                                        int64_t application_id, int64_t version,
                                                        const std::string& key) {
  if (!domain::role_has(actor.role, domain::Permission::kReview)) {
    return errors::forbidden("reminder.ex_officio");
  }
  HUJI_TRY(errors::check_idempotency_key(key));
  const std::string print = sha256_of_fields(
      {std::to_string(id), std::to_string(application_id), std::to_string(version)});
  const core::Date today = clock_.today_taipei();
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto prior, tx->find_idempotency(actor.username, key));
  if (prior) {
    if (prior->operation != "reminder.ex_officio" || prior->fingerprint != print) {
      return errors::idempotency_key_reused();
    }
    HUJI_ASSIGN_OR_RETURN(auto done, tx->find_reminder(prior->resource_id));
    if (!done) return reminder_not_found(prior->resource_id);
    return view(std::move(*done), today);
  }
  HUJI_ASSIGN_OR_RETURN(auto found, tx->find_reminder(id));
  if (!found) return reminder_not_found(id);
  ReminderRecord r = std::move(*found);
  HUJI_TRY(same_office(actor, r.office_code));
  if (version != r.version) return stale();
  const auto state = domain::reminder_state(
      domain::reminder_status_from_code(r.status).value_or(domain::ReminderStatus::kOpen), r.due,
      today);
  // Recorded (keyed for a retry) and audited under the reminder's persons, in this transaction.
  auto done = [&]() -> Result<ReminderView> {
    HUJI_TRY(tx->put_idempotency(
        {actor.username, key, "reminder.ex_officio", print, r.id, clock_.now_ms()}));
    HUJI_TRY(append_audit(*tx, clock_, actor, ctx,
                          audit_persons(persons_of(r), "reminder.ex_officio",
                                        "逕為登記 #" + std::to_string(application_id) + "，催告 #" +
                                            std::to_string(r.id))));
    HUJI_TRY(tx->commit());
    return view(std::move(r), today);
  };
  // Its approval closed it already (an 逕為 registration, or the office as applicant): the
  // same answer again, the fine proposed once.
  if (state == domain::ReminderStatus::kRegisteredExOfficio && r.application_id == application_id) {
    return done();
  }
  const bool lapsed = state == domain::ReminderStatus::kLapsed;
  const bool filed_late =
      state == domain::ReminderStatus::kFiledAfterLapse && r.application_id == application_id;
  if (!lapsed && !filed_late) {
    return Error::conflict("reminder.not_lapsed",
                           "催告限期（至 " + r.due.to_iso() + "）尚未屆滿或已結案，不得逕為登記",
                           "the reminder's period (to " + r.due.to_iso() +
                               ") has not lapsed, or it is closed: no registration ex officio");
  }
  if (!domain::registered_ex_officio_after_reminder(*domain::event_type_from_code(r.type))) {
    return Error::unprocessable("reminder.not_ex_officio",
                                "此類登記非戶籍法第48條之2所定得逕為登記之類別",
                                "戶籍法 §48-2 does not let the office register this type itself");
  }
  HUJI_ASSIGN_OR_RETURN(auto app, tx->find_application(application_id));
  if (!app || app->office_code != r.office_code) return application_not_found(application_id);
  const auto app_type = domain::event_type_from_code(app->type);
  const auto answered =
      app_type ? domain::reminder_types_answered(*app_type) : std::vector<domain::EventType>{};
  const bool answers = std::find(answered.begin(), answered.end(),
                                 *domain::event_type_from_code(r.type)) != answered.end();
  if (!answers || reminded_subject(*app) != r.subject_id ||
      app->status != ApplicationStatus::kRegistered) {
    return Error::unprocessable(
        "reminder.application_mismatch",
        "登記案 #" + std::to_string(application_id) + " 非此催告之登記或尚未登記",
        "application #" + std::to_string(application_id) +
            " is not this reminder's registration, or is not registered");
  }
  r.status = domain::reminder_status_code(domain::ReminderStatus::kRegisteredExOfficio);
  r.application_id = application_id;
  r.closed_by = actor.username;
  r.closed_ms = clock_.now_ms();
  r.version += 1;
  HUJI_ASSIGN_OR_RETURN(bool updated, tx->update_reminder(r));
  if (!updated) return stale();
  // The fine after a reminder is proposed once, whichever way the registration came.
  HUJI_TRY(
      propose_after_reminder(*tx, r, rules_.get()->at(r.served_on), actor.username, r.closed_ms));
  return done();
}

Result<PenaltyDecision> ReminderService::fine_false_application(const Actor& actor,
                                                                const RequestContext& ctx,
                                                                int64_t application_id,
                                                                const FalseApplicationInput& in,
                                                                const std::string& key) {
  if (!domain::role_has(actor.role, domain::Permission::kReview)) {
    return errors::forbidden("penalty.false_application");
  }
  HUJI_TRY(errors::check_idempotency_key(key));
  auto grade = domain::false_application_grade_from_code(in.grade);
  if (!grade) {
    return Error::invalid("penalty.grade",
                          "情節須為 self_corrected（自動申請更正）、found_by_staff（戶政人員發現）"
                          "或 reported_by_others（被人檢舉）",
                          "grade must be self_corrected, found_by_staff or reported_by_others");
  }
  if (in.reason.empty()) {
    return Error::invalid("penalty.reason_required", "請敘明不實申請之事實及理由",
                          "state the facts of the false application");
  }
  const std::string print = sha256_of_fields({std::to_string(application_id), in.grade, in.reason});
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto prior, tx->find_idempotency(actor.username, key));
  if (prior) {
    if (prior->operation != "penalty.false_application" || prior->fingerprint != print) {
      return errors::idempotency_key_reused();
    }
    HUJI_ASSIGN_OR_RETURN(auto first, tx->find_penalty(prior->resource_id));
    if (!first) return penalty_not_found(prior->resource_id);
    return std::move(*first);
  }
  HUJI_ASSIGN_OR_RETURN(auto app, tx->find_application(application_id));
  if (!app) return application_not_found(application_id);
  HUJI_TRY(same_office(actor, app->office_code));
  if (app->entered_by == actor.username) {
    return Error::denied("penalty.four_eyes", "不得裁處自己受理的案件",
                         "you may not decide a fine on an application you entered");
  }
  HUJI_ASSIGN_OR_RETURN(auto decided, tx->penalties_of_application(application_id));
  for (const auto& p : decided) {
    if (p.kind == kFalseApplication) {
      return Error::conflict(
          "penalty.already_decided", "此案已有不實申請裁處 #" + std::to_string(p.id),
          "this application already has false-application decision #" + std::to_string(p.id));
    }
  }
  // The figures in force when the false application was made.
  const auto& rules = rules_.get()->at(core::taipei_date_of_ms(app->entered_ms));
  PenaltyDecision p;
  p.office_code = app->office_code;
  p.application_id = application_id;
  p.kind = kFalseApplication;
  p.grade = in.grade;
  p.legal_basis = kFalseApplicationBasis;
  p.amount_proposed = domain::false_application_fine(rules, *grade);
  p.amount_decided = p.amount_proposed;
  p.status = "decided";
  p.reason = in.reason;
  p.proposed_by = actor.username;
  p.decided_by = actor.username;
  p.proposed_ms = p.decided_ms = clock_.now_ms();
  HUJI_ASSIGN_OR_RETURN(p.id, tx->insert_penalty(p));
  HUJI_TRY(tx->put_idempotency(
      {actor.username, key, "penalty.false_application", print, p.id, p.decided_ms}));
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx,
                        audit_persons(persons_of(*app), "penalty.false_application",
                                      "不實申請裁處 #" + std::to_string(p.id) + "，登記案 #" +
                                          std::to_string(application_id))));
  HUJI_TRY(tx->commit());
  return p;
}

Result<PenaltyDecision> ReminderService::decide(const Actor& actor, const RequestContext& ctx,
                                                int64_t penalty_id,
                                                const PenaltyDecisionInput& in) {
  if (!domain::role_has(actor.role, domain::Permission::kReview)) {
    return errors::forbidden("penalty.decide");
  }
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto found, tx->find_penalty(penalty_id));
  if (!found) return penalty_not_found(penalty_id);
  PenaltyDecision p = std::move(*found);
  HUJI_TRY(same_office(actor, p.office_code));
  if (p.status != "proposed") {
    return Error::conflict("penalty.already_decided", "此裁處已決定",
                           "this fine has already been decided");
  }
  if (in.version != p.version) return stale();
  if (p.proposed_by == actor.username) {
    return Error::denied("penalty.four_eyes", "不得裁處自己提出的罰鍰",
                         "you may not decide a fine you proposed");
  }
  if (!in.amount) {
    return Error::invalid("penalty.amount_required", "請填寫裁處金額",
                          "the amount decided is required");
  }
  const bool waived = *in.amount == 0 && !in.reason.empty();  // 有正當理由 (§79)
  if (!waived && *in.amount != p.amount_proposed) {
    return Error::unprocessable(
        "penalty.amount_out_of_range",
        "經催告仍不申請者罰鍰為 " + money(p.amount_proposed) + "，或註明正當理由免罰",
        "the fine after a reminder is NT$" + std::to_string(p.amount_proposed) +
            ", or 0 with the good cause");
  }
  p.amount_decided = *in.amount;
  p.reason = in.reason;
  p.status = "decided";
  p.decided_by = actor.username;
  p.decided_ms = clock_.now_ms();
  p.version += 1;
  HUJI_ASSIGN_OR_RETURN(bool updated, tx->update_penalty(p));
  if (!updated) return stale();
  std::vector<std::string> ids;
  if (p.reminder_id != 0) {
    HUJI_ASSIGN_OR_RETURN(auto r, tx->find_reminder(p.reminder_id));
    if (r) ids = persons_of(*r);
  }
  HUJI_TRY(append_audit(
      *tx, clock_, actor, ctx,
      audit_persons(ids, "penalty.decide",
                    "裁處 #" + std::to_string(p.id) + " " + std::to_string(*in.amount) + " 元")));
  HUJI_TRY(tx->commit());
  return p;
}

Result<std::vector<PenaltyDecision>> ReminderService::penalties(const Actor& actor,
                                                                const RequestContext& ctx,
                                                                int64_t application_id) {
  if (!domain::role_has(actor.role, domain::Permission::kRegister)) {
    return errors::forbidden("penalty.list");
  }
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto app, tx->find_application(application_id));
  if (!app) return application_not_found(application_id);
  HUJI_TRY(same_office(actor, app->office_code));
  HUJI_ASSIGN_OR_RETURN(auto list, tx->penalties_of_application(application_id));
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx,
                        audit_persons(persons_of(*app), "penalty.list",
                                      "裁處清單，登記案 #" + std::to_string(application_id))));
  HUJI_TRY(tx->commit());
  return list;
}

namespace {

// 催告書 to one addressee.
Letter reminder_letter(const domain::Office& office, const ReminderRecord& r,
                       const ReminderAddressee& to, const std::string& subject_name,
                       const domain::StatutoryRules& rules, core::Date today) {
  const auto type = *domain::event_type_from_code(r.type);
  const std::string registration = domain::registration_name_zh(type);
  const std::string what = type == domain::EventType::kBirth
                               ? subject_name + "所生子女之" + registration
                               : subject_name + "之" + registration;
  Letter l;
  l.office_name = office.name;
  l.office_address = office.address;
  l.title = "催告書";
  l.reference = "催字第 " + std::to_string(r.id) + " 號";
  l.date = today.to_roc();
  l.addressee_name = to.name + "（" + to.relation + "）";
  l.addressee_address = to.address;
  l.subject = "臺端應為" + what + "（事件發生日：" + r.event_date.to_roc() +
              "），逾法定期間未申請，請於" + r.due.to_roc() + "前向本所申請登記。";
  l.explanation = {
      "依戶籍法第48條第3項規定，戶政事務所查有不於法定期間申請者，應以書面催告應為申請之人。",
      "本催告書送達日：" + r.served_on.to_roc() + "；申請期限：" + r.due.to_roc() +
          "（期間依行政程序法第48條計算，末日為休息日者以其次日為期間末日）。",
  };
  if (domain::registered_ex_officio_after_reminder(type)) {
    l.explanation.push_back(
        "逾期仍不申請者，本所將依戶籍法第48條之2規定逕為登記，並依同法第79條規定處" +
        money(rules.fine_after_reminder) + "罰鍰。");
  } else {
    l.explanation.push_back("逾期仍不申請者，依戶籍法第79條規定處" +
                            money(rules.fine_after_reminder) + "罰鍰。");
  }
  l.legal_basis = "戶籍法第48條第3項、第48條之2、第79條；行政程序法第48條；戶籍罰鍰處罰金額基準表";
  return l;
}

// 罰鍰處分書 to one addressee.
Letter penalty_letter_to(const domain::Office& office, const PenaltyDecision& p,
                         const std::string& name, const std::string& address,
                         const std::vector<std::string>& facts, core::Date today) {
  Letter l;
  l.office_name = office.name;
  l.office_address = office.address;
  l.title = "罰鍰處分書";
  l.reference = "罰字第 " + std::to_string(p.id) + " 號";
  l.date = today.to_roc();
  l.addressee_name = name;
  l.addressee_address = address;
  l.subject = "處" + money(p.amount_decided.value_or(0)) + "罰鍰。";
  l.explanation = facts;
  if (!p.reason.empty()) l.explanation.push_back("裁處理由：" + p.reason);
  l.explanation.push_back("如不服本處分，得於本處分書送達之次日起30日內，繕具訴願書經由本所向" +
                          office.county + "政府提起訴願（訴願法第14條、第58條）。");
  l.legal_basis = p.legal_basis;
  return l;
}

}  // namespace

Result<std::string> ReminderService::letter(const Actor& actor, const RequestContext& ctx,
                                            int64_t id) {
  if (!domain::role_has(actor.role, domain::Permission::kRegister)) {
    return errors::forbidden("reminder.letter");
  }
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto r, tx->find_reminder(id));
  if (!r) return reminder_not_found(id);
  HUJI_TRY(same_office(actor, r->office_code));
  HUJI_ASSIGN_OR_RETURN(auto office, tx->find_office(r->office_code));
  if (!office) return reminder_not_found(id);
  HUJI_ASSIGN_OR_RETURN(auto subject, tx->find_person(r->subject_id));
  const std::string subject_name = subject ? subject->name : r->subject_id;
  const auto& rules = rules_.get()->at(r->served_on);
  std::vector<Letter> letters;
  for (const auto& to : r->addressees) {
    letters.push_back(reminder_letter(*office, *r, to, subject_name, rules, r->served_on));
  }
  HUJI_ASSIGN_OR_RETURN(std::string pdf, letters_.render(letters));
  HUJI_TRY(append_audit(
      *tx, clock_, actor, ctx,
      audit_persons(persons_of(*r), "reminder.letter", "催告書 #" + std::to_string(id))));
  HUJI_TRY(tx->commit());
  return pdf;
}

Result<std::string> ReminderService::penalty_letter(const Actor& actor, const RequestContext& ctx,
                                                    int64_t penalty_id) {
  if (!domain::role_has(actor.role, domain::Permission::kRegister)) {
    return errors::forbidden("penalty.letter");
  }
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto p, tx->find_penalty(penalty_id));
  if (!p) return penalty_not_found(penalty_id);
  HUJI_TRY(same_office(actor, p->office_code));
  if (p->status != "decided") {
    return Error::conflict("penalty.not_decided", "此罰鍰尚未裁處，不能製作處分書",
                           "the fine is not decided yet: no decision letter");
  }
  HUJI_ASSIGN_OR_RETURN(auto office, tx->find_office(p->office_code));
  if (!office) return penalty_not_found(penalty_id);
  HUJI_ASSIGN_OR_RETURN(auto app, tx->find_application(p->application_id));
  const core::Date decided_on = core::taipei_date_of_ms(p->decided_ms);
  std::vector<Letter> letters;
  std::vector<std::string> ids;
  if (p->kind == kAfterReminder) {
    HUJI_ASSIGN_OR_RETURN(auto r, tx->find_reminder(p->reminder_id));
    if (!r) return reminder_not_found(p->reminder_id);
    const std::string registration =
        domain::registration_name_zh(*domain::event_type_from_code(r->type));
    const std::vector<std::string> facts = {
        "臺端經本所於" + r->served_on.to_roc() + "以催字第 " + std::to_string(r->id) +
            " 號催告書催告，限期於" + r->due.to_roc() + "前申請" + registration +
            "，屆期仍未申請。",
        "依戶籍法第79條及戶籍罰鍰處罰金額基準表，經催告仍不申請者處" + money(p->amount_proposed) +
            "罰鍰。"};
    for (const auto& to : r->addressees) {
      letters.push_back(penalty_letter_to(*office, *p, to.name, to.address, facts, decided_on));
    }
    ids = persons_of(*r);
  } else {
    if (!app) return application_not_found(p->application_id);
    const auto grade = domain::false_application_grade_from_code(p->grade);
    const std::string registration =
        domain::registration_name_zh(*domain::event_type_from_code(app->type));
    const std::vector<std::string> facts = {
        "臺端於" + core::taipei_date_of_ms(app->entered_ms).to_roc() + "申請之" + registration +
            "（案號 #" + std::to_string(app->id) + "）為不實之申請，經" +
            (grade ? domain::false_application_grade_zh(*grade) : "") + "。",
        "依戶籍法第76條及戶籍罰鍰處罰金額基準表處罰。"};
    std::string address;
    if (!app->applicant_id.empty()) {
      HUJI_ASSIGN_OR_RETURN(auto applicant, tx->find_person(app->applicant_id));
      if (applicant) {
        HUJI_ASSIGN_OR_RETURN(address, address_of(*tx, *applicant));
      }
    }
    letters.push_back(
        penalty_letter_to(*office, *p, app->applicant_name, address, facts, decided_on));
    ids = persons_of(*app);
  }
  HUJI_ASSIGN_OR_RETURN(std::string pdf, letters_.render(letters));
  HUJI_TRY(append_audit(
      *tx, clock_, actor, ctx,
      audit_persons(ids, "penalty.letter", "罰鍰處分書 #" + std::to_string(penalty_id))));
  HUJI_TRY(tx->commit());
  return pdf;
}

}  // namespace huji::service
