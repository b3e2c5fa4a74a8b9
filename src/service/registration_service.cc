#include "service/registration_service.h"

#include <algorithm>
#include <charconv>
#include <set>

#include "core/id_number.h"
#include "domain/register/event_keys.h"
#include "domain/register/projector.h"
#include "domain/register/registration.h"
#include "domain/register/revocation.h"
#include "service/audit.h"
#include "service/crypto.h"
#include "service/errors.h"
#include "service/nationality_service.h"
#include "service/register_state.h"
#include "service/reminder_service.h"

namespace huji::service {

using core::Error;
using core::ErrorKind;
using core::Result;

namespace {

constexpr size_t kMaxDocumentBytes = 5 << 20;
// Sampling looks for the day's registrations among applications entered this long before.
constexpr int64_t kSamplingLookbackDays = 366;

Error not_found(int64_t id) {
  return Error::not_found("registration.not_found", "查無此登記申請案 #" + std::to_string(id),
                          "no registration application #" + std::to_string(id));
}

// Length-prefixed canonical form of the request, hashed: a retried request with the same key
// must carry the same content.
void put(std::string& out, std::string_view v) {
  out += std::to_string(v.size());
  out += ':';
  out += v;
}

std::string fingerprint(const SubmitInput& in) {
  std::string c;
  put(c, in.type);
  put(c, in.event_date);
  put(c, in.subject_id);
  for (const auto& [k, v] : in.fields) {
    put(c, k);
    put(c, v);
  }
  put(c, in.applicant.name);
  put(c, in.applicant.id_number);
  put(c, in.applicant.relation);
  put(c, in.applicant.identity_check);
  put(c, in.applicant.interest);
  put(c, in.applicant.principal_id);
  put(c, in.applicant.principal_relation);
  if (in.consent.given()) {  // only then: keys stored before consents keep their print
    put(c, in.consent.declined ? "declined" : "notify");
    for (const auto& code : in.consent.notify) put(c, code);
    for (const auto& [code, channel] : in.consent.elsewhere) {
      std::string line = code;
      line.append("=").append(channel);
      put(c, line);
    }
  }
  return sha256_hex(c);
}

const std::set<std::string>& identity_checks() {
  static const std::set<std::string> k = {"id_card",           "passport",
                                          "residence_permit",  "citizen_certificate",
                                          "power_of_attorney", "household_certificate"};
  return k;
}

core::Status same_office(const Actor& actor, const ApplicationRecord& a) {
  if (actor.office_code != a.office_code) {
    return Error::denied("auth.office_scope", "此申請案屬於其他戶政事務所",
                         "this application belongs to another office");
  }
  return {};
}

// Whether `actor` entered or reviewed `a` (and so may not sample it).
bool entered_or_reviewed(const ApplicationRecord& a, const Actor& actor) {
  return a.entered_by == actor.username || a.reviewed_by == actor.username;
}

// The ID numbers an application shows (its subject, the person it registered, the applicant,
// an agent's principal and every ID number among its fields: spouse, parents, adopters,
// members …), each once, in that order.
std::vector<std::string> persons_shown(const std::string& subject, const std::string& result,
                                       const std::string& applicant, const std::string& principal,
                                       const std::map<std::string, std::string>& fields) {
  std::vector<std::string> out;
  auto add = [&out](const std::string& id) {
    if (!core::IdNumber::parse(id).ok()) return;
    if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
  };
  add(subject);
  add(result);
  add(applicant);
  add(principal);
  for (const auto& [key, value] : fields) {
    for (const auto& id : domain::split_ids(value)) add(id);
  }
  return out;
}

std::vector<std::string> persons_shown(const ApplicationRecord& a) {
  return persons_shown(a.subject_id, a.result_subject_id, a.applicant_id, a.principal_id, a.fields);
}

// One audit record per person shown (`ids`), under their own ID number (one without a
// subject when it shows no ID number), with `action` and `purpose`.
void audit_persons_shown(const std::vector<std::string>& ids, const std::string& action,
                         const std::string& purpose, std::vector<AuditRecord>& out) {
  if (ids.empty()) out.push_back({action, "", purpose});
  for (const auto& id : ids) out.push_back({action, id, purpose});
}

// A work list shown: one entry for the list itself (no subject; what was asked) and one per
// person each application shows, under their own ID number, all in `tx`.
core::Status audit_list(AuditTx& tx, const core::Clock& clock, const Actor& actor,
                        const RequestContext& ctx, const std::string& action,
                        const std::string& purpose, const std::vector<ApplicationRecord>& apps) {
  std::vector<AuditRecord> records{{action, "", purpose}};
  for (const auto& a : apps) {
    for (const auto& id : persons_shown(a)) {
      records.push_back({action, id, purpose + " #" + std::to_string(a.id)});
    }
  }
  return append_audit(tx, clock, actor, ctx, records);
}

Error cannot_revoke(std::string code, std::string zh, std::string en) {
  return Error::unprocessable("registration." + std::move(code), std::move(zh), std::move(en));
}

// The registered application a revocation names (fields "application_id"), of this office,
// not yet revoked.
Result<ApplicationRecord> revocation_target(WorkflowTx& tx, const Actor& actor,
                                            const std::map<std::string, std::string>& fields) {
  auto it = fields.find("application_id");
  int64_t id = 0;
  if (it != fields.end()) {
    auto [ptr, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), id);
    if (ec != std::errc() || ptr != it->second.data() + it->second.size()) id = 0;
  }
  if (id <= 0) {
    return Error::invalid("registration.application_id", "請填寫欲撤銷之登記案號（application_id）",
                          "application_id must name the registration to revoke");
  }
  HUJI_ASSIGN_OR_RETURN(auto target, tx.find_application(id));
  if (!target || target->office_code != actor.office_code) {
    return cannot_revoke("revocation_target", "本所查無登記案 #" + std::to_string(id),
                         "this office has no registration #" + std::to_string(id));
  }
  if (target->status != ApplicationStatus::kRegistered) {
    return cannot_revoke(
        "revocation_not_registered",
        "登記案 #" + std::to_string(id) + " 尚未登記，無需撤銷（可退件）",
        "application #" + std::to_string(id) + " is not registered; reject it instead");
  }
  if (target->revoked_by != 0) {
    return cannot_revoke("already_revoked",
                         "登記案 #" + std::to_string(id) + " 已由撤銷案 #" +
                             std::to_string(target->revoked_by) + " 撤銷",
                         "registration #" + std::to_string(id) + " was revoked by #" +
                             std::to_string(target->revoked_by));
  }
  return std::move(*target);
}

// What the rules need beyond the application itself, read in `tx`: the office's own door
// plate (逕遷戶所, the target of an ex-officio move-in) and, for a revocation, what it
// revokes. Returns the revoked application (for a revocation).
Result<std::optional<ApplicationRecord>> complete(Transaction& tx, const Actor& actor,
                                                  const domain::Office& office,
                                                  domain::Registration& reg) {
  if (auto parsed = core::Address::parse(office.address); parsed.ok()) {
    HUJI_ASSIGN_OR_RETURN(auto plate, tx.find_door_plate_by_address(parsed->format()));
    if (plate) reg.fields["office_door_plate_id"] = std::to_string(plate->id);
  }
  if (reg.type != domain::EventType::kRevocation) return std::optional<ApplicationRecord>();
  HUJI_ASSIGN_OR_RETURN(auto target, revocation_target(tx, actor, reg.fields));
  HUJI_ASSIGN_OR_RETURN(reg.revokes, domain::decode_undo(target.undo));
  reg.revoked_seq = target.first_event_seq;
  reg.subject_id = target.result_subject_id.empty() ? target.subject_id : target.result_subject_id;
  return std::optional<ApplicationRecord>(std::move(target));
}

// The applicant as the rules see them; an error when a capacity is not one the rules know.
Result<domain::Applicant> applicant_of(const std::string& name, const std::string& id,
                                       const std::string& relation,
                                       const std::string& identity_check,
                                       const std::string& interest, const std::string& principal_id,
                                       const std::string& principal_relation) {
  auto unknown = [](const std::string& what) {
    return Error::invalid("registration.applicant_capacity", "不明的申請人資格：" + what,
                          "unknown applicant capacity: " + what +
                              " (see GET /api/v1/registrations/applicant-capacities)");
  };
  auto capacity = domain::capacity_from_code(relation);
  if (!capacity) return unknown(relation);
  domain::Applicant a;
  a.name = name;
  a.id_number = id;
  a.capacity = *capacity;
  a.identity_check = identity_check;
  a.interest = interest;
  a.principal_id = principal_id;
  if (!principal_relation.empty()) {
    a.principal_capacity = domain::capacity_from_code(principal_relation);
    if (!a.principal_capacity) return unknown(principal_relation);
  }
  return a;
}

// Whether `bytes` start as a file of type `mime` does (its magic number), so that what is
// stored as a PDF opens as one and a script is not kept as a "photo": a PDF starts "%PDF-"
// (ISO 32000-1 §7.5.2), a JPEG with an SOI marker and another marker (FF D8 FF), a PNG with
// its 8-byte signature (RFC 2083 §3.1).
bool content_is(const std::string& mime, std::string_view bytes) {
  auto starts = [&](std::string_view magic) { return bytes.substr(0, magic.size()) == magic; };
  if (mime == "application/pdf") return starts("%PDF-");
  if (mime == "image/jpeg") return starts("\xFF\xD8\xFF");
  if (mime == "image/png") return starts("\x89PNG\r\n\x1A\n");
  return false;
}

}  // namespace

