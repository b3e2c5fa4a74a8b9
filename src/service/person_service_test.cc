#include "service/person_service.h"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <memory>

#include "core/id_number.h"
#include "service/audit.h"
#include "service/audit_queue.h"
#include "store/journal/file_audit_journal.h"
#include "testing/temp_db.h"

namespace huji::service {
namespace {

class PersonServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto tx = db_.store().begin(TxMode::kWrite).value();
    ASSERT_TRUE(
        tx->put_office({"63000080", "臺北市文山區戶政事務所", "臺北市", "文山区", ""}).ok());
    domain::DoorPlate plate;
    plate.id = 1;
    plate.office_code = "63000080";
    plate.address = core::Address::parse("臺北市文山區萬芳里5鄰興隆路三段10號").value();
    ASSERT_TRUE(tx->put_door_plate(plate).ok());
    domain::Household hh;
    hh.household_no = "F0000001";
    hh.office_code = "63000080";
    hh.door_plate_id = 1;
    hh.head_id = "A123456789";
    hh.established = core::Date::from_ymd(2010, 1, 1).value();
    ASSERT_TRUE(tx->put_household(hh).ok());
    domain::Person head;
    head.id_number = "A123456789";
    head.name = "王大明";
    head.birth_date = core::Date::from_ymd(1970, 1, 1).value();
    head.household_no = "F0000001";
    head.relation = "戶長";
    head.spouse_id = "A223456781";
    head.father_id = "A100000001";  // in the register, not in the household
    head.mother_name = "陳阿春";    // no ID number on the record
    domain::Person wife = head;
    wife.id_number = "A223456781";
    wife.name = "林美玲";
    wife.sex = core::Sex::kFemale;
    wife.relation = "配偶";
    wife.spouse_id = "A123456789";
    wife.father_id.reset();
    wife.mother_name.clear();
    domain::Person father;  // in no household
    father.id_number = "A100000001";
    father.name = "王老先";
    father.birth_date = core::Date::from_ymd(1940, 1, 1).value();
    ASSERT_TRUE(tx->put_person(father).ok());
    ASSERT_TRUE(tx->put_person(head).ok());
    ASSERT_TRUE(tx->put_person(wife).ok());
    domain::Event e;
    e.type = domain::EventType::kMoveIn;
    e.subject_id = "A123456789";
    e.household_no = "F0000001";
    e.event_date = core::Date::from_ymd(2024, 5, 1).value();
    e.registered_on = core::Date::from_ymd(2024, 5, 3).value();
    e.office_code = "63000080";
    e.data["from"] = "臺北市大安區";
    ASSERT_TRUE(tx->append_event(e).ok());
    ASSERT_TRUE(tx->commit().ok());
  }

  std::vector<AuditEntry> audit_of(const std::string& subject) {
    AuditQuery q;
    q.subject_id = subject;
    return db_.store().begin(TxMode::kRead).value()->query_audit(q).value();
  }

  testing::TempDb db_;
  core::ManualClock clock_{1'732'000'000'000};
  PersonService persons_{db_.store(), clock_};
  Actor clerk_{1, "clerk1", "", domain::Role::kClerk, "10007010", ""};  // another office
  Actor auditor_{2, "auditor1", "", domain::Role::kAuditor, "63000080", ""};
};

TEST_F(PersonServiceTest, ClerkOfAnyOfficeSeesPersonHouseholdAndEvents) {
  auto v = persons_.lookup(clerk_, {"req-1"}, "a123456789", "受理申請");
  ASSERT_TRUE(v.ok()) << v.error().message_en;
  EXPECT_EQ(v->kind, PersonViewKind::kFull);
  EXPECT_EQ(v->person.name, "王大明");
  ASSERT_TRUE(v->spouse.has_value());
  EXPECT_EQ(v->spouse->name, "林美玲");
  ASSERT_TRUE(v->household.has_value());
  ASSERT_EQ(v->members.size(), 2u);
  EXPECT_EQ(v->members[0].relation, "戶長");
  ASSERT_TRUE(v->door_plate.has_value());
  EXPECT_EQ(v->door_plate->address.road, "興隆路");
  ASSERT_EQ(v->events.size(), 1u);

  auto audit = audit_of("A123456789");
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].action, "person.read");
  EXPECT_EQ(audit[0].username, "clerk1");
  EXPECT_EQ(audit[0].purpose, "受理申請");
  EXPECT_EQ(audit[0].request_id, "req-1");
  EXPECT_EQ(audit[0].outcome, "ok");
}

