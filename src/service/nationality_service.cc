#include "service/nationality_service.h"

#include <algorithm>
#include <charconv>
#include <set>

#include "core/id_number.h"
#include "domain/register/deadline.h"
#include "service/audit.h"
#include "service/crypto.h"
#include "service/errors.h"

namespace huji::service {

using core::Error;
using core::ErrorKind;
using core::Result;

namespace {

constexpr int kTestSlotCapacity = 10;
// 國籍法 §19 ¶1: a naturalization, loss or restoration cannot be revoked more than five
// years after it.
constexpr int kRevocationYears = 5;

// Seed 002 (文山 113, 國籍歸化案件): 應調查事項 and 送審案件文件備妥.
const std::vector<ChecklistItem>& checklist_items() {
  static const std::vector<ChecklistItem> k = {
      {"marriage_genuine", "婚姻真實性", "the marriage is genuine", "investigation"},
      {"public_assistance", "是否受生活扶助", "whether on public assistance", "investigation"},
      {"criminal_record", "刑事案件查詢", "criminal record search", "investigation"},
      {"residence_record", "居留資料", "residence records", "investigation"},
      {"entry_exit", "入出境紀錄及居留期間是否中斷",
       "entries, exits and whether residence was broken", "investigation"},
      {"income_assets", "所得財產資料查詢", "income and assets search", "investigation"},
      {"application_signed", "申請書填妥並簽章", "application form complete and signed",
       "documents"},
      {"documents_attached", "附繳證件備齊", "required documents attached", "documents"},
      {"class_hours", "上課時數紀錄", "record of class hours", "documents"},
      {"no_criminal_record_abroad", "原屬國無犯罪紀錄證明",
       "no criminal record in the home country", "documents"},
      {"ministry_letter", "內政部核准函", "the Ministry's letter", "documents"},
  };
  return k;
}

}  // namespace

const std::vector<NationalityKind>& nationality_kinds() {
  // Follow-up registrations (seed 002, 國籍變更後依限接續辦理): 歸化 → 初設戶籍; 回復國籍 →
  // 初設戶籍 or 恢復戶籍; 喪失國籍 → 廢止戶籍; 撤銷喪失國籍 → 恢復戶籍. 撤銷歸化 (→ 撤銷戶籍)
  // and 回復國籍註記 have no registration type yet: they list none until the types exist.
  static const std::vector<NationalityKind> k = {
      {"naturalization",
       "歸化",
       {"first_registration"},
       true,
       false,
       {"marriage_genuine", "public_assistance", "criminal_record", "residence_record",
        "entry_exit", "income_assets", "application_signed", "documents_attached", "class_hours",
        "no_criminal_record_abroad"}},
      {"restoration",
       "回復國籍",
       {"first_registration", "restoration"},
       false,
       false,
       {"criminal_record", "residence_record", "entry_exit", "application_signed",
        "documents_attached"}},
      {"loss",
       "喪失國籍",
       {"loss_of_nationality"},
       false,
       false,
       {"application_signed", "documents_attached", "ministry_letter"}},
      {"renunciation",
       "放棄國籍",
       {"loss_of_nationality"},
       false,
       false,
       {"application_signed", "documents_attached", "ministry_letter"}},
      {"naturalization_revoked", "撤銷歸化", {}, false, true, {"ministry_letter"}},
      {"loss_revoked", "撤銷喪失國籍", {"restoration"}, false, true, {"ministry_letter"}},
      {"restoration_note",
       "回復國籍註記",
       {},
       false,
       false,
       {"application_signed", "documents_attached", "ministry_letter"}},
  };
  return k;
}

const NationalityKind* find_nationality_kind(std::string_view code) {
  for (const auto& k : nationality_kinds()) {
    if (k.code == code) return &k;
  }
  return nullptr;
}

const ChecklistItem* find_checklist_item(std::string_view code) {
  for (const auto& i : checklist_items()) {
    if (i.code == code) return &i;
  }
  return nullptr;
}

Result<std::optional<NationalityCase>> linked_nationality_case(
    NationalityTx& tx, const std::string& office_code, const std::string& registration_type,
    const std::map<std::string, std::string>& fields, const std::string& person_id) {
  auto it = fields.find("nationality_case_id");
  if (it == fields.end() || it->second.empty()) return std::optional<NationalityCase>();
  int64_t id = 0;
  auto [ptr, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), id);
  const bool number = ec == std::errc() && ptr == it->second.data() + it->second.size() && id > 0;
  std::optional<NationalityCase> c;
  if (number) {
    HUJI_ASSIGN_OR_RETURN(c, tx.find_nationality_case(id));
  }
  if (!c || c->office_code != office_code) {
    return Error::unprocessable("registration.nationality_case", "本所查無國籍案件 #" + it->second,
                                "this office has no nationality case #" + it->second);
  }
  if (c->registered_on) {
    return Error::unprocessable("registration.nationality_case_registered",
                                "國籍案件 #" + it->second + " 已辦竣登記",
                                "nationality case #" + it->second + " is already registered");
  }
  // The case's person must be the registration's (when both are known: a first registration's
  // person has no ID number until it is registered).
  if (!c->id_number.empty() && !person_id.empty() && c->id_number != person_id) {
    return Error::unprocessable(
        "registration.nationality_case_person",
        "國籍案件 #" + it->second + " 之當事人與本登記之當事人不同",
        "nationality case #" + it->second + " is about another person than this registration");
  }
  const NationalityKind* kind = find_nationality_kind(c->kind);
  if (!kind || std::find(kind->registrations.begin(), kind->registrations.end(),
                         registration_type) == kind->registrations.end()) {
    return Error::unprocessable("registration.nationality_case_type",
                                "國籍案件 #" + it->second + "（" + c->kind + "）非以此類登記續辦",
                                "nationality case #" + it->second + " (" + c->kind +
                                    ") is not followed up by " + registration_type);
  }
  return c;
}