Result<std::optional<ApplicationRecord>> RegistrationService::replay(WorkflowTx& tx,
                                                                     const Actor& actor,
                                                                     const std::string& key,
                                                                     const std::string& operation,
                                                                     const std::string& print) {
  HUJI_ASSIGN_OR_RETURN(auto prior, tx.find_idempotency(actor.username, key));
  if (!prior) return std::optional<ApplicationRecord>();
  if (prior->operation != operation || prior->fingerprint != print) {
    return errors::idempotency_key_reused();
  }
  HUJI_ASSIGN_OR_RETURN(auto app, tx.find_application(prior->resource_id));
  if (!app) return not_found(prior->resource_id);
  return app;
}

// What submit() and preview() check before reading the register: the type, the event date
// and the applicant as the rules see them.
struct RegistrationService::Checked {
  domain::EventType type = domain::EventType::kBirth;
  core::Date event_date;
  domain::Applicant applicant;
};

// An application checked against the register as submit() enters it: the record (no id yet)
// and the events registering it would write.
struct RegistrationService::Assessment {
  ApplicationRecord record;
  domain::Plan plan;
};

Result<RegistrationService::Checked> RegistrationService::check(const SubmitInput& in) {
  auto type = domain::event_type_from_code(in.type);
  if (!type || *type == domain::EventType::kConversion) {
    return Error::invalid("registration.type", "不支援的登記類別：" + in.type,
                          "unknown registration type: " + in.type);
  }
  HUJI_ASSIGN_OR_RETURN(core::Date event_date, core::Date::parse_iso(in.event_date));
  if (in.applicant.name.empty() || in.applicant.relation.empty()) {
    return Error::invalid("registration.applicant", "請填寫申請人姓名及與當事人之關係",
                          "the applicant's name and relation to the subject are required");
  }
  if (!identity_checks().count(in.applicant.identity_check)) {
    return Error::invalid(
        "registration.identity_check",
        "請記錄申請人身分核對方式（身分證、護照、居留證、自然人憑證、委託書、戶口名簿）",
        "record how the applicant's identity was checked (id_card, passport, "
        "residence_permit, citizen_certificate, power_of_attorney, "
        "household_certificate)");
  }
  const auto& ap = in.applicant;
  HUJI_ASSIGN_OR_RETURN(domain::Applicant applicant,
                        applicant_of(ap.name, ap.id_number, ap.relation, ap.identity_check,
                                     ap.interest, ap.principal_id, ap.principal_relation));
  return Checked{*type, event_date, std::move(applicant)};
}

