#include "domain/register/applicants.h"

#include <algorithm>
#include <map>
#include <utility>

#include "domain/register/event_keys.h"

namespace huji::domain {

using core::Error;
using core::Result;
using core::Status;

namespace {

struct CapacityInfo {
  Capacity capacity;
  const char* code;
  const char* zh;
  const char* en;
};

constexpr CapacityInfo kCapacities[] = {
    {Capacity::kSelf, "self", "本人", "the person themself"},
    {Capacity::kFather, "father", "父", "father"},
    {Capacity::kMother, "mother", "母", "mother"},
    {Capacity::kSpouse, "spouse", "配偶", "spouse"},
    {Capacity::kHead, "head", "戶長", "head of household"},
    {Capacity::kGrandparent, "grandparent", "祖父母", "grandparent"},
    {Capacity::kCohabitant, "cohabitant", "同居人", "member of the household"},
    {Capacity::kCarer, "carer", "撫養人", "carer"},
    {Capacity::kRelative, "relative", "親屬", "relative"},
    {Capacity::kFuneralOrganiser, "funeral_organiser", "經理殮葬之人", "funeral organiser"},
    {Capacity::kPremisesManager, "premises_manager", "死亡時之房屋或土地管理人",
     "manager of the premises of the death"},
    {Capacity::kAdopter, "adopter", "收養人", "adopter"},
    {Capacity::kGuardian, "guardian", "監護人", "guardian"},
    {Capacity::kInterestedParty, "interested_party", "利害關係人", "interested party"},
    {Capacity::kLegalRepresentative, "legal_representative", "法定代理人", "legal representative"},
    {Capacity::kAgent, "agent", "受委託人", "agent with a power of attorney"},
    {Capacity::kBothParties, "both_parties", "雙方當事人", "both parties together"},
    {Capacity::kOffice, "office", "戶政事務所（逕為登記）", "the office on its own"},
    {Capacity::kAssistant, "assistant", "輔助人", "assistant (輔助人)"},
};

const CapacityInfo& info(Capacity c) {
  for (const auto& i : kCapacities) {
    if (i.capacity == c) return i;
  }
  return kCapacities[0];
}

// The relation words applications were recorded with before capacities had codes.
const std::map<std::string, Capacity>& legacy_words() {
  static const std::map<std::string, Capacity> k = {
      {"本人", Capacity::kSelf},
      {"當事人", Capacity::kSelf},
      {"父", Capacity::kFather},
      {"母", Capacity::kMother},
      {"配偶", Capacity::kSpouse},
      {"戶長", Capacity::kHead},
      {"祖父", Capacity::kGrandparent},
      {"祖母", Capacity::kGrandparent},
      {"祖父母", Capacity::kGrandparent},
      {"同居人", Capacity::kCohabitant},
      {"撫養人", Capacity::kCarer},
      {"親屬", Capacity::kRelative},
      {"經理殮葬之人", Capacity::kFuneralOrganiser},
      {"收養人", Capacity::kAdopter},
      {"監護人", Capacity::kGuardian},
      {"利害關係人", Capacity::kInterestedParty},
      {"法定代理人", Capacity::kLegalRepresentative},
      {"代理人", Capacity::kAgent},
      {"受委託人", Capacity::kAgent},
      {"雙方當事人", Capacity::kBothParties},
      {"戶政事務所", Capacity::kOffice},
      {"輔助人", Capacity::kAssistant},
  };
  return k;
}

using When = AllowedApplicant::When;
using C = Capacity;

constexpr const char* kAgentCite = "戶籍法 §47";
constexpr const char* kInterestCite = "戶籍法 §46";
constexpr const char* kRepresentativeCite = "民法 §1086、§1098";

struct TypeApplicants {
  EventType type;
  const char* article;
  std::vector<AllowedApplicant> allowed;
};

// 戶籍法 第四章 (登記之申請). A type's own article first; the general rules after it: 利害關係人
// when the applicant does not or cannot apply (§46), 受委託人 by a written power of attorney
// (§47), the legal representative of a minor or a person under guardianship (民法 §1086,
// §1098).
std::vector<TypeApplicants> build_table() {
  const AllowedApplicant agent{C::kAgent, kAgentCite};
  const AllowedApplicant interested{C::kInterestedParty, kInterestCite};
  const AllowedApplicant representative{C::kLegalRepresentative, kRepresentativeCite};
  // `type`'s own article and the capacities it lists, then the general rules that apply.
  auto type = [](EventType t, const char* article, std::initializer_list<Capacity> listed,
                 std::initializer_list<AllowedApplicant> general) {
    TypeApplicants out{t, article, {}};
    for (Capacity c : listed) out.allowed.push_back({c, article});
    out.allowed.insert(out.allowed.end(), general);
    return out;
  };
  // 遷徙, 變更, 更正, 撤銷, 廢止: 本人 or 戶長, else the general rules.
  auto self_or_head = [&](EventType t, const char* article) {
    return type(t, article, {C::kSelf, C::kHead}, {representative, interested, agent});
  };
  std::vector<TypeApplicants> out = {
      type(EventType::kBirth, "戶籍法 §29",
           {C::kFather, C::kMother, C::kGrandparent, C::kHead, C::kCohabitant, C::kCarer}, {agent}),
      type(EventType::kAcknowledgement, "戶籍法 §30", {C::kFather, C::kSelf},
           {representative, agent}),
      type(EventType::kAdoption, "戶籍法 §31", {C::kAdopter, C::kSelf}, {representative, agent}),
      type(EventType::kAdoptionTermination, "戶籍法 §32", {C::kAdopter, C::kSelf},
           {representative, agent}),
      type(EventType::kMarriage, "戶籍法 §33", {C::kBothParties}, {agent}),
      {EventType::kDivorce,
       "戶籍法 §34",
       {{C::kBothParties, "戶籍法 §34", When::kAgreedDivorce},
        {C::kSelf, "戶籍法 §34", When::kCourtDivorce},
        {C::kSpouse, "戶籍法 §34", When::kCourtDivorce},
        agent}},
      type(EventType::kGuardianship, "戶籍法 §35", {C::kGuardian}, {agent}),
      type(EventType::kDeath, "戶籍法 §36",
           {C::kSpouse, C::kRelative, C::kHead, C::kCohabitant, C::kFuneralOrganiser,
            C::kPremisesManager},
           {agent}),
      type(EventType::kFirstRegistration, "戶籍法 §41", {C::kSelf, C::kHead},
           {representative, agent}),
      self_or_head(EventType::kMoveIn, "戶籍法 §42"),
      self_or_head(EventType::kMoveOut, "戶籍法 §42"),
      self_or_head(EventType::kAddressChange, "戶籍法 §42"),
      self_or_head(EventType::kRestoration, "戶籍法 §42"),
      type(EventType::kHouseholdSplit, "戶籍法 §43", {C::kSelf, C::kHead}, {agent}),
      type(EventType::kHouseholdMerge, "戶籍法 §43", {C::kSelf, C::kHead}, {agent}),
      self_or_head(EventType::kHeadChange, "戶籍法 §45"),
      type(EventType::kNameChange, "戶籍法 §45; 姓名條例", {C::kSelf}, {representative, agent}),
      self_or_head(EventType::kNameCorrection, "戶籍法 §45"),
      self_or_head(EventType::kBirthDateCorrection, "戶籍法 §45"),
      self_or_head(EventType::kIdNumberChange, "戶籍法 §45"),
      self_or_head(EventType::kLossOfNationality, "戶籍法 §45"),
      type(EventType::kExOfficioMoveIn, "戶籍法 §48-2", {C::kOffice}, {}),
      type(EventType::kDeathDeclaration, "戶籍法 §39", {C::kInterestedParty}, {agent}),
      type(EventType::kIndigenousAcquisition, "原住民身分法 §11", {C::kSelf},
           {representative, agent}),
      type(EventType::kIndigenousLoss, "原住民身分法 §11", {C::kSelf}, {representative, agent}),
      type(EventType::kIndigenousChange, "原住民身分法 §11", {C::kSelf}, {representative, agent}),
      type(EventType::kAssistance, "戶籍法 §35", {C::kAssistant}, {agent}),
      type(EventType::kCustody, "戶籍法 §35", {C::kFather, C::kMother}, {interested, agent}),
      self_or_head(EventType::kCorrection, "戶籍法 §45"),
      type(EventType::kExOfficioAddressChange, "戶籍法 §48-2", {C::kOffice}, {}),
      type(EventType::kExOfficioMoveOut, "戶籍法 §48-2；施行細則 §5", {C::kOffice}, {}),
      self_or_head(EventType::kRegistrationCancellation, "戶籍法 §45"),
      self_or_head(EventType::kRevocation, "戶籍法 §45"),
  };
  // 撤銷戶籍 on a letter (e.g. of the Ministry or the immigration agency): the office itself.
  out[out.size() - 2].allowed.push_back({C::kOffice, "戶籍法 §45"});
  // A revocation the office starts itself (its own 誤辦).
  out.back().allowed.push_back({C::kOffice, "戶籍法 §45"});
  return out;
}

const std::vector<TypeApplicants>& table() {
  static const std::vector<TypeApplicants> k = build_table();
  return k;
}

const TypeApplicants* entry(EventType type) {
  for (const auto& t : table()) {
    if (t.type == type) return &t;
  }
  return nullptr;
}

Error mismatch(const std::string& zh, const std::string& en) {
  return Error::unprocessable("registration.applicant_mismatch", "申請人資格與戶籍資料不符：" + zh,
                              "the register does not bear out the applicant's capacity: " + en);
}

bool has(const std::vector<std::string>& ids, const std::string& id) {
  return !id.empty() && std::find(ids.begin(), ids.end(), id) != ids.end();
}

// Reads what a capacity is checked against; every method answers from the register as it is.
class Checker {
 public:
  Checker(RegisterState& s, const Registration& reg, int majority)
      : s_(s), reg_(reg), majority_(majority) {}