namespace {

bool allowed(const Actor& a) { return domain::role_has(a.role, domain::Permission::kRegister); }

}  // namespace

Result<ProofOfLossDue> proof_of_loss_due(const core::WorkingCalendar& calendar, core::Date letter,
                                         const domain::StatutoryRules& rules) {
  const core::Date year_on = letter.add_years(rules.proof_of_loss_years);
  auto shifted = calendar.deadline(letter, static_cast<int>(letter.days_until(year_on)));
  if (shifted.ok()) return ProofOfLossDue{*shifted, false};
  if (shifted.error().code != "calendar.year_not_loaded") return std::move(shifted).take_error();
  return ProofOfLossDue{year_on, true};
}

NationalityCaseView NationalityService::view(const NationalityCase& c, core::Date today,
                                             int reminder_days, bool proof_due_provisional) {
  NationalityCaseView v;
  v.record = c;
  const bool awaiting_proof = c.proof_of_loss_due && !c.proof_of_loss_received;
  v.proof_of_loss_due_provisional = awaiting_proof && proof_due_provisional;
  if (!c.registered_on) {
    v.state = today > c.registration_due ? "registration_overdue" : "awaiting_registration";
  } else if (awaiting_proof) {
    const core::Date latest = v.proof_of_loss_due_provisional
                                  ? c.proof_of_loss_due->add_days(domain::kMaxDaysOffInARow)
                                  : *c.proof_of_loss_due;
    v.state = today > latest ? "proof_overdue" : "awaiting_proof_of_loss";
  } else {
    v.state = "closed";
  }
  if (awaiting_proof) v.reminder_due = today.days_until(*c.proof_of_loss_due) <= reminder_days;
  return v;
}

Result<NationalityCaseView> NationalityService::current_view(const NationalityCase& c,
                                                             core::Date today) const {
  const auto book = rules_.get();  // held: the rules below are a reference into it
  const domain::StatutoryRules& rules = book->at(c.approval_letter_date);
  if (!c.proof_of_loss_due || c.proof_of_loss_received) {
    return view(c, today, rules.proof_reminder_days);
  }
  HUJI_ASSIGN_OR_RETURN(ProofOfLossDue due,
                        proof_of_loss_due(*calendar_.get(), c.approval_letter_date, rules));
  NationalityCase shown = c;
  shown.proof_of_loss_due = due.due;
  return view(shown, today, rules.proof_reminder_days, due.provisional);
}

