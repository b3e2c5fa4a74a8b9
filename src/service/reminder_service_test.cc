#include "service/reminder_service.h"

#include <algorithm>
#include <cctype>

#include "core/id_number.h"

#include "service/registration_test_fixture.h"

namespace huji::service {
namespace {

// Keeps the letters it is asked to render; answers a stand-in PDF.
class RecordingRenderer : public LetterRenderer {
 public:
  core::Result<std::string> render(const std::vector<Letter>& letters) const override {
    rendered = letters;
    return std::string("%PDF-1.5 stand-in");
  }
  mutable std::vector<Letter> rendered;
};

class ReminderServiceTest : public RegistrationServiceTest {
 protected:
  NewReminder birth_reminder(const domain::Person& mother, Date born, std::string served = "") {
    NewReminder in;
    in.type = "birth";
    in.subject_id = mother.id_number;
    in.event_date = born.to_iso();
    in.served_on = std::move(served);
    in.source = "醫院出生通報";
    in.addressees = {{mother.id_number, "母"}};
    if (mother.spouse_id) in.addressees.push_back({*mother.spouse_id, "父"});
    return in;
  }
  ReminderView issue(const NewReminder& in, const std::string& key) {
    auto r = reminders_.issue(clerk_, {"req-" + key}, in, key);
    EXPECT_TRUE(r.ok()) << r.error().code << ": " << r.error().message_en;
    return r.ok() ? *r : ReminderView{};
  }
  std::vector<PenaltyDecision> penalties_of(int64_t application_id) {
    auto list = reminders_.penalties(clerk_, {"req-p"}, application_id);
    EXPECT_TRUE(list.ok());
    return list.ok() ? *list : std::vector<PenaltyDecision>{};
  }

  RecordingRenderer letters_;
  ReminderService reminders_{db_.store(), clock_, calendar_, rules_, letters_};
};

// Today is Monday 2025-06-16; a birth on 2025-03-01 was due by 2025-04-30 (60 days).
TEST_F(ReminderServiceTest, ALateBirthIsRemindedWithANewPeriodCountedOnWorkingDays) {
  const auto mother = mothers().at(0);
  // 戶籍法 §48 ¶3; the new period of 7 days from Friday 2025-06-13 ends on Friday 06-20.
  auto v = issue(birth_reminder(mother, d(2025, 3, 1), "2025-06-13"), "r1");
  EXPECT_EQ(v.state, "open");
  EXPECT_EQ(v.record.due, d(2025, 6, 20));
  EXPECT_EQ(v.record.addressees.at(0).name, mother.name);
  EXPECT_FALSE(v.record.addressees.at(0).address.empty());
  // Audited under the mother and under each addressee.
  bool audited = false;
  for (const auto& e : audit_by("clerk")) {
    if (e.action == "reminder.issue" && e.subject_id == mother.id_number) audited = true;
  }
  EXPECT_TRUE(audited);
  // Retrying with the key gives the same reminder; other content with it is refused.
  EXPECT_EQ(issue(birth_reminder(mother, d(2025, 3, 1), "2025-06-13"), "r1").record.id,
            v.record.id);
  auto reused = reminders_.issue(clerk_, {"x"}, birth_reminder(mother, d(2025, 3, 2)), "r1");
  EXPECT_EQ(reused.error().code, "idempotency.key_reused");
  // One open reminder per registration.
  auto again = reminders_.issue(clerk_, {"x"}, birth_reminder(mother, d(2025, 3, 1)), "r2");
  EXPECT_EQ(again.error().code, "reminder.already_open");
}

TEST_F(ReminderServiceTest, ARegistrationStillWithinItsPeriodIsNotReminded) {
  const auto mother = mothers().at(0);
  auto r = reminders_.issue(clerk_, {"x"}, birth_reminder(mother, d(2025, 6, 1)), "k");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "reminder.not_late");
}

TEST_F(ReminderServiceTest, ANewPeriodIntoAYearWithoutCalendarIsRefused) {
  calendar_.set(core::WorkingCalendar());
  const auto mother = mothers().at(0);
  auto r = reminders_.issue(clerk_, {"x"}, birth_reminder(mother, d(2025, 3, 1)), "k");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "calendar.year_not_loaded");
}