Result<RegistrationService::Assessment> RegistrationService::assess(
    Transaction& tx, const Actor& actor, const RequestContext& ctx, const SubmitInput& in,
    const Checked& checked, const std::string& action) {
  const core::Date today = clock_.today_taipei();
  const domain::EventType type = checked.type;
  const core::Date event_date = checked.event_date;
  HUJI_ASSIGN_OR_RETURN(auto office, tx.find_office(actor.office_code));
  if (!office) {
    return Error::not_found("office.not_found", "查無所屬戶政事務所",
                            "your office is not in the register");
  }
  // Who started a revocation (戶籍法 §48 ¶1 for a citizen's; none for the office's own): when
  // not given, the applicant says it — the office as applicant is the office's own act.
  std::map<std::string, std::string> fields = in.fields;
  if (type == domain::EventType::kRevocation ||
      type == domain::EventType::kRegistrationCancellation) {
    if (!fields.contains("initiated_by")) {
      const auto capacity = domain::capacity_from_code(in.applicant.relation);
      fields["initiated_by"] = capacity == domain::Capacity::kOffice ? "office" : "citizen";
    }
    auto by = fields.find("initiated_by");
    if (by != fields.end() && by->second != "citizen" && by->second != "office") {
      return Error::invalid("registration.initiated_by",
                            "撤銷之提出者須為 citizen（民眾申請）或 office（戶政事務所依職權）",
                            "initiated_by must be citizen (applied for) or office (ex officio)");
    }
  }
  domain::Registration reg;
  reg.type = type;
  reg.event_date = event_date;
  // 結婚 (since 2008) and 兩願離婚 take effect by registration: checked as of that day.
  if (domain::takes_effect_on_registration(type, fields, event_date,
                                           rules_.get()->at(event_date))) {
    reg.event_date = today;
  }
  reg.registered_on = today;
  reg.office_code = office->code;
  reg.subject_id = in.subject_id;
  reg.fields = fields;
  if (type == domain::EventType::kRevocation) {
    auto cause = fields.find("cause");
    HUJI_TRY(domain::check_revocation_cause(cause == fields.end() ? "" : cause->second));
  }
  reg.rules = rules_.get()->at(event_date);
  HUJI_TRY(complete(tx, actor, *office, reg));  // a revocation's target: checked again at approval
  // The nationality case it follows up, if it names one: checked again at approval.
  HUJI_TRY(linked_nationality_case(tx, office->code, in.type, fields, in.subject_id));
  TxRegisterState state(tx);
  auto planned = domain::plan(state, reg, *office, today);
  core::Status applicant_ok;
  if (planned.ok()) {
    applicant_ok = domain::check_applicant(state, reg, checked.applicant,
                                           rules_.get()->at(today).age_of_majority);
  }
  const core::Status refused = planned.ok() ? applicant_ok : core::Status(planned.error());
  if (!refused.ok()) {
    // A rule's refusal tells something of the persons the application names (its code, e.g.
    // registration.spouse_deceased or applicant_mismatch, though its message names no one):
    // audited under each of them, as a lookup would be.
    if (refused.error().kind == ErrorKind::kUnprocessable) {
      std::vector<AuditRecord> records;
      const std::string purpose = "受理" + in.type + "登記，不受理：" + refused.error().code;
      for (const auto& id : persons_shown(in.subject_id, "", in.applicant.id_number,
                                          in.applicant.principal_id, fields)) {
        records.push_back({action, id, purpose, "rejected"});
      }
      HUJI_TRY(append_audit(tx, clock_, actor, ctx, records));
      HUJI_TRY(tx.commit());
    }
    return refused.error();
  }

  Assessment out{{}, std::move(*planned)};
  ApplicationRecord& a = out.record;
  a.office_code = office->code;
  a.type = in.type;
  a.subject_id = reg.subject_id;
  a.event_date = event_date;
  a.fields = fields;
  a.applicant_name = in.applicant.name;
  a.applicant_id = in.applicant.id_number;
  a.applicant_relation = domain::capacity_code(checked.applicant.capacity);
  a.identity_check = in.applicant.identity_check;
  a.applicant_interest = in.applicant.interest;
  a.principal_id = in.applicant.principal_id;
  if (checked.applicant.principal_capacity) {
    a.principal_relation = domain::capacity_code(*checked.applicant.principal_capacity);
  }
  a.entered_by = actor.username;
  a.entered_ms = clock_.now_ms();
  for (const auto& no : out.plan.households_touched) {
    HUJI_ASSIGN_OR_RETURN(auto hh, tx.find_household(no));
    if (hh) a.expected_versions[no] = hh->version;
  }
  HUJI_ASSIGN_OR_RETURN(
      domain::Lateness late,
      domain::assess_lateness({type, event_date, today, fields}, *calendar_.get(), *rules_.get()));
  a.deadline = late.deadline;
  a.has_deadline = late.has_deadline;
  a.deadline_provisional = late.provisional;
  a.deadline_basis = late.statute;
  a.days_late = late.days_late;
  a.fine_min = late.fine_min;
  a.fine_max = late.fine_max;
  // An open reminder (催告) of this registration let lapse: the one fine is the fine after a
  // reminder (戶籍法 §79, a decision of its own in the penalty ledger, proposed when this is
  // registered), not a days-late band on top of it.
  HUJI_ASSIGN_OR_RETURN(bool after_lapse, answers_lapsed_reminder(tx, a, today));
  if (after_lapse) a.fine_min = a.fine_max = 0;
  return out;
}