Result<NationalityCaseView> NationalityService::open(const Actor& actor, const RequestContext& ctx,
                                                     const NewNationalityCase& in,
                                                     const std::string& key) {
  if (!allowed(actor)) return errors::forbidden("nationality.open");
  HUJI_TRY(errors::check_idempotency_key(key));
  const NationalityKind* kind = find_nationality_kind(in.kind);
  if (!kind) {
    return Error::invalid("nationality.kind",
                          "案件類別須為歸化、回復國籍、喪失國籍、放棄國籍、撤銷歸化、撤銷喪失國籍或"
                          "回復國籍註記",
                          "kind must be naturalization, restoration, loss, renunciation, "
                          "naturalization_revoked, loss_revoked or restoration_note");
  }
  if (in.person_name.empty()) {
    return Error::invalid("nationality.name", "請填寫當事人姓名", "the person's name is required");
  }
  if (!in.id_number.empty()) {
    auto id = core::IdNumber::parse(in.id_number);
    if (!id.ok()) {
      Error e = id.error();
      e.kind = ErrorKind::kUnprocessable;
      return e;
    }
  }
  HUJI_ASSIGN_OR_RETURN(core::Date letter, core::Date::parse_iso(in.approval_letter_date));
  const core::Date today = clock_.today_taipei();
  if (letter > today) {
    return Error::unprocessable("nationality.future_letter", "核准函日期不得晚於今日",
                                "the approval letter cannot be dated in the future");
  }
  std::optional<core::Date> original;
  if (kind->revokes) {
    // 國籍法 §19 ¶1: not more than five years after the decision revoked, unless a court
    // found a sham marriage or adoption (¶2).
    if (in.original_decision_date.empty()) {
      return Error::invalid("nationality.original_decision_date",
                            "撤銷案件須填寫原歸化、喪失或回復國籍之日期",
                            "a revocation needs the date of the decision it revokes");
    }
    HUJI_ASSIGN_OR_RETURN(original, core::Date::parse_iso(in.original_decision_date));
    if (*original > letter) {
      return Error::unprocessable("nationality.original_after_letter",
                                  "原處分日期不得晚於撤銷函日期",
                                  "the decision revoked cannot be later than the letter");
    }
    if (!in.sham_by_court_judgment && letter > original->add_years(kRevocationYears)) {
      return Error::unprocessable(
          "nationality.revocation_time_barred",
          "自歸化、喪失或回復國籍之日起逾五年，不得撤銷（國籍法第19條第1項）",
          "more than five years after the decision it may not be revoked (Nationality Act "
          "art. 19(1))");
    }
  }
  const domain::StatutoryRules& rules = rules_.get()->at(letter);
  const std::shared_ptr<const core::WorkingCalendar> calendar = calendar_.get();
  HUJI_ASSIGN_OR_RETURN(core::Date due,
                        calendar->due_date(letter, rules.nationality_registration_working_days));
  NationalityCase c;
  c.office_code = actor.office_code;
  c.kind = in.kind;
  c.person_name = in.person_name;
  c.id_number = in.id_number;
  c.approval_letter_date = letter;
  c.registration_due = due;
  c.original_decision_date = original;
  if (kind->proof_of_loss) {
    // A year ahead: when its calendar is not loaded yet the case is opened all the same, the
    // due date stored unshifted and shown provisional until the year is loaded (no decision
    // today depends on which working day it moves to).
    HUJI_ASSIGN_OR_RETURN(ProofOfLossDue proof, proof_of_loss_due(*calendar, letter, rules));
    c.proof_of_loss_due = proof.due;
  }
  c.created_by = actor.username;
  c.created_ms = clock_.now_ms();
  const std::string print =
      sha256_of_fields({in.kind, in.person_name, in.id_number, in.approval_letter_date,
                        in.original_decision_date, in.sham_by_court_judgment ? "sham" : "-"});
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto prior, tx->find_idempotency(actor.username, key));
  if (prior) {
    if (prior->operation != "nationality.open" || prior->fingerprint != print)
      return errors::idempotency_key_reused();
    HUJI_ASSIGN_OR_RETURN(auto first, tx->find_nationality_case(prior->resource_id));
    if (first) return current_view(*first, today);
  }
  HUJI_ASSIGN_OR_RETURN(c.id, tx->insert_nationality_case(c));
  HUJI_TRY(
      tx->put_idempotency({actor.username, key, "nationality.open", print, c.id, c.created_ms}));
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx,
                        {"nationality.open", c.id_number, "國籍案件 #" + std::to_string(c.id)}));
  HUJI_TRY(tx->commit());
  return current_view(c, today);
}