  Status check(const Applicant& a, bool as_principal) {
    const Capacity c = a.capacity;
    const auto* allowed = find_allowed(c);
    if (!allowed) return not_allowed(c);
    // A revocation the office starts itself proposes no fine (戶籍法 §79): only the office
    // may be its applicant, and an office's applicant makes it one.
    if ((reg_.type == EventType::kRevocation ||
         reg_.type == EventType::kRegistrationCancellation) &&
        !as_principal && !field("initiated_by").empty() &&
        (field("initiated_by") == "office") != (c == C::kOffice)) {
      return mismatch("依職權撤銷以戶政事務所為申請人，民眾申請之撤銷不得由戶政事務所提出",
                      "a revocation the office starts has the office as applicant, and one a "
                      "citizen applies for does not");
    }
    HUJI_ASSIGN_OR_RETURN(auto subject, person(reg_.subject_id));
    switch (c) {
      case C::kSelf: return self(a, subject);
      case C::kFather:
      case C::kMother: return parent(a, subject, c == C::kFather);
      case C::kSpouse: {
        std::vector<std::string> ids{field(event_key::kSpouseId)};
        if (subject && subject->spouse_id) ids.push_back(*subject->spouse_id);
        if (has(ids, a.id_number)) return {};
        return mismatch("申請人非當事人之配偶", "the applicant is not the subject's spouse");
      }
      case C::kHead: {
        HUJI_ASSIGN_OR_RETURN(auto households, households_concerned(subject));
        for (const auto& no : households) {
          HUJI_ASSIGN_OR_RETURN(auto h, s_.household(no));
          if (h && !a.id_number.empty() && h->head_id == a.id_number) return {};
        }
        return mismatch("申請人非當事人所屬戶之戶長",
                        "the applicant is not the head of the subject's household");
      }
      case C::kGrandparent: {
        HUJI_ASSIGN_OR_RETURN(auto grandparents, grandparents_of(parents_of(subject)));
        if (has(grandparents, a.id_number)) return {};
        return mismatch("申請人非當事人之祖父母",
                        "the applicant is not a grandparent of the subject");
      }
      case C::kCohabitant: {
        HUJI_ASSIGN_OR_RETURN(auto households, households_concerned(subject));
        HUJI_ASSIGN_OR_RETURN(auto applicant, person(a.id_number));
        if (applicant && applicant->status == PersonStatus::kActive &&
            applicant->id_number != reg_.subject_id && has(households, applicant->household_no)) {
          return {};
        }
        return mismatch("申請人非當事人戶內之同居人",
                        "the applicant is not a member of the subject's household");
      }
      case C::kRelative: return relative(a, subject);
      case C::kAdopter: {
        if (has({field("adopter_id"), field("adopter2_id")}, a.id_number)) return {};
        return mismatch("申請人非收養人", "the applicant is not the adopter");
      }
      case C::kGuardian: {
        if (has({field(event_key::kGuardianId)}, a.id_number)) return {};
        return mismatch("申請人非申請書所填之監護人", "the applicant is not the guardian named");
      }
      case C::kAssistant: {
        if (has({field(event_key::kAssistantId)}, a.id_number)) return {};
        return mismatch("申請人非申請書所填之輔助人", "the applicant is not the assistant named");
      }
      case C::kLegalRepresentative: return representative(a, subject);
      case C::kCarer:
      case C::kFuneralOrganiser:
      case C::kPremisesManager:
      case C::kInterestedParty: {
        if (a.interest.find_first_not_of(" \t\r\n\u3000") != std::string::npos) return {};
        return mismatch("請敘明申請人之利害關係或資格事實",
                        "state the applicant's interest or the facts of their capacity");
      }
      case C::kAgent: return agent(a, as_principal);
      case C::kBothParties: {
        if (has({reg_.subject_id, field(event_key::kSpouseId)}, a.id_number)) return {};
        return mismatch("申請人非結婚或離婚之一方", "the applicant is not one of the two parties");
      }
      case C::kOffice: return {};
    }
    return not_allowed(c);
  }