Result<ApplicationRecord> RegistrationService::submit(const Actor& actor, const RequestContext& ctx,
                                                      const SubmitInput& in,
                                                      const std::string& key) {
  if (!domain::role_has(actor.role, domain::Permission::kRegister)) {
    return errors::forbidden("registration.submit");
  }
  HUJI_TRY(errors::check_idempotency_key(key));
  HUJI_ASSIGN_OR_RETURN(Checked checked, check(in));
  const std::string print = fingerprint(in);

  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto prior, replay(*tx, actor, key, "registration.submit", print));
  if (prior) return *prior;
  HUJI_ASSIGN_OR_RETURN(Assessment assessed,
                        assess(*tx, actor, ctx, in, checked, "registration.submit"));
  ApplicationRecord& a = assessed.record;
  HUJI_ASSIGN_OR_RETURN(a.id, tx->insert_application(a));
  HUJI_TRY(record_consent(*tx, a.id, in.type, in.consent, actor.username, a.entered_ms));
  HUJI_TRY(
      tx->put_idempotency({actor.username, key, "registration.submit", print, a.id, a.entered_ms}));
  HUJI_TRY(append_audit(
      *tx, clock_, actor, ctx,
      {"registration.submit", in.subject_id, "受理" + in.type + "登記 #" + std::to_string(a.id)}));
  HUJI_TRY(tx->commit());
  return a;
}

Result<RegistrationPreview> RegistrationService::preview(const Actor& actor,
                                                         const RequestContext& ctx,
                                                         const SubmitInput& in) {
  if (!domain::role_has(actor.role, domain::Permission::kRegister)) {
    return errors::forbidden("registration.preview");
  }
  HUJI_ASSIGN_OR_RETURN(Checked checked, check(in));
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(Assessment assessed,
                        assess(*tx, actor, ctx, in, checked, "registration.preview"));
  // The consent is checked as the submission will check it (nothing is written).
  HUJI_TRY(consent_lines(*tx, in.type, in.consent));
  RegistrationPreview out{std::move(assessed.record), std::move(assessed.plan.events)};
  // Nothing is entered, but the would-be entries show the register's persons (names, places):
  // a read of each person the application shows and of each person an entry names (a death's
  // succession names the next head, a merge every member), with the purpose of the application.
  std::vector<std::string> shown = persons_shown(out.application);
  for (const auto& e : out.entries) {
    if (!e.subject_id.empty() &&
        std::find(shown.begin(), shown.end(), e.subject_id) == shown.end()) {
      shown.push_back(e.subject_id);
    }
  }
  std::vector<AuditRecord> records;
  audit_persons_shown(shown, "registration.preview", "受理" + in.type + "登記（送出前檢視）",
                      records);
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx, records));
  HUJI_TRY(tx->commit());
  return out;
}

