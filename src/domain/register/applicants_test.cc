#include "domain/register/applicants.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "domain/register/event_keys.h"
#include "domain/register/memory_state.h"

namespace huji::domain {
namespace {

using Fields = std::map<std::string, std::string>;

const core::Date kToday = core::Date::from_ymd(2025, 1, 15).value();

// Three generations in one household (grandfather the head), an adult grandchild in her own
// household, a stranger, and a ward under the stranger's guardianship.
class ApplicantsTest : public ::testing::Test {
 protected:
  static constexpr const char* kGrandfather = "A100000001";
  static constexpr const char* kGrandmother = "A200000002";
  static constexpr const char* kFather = "A100000003";
  static constexpr const char* kMother = "A200000004";
  static constexpr const char* kChild = "A100000005";  // a minor
  static constexpr const char* kAdult = "A200000006";  // the couple's adult daughter
  static constexpr const char* kStranger = "A100000007";
  static constexpr const char* kWard = "A100000008";

  ApplicantsTest() {
    add(kGrandfather, "王祖父", "1950-01-01", "H0000001", {}, {}, kGrandmother);
    add(kGrandmother, "李祖母", "1952-01-01", "H0000001", {}, {}, kGrandfather);
    add(kFather, "王父", "1980-01-01", "H0000001", kGrandfather, kGrandmother, kMother);
    add(kMother, "陳母", "1982-01-01", "H0000001", {}, {}, kFather);
    add(kChild, "王小弟", "2015-03-01", "H0000001", kFather, kMother, {});
    add(kAdult, "王大姊", "2000-05-05", "H0000002", kFather, kMother, {});
    add(kStranger, "林外人", "1970-01-01", "H0000003", {}, {}, {});
    add(kWard, "張受監", "1960-01-01", "H0000003", {}, {}, {});
    household("H0000001", kGrandfather);
    household("H0000002", kAdult);
    household("H0000003", kStranger);
    Event g;
    g.type = EventType::kGuardianship;
    g.subject_id = kWard;
    g.event_date = kToday;
    g.registered_on = kToday;
    g.data[event_key::kGuardianId] = kStranger;
    st_.append(g);
  }

  void add(const char* id, const char* name, const char* born, const char* household,
           std::optional<std::string> father, std::optional<std::string> mother,
           std::optional<std::string> spouse) {
    Person p;
    p.id_number = id;
    p.name = name;
    p.birth_date = core::Date::parse_iso(born).value();
    p.household_no = household;
    p.father_id = std::move(father);
    p.mother_id = std::move(mother);
    p.spouse_id = std::move(spouse);
    ASSERT_TRUE(st_.put_person(p).ok());
  }
  void household(const char* no, const char* head) {
    Household h;
    h.household_no = no;
    h.office_code = "63000120";
    h.head_id = head;
    ASSERT_TRUE(st_.put_household(h).ok());
  }

  static Registration reg(EventType type, std::string subject = "", Fields fields = {}) {
    Registration r;
    r.type = type;
    r.event_date = kToday;
    r.registered_on = kToday;
    r.subject_id = std::move(subject);
    r.fields = std::move(fields);
    return r;
  }
  static Applicant by(Capacity c, std::string id, std::string interest = "") {
    Applicant a;
    a.name = "申請人";
    a.id_number = std::move(id);
    a.capacity = c;
    a.identity_check = "id_card";
    a.interest = std::move(interest);
    return a;
  }

  // "ok" or the refusal's code; every refusal is checked to name no one.
  std::string code(const Registration& r, const Applicant& a) {
    auto s = check_applicant(st_, r, a, 18);
    if (s.ok()) return "ok";
    for (const auto& [id, p] : st_.all_persons()) {
      EXPECT_EQ(s.error().message_zh.find(id), std::string::npos) << s.error().message_zh;
      EXPECT_EQ(s.error().message_zh.find(p.name), std::string::npos) << s.error().message_zh;
      EXPECT_EQ(s.error().message_en.find(id), std::string::npos) << s.error().message_en;
    }
    EXPECT_EQ(s.error().message_zh.find("H000000"), std::string::npos);
    EXPECT_EQ(s.error().kind, core::ErrorKind::kUnprocessable);
    return s.error().code;
  }

