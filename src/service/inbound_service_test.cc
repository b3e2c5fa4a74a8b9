// InboundService on a copy of the demo register (registration_test_fixture.h), clock at
// Monday 2025-06-16 in Taipei: a case's limit is 5 working days later, 2025-06-23.

#include "service/inbound_service.h"

#include "service/registration_test_fixture.h"

namespace huji::service {
namespace {

class InboundServiceTest : public RegistrationServiceTest {
 protected:
  // Active adults of the office's households.
  std::vector<domain::Person> locals() {
    std::vector<domain::Person> out;
    for (auto& p : singles(core::Sex::kMale)) {
      auto h = household(p.household_no);
      if (h && h->office_code == kOffice) out.push_back(std::move(p));
    }
    return out;
  }
  static std::string line(const std::string& id, const domain::Person& p, const char* event,
                          const std::string& name = "") {
    return id + "," + p.id_number + "," + (name.empty() ? p.name : name) + "," + event +
           ",2025-06-01,移署字第" + id + "號\n";
  }
  static std::string file(const std::string& body) {
    return std::string(domain::notify::kFeedHeader) + "\n" + body;
  }
  InboundImport imported(const std::string& feed, const std::string& text) {
    auto r = inbound_.import(clerk_, {"req"}, feed, "f.csv", text);
    EXPECT_TRUE(r.ok()) << r.error().code << ": " << r.error().message_en;
    return r.ok() ? *r : InboundImport{};
  }
  std::vector<InboundCaseView> open_cases() {
    return inbound_.cases(clerk_, {"req"}, "open", "").value();
  }