Result<ApplicationRecord> RegistrationService::review(const Actor& actor, const RequestContext& ctx,
                                                      int64_t id, const ReviewInput& in,
                                                      const std::string& key) {
  if (!domain::role_has(actor.role, domain::Permission::kReview)) {
    return errors::forbidden("registration.review");
  }
  HUJI_TRY(errors::check_idempotency_key(key));
  std::string c;
  put(c, std::to_string(id));
  put(c, in.approve ? "approve" : "reject");
  put(c, in.note);
  put(c, in.fine ? std::to_string(*in.fine) : "-");
  put(c, std::to_string(in.version));
  const std::string print = sha256_hex(c);
  const core::Date today = clock_.today_taipei();

  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto prior, replay(*tx, actor, key, "registration.review", print));
  if (prior) return *prior;
  HUJI_ASSIGN_OR_RETURN(auto found, tx->find_application(id));
  if (!found) return not_found(id);
  ApplicationRecord a = std::move(*found);
  HUJI_TRY(same_office(actor, a));
  if (a.status != ApplicationStatus::kPendingReview) {
    return Error::conflict("registration.not_pending", "此申請案已審核完畢",
                           "this application has already been reviewed");
  }
  if (in.version != a.version) {
    return Error::conflict("registration.stale", "申請案已被他人更新，請重新整理後再審核",
                           "the application changed since you opened it; reload and review again");
  }
  if (a.entered_by == actor.username) {
    return Error::denied("registration.four_eyes", "不得審核自己受理的案件",
                         "you may not review an application you entered");
  }
  a.reviewed_by = actor.username;
  a.reviewed_ms = clock_.now_ms();
  a.review_note = in.note;
  a.version += 1;
  std::string action;
  std::optional<ApplicationRecord> revoked_target;
  if (!in.approve) {
    if (in.note.empty()) {
      return Error::invalid("registration.note_required", "退件須註明理由",
                            "a reason is required to reject an application");
    }
    a.status = ApplicationStatus::kRejected;
    action = "registration.reject";
  } else {
    if (a.days_late > 0) {
      if (!in.fine) {
        return Error::invalid("registration.fine_required",
                              "逾期申請，請裁定罰鍰金額（建議 " + std::to_string(a.fine_min) + "–" +
                                  std::to_string(a.fine_max) + " 元）",
                              "the application is late: decide the fine (proposed NT$" +
                                  std::to_string(a.fine_min) + "-" + std::to_string(a.fine_max) +
                                  ")");
      }
      const bool waived = *in.fine == 0 && !in.note.empty();  // 有正當理由 (§79)
      if (!waived && (*in.fine < a.fine_min || *in.fine > a.fine_max)) {
        return Error::unprocessable("registration.fine_out_of_range",
                                    "罰鍰須介於 " + std::to_string(a.fine_min) + " 與 " +
                                        std::to_string(a.fine_max) + " 元之間，或註明正當理由免罰",
                                    "the fine must be NT$" + std::to_string(a.fine_min) + "-" +
                                        std::to_string(a.fine_max) +
                                        ", or 0 with a note giving the good cause");
      }
      a.fine_decided = *in.fine;
    }
    HUJI_ASSIGN_OR_RETURN(auto office, tx->find_office(a.office_code));
    if (!office) return not_found(id);
    // Four-eyes concurrency: every household the application touches must be as it was when
    // the clerk entered it; otherwise the clerk re-enters it against the current register.
    for (const auto& [no, version] : a.expected_versions) {
      HUJI_ASSIGN_OR_RETURN(auto hh, tx->find_household(no));
      if (!hh || hh->version != version) {
        return Error::conflict("registration.concurrent_change",
                               "申請案所涉之戶於受理後已有其他登記異動，請重新受理",
                               "a household this application concerns changed after it was "
                               "entered; enter it again");
      }
    }
    domain::Registration reg = registration_of(a, today);
    HUJI_ASSIGN_OR_RETURN(auto target, complete(*tx, actor, *office, reg));
    TxRegisterState tx_state(*tx);
    // Who applied, checked again against the register as it is now (a parent or head may
    // have changed since entry); applications entered before capacities, whose relation is
    // an old free-text word, are not re-judged.
    auto applicant =
        applicant_of(a.applicant_name, a.applicant_id, a.applicant_relation, a.identity_check,
                     a.applicant_interest, a.principal_id, a.principal_relation);
    if (applicant.ok() && a.applicant_relation == domain::capacity_code(applicant->capacity)) {
      HUJI_TRY(domain::check_applicant(tx_state, reg, *applicant,
                                       rules_.get()->at(today).age_of_majority));
    }
    domain::RecordingState state(tx_state);  // what it changes, for its own revocation
    HUJI_ASSIGN_OR_RETURN(domain::Plan plan, domain::plan(state, reg, *office, today));
    for (auto& e : plan.events) {
      if (target) e.data[domain::event_key::kApplicationId] = std::to_string(target->id);
      HUJI_ASSIGN_OR_RETURN(e.seq, tx->append_event(e));
      HUJI_TRY(domain::apply(state, e));
      if (a.first_event_seq == 0) a.first_event_seq = e.seq;
      a.last_event_seq = e.seq;
    }
    HUJI_ASSIGN_OR_RETURN(domain::Undo undo, state.undo());
    a.undo = domain::encode_undo(undo);
    if (target) {
      target->revoked_by = a.id;
      auto cause = a.fields.find("cause");  // "" for a revocation entered before causes
      target->revoked_cause = cause == a.fields.end() ? "" : cause->second;
      target->version += 1;
      HUJI_ASSIGN_OR_RETURN(bool revoked, tx->update_application(*target));
      if (!revoked) {
        return Error::conflict("registration.stale", "被撤銷之登記案已被他人更新，請重新審核",
                               "the revoked registration changed meanwhile; review again");
      }
      revoked_target = *target;
    }
    // The person the registration is about: its own entry's subject (a newborn's new ID, an
    // ID change's old one), not an automatic head change written before it.
    for (const auto& e : plan.events) {
      if (e.type == reg.type) {
        a.result_subject_id = e.subject_id;
        break;
      }
    }
    if (a.result_subject_id.empty() && !plan.events.empty()) {
      a.result_subject_id = plan.events.front().subject_id;
    }
    a.status = ApplicationStatus::kRegistered;
    a.registered_on = today;
    action = "registration.register";
    // The reminders it answers are closed by the registration, not by its filing: a rejected
    // application leaves them open for the one filed again.
    HUJI_TRY(close_answered_reminders(*tx, a, *rules_.get(), actor.username, a.reviewed_ms));
    // The nationality case it follows up is registered by this registration, in the same
    // transaction (seed 002: 依限接續辦理相關戶籍登記).
    HUJI_ASSIGN_OR_RETURN(
        auto nationality_case,
        linked_nationality_case(*tx, a.office_code, a.type, a.fields,
                                a.result_subject_id.empty() ? a.subject_id : a.result_subject_id));
    if (nationality_case) {
      nationality_case->registered_on = today;
      nationality_case->registered_by_application = a.id;
      nationality_case->version += 1;
      HUJI_ASSIGN_OR_RETURN(bool linked, tx->update_nationality_case(*nationality_case));
      if (!linked) {
        return Error::conflict("registration.stale", "國籍案件已被他人更新，請重新審核",
                               "the nationality case changed meanwhile; review again");
      }
    }
  }
  HUJI_ASSIGN_OR_RETURN(bool updated, tx->update_application(a));
  if (!updated) {
    return Error::conflict("registration.stale", "申請案已被他人更新，請重新整理後再審核",
                           "the application changed since you opened it; reload and review again");
  }
  int notifications = 0;
  if (a.status == ApplicationStatus::kRegistered) {
    // The outbox (issue 19): the agencies the citizen agreed to, or, for a revocation, every
    // agency the revoked registration notified — in this transaction.
    HUJI_ASSIGN_OR_RETURN(
        notifications,
        write_outbox(*tx, a, revoked_target ? &*revoked_target : nullptr, a.reviewed_ms));
  }
  HUJI_TRY(tx->put_idempotency(
      {actor.username, key, "registration.review", print, a.id, a.reviewed_ms}));
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx,
                        {action, a.result_subject_id.empty() ? a.subject_id : a.result_subject_id,
                         "審核登記 #" + std::to_string(a.id)}));
  HUJI_TRY(tx->commit());
  if (notifications > 0 && outbox_bell_) outbox_bell_();
  return a;
}

