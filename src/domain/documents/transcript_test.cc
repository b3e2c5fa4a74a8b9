#include "domain/documents/transcript.h"

#include <gtest/gtest.h>

#include "domain/register/event_keys.h"

namespace huji::domain {
namespace {

namespace key = event_key;

core::Date day(const char* iso) { return *core::Date::parse_iso(iso); }

Person person(const std::string& id, const std::string& name, core::Sex sex, const char* born,
              const std::string& relation) {
  Person p;
  p.id_number = id;
  p.name = name;
  p.sex = sex;
  p.birth_date = day(born);
  p.birth_place = "臺北市";
  p.household_no = "F0000001";
  p.relation = relation;
  return p;
}

Event event(int64_t seq, EventType type, const std::string& subject, const char* on,
            std::map<std::string, std::string> data = {},
            const std::string& household = "F0000001") {
  Event e;
  e.seq = seq;
  e.type = type;
  e.subject_id = subject;
  e.household_no = household;
  e.event_date = day(on);
  e.registered_on = e.event_date.add_days(2);
  e.office_code = "63000080";
  e.data = std::move(data);
  return e;
}

// 王大明's household: his wife and son; his father died here (a 現戶 entry with its removal,
// after which 王大明 became head); his sister moved to another household (除戶 only).
class TranscriptTest : public ::testing::Test {
 protected:
  void SetUp() override {
    f_.household_no = "F0000001";
    Household h;
    h.household_no = "F0000001";
    h.head_id = "A123456789";
    h.office_code = "63000080";
    f_.household = h;
    f_.address = "臺北市文山區萬芳里1鄰萬芳路1號";
    Person head = person("A123456789", "王大明", core::Sex::kMale, "1985-05-12", "戶長");
    head.father_id = "A100000001";
    head.mother_name = "李秀英";
    head.spouse_id = "B200000002";
    head.birth_order = 1;
    Person wife = person("B200000002", "陳美玲", core::Sex::kFemale, "1987-01-03", "配偶");
    wife.spouse_id = "A123456789";
    wife.indigenous = "阿美族";
    Person son = person("A100000003", "王小明", core::Sex::kMale, "2015-08-20", "長子");
    son.father_id = "A123456789";
    son.mother_id = "B200000002";
    son.birth_order = 1;
    f_.members = {head, wife, son};
    Person father = person("A100000001", "王老先生", core::Sex::kMale, "1950-02-01", "戶長");
    father.status = PersonStatus::kRemoved;
    father.removal_reason = "death";
    father.household_no.clear();
    Person sister = person("B200000004", "王小華", core::Sex::kFemale, "1990-03-03", "女");
    sister.household_no = "F0000002";
    f_.others = {father, sister};
    f_.names = {{"A100000001", "王老先生"}, {"B200000002", "陳美玲"}, {"A123456789", "王大明"}};

    f_.events["A123456789"] = {
        event(1, EventType::kBirth, "A123456789", "1985-05-12", {{key::kPlace, "臺北市"}}),
        event(5, EventType::kMarriage, "A123456789", "2013-06-01", {{key::kSpouseName, "陳美玲"}}),
        event(9, EventType::kHeadChange, "A123456789", "2020-01-10",
              {{key::kOldHeadName, "王老先生"}, {key::kOldHeadId, "A100000001"}}),
        event(11, EventType::kNameCorrection, "A123456789", "2021-01-10",
              {{key::kOldName, "王大名"}, {key::kNewName, "王大明"}}),
        event(12, EventType::kNameCorrection, "A123456789", "2021-02-10",
              {{key::kOldName, "王大名"}, {key::kNewName, "王大明"}}),
    };
    f_.events["B200000002"] = {
        event(6, EventType::kMarriage, "B200000002", "2013-06-01", {{key::kSpouseName, "王大明"}})};
    f_.events["A100000003"] = {
        event(7, EventType::kBirth, "A100000003", "2015-08-20", {{key::kPlace, "臺北市"}})};
    f_.events["A100000001"] = {
        event(2, EventType::kMoveIn, "A100000001", "1980-01-01",
              {{key::kFrom, "臺北市大安區"}, {key::kNewHousehold, "1"}}),
        event(8, EventType::kDeath, "A100000001", "2020-01-01", {{key::kRemoval, "death"}})};
    f_.events["B200000004"] = {
        event(3, EventType::kBirth, "B200000004", "1990-03-03"),
        event(10, EventType::kMoveOut, "B200000004", "2020-05-05", {{key::kTo, "新北市板橋區"}}),
        event(13, EventType::kMoveIn, "B200000004", "2020-05-06", {}, "F0000002"),
    };
    for (const auto& [id, events] : f_.events) {
      for (const auto& e : events) {
        if (e.household_no == "F0000001") f_.household_events.push_back(e);
      }
    }
    std::sort(f_.household_events.begin(), f_.household_events.end(),
              [](const Event& a, const Event& b) { return a.seq < b.seq; });
  }