Result<std::vector<NationalityCaseView>> NationalityService::list(const Actor& actor,
                                                                  const RequestContext& ctx) {
  if (!allowed(actor)) return errors::forbidden("nationality.list");
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto cases, tx->list_nationality_cases(actor.office_code));
  // The list itself, and each person shown under their ID number (a case opened before the
  // person has one shows a name only: the list's own entry covers it).
  const std::string purpose = std::string(kWorkQueuePurpose) + " 國籍案件清單";
  std::vector<AuditRecord> records{{"nationality.list", "", purpose}};
  for (const auto& c : cases) {
    if (!c.id_number.empty()) {
      records.push_back({"nationality.list", c.id_number, purpose + " #" + std::to_string(c.id)});
    }
  }
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx, records));
  HUJI_TRY(tx->commit());
  std::vector<NationalityCaseView> out;
  out.reserve(cases.size());
  const core::Date today = clock_.today_taipei();
  for (const auto& c : cases) {
    HUJI_ASSIGN_OR_RETURN(auto v, current_view(c, today));
    out.push_back(std::move(v));
  }
  return out;
}

Result<NationalityCaseView> NationalityService::record(const Actor& actor,
                                                       const RequestContext& ctx, int64_t id,
                                                       const std::string& what,
                                                       const std::string& on_date, int64_t version,
                                                       const std::string& item) {
  if (!allowed(actor)) return errors::forbidden("nationality.record");
  if (what == "registered") {
    return Error::unprocessable(
        "nationality.registered_by_registration",
        "續辦登記由登記案記錄：受理登記時於 nationality_case_id 填寫本案號，審核登記後自動記錄",
        "the registration records it: name this case in the registration's "
        "nationality_case_id; its approval records the case registered");
  }
  if (what != "proof_received" && what != "notice_sent" && what != "check") {
    return Error::invalid("nationality.record", "紀錄項目須為 proof_received、notice_sent 或 check",
                          "what must be proof_received, notice_sent or check");
  }
  HUJI_ASSIGN_OR_RETURN(core::Date on, core::Date::parse_iso(on_date));
  const core::Date today = clock_.today_taipei();
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto found, tx->find_nationality_case(id));
  if (!found || found->office_code != actor.office_code) {
    return Error::not_found("nationality.not_found", "查無此國籍案件", "no such nationality case");
  }
  NationalityCase c = *found;
  if (c.version != version) {
    return Error::conflict("nationality.stale", "案件已被他人更新，請重新整理",
                           "the case changed since you opened it; reload");
  }
  if (on > today || on < c.approval_letter_date) {
    return Error::unprocessable("nationality.date", "日期須介於核准函日期與今日之間",
                                "the date must lie between the approval letter and today");
  }
  std::string detail;
  if (what == "check") {
    const NationalityKind* kind = find_nationality_kind(c.kind);
    const ChecklistItem* it = find_checklist_item(item);
    if (!kind || !it ||
        std::find(kind->checklist.begin(), kind->checklist.end(), item) == kind->checklist.end()) {
      return Error::invalid("nationality.checklist_item", "此類案件無此檢核項目：" + item,
                            "this kind of case has no checklist item " + item);
    }
    if (c.checklist.count(item)) {
      return Error::conflict("nationality.already_checked", "此項目已檢核",
                             "this item is already ticked");
    }
    c.checklist[item] = {actor.username, clock_.now_ms()};
    detail = " " + item;
  } else {
    if (!c.proof_of_loss_due) {
      return Error::unprocessable("nationality.no_proof_needed", "此類案件無須喪失原國籍證明",
                                  "this kind of case needs no proof of loss");
    }
    if (what == "notice_sent") {
      if (c.notice_sent_on) {
        return Error::conflict("nationality.notice_already_sent", "繳附通知單已寄發",
                               "the notice was already sent");
      }
      c.notice_sent_on = on;
      c.notice_sent_by = actor.username;
    } else {
      c.proof_of_loss_received = on;
    }
  }
  // A due date stored provisional is stored exact once its year's calendar is loaded.
  if (c.proof_of_loss_due) {
    const auto book = rules_.get();
    HUJI_ASSIGN_OR_RETURN(ProofOfLossDue due,
                          proof_of_loss_due(*calendar_.get(), c.approval_letter_date,
                                            book->at(c.approval_letter_date)));
    if (!due.provisional) c.proof_of_loss_due = due.due;
  }
  c.version += 1;
  HUJI_ASSIGN_OR_RETURN(bool ok, tx->update_nationality_case(c));
  if (!ok) {
    return Error::conflict("nationality.stale", "案件已被他人更新，請重新整理",
                           "the case changed since you opened it; reload");
  }
  HUJI_TRY(append_audit(
      *tx, clock_, actor, ctx,
      {"nationality." + what, c.id_number, "國籍案件 #" + std::to_string(id) + detail}));
  HUJI_TRY(tx->commit());
  return current_view(c, today);
}