Result<ApplicationRecord> RegistrationService::sample(const Actor& actor, const RequestContext& ctx,
                                                      int64_t id, const std::string& result,
                                                      const std::string& reason, int64_t version) {
  if (!domain::role_has(actor.role, domain::Permission::kSample)) {
    return errors::forbidden("registration.sample");
  }
  if (result != "correct" && result != "erroneous") {
    return Error::invalid("registration.sample_result",
                          "抽核結果須為 correct（正確）或 erroneous（誤辦）",
                          "the sampling result must be correct or erroneous");
  }
  if (result == "erroneous" && reason.empty()) {
    return Error::invalid("registration.reason_required", "誤辦須註明原因",
                          "an erroneous case needs a reason");
  }
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto found, tx->find_application(id));
  if (!found) return not_found(id);
  ApplicationRecord a = std::move(*found);
  HUJI_TRY(same_office(actor, a));
  if (a.status != ApplicationStatus::kRegistered) {
    return Error::conflict("registration.not_registered", "僅能抽核已登記之案件",
                           "only registered cases can be sampled");
  }
  if (!a.sample_result.empty()) {
    return Error::conflict("registration.already_sampled", "此案件已抽核",
                           "this case was already sampled");
  }
  // 抽核 is a second look by someone else (seed 000: 主任、秘書、股長抽核): not by whoever
  // entered or approved the case.
  if (entered_or_reviewed(a, actor)) {
    return Error::denied("registration.sample_independence", "不得抽核自己受理或審核的案件",
                         "you may not sample a case you entered or reviewed");
  }
  if (version != a.version) {
    return Error::conflict("registration.stale", "申請案已被他人更新，請重新整理",
                           "the application changed since you opened it; reload");
  }
  a.sample_result = result;
  a.sample_reason = reason;
  a.sampled_by = actor.username;
  a.sampled_ms = clock_.now_ms();
  a.version += 1;
  HUJI_ASSIGN_OR_RETURN(bool updated, tx->update_application(a));
  if (!updated) {
    return Error::conflict("registration.stale", "申請案已被他人更新，請重新整理",
                           "the application changed since you opened it; reload");
  }
  HUJI_TRY(append_audit(
      *tx, clock_, actor, ctx,
      {"registration.sample", a.result_subject_id.empty() ? a.subject_id : a.result_subject_id,
       "抽核 #" + std::to_string(a.id) + " " + result}));
  HUJI_TRY(tx->commit());
  return a;
}

domain::Registration RegistrationService::registration_of(const ApplicationRecord& a,
                                                          core::Date today) const {
  domain::Registration reg;
  reg.type = *domain::event_type_from_code(a.type);
  reg.event_date = a.event_date;
  // 結婚 (since 2008) and 兩願離婚 take effect by registration: that day is the event's date.
  if (domain::takes_effect_on_registration(reg.type, a.fields, a.event_date,
                                           rules_.get()->at(a.event_date))) {
    reg.event_date = today;
  }
  reg.registered_on = today;
  reg.office_code = a.office_code;
  reg.subject_id = a.subject_id;
  reg.fields = a.fields;
  reg.rules = rules_.get()->at(a.event_date);
  return reg;
}

Result<ApplicationRecord> RegistrationService::get(const Actor& actor, const RequestContext& ctx,
                                                   int64_t id) {
  HUJI_ASSIGN_OR_RETURN(ApplicationView v, detail(actor, ctx, id));
  return std::move(v.record);
}

Result<ApplicationView> RegistrationService::detail(const Actor& actor, const RequestContext& ctx,
                                                    int64_t id) {
  if (!domain::role_has(actor.role, domain::Permission::kRegister)) {
    return errors::forbidden("registration.read");
  }
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto found, tx->find_application(id));
  if (!found) return not_found(id);
  HUJI_TRY(same_office(actor, *found));
  ApplicationView v;
  v.record = std::move(*found);
  v.shown = persons_shown(v.record);
  HUJI_ASSIGN_OR_RETURN(auto office, tx->find_office(v.record.office_code));
  if (office) {
    // A pending application is planned as approval would plan it now; a revocation whose
    // target can no longer be revoked shows that refusal instead.
    const core::Date today = clock_.today_taipei();
    std::optional<domain::Registration> reg;
    if (v.record.status == ApplicationStatus::kPendingReview) {
      reg = registration_of(v.record, today);
      auto completed = complete(*tx, actor, *office, *reg);
      if (!completed.ok()) {
        v.preview_refused = completed.error();
        reg.reset();
      }
    }
    HUJI_TRY(add_details(*tx, reg, *office, today, v));
  }
  std::map<std::string, std::string> names;
  HUJI_TRY(add_names(*tx, actor, names, v));
  // Reviewing is the purpose when a supervisor other than its clerk opens a pending one.
  const bool reviewing = v.record.status == ApplicationStatus::kPendingReview && !v.own &&
                         domain::role_has(actor.role, domain::Permission::kReview);
  const std::string purpose =
      (reviewing ? "審核登記申請 #" : "檢視登記申請 #") + std::to_string(id);
  std::vector<AuditRecord> records;
  audit_persons_shown(v.shown, "registration.read", purpose, records);
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx, records));
  HUJI_TRY(tx->commit());
  return v;
}

Result<std::vector<ApplicationRecord>> RegistrationService::list(const Actor& actor,
                                                                 const RequestContext& ctx,
                                                                 std::optional<std::string> status,
                                                                 std::optional<core::Date> day) {
  ApplicationFilter filter;
  filter.status = std::move(status);
  filter.day = day;
  HUJI_ASSIGN_OR_RETURN(ApplicationPage p, page(actor, ctx, filter));
  std::vector<ApplicationRecord> out;
  out.reserve(p.items.size());
  for (auto& v : p.items) out.push_back(std::move(v.record));
  return out;
}