TEST_F(ReminderServiceTest, AnApplicationFiledInTheNewPeriodComplies) {
  const auto mother = mothers().at(0);
  auto v = issue(birth_reminder(mother, d(2025, 3, 1)), "r");
  auto a = submit(birth_of(mother, "林小明", d(2025, 3, 1)), "s");
  EXPECT_EQ(a.fine_min, 700);  // still late by the statutory period: its band (§79)
  // Filing alone answers nothing: the registration does (it failed before: closed at filing).
  EXPECT_EQ(reminders_.get(clerk_, {"g"}, v.record.id).value().state, "open");
  ASSERT_TRUE(approve(a, "a", a.fine_min).ok());
  auto after = reminders_.get(clerk_, {"g"}, v.record.id).value();
  EXPECT_EQ(after.state, "complied");
  EXPECT_EQ(after.record.application_id, a.id);
  EXPECT_EQ(after.record.closed_by, "supervisor");
  EXPECT_TRUE(penalties_of(a.id).empty());
}

// Submit → reject → submit again → register: the reminder stays open (lapsed) through the
// rejection, no fine is proposed for the rejected application, and the registration closes it
// with the one fine (it failed before: the rejected filing closed it and proposed the fine).
TEST_F(ReminderServiceTest, ARejectedApplicationLeavesTheReminderOpenForTheOneFiledAgain) {
  const auto mother = mothers().at(0);
  auto v = issue(birth_reminder(mother, d(2025, 3, 1), "2025-06-02"), "r");
  auto first = submit(birth_of(mother, "林小明", d(2025, 3, 1)), "s1");
  EXPECT_EQ(first.fine_max, 0);  // the fine after a reminder instead of the band
  ReviewInput no;
  no.approve = false;
  no.version = first.version;
  no.note = "出生證明書影本不清";
  ASSERT_TRUE(regs_.review(supervisor_, {"rj"}, first.id, no, "rj").ok());
  auto now = reminders_.get(clerk_, {"g"}, v.record.id).value();
  EXPECT_EQ(now.state, "lapsed");
  EXPECT_EQ(now.record.application_id, 0);
  EXPECT_TRUE(penalties_of(first.id).empty());

  auto again = submit(birth_of(mother, "林小明", d(2025, 3, 1)), "s2");
  EXPECT_EQ(reminders_.get(clerk_, {"g"}, v.record.id).value().state, "lapsed");
  ASSERT_TRUE(approve(again, "a2", 0).ok());
  now = reminders_.get(clerk_, {"g"}, v.record.id).value();
  EXPECT_EQ(now.state, "filed_after_lapse");
  EXPECT_EQ(now.record.application_id, again.id);
  auto fines = penalties_of(again.id);
  ASSERT_EQ(fines.size(), 1u);
  EXPECT_EQ(fines[0].amount_proposed, 900);
  EXPECT_EQ(fines[0].proposed_by, "clerk");  // the application's clerk: the reviewer decides
  EXPECT_TRUE(penalties_of(first.id).empty());
}

// The office's own registration answers the reminder of the duty it registers: an 逕為住址
// 變更 closes the 住址變更 reminder as registered ex officio, with the §79 fine proposed once
// (it failed before: the reminder stayed open and was refused as another type).
TEST_F(ReminderServiceTest, TheOfficesOwnRegistrationClosesTheCounterpartReminder) {
  const auto mother = mothers().at(0);
  const auto heads = persons_where([&](const domain::Person& p) {
    return p.status == domain::PersonStatus::kActive && !p.household_no.empty() &&
           p.household_no != mother.household_no && age(p) >= 30;
  });
  ASSERT_FALSE(heads.empty());
  auto hh = household(heads.front().household_no);
  ASSERT_TRUE(hh);
  NewReminder in;
  in.type = "address_change";
  in.subject_id = mother.id_number;
  in.event_date = d(2025, 1, 2).to_iso();
  in.served_on = "2025-06-02";
  in.addressees = {{mother.id_number, "本人"}};
  auto v = issue(in, "r");
  EXPECT_EQ(v.state, "lapsed");

  SubmitInput own;
  own.type = "ex_officio_address_change";
  own.event_date = d(2025, 6, 13).to_iso();
  own.subject_id = mother.id_number;
  own.fields = {
      {"household_no", hh->household_no}, {"relation", "同居人"}, {"reason", "未申報住址變更"}};
  own.applicant = {"中正區戶政事務所", "", "office", "household_certificate"};
  auto a = submit(own, "s");
  auto registered = approve(a, "a");
  ASSERT_TRUE(registered.ok()) << registered.error().code << " " << registered.error().message_en;
  auto now = reminders_.get(clerk_, {"g"}, v.record.id).value();
  EXPECT_EQ(now.state, "registered_ex_officio");
  EXPECT_EQ(now.record.application_id, a.id);
  ASSERT_EQ(penalties_of(a.id).size(), 1u);
  // Recording it by hand as well answers the same, and proposes no second fine.
  auto again =
      reminders_.record_ex_officio(chief_, {"e"}, v.record.id, a.id, now.record.version, "e1");
  ASSERT_TRUE(again.ok()) << again.error().code;
  EXPECT_EQ(again->state, "registered_ex_officio");
  EXPECT_EQ(penalties_of(a.id).size(), 1u);
  bool audited = false;  // what it showed is audited like any answer
  for (const auto& e : audit_by("chief")) {
    if (e.action == "reminder.ex_officio" && e.subject_id == mother.id_number) audited = true;
  }
  EXPECT_TRUE(audited);
}