  MemoryState st_;
};

constexpr const char* kOk = "ok";
constexpr const char* kNotAllowed = "registration.applicant_not_allowed";
constexpr const char* kMismatch = "registration.applicant_mismatch";

TEST(ApplicantTable, EveryApplicableTypeListsCapacitiesEachCitingItsRule) {
  for (int t = 0; t <= static_cast<int>(EventType::kRevocation); ++t) {
    const auto type = static_cast<EventType>(t);
    const auto& allowed = allowed_applicants(type);
    EXPECT_FALSE(allowed.empty()) << event_type_code(type);
    EXPECT_NE(std::string(applicants_article(type)).find("§"), std::string::npos);
    for (const auto& a : allowed) EXPECT_NE(std::string(a.cite).find("§"), std::string::npos);
  }
  EXPECT_TRUE(allowed_applicants(EventType::kConversion).empty());
}

TEST(ApplicantTable, CodesRoundTripAndTheOldRelationWordsStillRead) {
  for (Capacity c : all_capacities()) EXPECT_EQ(capacity_from_code(capacity_code(c)), c);
  EXPECT_EQ(capacity_from_code("本人"), Capacity::kSelf);
  EXPECT_EQ(capacity_from_code("母"), Capacity::kMother);
  EXPECT_EQ(capacity_from_code("代理人"), Capacity::kAgent);
  EXPECT_EQ(capacity_from_code("戶長"), Capacity::kHead);
  EXPECT_FALSE(capacity_from_code("neighbour").has_value());
}

// 戶籍法 §29: 父母、祖父母、戶長、同居人或撫養人.
TEST_F(ApplicantsTest, BirthByParentsGrandparentsHeadCohabitantOrCarer) {
  const Registration r =
      reg(EventType::kBirth, "", {{"father_id", kFather}, {"mother_id", kMother}});
  EXPECT_EQ(code(r, by(Capacity::kMother, kMother)), kOk);
  EXPECT_EQ(code(r, by(Capacity::kFather, kFather)), kOk);
  EXPECT_EQ(code(r, by(Capacity::kMother, kStranger)), kMismatch);
  EXPECT_EQ(code(r, by(Capacity::kFather, kMother)), kMismatch);
  EXPECT_EQ(code(r, by(Capacity::kGrandparent, kGrandmother)), kOk);
  EXPECT_EQ(code(r, by(Capacity::kGrandparent, kStranger)), kMismatch);
  EXPECT_EQ(code(r, by(Capacity::kHead, kGrandfather)), kOk);  // head of the mother's household
  EXPECT_EQ(code(r, by(Capacity::kHead, kAdult)), kMismatch);
  EXPECT_EQ(code(r, by(Capacity::kCohabitant, kChild)), kOk);
  EXPECT_EQ(code(r, by(Capacity::kCohabitant, kStranger)), kMismatch);
  EXPECT_EQ(code(r, by(Capacity::kCarer, kStranger)), kMismatch);  // no basis stated
  EXPECT_EQ(code(r, by(Capacity::kCarer, kStranger, "實際撫養")), kOk);
  EXPECT_EQ(code(r, by(Capacity::kSelf, kChild)), kNotAllowed);
  EXPECT_EQ(code(r, by(Capacity::kSpouse, kFather)), kNotAllowed);
}

TEST_F(ApplicantsTest, NotAllowedCitesTheArticleInBothLanguages) {
  auto s = check_applicant(st_, reg(EventType::kMarriage, kAdult, {{"spouse_id", kStranger}}),
                           by(Capacity::kSelf, kAdult), 18);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, kNotAllowed);
  EXPECT_NE(s.error().message_zh.find("戶籍法 §33"), std::string::npos) << s.error().message_zh;
  EXPECT_NE(s.error().message_en.find("戶籍法 §33"), std::string::npos) << s.error().message_en;
}

// 戶籍法 §42 (遷徙): 本人 of full age or 戶長; a minor through the legal representative.
TEST_F(ApplicantsTest, MoveBySelfOfAgeHeadOrLegalRepresentative) {
  auto move = [](const char* who) {
    return reg(EventType::kAddressChange, who, {{"household_no", "H0000002"}});
  };
  EXPECT_EQ(code(move(kFather), by(Capacity::kSelf, kFather)), kOk);
  EXPECT_EQ(code(move(kFather), by(Capacity::kSelf, kMother)), kMismatch);
  EXPECT_EQ(code(move(kChild), by(Capacity::kSelf, kChild)), kMismatch);  // a minor
  EXPECT_EQ(code(move(kChild), by(Capacity::kLegalRepresentative, kMother)), kOk);
  EXPECT_EQ(code(move(kChild), by(Capacity::kLegalRepresentative, kStranger)), kMismatch);
  EXPECT_EQ(code(move(kAdult), by(Capacity::kLegalRepresentative, kMother)), kMismatch);
  EXPECT_EQ(code(move(kChild), by(Capacity::kHead, kGrandfather)), kOk);  // the current head
  EXPECT_EQ(code(move(kChild), by(Capacity::kHead, kAdult)), kOk);        // the joined household's
  EXPECT_EQ(code(move(kChild), by(Capacity::kHead, kStranger)), kMismatch);
  EXPECT_EQ(code(move(kChild), by(Capacity::kInterestedParty, kStranger)), kMismatch);
  EXPECT_EQ(code(move(kChild), by(Capacity::kInterestedParty, kStranger, "房屋所有權人")), kOk);
  EXPECT_EQ(code(move(kChild), by(Capacity::kFather, kFather)), kNotAllowed);
}

TEST_F(ApplicantsTest, AGuardianRepresentsTheWardOfAnyAge) {
  const Registration r = reg(EventType::kMoveOut, kWard, {{"to", "日本"}});
  EXPECT_EQ(code(r, by(Capacity::kLegalRepresentative, kStranger)), kOk);
  EXPECT_EQ(code(r, by(Capacity::kLegalRepresentative, kFather)), kMismatch);
}

// 戶籍法 §33: 雙方當事人.
TEST_F(ApplicantsTest, MarriageByBothParties) {
  const Registration r = reg(EventType::kMarriage, kAdult, {{"spouse_id", kStranger}});
  EXPECT_EQ(code(r, by(Capacity::kBothParties, kAdult)), kOk);
  EXPECT_EQ(code(r, by(Capacity::kBothParties, kStranger)), kOk);
  EXPECT_EQ(code(r, by(Capacity::kBothParties, kFather)), kMismatch);
  EXPECT_EQ(code(r, by(Capacity::kFather, kFather)), kNotAllowed);
}

// 戶籍法 §34: both parties; after a court's judgment either one.
TEST_F(ApplicantsTest, DivorceByBothOrAfterJudgmentEither) {
  const Registration agreed =
      reg(EventType::kDivorce, kFather, {{"spouse_id", kMother}, {"reason", "agreed"}});
  const Registration court =
      reg(EventType::kDivorce, kFather, {{"spouse_id", kMother}, {"reason", "court"}});
  EXPECT_EQ(code(agreed, by(Capacity::kBothParties, kMother)), kOk);
  EXPECT_EQ(code(agreed, by(Capacity::kSelf, kFather)), kNotAllowed);
  EXPECT_EQ(code(agreed, by(Capacity::kSpouse, kMother)), kNotAllowed);
  EXPECT_EQ(code(court, by(Capacity::kSelf, kFather)), kOk);
  EXPECT_EQ(code(court, by(Capacity::kSpouse, kMother)), kOk);
  EXPECT_EQ(code(court, by(Capacity::kSpouse, kStranger)), kMismatch);
  EXPECT_EQ(code(court, by(Capacity::kBothParties, kMother)), kNotAllowed);
}

// 戶籍法 §36: 配偶、親屬、戶長、同居人、經理殮葬之人、房屋或土地管理人.
TEST_F(ApplicantsTest, DeathBySpouseRelativesHeadCohabitantOrFuneralOrganiser) {
  const Registration r = reg(EventType::kDeath, kFather, {{"place", "臺北市"}});
  EXPECT_EQ(code(r, by(Capacity::kSpouse, kMother)), kOk);
  EXPECT_EQ(code(r, by(Capacity::kSpouse, kGrandmother)), kMismatch);
  EXPECT_EQ(code(r, by(Capacity::kRelative, kGrandmother)), kOk);  // parent
  EXPECT_EQ(code(r, by(Capacity::kRelative, kAdult)), kOk);        // child
  EXPECT_EQ(code(reg(EventType::kDeath, kGrandfather), by(Capacity::kRelative, kAdult)),
            kOk);  // grandchild
  EXPECT_EQ(code(reg(EventType::kDeath, kChild), by(Capacity::kRelative, kAdult)),
            kOk);  // sibling
  EXPECT_EQ(code(r, by(Capacity::kRelative, kStranger)), kMismatch);
  EXPECT_EQ(code(r, by(Capacity::kHead, kGrandfather)), kOk);
  EXPECT_EQ(code(r, by(Capacity::kCohabitant, kChild)), kOk);
  EXPECT_EQ(code(r, by(Capacity::kFuneralOrganiser, kStranger, "禮儀公司負責人")), kOk);
  EXPECT_EQ(code(r, by(Capacity::kFuneralOrganiser, kStranger)), kMismatch);
  EXPECT_EQ(code(r, by(Capacity::kSelf, kFather)), kNotAllowed);
}

// 戶籍法 §30–§32, §35: the acknowledging father, the adopter, the guardian named.
TEST_F(ApplicantsTest, AcknowledgementAdoptionAndGuardianshipByThePersonsNamed) {
  EXPECT_EQ(code(reg(EventType::kAcknowledgement, kAdult, {{"father_id", kStranger}}),
                 by(Capacity::kFather, kStranger)),
            kOk);
  EXPECT_EQ(code(reg(EventType::kAcknowledgement, kAdult, {{"father_id", kStranger}}),
                 by(Capacity::kSelf, kAdult)),
            kOk);
  EXPECT_EQ(code(reg(EventType::kAdoption, kChild, {{"adopter_id", kStranger}}),
                 by(Capacity::kAdopter, kStranger)),
            kOk);
  EXPECT_EQ(code(reg(EventType::kAdoption, kChild, {{"adopter_id", kStranger}}),
                 by(Capacity::kAdopter, kFather)),
            kMismatch);
  EXPECT_EQ(code(reg(EventType::kGuardianship, kChild, {{"guardian_id", kAdult}}),
                 by(Capacity::kGuardian, kAdult)),
            kOk);
  EXPECT_EQ(code(reg(EventType::kGuardianship, kChild, {{"guardian_id", kAdult}}),
                 by(Capacity::kGuardian, kMother)),
            kMismatch);
}

// 戶籍法 §47: an agent shows a power of attorney from a person who may apply.
TEST_F(ApplicantsTest, AnAgentNeedsAPowerOfAttorneyFromSomeoneAllowedToApply) {
  const Registration r = reg(EventType::kMoveOut, kAdult, {{"to", "日本"}});
  Applicant a = by(Capacity::kAgent, kStranger);
  a.principal_id = kAdult;
  a.principal_capacity = Capacity::kSelf;
  EXPECT_EQ(code(r, a), kMismatch);  // identity checked by ID card, not a power of attorney
  a.identity_check = "power_of_attorney";
  EXPECT_EQ(code(r, a), kOk);
  a.principal_id = kMother;
  EXPECT_EQ(code(r, a), kMismatch);  // the mother is not the subject
  a.principal_capacity = Capacity::kFather;
  EXPECT_EQ(code(r, a), kNotAllowed);  // a father may not apply for an adult's move
  a.principal_capacity = Capacity::kAgent;
  EXPECT_EQ(code(r, a), kNotAllowed);
  a.principal_capacity.reset();
  EXPECT_EQ(code(r, a), kMismatch);
}

TEST_F(ApplicantsTest, FirstRegistrationBySelfNamedInTheApplication) {
  const Registration r =
      reg(EventType::kFirstRegistration, "", {{"name", "申請人"}, {"birth_date", "1990-01-01"}});
  EXPECT_EQ(code(r, by(Capacity::kSelf, "")), kOk);
  Registration minor = r;
  minor.fields["birth_date"] = "2012-01-01";
  EXPECT_EQ(code(minor, by(Capacity::kSelf, "")), kMismatch);
  EXPECT_EQ(code(minor, by(Capacity::kLegalRepresentative, kMother)), kOk);
}

TEST_F(ApplicantsTest, TheOfficeAppliesOnlyForItsOwnRegistrations) {
  EXPECT_EQ(code(reg(EventType::kExOfficioMoveIn, kAdult), by(Capacity::kOffice, "")), kOk);
  EXPECT_EQ(code(reg(EventType::kExOfficioMoveIn, kAdult), by(Capacity::kSelf, kAdult)),
            kNotAllowed);
  EXPECT_EQ(code(reg(EventType::kRevocation, kAdult), by(Capacity::kOffice, "")), kOk);
  EXPECT_EQ(code(reg(EventType::kMoveOut, kAdult), by(Capacity::kOffice, "")), kNotAllowed);
}

// A revocation the office starts itself is exempt from fines: who applies must agree with it.
TEST_F(ApplicantsTest, ARevocationStartedByTheOfficeHasTheOfficeAsApplicant) {
  const Registration by_office = reg(EventType::kRevocation, kAdult, {{"initiated_by", "office"}});
  const Registration by_citizen =
      reg(EventType::kRevocation, kAdult, {{"initiated_by", "citizen"}});
  EXPECT_EQ(code(by_office, by(Capacity::kOffice, "")), kOk);
  EXPECT_EQ(code(by_office, by(Capacity::kSelf, kAdult)), kMismatch);
  EXPECT_EQ(code(by_citizen, by(Capacity::kSelf, kAdult)), kOk);
  EXPECT_EQ(code(by_citizen, by(Capacity::kOffice, "")), kMismatch);
}

}  // namespace
}  // namespace huji::domain