 private:
  const AllowedApplicant* find_allowed(Capacity c) const {
    const auto* t = entry(reg_.type);
    if (!t) return nullptr;
    const bool court = field("reason") == "court";
    for (const auto& a : t->allowed) {
      if (a.capacity != c) continue;
      if (a.when == When::kCourtDivorce && !court) continue;
      if (a.when == When::kAgreedDivorce && court) continue;
      return &a;
    }
    return nullptr;
  }

  Error not_allowed(Capacity c) const {
    const char* article = applicants_article(reg_.type);
    return Error::unprocessable(
        "registration.applicant_not_allowed",
        std::string("依") + article + "，本項登記不得由「" + info(c).zh + "」申請",
        std::string("under ") + article + ", this registration may not be applied for by the " +
            info(c).en);
  }

  std::string field(const std::string& key) const {
    auto it = reg_.fields.find(key);
    return it == reg_.fields.end() ? std::string() : it->second;
  }

  Result<std::optional<Person>> person(const std::string& id) {
    if (id.empty()) return std::optional<Person>();
    return s_.person(id);
  }

  bool minor(core::Date born) const { return born.years_until(reg_.registered_on) < majority_; }

  static std::vector<std::string> recorded_parents(const std::optional<Person>& p) {
    std::vector<std::string> out;
    if (p && p->father_id) out.push_back(*p->father_id);
    if (p && p->mother_id) out.push_back(*p->mother_id);
    return out;
  }

