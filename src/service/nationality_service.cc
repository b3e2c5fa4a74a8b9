#include "service/nationality_service.h"

#include <set>

#include "core/id_number.h"
#include "service/audit.h"
#include "service/crypto.h"
#include "service/errors.h"

namespace huji::service {

using core::Error;
using core::ErrorKind;
using core::Result;

namespace {

constexpr int kRegistrationWorkingDays = 30;  // DOMAIN §3: 30 working days after the letter
constexpr int kReminderDays = 60;             // remind this long before proof of loss is due
constexpr int kTestSlotCapacity = 10;

bool allowed(const Actor& a) { return domain::role_has(a.role, domain::Permission::kRegister); }

}  // namespace

NationalityCaseView NationalityService::view(const NationalityCase& c, core::Date today) {
  NationalityCaseView v;
  v.record = c;
  const bool awaiting_proof = c.proof_of_loss_due && !c.proof_of_loss_received;
  if (!c.registered_on) {
    v.state = today > c.registration_due ? "registration_overdue" : "awaiting_registration";
  } else if (awaiting_proof) {
    v.state = today > *c.proof_of_loss_due ? "proof_overdue" : "awaiting_proof_of_loss";
  } else {
    v.state = "closed";
  }
  if (awaiting_proof) v.reminder_due = today.days_until(*c.proof_of_loss_due) <= kReminderDays;
  return v;
}

Result<NationalityCaseView> NationalityService::open(const Actor& actor, const RequestContext& ctx,
                                                     const NewNationalityCase& in,
                                                     const std::string& key) {
  if (!allowed(actor)) return errors::forbidden("nationality.open");
  HUJI_TRY(errors::check_idempotency_key(key));
  static const std::set<std::string> kKinds = {"naturalization", "restoration", "loss",
                                               "renunciation"};
  if (!kKinds.count(in.kind)) {
    return Error::invalid("nationality.kind", "案件類別須為歸化、回復、喪失或放棄國籍",
                          "kind must be naturalization, restoration, loss or renunciation");
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
  HUJI_ASSIGN_OR_RETURN(core::Date due,
                        calendar_.get()->due_date(letter, kRegistrationWorkingDays));
  NationalityCase c;
  c.office_code = actor.office_code;
  c.kind = in.kind;
  c.person_name = in.person_name;
  c.id_number = in.id_number;
  c.approval_letter_date = letter;
  c.registration_due = due;
  if (in.kind == "naturalization") c.proof_of_loss_due = letter.add_years(1);
  c.created_by = actor.username;
  c.created_ms = clock_.now_ms();
  const std::string print =
      sha256_of_fields({in.kind, in.person_name, in.id_number, in.approval_letter_date});
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto prior, tx->find_idempotency(actor.username, key));
  if (prior) {
    if (prior->operation != "nationality.open" || prior->fingerprint != print)
      return errors::idempotency_key_reused();
    HUJI_ASSIGN_OR_RETURN(auto first, tx->find_nationality_case(prior->resource_id));
    if (first) return view(*first, today);
  }
  HUJI_ASSIGN_OR_RETURN(c.id, tx->insert_nationality_case(c));
  HUJI_TRY(
      tx->put_idempotency({actor.username, key, "nationality.open", print, c.id, c.created_ms}));
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx,
                        {"nationality.open", c.id_number, "國籍案件 #" + std::to_string(c.id)}));
  HUJI_TRY(tx->commit());
  return view(c, today);
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
  for (const auto& c : cases) out.push_back(view(c, today));
  return out;
}

Result<NationalityCaseView> NationalityService::record(const Actor& actor,
                                                       const RequestContext& ctx, int64_t id,
                                                       const std::string& what,
                                                       const std::string& on_date,
                                                       int64_t version) {
  if (!allowed(actor)) return errors::forbidden("nationality.record");
  if (what != "registered" && what != "proof_received") {
    return Error::invalid("nationality.record", "紀錄項目須為 registered 或 proof_received",
                          "what must be registered or proof_received");
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
  if (what == "registered") {
    c.registered_on = on;
  } else {
    if (!c.proof_of_loss_due) {
      return Error::unprocessable("nationality.no_proof_needed", "此類案件無須喪失原國籍證明",
                                  "this kind of case needs no proof of loss");
    }
    c.proof_of_loss_received = on;
  }
  c.version += 1;
  HUJI_ASSIGN_OR_RETURN(bool ok, tx->update_nationality_case(c));
  if (!ok) {
    return Error::conflict("nationality.stale", "案件已被他人更新，請重新整理",
                           "the case changed since you opened it; reload");
  }
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx,
                        {"nationality." + what, c.id_number, "國籍案件 #" + std::to_string(id)}));
  HUJI_TRY(tx->commit());
  return view(c, today);
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