// The period a reminder is about runs as an application's would (deadline_basis's fields):
// from a 死亡宣告's judgment, and for a court divorce 30 days (an agreed one takes effect by
// registration). Before, both were counted from the event date alone.
TEST_F(ReminderServiceTest, ReminderLatenessReadsTheFieldsTheDeadlineRestsOn) {
  const auto mother = mothers().at(0);
  NewReminder death;
  death.type = "death_declaration";
  death.subject_id = mother.id_number;
  death.event_date = "2018-03-01";  // the presumed date of death, long ago
  death.addressees = {{*mother.spouse_id, "配偶"}};
  EXPECT_EQ(reminders_.issue(clerk_, {"x"}, death, "d0").error().code, "reminder.judgment_date");
  death.fields = {{"judgment_date", "2025-06-02"}};  // 30 days from it: not late today
  EXPECT_EQ(reminders_.issue(clerk_, {"x"}, death, "d1").error().code, "reminder.not_late");
  death.fields = {{"judgment_date", "2025-03-03"}};
  EXPECT_EQ(issue(death, "d2").state, "open");
  death.fields = {{"judgment", "2025-03-03"}};
  EXPECT_EQ(reminders_.issue(clerk_, {"x"}, death, "d3").error().code, "reminder.fields");

  NewReminder divorce;
  divorce.type = "divorce";
  divorce.subject_id = mother.id_number;
  divorce.event_date = "2025-03-03";  // the judgment became final
  divorce.addressees = {{mother.id_number, "本人"}};
  EXPECT_EQ(reminders_.issue(clerk_, {"x"}, divorce, "v1").error().code, "reminder.not_late");
  divorce.fields = {{"reason", "court"}};
  EXPECT_EQ(issue(divorce, "v2").state, "open");
}