// Everyone a full view shows by name and ID number — the father, the spouse (also a member)
// — has an entry of their own, once, with the lookup's actor, purpose and request id; the
// mother, named without an ID number, has none to be found under.
void expect_shown_as_related(const std::vector<AuditEntry>& audit, const std::string& request) {
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].action, "person.read_related");
  EXPECT_EQ(audit[0].username, "clerk1");
  EXPECT_EQ(audit[0].purpose, "受理申請");
  EXPECT_EQ(audit[0].request_id, request);
  EXPECT_EQ(audit[0].outcome, "ok");
}

TEST_F(PersonServiceTest, AFullViewIsAuditedUnderEveryoneItShows) {
  auto v = persons_.lookup(clerk_, {"req-full"}, "A123456789", "受理申請");
  ASSERT_TRUE(v.ok()) << v.error().message_en;
  ASSERT_TRUE(v->father.has_value());
  EXPECT_EQ(v->father->name, "王老先");
  ASSERT_TRUE(v->mother.has_value());
  EXPECT_EQ(v->mother->id_number, "");
  expect_shown_as_related(audit_of("A100000001"), "req-full");
  expect_shown_as_related(audit_of("A223456781"), "req-full");
  auto subject = audit_of("A123456789");
  ASSERT_EQ(subject.size(), 1u);
  EXPECT_EQ(subject[0].action, "person.read");
  EXPECT_TRUE(AuditService(db_.store(), clock_).verify()->ok);

  // The summary shows the person alone; refused and not-found lookups show no one else.
  ASSERT_TRUE(
      persons_.lookup(clerk_, {"r2"}, "A123456789", "受理申請", PersonViewKind::kSummary).ok());
  EXPECT_FALSE(persons_.lookup(auditor_, {"r3"}, "A123456789", "好奇").ok());
  expect_shown_as_related(audit_of("A100000001"), "req-full");
  expect_shown_as_related(audit_of("A223456781"), "req-full");
}

// Through the audit queue and journal (the server's path): the answer is let out once all
// the lookup's entries are durable, and they are journaled together.
TEST_F(PersonServiceTest, AQueuedFullViewJournalsEveryoneShownBeforeItIsAnswered) {
  auto journal = store::open_file_audit_journal(db_.path() + ".audit").value();
  ASSERT_TRUE(move_journal_into_trail(db_.store(), *journal).ok());
  {
    AuditQueue queue(db_.store(), clock_, {.move_interval = std::chrono::hours(1)}, journal.get());
    PersonService queued(db_.store(), clock_, &queue);
    std::promise<core::Status> released;
    queued.lookup_async(clerk_, {"req-full"}, "A123456789", "受理申請", PersonViewKind::kFull,
                        [&](const core::Result<PersonView>& v) -> PersonService::Release {
                          EXPECT_TRUE(v.ok());
                          return [&](core::Status s) { released.set_value(std::move(s)); };
                        });
    ASSERT_TRUE(released.get_future().get().ok());
    // Told: every entry is in the journal, in one run of numbers, made durable together.
    auto records = journal->read_after(0).value();
    ASSERT_EQ(records.size(), 3u);
    EXPECT_EQ(records[0].entry.subject_id, "A123456789");
    EXPECT_EQ(records[0].entry.action, "person.read");
    for (const auto& r : records) EXPECT_EQ(r.entry.at_ms, records[0].entry.at_ms);
    queue.drain();
  }
  expect_shown_as_related(audit_of("A100000001"), "req-full");
  expect_shown_as_related(audit_of("A223456781"), "req-full");
  EXPECT_EQ(audit_of("A123456789").size(), 1u);
}