  // The subject's recorded parents and those the application names (a birth's, an
  // acknowledging father).
  std::vector<std::string> parents_of(const std::optional<Person>& subject) const {
    std::vector<std::string> out = recorded_parents(subject);
    out.push_back(field(event_key::kFatherId));
    out.push_back(field(event_key::kMotherId));
    return out;
  }

  Result<std::vector<std::string>> grandparents_of(const std::vector<std::string>& parents) {
    std::vector<std::string> out;
    for (const auto& id : parents) {
      HUJI_ASSIGN_OR_RETURN(auto p, person(id));
      if (!p) continue;
      if (p->father_id) out.push_back(*p->father_id);
      if (p->mother_id) out.push_back(*p->mother_id);
    }
    return out;
  }

  // The households whose head or members may apply: the subject's, the one the registration
  // joins (household_no), and for a birth without one the mother's, else the father's.
  Result<std::vector<std::string>> households_concerned(const std::optional<Person>& subject) {
    std::vector<std::string> out;
    if (subject && !subject->household_no.empty()) out.push_back(subject->household_no);
    if (!field("household_no").empty()) out.push_back(field("household_no"));
    if (reg_.type == EventType::kBirth && out.empty()) {
      for (const auto* key : {event_key::kMotherId, event_key::kFatherId}) {
        HUJI_ASSIGN_OR_RETURN(auto p, person(field(key)));
        if (p && !p->household_no.empty()) {
          out.push_back(p->household_no);
          break;
        }
      }
    }
    return out;
  }