  static TranscriptOptions removed() {
    TranscriptOptions o;
    o.scope = TranscriptScope::kRemoved;
    return o;
  }
  std::vector<std::string> ids(const Transcript& t) { return printed_ids(t); }

  HouseholdFacts f_;
};

TEST_F(TranscriptTest, CurrentPrintsMembersAndThoseWhoDiedHere) {
  auto t = build_transcript(f_, {});
  ASSERT_TRUE(t.ok()) << t.error().message_en;
  EXPECT_EQ(t->title, "戶籍謄本（現戶全部）詳細記事");
  EXPECT_EQ(ids(*t),
            (std::vector<std::string>{"A123456789", "B200000002", "A100000003", "A100000001"}));
  EXPECT_FALSE(t->partial);
  EXPECT_EQ(t->head_name, "王大明");
  EXPECT_EQ(t->household_kind, "共同生活戶");
  const auto& head = t->persons[0];
  EXPECT_EQ(head.birth_date_text, "民國74年05月12日");
  EXPECT_EQ(head.father, "王老先生");
  EXPECT_EQ(head.mother, "李秀英");
  EXPECT_EQ(head.spouse, "陳美玲");
  EXPECT_EQ(head.birth_order, "長男");
  EXPECT_EQ(head.sex, "男");
  EXPECT_EQ(head.entries.front(), "民國74年05月12日在臺北市出生 74年05月14日登記");
  EXPECT_EQ(head.entries[1], "民國102年06月01日與陳美玲結婚 102年06月03日登記");
  EXPECT_EQ(t->persons[1].indigenous, "阿美族");
  EXPECT_EQ(t->persons[3].removal, "死亡");
  EXPECT_TRUE(t->persons[0].removal.empty());
  // The household's own entries: its founding and the head change.
  ASSERT_EQ(t->household_entries.size(), 2u);
  EXPECT_EQ(t->household_entries[0], "民國69年01月01日設立本戶 69年01月03日登記");
  EXPECT_EQ(t->household_entries[1], "民國109年01月10日戶長變更，原戶長王老先生 109年01月12日登記");
}

TEST_F(TranscriptTest, AConversionEntryAfterTheDeathKeepsThemOnCurrent) {
  f_.events["A100000001"].push_back(
      event(20, EventType::kConversion, "A100000001", "2026-04-25", {}, ""));
  auto t = build_transcript(f_, {});
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(ids(*t).back(), "A100000001");
}

TEST_F(TranscriptTest, RemovedPrintsThoseWhoLeftWithTheirEntriesUpToLeaving) {
  auto t = build_transcript(f_, removed());
  ASSERT_TRUE(t.ok()) << t.error().message_en;
  EXPECT_EQ(t->title, "戶籍謄本（除戶全部）詳細記事");
  EXPECT_EQ(ids(*t), (std::vector<std::string>{"A100000001", "B200000004"}));
  EXPECT_EQ(t->former_heads, std::vector<std::string>{"王老先生"});
  const auto& sister = t->persons[1];
  EXPECT_EQ(sister.removal, "遷出本戶");
  ASSERT_EQ(sister.entries.size(), 2u);  // not the move-in written in her new household
  EXPECT_EQ(sister.entries[1], "民國109年05月05日遷出至新北市板橋區 109年05月07日登記");
}

TEST_F(TranscriptTest, RemovedWithNothingToPrintIsNotFound) {
  f_.others.clear();
  f_.household_events.clear();
  auto t = build_transcript(f_, removed());
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, "transcript.nothing_removed");
}

TEST_F(TranscriptTest, CurrentOfADissolvedHouseholdIsNotFound) {
  f_.household.reset();
  auto t = build_transcript(f_, {});
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, "transcript.no_household");
}