TEST_F(PersonServiceTest, SummaryShowsThePersonsOwnRowAndIsAuditedAsSuch) {
  auto v =
      persons_.lookup(clerk_, {"req-2"}, "A123456789", "臨櫃身分核對", PersonViewKind::kSummary);
  ASSERT_TRUE(v.ok()) << v.error().message_en;
  EXPECT_EQ(v->kind, PersonViewKind::kSummary);
  EXPECT_EQ(v->person.name, "王大明");
  EXPECT_EQ(v->person.household_no, "F0000001");
  // Nothing beyond the row was read.
  EXPECT_FALSE(v->spouse.has_value());
  EXPECT_FALSE(v->household.has_value());
  EXPECT_TRUE(v->members.empty());
  EXPECT_TRUE(v->events.empty());

  auto audit = audit_of("A123456789");
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].action, "person.read_summary");
  EXPECT_EQ(audit[0].purpose, "臨櫃身分核對");
  EXPECT_EQ(audit[0].outcome, "ok");

  // Refused and not-found summaries are recorded the same way.
  EXPECT_FALSE(
      persons_.lookup(auditor_, {"r"}, "A123456789", "好奇", PersonViewKind::kSummary).ok());
  EXPECT_FALSE(persons_.lookup(clerk_, {"r"}, "F131104093", "核對", PersonViewKind::kSummary).ok());
  audit = audit_of("A123456789");
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[0].action, "person.read_summary");
  EXPECT_EQ(audit[0].outcome, "denied");
  auto missing = audit_of("F131104093");
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0].action, "person.read_summary");
  EXPECT_EQ(missing[0].outcome, "not_found");
}

TEST_F(PersonServiceTest, AHouseholdViewIsAuditedUnderEveryMemberShown) {
  auto v = persons_.household(clerk_, {"req-hh"}, "F0000001", "戶籍資料查核");
  ASSERT_TRUE(v.ok()) << v.error().message_en;
  ASSERT_EQ(v->members.size(), 2u);
  for (const std::string subject : {"戶:F0000001", "A123456789", "A223456781"}) {
    auto audit = audit_of(subject);
    ASSERT_EQ(audit.size(), 1u) << subject;
    EXPECT_EQ(audit[0].action, "household.read");
    EXPECT_EQ(audit[0].purpose, "戶籍資料查核");
    EXPECT_EQ(audit[0].request_id, "req-hh");
    EXPECT_EQ(audit[0].username, "clerk1");
    EXPECT_EQ(audit[0].outcome, "ok");
  }
  AuditService audit(db_.store(), clock_);
  EXPECT_TRUE(audit.verify()->ok);
}

TEST_F(PersonServiceTest, PurposeIsRequiredAndNothingIsLoggedWithoutOne) {
  auto v = persons_.lookup(clerk_, {"r"}, "A123456789", "   ");
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.error().code, "person.purpose_required");
  EXPECT_TRUE(audit_of("A123456789").empty());
}

TEST_F(PersonServiceTest, MalformedIdIsUnprocessable) {
  auto v = persons_.lookup(clerk_, {"r"}, "A123456788", "受理申請");
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.error().code, "id_number.checksum");
  EXPECT_EQ(v.error().kind, core::ErrorKind::kUnprocessable);
}

TEST_F(PersonServiceTest, AuditorIsRefusedAndTheAttemptIsRecorded) {
  auto v = persons_.lookup(auditor_, {"r"}, "A123456789", "好奇");
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.error().kind, core::ErrorKind::kPermissionDenied);
  auto audit = audit_of("A123456789");
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].outcome, "denied");
}