Result<ApplicationPage> RegistrationService::page(const Actor& actor, const RequestContext& ctx,
                                                  const ApplicationFilter& filter) {
  if (!domain::role_has(actor.role, domain::Permission::kRegister)) {
    return errors::forbidden("registration.list");
  }
  if (filter.limit < 1 || filter.limit > 200) {
    return Error::invalid("registration.limit", "每頁筆數須為 1–200", "limit must be 1-200");
  }
  ApplicationQuery q;
  if (filter.status) {
    q.status = application_status_from_code(*filter.status);
    if (!q.status) {
      return Error::invalid("registration.status",
                            "狀態須為 pending_review、registered 或 rejected",
                            "status must be pending_review, registered or rejected");
    }
  }
  q.office_code = actor.office_code;
  if (filter.day) {
    q.entered_from_ms = core::taipei_day_start_ms(*filter.day);
    q.entered_to_ms = *q.entered_from_ms + core::kDayMs;
  }
  if (filter.mine) q.entered_by = actor.username;
  q.before_id = filter.before_id;
  q.limit = filter.limit + 1;  // one more: whether another page follows
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto apps, tx->list_applications(q));
  ApplicationPage p;
  if (apps.size() > static_cast<size_t>(filter.limit)) {
    apps.resize(static_cast<size_t>(filter.limit));
    p.next_before = apps.back().id;
  }
  std::string purpose = std::string(kWorkQueuePurpose) +
                        (filter.mine ? " 本人案件清單 " : " 案件清單 ") +
                        filter.status.value_or("all");
  HUJI_TRY(audit_list(*tx, clock_, actor, ctx, "registration.list", purpose, apps));
  std::map<std::string, std::string> names;
  p.items.reserve(apps.size());
  for (auto& a : apps) {
    ApplicationView v;
    v.record = std::move(a);
    v.shown = persons_shown(v.record);
    HUJI_TRY(add_names(*tx, actor, names, v));
    p.items.push_back(std::move(v));
  }
  HUJI_TRY(tx->commit());
  return p;
}

Result<std::vector<ApplicationRecord>> RegistrationService::sampling_candidates(
    const Actor& actor, const RequestContext& ctx, core::Date day, int percent) {
  if (!domain::role_has(actor.role, domain::Permission::kSample)) {
    return errors::forbidden("registration.sample");
  }
  if (percent < 1 || percent > 100) {
    return Error::invalid("registration.percent", "抽核比例須為 1–100", "percent must be 1-100");
  }
  // The cases registered (approved) on `day`, whenever entered: all of them, not one page of
  // the list. Entered by the end of the day; the lookback only bounds the scan.
  const std::string iso = day.to_iso();
  ApplicationQuery q;
  q.office_code = actor.office_code;
  q.status = ApplicationStatus::kRegistered;
  q.entered_to_ms = core::taipei_day_start_ms(day) + core::kDayMs;
  q.entered_from_ms = core::taipei_day_start_ms(day) - kSamplingLookbackDays * core::kDayMs;
  q.limit = 1'000'000;
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto listed, tx->list_applications(q));
  std::vector<ApplicationRecord> all;
  for (auto& a : listed) {
    if (a.registered_on == day && !entered_or_reviewed(a, actor)) all.push_back(std::move(a));
  }
  if (all.empty()) {
    HUJI_TRY(audit_list(*tx, clock_, actor, ctx, "registration.list",
                        std::string(kWorkQueuePurpose) + " 抽核抽樣 " + iso, all));
    HUJI_TRY(tx->commit());
    return all;
  }
  // Order by a hash of (office, day, id): reproducible for the day, not guessable by a clerk.
  std::vector<std::pair<std::string, ApplicationRecord>> keyed;
  keyed.reserve(all.size());
  for (auto& a : all) {
    keyed.emplace_back(
        sha256_hex(actor.office_code + "|" + day.to_iso() + "|" + std::to_string(a.id)),
        std::move(a));
  }
  std::sort(keyed.begin(), keyed.end(),
            [](const auto& x, const auto& y) { return x.first < y.first; });
  size_t n = std::max<size_t>(1, (keyed.size() * static_cast<size_t>(percent) + 99) / 100);
  std::vector<ApplicationRecord> out;
  for (size_t i = 0; i < n && i < keyed.size(); ++i) out.push_back(std::move(keyed[i].second));
  // Only what is shown is audited: the drawn cases, not the whole day's.
  HUJI_TRY(audit_list(*tx, clock_, actor, ctx, "registration.list",
                      std::string(kWorkQueuePurpose) + " 抽核抽樣 " + iso, out));
  HUJI_TRY(tx->commit());
  return out;
}

Result<std::optional<core::Date>> RegistrationService::latest_sampling_day(const Actor& actor) {
  if (!domain::role_has(actor.role, domain::Permission::kSample)) {
    return errors::forbidden("registration.sample");
  }
  const core::Date today = clock_.today_taipei();
  ApplicationQuery q;
  q.office_code = actor.office_code;
  q.status = ApplicationStatus::kRegistered;
  q.entered_to_ms = core::taipei_day_start_ms(today);
  q.entered_from_ms = q.entered_to_ms.value() - kSamplingLookbackDays * core::kDayMs;
  q.limit = 1'000'000;
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
  HUJI_ASSIGN_OR_RETURN(auto listed, tx->list_applications(q));
  std::optional<core::Date> latest;
  for (const auto& a : listed) {
    if (a.registered_on && *a.registered_on < today && (!latest || *latest < *a.registered_on) &&
        !entered_or_reviewed(a, actor)) {
      latest = a.registered_on;
    }
  }
  return latest;
}