  InboundService inbound_{db_.store(), clock_, calendar_};
};

TEST_F(InboundServiceTest, ImportOpensCasesTheLastLineWinsAndStrangersAreAnomalies) {
  auto people = locals();
  ASSERT_GE(people.size(), 3u);
  domain::Person stranger = people[2];
  stranger.id_number = "A123456789";  // a valid number no one in the demo register has
  const auto r = imported(
      "immigration", file(line("R1", people[0], "abroad_2y") + line("R2", people[1], "abroad_2y") +
                          line("R3", people[1], "reentry") + line("R4", stranger, "abroad_2y") +
                          line("R5", people[2], "abroad_2y", "某某某")));
  EXPECT_FALSE(r.repeated);
  EXPECT_EQ(r.file.records, 5);
  EXPECT_EQ(r.file.new_cases, 2);
  EXPECT_EQ(r.file.superseded, 1);
  EXPECT_EQ(r.file.anomalies, 2);
  ASSERT_EQ(r.cases.size(), 2u);
  EXPECT_EQ(r.cases[0].id_number, people[0].id_number);
  EXPECT_EQ(r.cases[0].office_code, kOffice);
  EXPECT_EQ(r.cases[0].due_on, d(2025, 6, 23));  // 5 working days after Monday 06-16
  EXPECT_EQ(r.cases[1].event, "reentry");        // R3 overrides R2 about the same person
  ASSERT_EQ(r.anomalies.size(), 2u);
  EXPECT_EQ(r.anomalies[0].anomaly, "no_such_person");
  EXPECT_EQ(r.anomalies[1].anomaly, "name_mismatch");
  EXPECT_EQ(inbound_.anomalies(clerk_, {"req"}).value().size(), 2u);
  EXPECT_EQ(open_cases().size(), 2u);
  // Every person listed is audited.
  int listed = 0;
  for (const auto& e : audit_by("clerk"))
    listed += e.action == "inbound.cases" && !e.subject_id.empty();
  EXPECT_EQ(listed, 2);
}

TEST_F(InboundServiceTest, ImportingAFileOrARecordAgainChangesNothing) {
  auto people = locals();
  const std::string text = file(line("R1", people[0], "abroad_2y"));
  const auto first = imported("immigration", text);
  const auto again = imported("immigration", text);
  EXPECT_TRUE(again.repeated);
  EXPECT_EQ(again.file.id, first.file.id);
  EXPECT_TRUE(again.cases.empty());
  // The same record in another file (a resend with one more line): only the new one counts.
  const auto resend = imported("immigration", text + line("R9", people[1], "abroad_2y"));
  EXPECT_FALSE(resend.repeated);
  EXPECT_EQ(resend.file.unchanged, 1);
  EXPECT_EQ(resend.file.new_cases, 1);
  EXPECT_EQ(open_cases().size(), 2u);
  // A bad line refuses the whole file, naming the line.
  auto bad = inbound_.import(clerk_, {"req"}, "immigration", "f.csv",
                             file(line("R10", people[2], "abroad_2y") + "R11,x,y,z,w,v\n"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "inbound.file");
  EXPECT_NE(bad.error().message_en.find("line 3"), std::string::npos);
  EXPECT_EQ(open_cases().size(), 2u);
  EXPECT_EQ(inbound_.import(auditor_, {"req"}, "immigration", "f.csv", text).error().code,
            "auth.forbidden");
}

TEST_F(InboundServiceTest, ACaseClosesByItsRegistrationOrANoteAndReentryCancelsIt) {
  auto people = locals();
  const auto r = imported(
      "immigration", file(line("R1", people[0], "abroad_2y") + line("R2", people[1], "abroad_2y") +
                          line("R3", people[2], "abroad_2y")));
  ASSERT_EQ(r.cases.size(), 3u);
  // 戶籍法施行細則 §5: the ex officio move-out after checking the record.
  SubmitInput out;
  out.type = "ex_officio_move_out";
  out.event_date = d(2025, 6, 13).to_iso();
  out.subject_id = people[0].id_number;
  out.fields = {{"exit_date", "2022-01-10"}, {"reason", "出境滿二年"}};
  out.applicant = {"文山區戶政事務所", "", "戶政事務所", "household_certificate"};
  auto app = submit(out, "k1");
  ASSERT_TRUE(approve(app, "k2").ok());
  const auto& c0 = r.cases[0];
  EXPECT_EQ(inbound_.close(clerk_, {"req"}, r.cases[1].id, app.id, "", 1).error().code,
            "inbound.registration_person");
  EXPECT_EQ(inbound_.close(clerk_, {"req"}, c0.id, 0, "", 1).error().code, "inbound.note");
  EXPECT_EQ(inbound_.close(clerk_, {"req"}, c0.id, app.id, "", 7).error().code, "inbound.stale");
  auto closed = inbound_.close(clerk_, {"req"}, c0.id, app.id, "", 1);
  ASSERT_TRUE(closed.ok()) << closed.error().message_en;
  EXPECT_EQ(closed->record.status, "closed");
  EXPECT_EQ(closed->record.closed_by_application, app.id);
  EXPECT_EQ(inbound_.close(clerk_, {"req"}, c0.id, app.id, "", 2).error().code, "inbound.closed");
  EXPECT_EQ(inbound_.close(other_supervisor_, {"req"}, r.cases[1].id, 0, "x", 1).error().code,
            "inbound.not_found");
  ASSERT_TRUE(inbound_.close(clerk_, {"req"}, r.cases[1].id, 0, "查已逕遷", 1).ok());

  // A re-entry record closes the open abroad case and itself.
  const auto back = imported("immigration", file(line("R4", people[2], "reentry")));
  ASSERT_EQ(back.closed.size(), 1u);
  EXPECT_EQ(back.closed[0].id, r.cases[2].id);
  EXPECT_EQ(back.cases[0].status, "closed");
  EXPECT_TRUE(open_cases().empty());
}

// A case is the office's that holds the person's household, whoever imported the file.
TEST_F(InboundServiceTest, ACaseGoesToTheOfficeOfThePersonsHousehold) {
  auto people = locals();
  {
    auto tx = db_.store().begin(TxMode::kWrite).value();
    auto h = tx->find_household(people[0].household_no).value().value();
    h.office_code = other_supervisor_.office_code;
    ASSERT_TRUE(tx->put_household(h).ok());
    ASSERT_TRUE(tx->commit().ok());
  }
  const auto r = imported("death", file(line("H1", people[0], "death")));
  ASSERT_EQ(r.cases.size(), 1u);
  EXPECT_EQ(r.cases[0].office_code, other_supervisor_.office_code);
  EXPECT_TRUE(open_cases().empty());
  EXPECT_EQ(inbound_.cases(other_supervisor_, {"req"}, "open", "death").value().size(), 1u);
}

// The KPI (seed 002 line 118) on 2025-06-24: one case closed, one open past its limit of
// 06-23, one received that day and open within its limit (not counted):
// (2 − 1) ÷ 2 = 50 %.
TEST_F(InboundServiceTest, AbroadCompletionCountsOverdueCasesOnly) {
  auto people = locals();
  const auto r = imported(
      "immigration", file(line("R1", people[0], "abroad_2y") + line("R2", people[1], "abroad_2y")));
  ASSERT_TRUE(inbound_.close(clerk_, {"req"}, r.cases[0].id, 0, "已再入境", 1).ok());
  clock_.advance_ms(int64_t{8} * 86'400'000);  // Tuesday 2025-06-24
  imported("immigration", file(line("R3", people[2], "abroad_2y")));
  const auto open = open_cases();
  ASSERT_EQ(open.size(), 2u);
  EXPECT_FALSE(open[0].overdue);  // newest first: due 2025-07-01
  EXPECT_TRUE(open[1].overdue);
  auto k = inbound_.kpi(supervisor_, 2025).value();
  EXPECT_EQ(k.abroad.notified, 2);
  EXPECT_EQ(k.abroad.in_progress, 1);
  EXPECT_EQ(k.abroad.excluded, 1);
  EXPECT_DOUBLE_EQ(k.abroad.rate.value(), 0.5);
  EXPECT_FALSE(inbound_.kpi(supervisor_, 2024).value().abroad.rate);
}

}  // namespace
}  // namespace huji::service