TEST_F(PersonServiceTest, UnknownPersonIsNotFoundAndRecorded) {
  auto v = persons_.lookup(clerk_, {"r"}, "F131104093", "受理申請");
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.error().code, "person.not_found");
  auto audit = audit_of("F131104093");
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].outcome, "not_found");
}

TEST_F(PersonServiceTest, SearchByNameFindsExactNamesActiveFirstAndTruncates) {
  {
    auto tx = db_.store().begin(TxMode::kWrite).value();
    domain::Person p;
    p.name = "王大明";
    p.birth_date = core::Date::from_ymd(1990, 1, 1).value();
    p.status = domain::PersonStatus::kRemoved;  // sorts after the active one
    // Valid ID numbers A1000000xx: PersonService::kMaxMatches more namesakes.
    for (int serial = 2, added = 0; added < PersonService::kMaxMatches; ++serial) {
      std::string digits = std::to_string(serial);
      std::string base = "A1" + std::string(7 - digits.size(), '0') + digits;
      for (char c = '0'; c <= '9'; ++c) {
        if (core::IdNumber::parse(base + c).ok()) {
          p.id_number = base + c;
          ASSERT_TRUE(tx->put_person(p).ok());
          ++added;
          break;
        }
      }
    }
    ASSERT_TRUE(tx->commit().ok());
  }
  auto all = persons_.search_by_name(clerk_, {"req-s"}, {"王大明", "", "", "受理申請"});
  ASSERT_TRUE(all.ok()) << all.error().message_en;
  EXPECT_TRUE(all->truncated);
  ASSERT_EQ(all->persons.size(), static_cast<size_t>(PersonService::kMaxMatches));
  EXPECT_EQ(all->persons[0].id_number, "A123456789");  // the active one first
  auto one =
      persons_.search_by_name(clerk_, {"req-n"}, {"王大明", "1970-01-01", "F0000001", "受理申請"});
  ASSERT_TRUE(one.ok());
  EXPECT_FALSE(one->truncated);
  ASSERT_EQ(one->persons.size(), 1u);
  auto search = audit_of("姓名:王大明;出生:1970-01-01;戶:F0000001");
  ASSERT_EQ(search.size(), 1u);
  EXPECT_EQ(search[0].action, "person.search");
  EXPECT_EQ(audit_of("A123456789").size(), 2u);  // shown by both searches
  EXPECT_TRUE(
      persons_.search_by_name(clerk_, {"r"}, {"王大", "", "", "受理申請"})->persons.empty());
  EXPECT_EQ(persons_.search_by_name(clerk_, {"r"}, {"王大明", "", "", ""}).error().code,
            "person.purpose_required");
  EXPECT_EQ(persons_.search_by_name(auditor_, {"r"}, {"王大明", "", "", "好奇"}).error().kind,
            core::ErrorKind::kPermissionDenied);
}

TEST_F(PersonServiceTest, SearchByAddressMatchesThePlateWrittenLooselyAndWithoutAFloor) {
  auto m = persons_.search_by_address(clerk_, {"req-a"}, "台北市文山區興隆路3段１０號", "受理申請");
  ASSERT_TRUE(m.ok()) << m.error().message_en;
  ASSERT_EQ(m->plates.size(), 1u);
  EXPECT_EQ(m->plates[0].plate.id, 1);
  EXPECT_EQ(m->plates[0].household_nos, std::vector<std::string>{"F0000001"});
  EXPECT_EQ(audit_of("地址:臺北市文山區興隆路三段10號").size(), 1u);
  auto other_floor =
      persons_.search_by_address(clerk_, {"r"}, "臺北市文山區興隆路三段10號5樓", "x");
  ASSERT_TRUE(other_floor.ok());
  EXPECT_TRUE(other_floor->plates.empty());
  EXPECT_EQ(persons_.search_by_address(clerk_, {"r"}, "abc", "x").error().kind,
            core::ErrorKind::kUnprocessable);
}

}  // namespace
}  // namespace huji::service