Result<DocumentRecord> RegistrationService::attach(const Actor& actor, const RequestContext& ctx,
                                                   int64_t id, const std::string& filename,
                                                   const std::string& mime,
                                                   const std::string& bytes,
                                                   const std::string& key) {
  if (!domain::role_has(actor.role, domain::Permission::kRegister)) {
    return errors::forbidden("registration.attach");
  }
  HUJI_TRY(errors::check_idempotency_key(key));
  static const std::set<std::string> kMimes = {"application/pdf", "image/jpeg", "image/png"};
  if (!kMimes.count(mime)) {
    return Error::unprocessable("document.type", "附件須為 PDF、JPEG 或 PNG",
                                "attachments must be PDF, JPEG or PNG");
  }
  if (bytes.empty()) {  // an empty file is not too large: 413 would send the clerk astray
    return Error::unprocessable("document.empty", "附件為空白檔案", "the attachment is empty");
  }
  if (bytes.size() > kMaxDocumentBytes) {
    return Error::too_large("document.size", "附件須介於 1 位元組至 5 MiB",
                            "attachments must be 1 byte to 5 MiB");
  }
  if (filename.empty() || filename.size() > 200 || filename.find('/') != std::string::npos) {
    return Error::invalid("document.filename", "檔名不正確", "bad file name");
  }
  if (!content_is(mime, bytes)) {
    return Error::unprocessable(
        "upload.type_mismatch", "附件內容與宣告的類型 " + mime + " 不符",
        "the attachment's content does not match its declared type " + mime);
  }
  DocumentRecord d;
  d.application_id = id;
  d.filename = filename;
  d.mime = mime;
  d.sha256 = sha256_hex(bytes);
  d.size = static_cast<int64_t>(bytes.size());
  d.content = bytes;
  d.uploaded_by = actor.username;
  d.uploaded_ms = clock_.now_ms();
  const std::string print = sha256_hex(std::to_string(id) + "|" + filename + "|" + d.sha256);

  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto found, tx->find_application(id));
  if (!found) return not_found(id);
  HUJI_TRY(same_office(actor, *found));
  HUJI_ASSIGN_OR_RETURN(auto prior, tx->find_idempotency(actor.username, key));
  if (prior) {
    if (prior->operation != "document.attach" || prior->fingerprint != print) {
      return errors::idempotency_key_reused();
    }
    HUJI_ASSIGN_OR_RETURN(auto docs, tx->list_documents(id, false));
    for (auto& doc : docs) {
      if (doc.id == prior->resource_id) return doc;
    }
  }
  if (found->status != ApplicationStatus::kPendingReview) {
    return Error::conflict("registration.not_pending", "已審核之案件不得再增附件",
                           "documents can only be attached before review");
  }
  HUJI_ASSIGN_OR_RETURN(d.id, tx->insert_document(d));
  HUJI_TRY(
      tx->put_idempotency({actor.username, key, "document.attach", print, d.id, d.uploaded_ms}));
  HUJI_TRY(append_audit(
      *tx, clock_, actor, ctx,
      {"registration.attach", found->subject_id, "附件 " + filename + " #" + std::to_string(id)}));
  HUJI_TRY(tx->commit());
  d.content.clear();
  return d;
}

Result<DocumentRecord> RegistrationService::document(const Actor& actor, const RequestContext& ctx,
                                                     int64_t id, int64_t document_id) {
  if (!domain::role_has(actor.role, domain::Permission::kRegister)) {
    return errors::forbidden("registration.read");
  }
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto found, tx->find_application(id));
  if (!found) return not_found(id);
  HUJI_TRY(same_office(actor, *found));
  HUJI_ASSIGN_OR_RETURN(auto docs, tx->list_documents(id, true));
  for (auto& doc : docs) {
    if (doc.id != document_id) continue;
    HUJI_TRY(append_audit(*tx, clock_, actor, ctx,
                          {"registration.document", found->subject_id,
                           "檢視附件 " + doc.filename + " #" + std::to_string(id)}));
    HUJI_TRY(tx->commit());
    return std::move(doc);
  }
  return Error::not_found("document.not_found", "查無此附件", "no such document");
}

Result<Correctness> RegistrationService::correctness(const Actor& actor, core::Date from,
                                                     core::Date to) {
  if (!domain::role_has(actor.role, domain::Permission::kReadKpi)) {
    return errors::forbidden("kpi.read");
  }
  if (to < from)
    return Error::invalid("kpi.range", "起日不得晚於迄日", "from must not be after to");
  const domain::StatutoryRules& rules = rules_.get()->at(to);
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
  auto counted = [&](core::Date first, core::Date last) {
    return tx->count_correctness(actor.office_code, core::taipei_day_start_ms(first),
                                 core::taipei_day_start_ms(last) + core::kDayMs);
  };
  auto rate_of = [](const CorrectnessCounts& c) {
    return c.received == 0
               ? 1.0
               : static_cast<double>(c.received - c.erroneous()) / static_cast<double>(c.received);
  };
  Correctness c;
  HUJI_ASSIGN_OR_RETURN(c.counts, counted(from, to));
  c.rate = rate_of(c.counts);
  c.configured_target = rules.target_registration_correctness;
  c.target = c.configured_target;
  c.prior_years = rules.target_correctness_prior_years;
  // 大同 AP2.1: not below the average of the prior years' rates (calendar years before the
  // period's first), over the years that had applications.
  double sum = 0;
  int years = 0;
  for (int back = 1; back <= c.prior_years; ++back) {
    const int year = from.year() - back;
    auto day = [year](int m, int d) {
      return core::Date::from_days_since_epoch(core::Date::from_civil(year, m, d));
    };
    HUJI_ASSIGN_OR_RETURN(auto prior, counted(day(1, 1), day(12, 31)));
    if (prior.received == 0) continue;
    sum += rate_of(prior);
    ++years;
  }
  if (years > 0) {
    c.prior_average = sum / years;
    c.target = std::max(c.target, *c.prior_average);
  }
  constexpr double kEpsilon = 1e-12;  // 97 of 100 is 97 %, whatever the rounding
  c.met = c.rate + kEpsilon >= c.target;
  return c;
}

}  // namespace huji::service