  Status self(const Applicant& a, const std::optional<Person>& subject) {
    if (reg_.type == EventType::kFirstRegistration && !subject) {
      // No record yet: the person is the one the application describes.
      if (a.name != field("name")) {
        return mismatch("申請人非申請初設戶籍之本人",
                        "the applicant is not the person being registered");
      }
      auto born = core::Date::parse_iso(field("birth_date"));
      if (born.ok() && minor(*born)) return minor_self();
      return {};
    }
    if (!subject || a.id_number != subject->id_number) {
      return mismatch("申請人之統一編號與當事人不符",
                      "the applicant's ID number is not the subject's");
    }
    if (minor(subject->birth_date)) return minor_self();
    return {};
  }

  static Error minor_self() {
    return mismatch("當事人未成年，應由法定代理人申請（民法 §12、§1086）",
                    "the subject is a minor: the legal representative applies (民法 §12, §1086)");
  }

  Status parent(const Applicant& a, const std::optional<Person>& subject, bool father) {
    std::vector<std::string> ids{field(father ? event_key::kFatherId : event_key::kMotherId)};
    if (subject) {
      const auto& recorded = father ? subject->father_id : subject->mother_id;
      if (recorded) ids.push_back(*recorded);
    }
    if (has(ids, a.id_number)) return {};
    return father ? mismatch("申請人非當事人之父", "the applicant is not the subject's father")
                  : mismatch("申請人非當事人之母", "the applicant is not the subject's mother");
  }

  Status relative(const Applicant& a, const std::optional<Person>& subject) {
    HUJI_ASSIGN_OR_RETURN(auto applicant, person(a.id_number));
    if (subject && applicant) {
      const std::vector<std::string> subject_parents = recorded_parents(subject);
      const std::vector<std::string> applicant_parents = recorded_parents(applicant);
      HUJI_ASSIGN_OR_RETURN(auto grandparents, grandparents_of(subject_parents));
      HUJI_ASSIGN_OR_RETURN(auto applicant_grandparents, grandparents_of(applicant_parents));
      const bool sibling =
          std::any_of(subject_parents.begin(), subject_parents.end(),
                      [&](const std::string& id) { return has(applicant_parents, id); });
      if (has(subject_parents, a.id_number) || has(applicant_parents, subject->id_number) ||
          sibling || has(grandparents, a.id_number) ||
          has(applicant_grandparents, subject->id_number)) {
        return {};
      }
    }
    return mismatch("戶籍資料未記載申請人為當事人之親屬",
                    "the register does not record the applicant as the subject's relative");
  }

