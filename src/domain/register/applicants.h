#ifndef HUJI_DOMAIN_REGISTER_APPLICANTS_H_
#define HUJI_DOMAIN_REGISTER_APPLICANTS_H_

// Who may apply (申請人, 戶籍法 第四章 §29–§47): per registration type, the capacities in
// which a person may file it, each with the article that allows it, and the check that the
// capacity a clerk records is borne out by the register (the applicant is the subject's
// recorded mother, the head of the subject's household …). No I/O: the register is read
// through RegisterState. Refusals name no person (no names, ID numbers or household numbers).

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "domain/register/model.h"
#include "domain/register/registration.h"
#include "domain/register/state.h"

namespace huji::domain {

// 申請人資格: the applicant's capacity towards the registration's subject.
enum class Capacity {
  kSelf,                 // 本人: the subject, of full age
  kFather,               // 父 (認領: the acknowledging father, 認領人)
  kMother,               // 母
  kSpouse,               // 配偶
  kHead,                 // 戶長 of the subject's household (or the one the subject joins)
  kGrandparent,          // 祖父母 (of a newborn)
  kCohabitant,           // 同居人: a member of the subject's household
  kCarer,                // 撫養人: not in the register; the basis is stated
  kRelative,             // 親屬 (死亡): parent, child, sibling, grandparent or grandchild
  kFuneralOrganiser,     // 經理殮葬之人: the basis is stated
  kPremisesManager,      // 死亡者死亡時之房屋或土地管理人: the basis is stated
  kAdopter,              // 收養人
  kGuardian,             // 監護人
  kInterestedParty,      // 利害關係人: the interest is stated
  kLegalRepresentative,  // 法定代理人 of a minor (the parents) or a person under guardianship
  kAgent,                // 受委託人: with a power of attorney from a person allowed to apply
  kBothParties,          // 雙方當事人 together (結婚, 兩願離婚)
  kOffice,               // 戶政事務所 on its own (逕為登記, an office's own revocation)
};

// Stable codes ("self", "father", … "both_parties", "office") and the labels a form shows.
const char* capacity_code(Capacity c);
const char* capacity_label_zh(Capacity c);
const char* capacity_label_en(Capacity c);
// A code, or one of the relation words applications were recorded with before capacities
// (本人, 父, 母, 配偶, 戶長, 同居人, 代理人 …).
std::optional<Capacity> capacity_from_code(const std::string& code);
const std::vector<Capacity>& all_capacities();

// One capacity a type allows, with the rule that allows it.
struct AllowedApplicant {
  enum class When { kAlways, kAgreedDivorce, kCourtDivorce };
  Capacity capacity;
  const char* cite;  // e.g. "戶籍法 §29"
  When when = When::kAlways;
};

// The capacities `type` allows, in the order a form offers them (empty for kConversion).
const std::vector<AllowedApplicant>& allowed_applicants(EventType type);
// The article listing the applicants of `type` (e.g. "戶籍法 §29").
const char* applicants_article(EventType type);

// The applicant as the clerk records them.
struct Applicant {
  std::string name;
  std::string id_number;
  Capacity capacity = Capacity::kSelf;
  std::string identity_check;  // id_card, passport, …, power_of_attorney
  std::string interest;  // the stated interest or basis (利害關係人, 撫養人, 經理殮葬之人)
  // 受委託人: the person who gave the power of attorney, and in which capacity.
  std::string principal_id;
  std::optional<Capacity> principal_capacity;
};

// Whether `applicant` may file `reg` (after the service completed it: a revocation's subject
// set), against the register in `state` on reg.registered_on. Refuses with 422
// registration.applicant_not_allowed (the capacity is not one the type allows; the article
// cited) or registration.applicant_mismatch (the register does not bear the capacity out).
// `age_of_majority`: 民法 §12 as in force on the registration date.
core::Status check_applicant(RegisterState& state, const Registration& reg,
                             const Applicant& applicant, int age_of_majority);

}  // namespace huji::domain

#endif  // HUJI_DOMAIN_REGISTER_APPLICANTS_H_