Result<NaturalizationTest> NationalityService::book_test(const Actor& actor,
                                                         const RequestContext& ctx,
                                                         const NewNaturalizationTest& in,
                                                         const std::string& key) {
  if (!allowed(actor)) return errors::forbidden("nationality.test");
  HUJI_TRY(errors::check_idempotency_key(key));
  static const std::set<std::string> kSlots = {"09:00", "10:30", "14:00", "15:30"};
  if (!kSlots.count(in.slot_time)) {
    return Error::invalid("nationality.slot_time", "測試時段須為 09:00、10:30、14:00 或 15:30",
                          "the slot must be 09:00, 10:30, 14:00 or 15:30");
  }
  if (in.candidate_name.empty()) {
    return Error::invalid("nationality.name", "請填寫應試者姓名",
                          "the candidate's name is required");
  }
  HUJI_ASSIGN_OR_RETURN(core::Date day, core::Date::parse_iso(in.slot_date));
  if (day <= clock_.today_taipei()) {
    return Error::unprocessable("nationality.slot_past", "測試日期須晚於今日",
                                "the test date must be after today");
  }
  HUJI_ASSIGN_OR_RETURN(bool working, calendar_.get()->is_working_day(day));
  if (!working) {
    return Error::unprocessable("nationality.slot_holiday", "測試日期須為上班日",
                                "tests are held on working days only");
  }
  NaturalizationTest t;
  t.office_code = actor.office_code;
  t.case_id = in.case_id;
  t.candidate_name = in.candidate_name;
  t.slot_date = day;
  t.slot_time = in.slot_time;
  t.booked_by = actor.username;
  t.created_ms = clock_.now_ms();
  const std::string print =
      sha256_of_fields({in.case_id ? std::to_string(*in.case_id) : std::string("-"),
                        in.candidate_name, in.slot_date, in.slot_time});
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto booked, tx->list_naturalization_tests(actor.office_code, day));
  HUJI_ASSIGN_OR_RETURN(auto prior, tx->find_idempotency(actor.username, key));
  if (prior) {
    if (prior->operation != "nationality.book_test" || prior->fingerprint != print) {
      return errors::idempotency_key_reused();
    }
    for (const auto& b : booked) {
      if (b.id == prior->resource_id) return b;
    }
  }
  int in_slot = 0;
  for (const auto& b : booked) {
    if (b.slot_date == day && b.slot_time == in.slot_time) ++in_slot;
  }
  if (in_slot >= kTestSlotCapacity) {
    return Error::conflict("nationality.slot_full", "該時段已額滿", "that slot is full");
  }
  if (in.case_id) {
    HUJI_ASSIGN_OR_RETURN(auto c, tx->find_nationality_case(*in.case_id));
    if (!c || c->office_code != actor.office_code) {
      return Error::not_found("nationality.not_found", "查無此國籍案件",
                              "no such nationality case");
    }
  }
  HUJI_ASSIGN_OR_RETURN(t.id, tx->insert_naturalization_test(t));
  HUJI_TRY(tx->put_idempotency(
      {actor.username, key, "nationality.book_test", print, t.id, t.created_ms}));
  HUJI_TRY(append_audit(
      *tx, clock_, actor, ctx,
      {"nationality.test_booked", "", "歸化測試 " + in.slot_date + " " + in.slot_time}));
  HUJI_TRY(tx->commit());
  return t;
}

Result<std::vector<NaturalizationTest>> NationalityService::tests(const Actor& actor,
                                                                  const RequestContext& ctx) {
  if (!allowed(actor)) return errors::forbidden("nationality.test");
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto bookings,
                        tx->list_naturalization_tests(actor.office_code, clock_.today_taipei()));
  // Candidates are shown by name: audited under the ID number of the case a booking names,
  // when it has one, and by the list's own entry.
  HUJI_ASSIGN_OR_RETURN(auto cases, tx->list_nationality_cases(actor.office_code));
  const std::string purpose = std::string(kWorkQueuePurpose) + " 歸化測試清單";
  std::vector<AuditRecord> records{{"nationality.test_list", "", purpose}};
  for (const auto& b : bookings) {
    if (!b.case_id) continue;
    for (const auto& c : cases) {
      if (c.id == *b.case_id && !c.id_number.empty()) {
        records.push_back(
            {"nationality.test_list", c.id_number, purpose + " #" + std::to_string(b.id)});
      }
    }
  }
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx, records));
  HUJI_TRY(tx->commit());
  return bookings;
}

}  // namespace huji::service