  // The guardian the subject's latest guardianship entry names.
  Result<std::string> guardian_of(const std::string& id) {
    if (id.empty()) return std::string();
    HUJI_ASSIGN_OR_RETURN(auto events, s_.events_of(id));
    std::string out;
    for (const auto& e : events) {
      if (e.type != EventType::kGuardianship) continue;
      auto it = e.data.find(event_key::kGuardianId);
      if (it != e.data.end()) out = it->second;
    }
    return out;
  }

  Status representative(const Applicant& a, const std::optional<Person>& subject) {
    if (!subject) {
      auto born = core::Date::parse_iso(field("birth_date"));
      if (reg_.type == EventType::kFirstRegistration && born.ok() && minor(*born)) return {};
      return mismatch("當事人非未成年人或受監護宣告之人",
                      "the subject is neither a minor nor under guardianship");
    }
    HUJI_ASSIGN_OR_RETURN(std::string guardian, guardian_of(subject->id_number));
    if (!guardian.empty() && guardian == a.id_number) return {};
    if (!minor(subject->birth_date)) {
      return mismatch("當事人已成年，且申請人非其監護人",
                      "the subject is of age and the applicant is not their guardian");
    }
    if (has(recorded_parents(subject), a.id_number)) return {};
    return mismatch("申請人非當事人之法定代理人（父母或監護人）",
                    "the applicant is not the subject's legal representative (parent or "
                    "guardian)");
  }

  Status agent(const Applicant& a, bool as_principal) {
    if (as_principal) return not_allowed(C::kAgent);
    if (a.identity_check != "power_of_attorney") {
      return mismatch("受委託人應繳驗委託書（identity_check 為 power_of_attorney）",
                      "an agent must show a power of attorney (identity_check "
                      "power_of_attorney)");
    }
    if (!a.principal_capacity || a.principal_id.empty() || *a.principal_capacity == C::kOffice) {
      return mismatch("請填寫委託人之統一編號及其申請資格",
                      "give the principal's ID number and capacity");
    }
    Applicant principal;
    principal.id_number = a.principal_id;
    principal.capacity = *a.principal_capacity;
    principal.interest = a.interest;
    if (reg_.type == EventType::kFirstRegistration) principal.name = field("name");
    return check(principal, true);
  }

  RegisterState& s_;
  const Registration& reg_;
  int majority_;
};

}  // namespace

const char* capacity_code(Capacity c) { return info(c).code; }
const char* capacity_label_zh(Capacity c) { return info(c).zh; }
const char* capacity_label_en(Capacity c) { return info(c).en; }

std::optional<Capacity> capacity_from_code(const std::string& code) {
  for (const auto& i : kCapacities) {
    if (code == i.code) return i.capacity;
  }
  auto it = legacy_words().find(code);
  if (it != legacy_words().end()) return it->second;
  return std::nullopt;
}

const std::vector<Capacity>& all_capacities() {
  static const std::vector<Capacity> k = [] {
    std::vector<Capacity> out;
    for (const auto& i : kCapacities) out.push_back(i.capacity);
    return out;
  }();
  return k;
}

const std::vector<AllowedApplicant>& allowed_applicants(EventType type) {
  static const std::vector<AllowedApplicant> kNone;
  const auto* t = entry(type);
  return t ? t->allowed : kNone;
}

const char* applicants_article(EventType type) {
  const auto* t = entry(type);
  return t ? t->article : "戶籍法 §29–§47";
}

Status check_applicant(RegisterState& state, const Registration& reg, const Applicant& applicant,
                       int age_of_majority) {
  return Checker(state, reg, age_of_majority).check(applicant, false);
}

}  // namespace huji::domain