// ID numbers as typed (lower case, spaces) are stored as the register writes them; a refusal
// for a person not in the register is audited like a lookup of them (before: the typed ID was
// not found, and neither refusal left an audit record).
TEST_F(ReminderServiceTest, IdNumbersAreNormalisedAndRefusalsAudited) {
  const auto mother = mothers().at(0);
  std::string typed = " " + mother.id_number + " ";
  std::transform(typed.begin(), typed.end(), typed.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  NewReminder in = birth_reminder(mother, d(2025, 3, 1));
  in.subject_id = typed;
  in.addressees = {{typed, "母"}};
  auto v = issue(in, "r1");
  EXPECT_EQ(v.record.subject_id, mother.id_number);
  EXPECT_EQ(v.record.addressees.at(0).id_number, mother.id_number);
  EXPECT_EQ(
      reminders_.issue(clerk_, {"x"}, birth_reminder(mother, d(2025, 3, 1)), "r2").error().code,
      "reminder.already_open");

  const std::string nobody = "A100000001";
  ASSERT_TRUE(core::IdNumber::is_valid(nobody));
  ASSERT_FALSE(person(nobody));
  NewReminder unknown = birth_reminder(mother, d(2025, 3, 1));
  unknown.subject_id = nobody;
  EXPECT_EQ(reminders_.issue(clerk_, {"x"}, unknown, "u1").error().code,
            "reminder.subject_unknown");
  const auto other = mothers().at(1);
  NewReminder stranger = birth_reminder(other, d(2025, 3, 1));
  stranger.addressees.push_back({nobody, "父"});
  EXPECT_EQ(reminders_.issue(clerk_, {"x"}, stranger, "u2").error().code,
            "reminder.addressee_unknown");
  int not_found = 0;
  bool other_audited = false;
  for (const auto& e : audit_by("clerk")) {
    if (e.action != "reminder.issue") continue;
    if (e.subject_id == nobody && e.outcome == "not_found") ++not_found;
    if (e.subject_id == other.id_number && e.outcome == "rejected") other_audited = true;
  }
  EXPECT_EQ(not_found, 2);
  EXPECT_TRUE(other_audited);
}

TEST_F(ReminderServiceTest, FiledAfterTheReminderLapsedProposesTheHigherFineAsItsOwnDecision) {
  const auto mother = mothers().at(0);
  // Served Monday 06-02: due Monday 06-09; today (06-16) it has lapsed.
  auto v = issue(birth_reminder(mother, d(2025, 3, 1), "2025-06-02"), "r");
  EXPECT_EQ(v.record.due, d(2025, 6, 9));
  EXPECT_EQ(v.state, "lapsed");
  auto lapsed = reminders_.list(clerk_, {"l"}, "lapsed").value();
  ASSERT_EQ(lapsed.size(), 1u);
  EXPECT_TRUE(reminders_.list(clerk_, {"l"}, "open").value().empty());
  EXPECT_EQ(reminders_.list(clerk_, {"l"}, "closed").error().code, "reminder.status");

  auto a = submit(birth_of(mother, "林小明", d(2025, 3, 1)), "s");
  // One fine for one omission: the fine after a reminder, not a days-late band on top.
  EXPECT_GT(a.days_late, 0);
  EXPECT_EQ(a.fine_min, 0);
  EXPECT_EQ(a.fine_max, 0);
  EXPECT_TRUE(penalties_of(a.id).empty());  // proposed when registered, not when filed
  ASSERT_TRUE(approve(a, "a", 0).ok());
  EXPECT_EQ(reminders_.get(clerk_, {"g"}, v.record.id).value().state, "filed_after_lapse");
  auto list = penalties_of(a.id);
  ASSERT_EQ(list.size(), 1u);
  const PenaltyDecision p = list[0];
  EXPECT_EQ(p.kind, "after_reminder");
  EXPECT_EQ(p.amount_proposed, 900);  // 戶籍法 §79; the fine table: 經催告仍不申請者 900
  EXPECT_EQ(p.status, "proposed");
  EXPECT_EQ(p.reminder_id, v.record.id);

  // A clerk does not decide; a supervisor decides 900, or 0 with the good cause.
  EXPECT_EQ(reminders_.decide(clerk_, {"d"}, p.id, {900, "", p.version}).error().code,
            "auth.forbidden");
  EXPECT_EQ(reminders_.decide(supervisor_, {"d"}, p.id, {700, "", p.version}).error().code,
            "penalty.amount_out_of_range");
  EXPECT_EQ(reminders_.decide(supervisor_, {"d"}, p.id, {900, "", p.version + 1}).error().code,
            "reminder.stale");
  auto decided = reminders_.decide(supervisor_, {"d"}, p.id, {900, "", p.version});
  ASSERT_TRUE(decided.ok()) << decided.error().message_en;
  EXPECT_EQ(decided->amount_decided, 900);
  EXPECT_EQ(decided->decided_by, "supervisor");
  EXPECT_EQ(reminders_.decide(chief_, {"d"}, p.id, {900, "", decided->version}).error().code,
            "penalty.already_decided");

  // The decision letter goes to each reminded person.
  ASSERT_TRUE(reminders_.penalty_letter(clerk_, {"pl"}, p.id).ok());
  ASSERT_EQ(letters_.rendered.size(), v.record.addressees.size());
  EXPECT_EQ(letters_.rendered[0].title, "罰鍰處分書");
  EXPECT_EQ(letters_.rendered[0].subject, "處新臺幣900元罰鍰。");
}

TEST_F(ReminderServiceTest, TheOfficeRegistersOnItsOwnOnlyAfterTheReminderLapsed) {
  const auto mother = mothers().at(0);
  auto open = issue(birth_reminder(mother, d(2025, 3, 1)), "r");
  auto early = reminders_.record_ex_officio(supervisor_, {"e"}, open.record.id, 1,
                                            open.record.version, "e1");
  EXPECT_EQ(early.error().code, "reminder.not_lapsed");

  const auto other = mothers().at(1);
  auto v = issue(birth_reminder(other, d(2025, 3, 1), "2025-06-02"), "r2");
  // The office's own registration (entered and approved by staff) after the lapse.
  auto a = submit(birth_of(other, "陳小華", d(2025, 3, 1)), "s");
  auto registered = approve(a, "a", a.fine_min);
  ASSERT_TRUE(registered.ok()) << registered.error().message_en;
  auto stale = reminders_.record_ex_officio(chief_, {"e"}, v.record.id, a.id, 1, "e2");
  EXPECT_EQ(stale.error().code, "reminder.stale");
  const auto now = reminders_.get(clerk_, {"g"}, v.record.id).value();
  auto done =
      reminders_.record_ex_officio(chief_, {"e"}, v.record.id, a.id, now.record.version, "e3");
  ASSERT_TRUE(done.ok()) << done.error().message_en;
  EXPECT_EQ(done->state, "registered_ex_officio");
  EXPECT_EQ(done->record.application_id, a.id);
  EXPECT_EQ(penalties_of(a.id).size(), 1u);  // proposed once, not twice
}

TEST_F(ReminderServiceTest, AFalseApplicationIsFinedBySupervisorOtherThanItsClerk) {
  const auto mother = mothers().at(0);
  auto a = submit(birth_of(mother, "林小明", d(2025, 6, 1)), "s");
  FalseApplicationInput in{"found_by_staff", "出生證明書經醫院查證係偽造"};
  EXPECT_EQ(reminders_.fine_false_application(clerk_, {"f"}, a.id, in, "f1").error().code,
            "auth.forbidden");
  EXPECT_EQ(reminders_.fine_false_application(supervisor_, {"f"}, a.id, {"rumour", "x"}, "f1")
                .error()
                .code,
            "penalty.grade");
  auto p = reminders_.fine_false_application(supervisor_, {"f"}, a.id, in, "f1");
  ASSERT_TRUE(p.ok()) << p.error().message_en;
  EXPECT_EQ(p->amount_decided, 6000);  // 戶籍法 §76: 戶政人員發現 6,000
  EXPECT_EQ(p->status, "decided");
  EXPECT_EQ(reminders_.fine_false_application(supervisor_, {"f"}, a.id, in, "f1").value().id,
            p->id);  // retried
  EXPECT_EQ(reminders_.fine_false_application(chief_, {"f"}, a.id, in, "f2").error().code,
            "penalty.already_decided");
  // Not by the supervisor who entered the application.
  auto own = submit(birth_of(mothers().at(1), "陳小華", d(2025, 6, 1)), "s2", &supervisor_);
  EXPECT_EQ(
      reminders_
          .fine_false_application(supervisor_, {"f"}, own.id, {"self_corrected", "自行更正"}, "f3")
          .error()
          .code,
      "penalty.four_eyes");
  auto self = reminders_.fine_false_application(chief_, {"f"}, own.id,
                                                {"reported_by_others", "民眾檢舉"}, "f4");
  EXPECT_EQ(self.value().amount_decided, 9000);
  EXPECT_EQ(penalties_of(a.id).size(), 1u);
}

TEST_F(ReminderServiceTest, TheReminderLetterGoesToEachAddresseeWithTheNewPeriod) {
  const auto mother = mothers().at(0);
  auto v = issue(birth_reminder(mother, d(2025, 3, 1), "2025-06-13"), "r");
  auto pdf = reminders_.letter(clerk_, {"l"}, v.record.id);
  ASSERT_TRUE(pdf.ok());
  EXPECT_EQ(pdf->rfind("%PDF", 0), 0u);
  ASSERT_EQ(letters_.rendered.size(), v.record.addressees.size());
  const Letter& l = letters_.rendered[0];
  EXPECT_EQ(l.title, "催告書");
  EXPECT_NE(l.subject.find("民國114年06月20日"), std::string::npos) << l.subject;
  EXPECT_NE(l.legal_basis.find("戶籍法第48條第3項"), std::string::npos);
  EXPECT_EQ(reminders_.letter(other_supervisor_, {"l"}, v.record.id).error().code,
            "auth.office_scope");
}

}  // namespace
}  // namespace huji::service