TEST_F(TranscriptTest, PartialPrintsChosenMembersInTheTranscriptsOrder) {
  TranscriptOptions o;
  o.members = {"A100000003", "A123456789"};
  auto t = build_transcript(f_, o);
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE(t->partial);
  EXPECT_EQ(t->title, "戶籍謄本（現戶部分）詳細記事");
  EXPECT_EQ(ids(*t), (std::vector<std::string>{"A123456789", "A100000003"}));
}

TEST_F(TranscriptTest, APartialMemberOutsideTheScopeIsRefused) {
  TranscriptOptions o;
  o.members = {"A123456789", "B200000004"};  // the sister left: not on 現戶
  auto t = build_transcript(f_, o);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, "transcript.member_not_printable");
  EXPECT_EQ(t.error().message_en, "member 2 is not among the persons this transcript prints");
}

TEST_F(TranscriptTest, ShortDetailKeepsOnlyTheNewestEntryOfEachType) {
  TranscriptOptions o;
  o.detail = TranscriptDetail::kShort;
  auto t = build_transcript(f_, o);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->title, "戶籍謄本（現戶全部）省略記事");
  const auto& head = t->persons[0];
  ASSERT_EQ(head.entries.size(), 4u);  // birth, marriage, head change, the later correction
  EXPECT_EQ(head.entries[3], "民國110年02月10日姓名由王大名更正為王大明 110年02月12日登記");
}

TEST_F(TranscriptTest, ShortDetailLeavesOutRevokedEntriesAndRevocations) {
  Event revocation = event(14, EventType::kRevocation, "A123456789", "2021-03-01");
  revocation.corrects_seq = 12;
  f_.events["A123456789"].push_back(revocation);
  TranscriptOptions o;
  o.detail = TranscriptDetail::kShort;
  auto t = build_transcript(f_, o);
  ASSERT_TRUE(t.ok());
  const auto& head = t->persons[0];
  ASSERT_EQ(head.entries.size(), 4u);
  EXPECT_EQ(head.entries[3], "民國110年01月10日姓名由王大名更正為王大明 110年01月12日登記");
  // The full transcript prints all of them, the revocation too.
  auto full = build_transcript(f_, {});
  ASSERT_TRUE(full.ok());
  EXPECT_EQ(full->persons[0].entries.size(), 6u);
}

TEST_F(TranscriptTest, EnglishHasEnglishDatesHeadingsAndRelations) {
  TranscriptOptions o;
  o.language = TranscriptLanguage::kEn;
  auto t = build_transcript(f_, o);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->title,
            "Household Registration Transcript (current household, all members, full entries)");
  const auto& head = t->persons[0];
  EXPECT_EQ(head.birth_date_text, "12 May 1985");
  EXPECT_EQ(head.relation, "Head of household");
  EXPECT_EQ(head.sex, "Male");
  EXPECT_EQ(head.birth_order, "1st son");
  EXPECT_EQ(head.entries[0], "1985-05-12 Born in 臺北市, registered 1985-05-14");
  EXPECT_EQ(t->persons[2].relation, "Eldest son");
  EXPECT_EQ(t->persons[3].removal, "Deceased");
  EXPECT_EQ(transcript_labels(TranscriptLanguage::kEn).id_number, "ID No.");
}

TEST(TranscriptText, PagesDatesAndCodes) {
  EXPECT_EQ(transcript_page_text(TranscriptLanguage::kZh, 1, 2), "第 1 頁 共 2 頁");
  EXPECT_EQ(transcript_page_text(TranscriptLanguage::kEn, 2, 2), "Page 2 of 2");
  EXPECT_EQ(transcript_date(day("2026-12-05"), TranscriptLanguage::kEn), "5 December 2026");
  EXPECT_EQ(transcript_date(day("2026-12-05"), TranscriptLanguage::kZh), "民國115年12月05日");
  for (const char* c : {"current", "removed"}) EXPECT_STREQ(scope_code(*scope_from_code(c)), c);
  for (const char* c : {"full", "short"}) EXPECT_STREQ(detail_code(*detail_from_code(c)), c);
  for (const char* c : {"zh", "en"}) EXPECT_STREQ(language_code(*language_from_code(c)), c);
  EXPECT_FALSE(scope_from_code("all"));
  EXPECT_TRUE(removal_kept_on_current("emigration"));
  EXPECT_FALSE(removal_kept_on_current("id_number_change"));
}

}  // namespace
}  // namespace huji::domain
