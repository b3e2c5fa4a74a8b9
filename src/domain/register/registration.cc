#include "domain/register/registration.h"

#include <algorithm>
#include <charconv>
#include <set>

#include "core/admin_divisions.h"
#include "core/id_number.h"
#include "domain/register/event_keys.h"
#include "domain/register/name_change.h"
#include "domain/register/projector.h"

namespace huji::domain {
namespace {

using core::Date;
using core::Error;
using core::ErrorKind;
using core::Result;
using core::Status;

Error reject(const std::string& code, std::string zh, std::string en) {
  return Error::unprocessable("registration." + code, std::move(zh), std::move(en));
}

Error missing(const std::string& field, const std::string& zh_label) {
  return Error::invalid("registration.field_required",
                        "請填寫「" + zh_label + "」（" + field + "）",
                        "the field " + field + " is required");
}

bool valid_name(const std::string& name) {
  if (name.empty() || name.size() > 180) return false;
  if (name.front() == ' ' || name.back() == ' ') return false;
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7f) return false;
    if (c >= '0' && c <= '9') return false;
    if (c == '<' || c == '>' || c == '"' || c == '&' || c == ';' || c == '/') return false;
  }
  return true;
}

class Planner {
 public:
  Planner(RegisterState& state, const Registration& reg, const Office& office, Date today)
      : s_(state), r_(reg), office_(office), today_(today) {}

  Result<Plan> run();

 private:
  // Inputs.
  const std::string& field(const std::string& key) const {
    static const std::string kEmpty;
    auto it = r_.fields.find(key);
    return it == r_.fields.end() ? kEmpty : it->second;
  }
  Result<std::string> required(const std::string& key, const std::string& zh_label) const {
    const std::string& v = field(key);
    if (v.empty()) return missing(key, zh_label);
    return v;
  }
  Result<std::string> id_field(const std::string& key, const std::string& zh_label) const {
    HUJI_ASSIGN_OR_RETURN(std::string v, required(key, zh_label));
    auto id = core::IdNumber::parse(v);
    if (!id.ok()) {
      return Error::invalid("registration.id_invalid",
                            zh_label + "之統一編號不正確：" + id.error().message_zh,
                            key + " is not a valid ID number: " + id.error().message_en);
    }
    return v;
  }

  // An ISO date field.
  Result<Date> date_field(const std::string& key, const std::string& zh_label) const {
    HUJI_ASSIGN_OR_RETURN(std::string text, required(key, zh_label));
    auto d = Date::parse_iso(text);
    if (!d.ok()) {
      return Error::invalid("registration." + key, zh_label + "格式須為 YYYY-MM-DD",
                            key + " must be YYYY-MM-DD");
    }
    return *d;
  }
  // A field that must be one of `allowed`; `choices_zh` / `choices_en` list them for the
  // refusal (registration.<key>).
  Result<std::string> choice(const std::string& key,
                             std::initializer_list<std::string_view> allowed,
                             const std::string& zh_label, const std::string& choices_zh,
                             const std::string& choices_en) const {
    const std::string& v = field(key);
    if (std::find(allowed.begin(), allowed.end(), v) == allowed.end()) {
      return Error::invalid("registration." + key, zh_label + "須為 " + choices_zh,
                            key + " must be " + choices_en);
    }
    return v;
  }
  // An adult (民法 §12, the age in force on the event date) of the register, other than the
  // subject, named by `key`.
  Result<Person> adult(const std::string& key, const std::string& role_code, const std::string& zh,
                       const std::string& en) {
    HUJI_ASSIGN_OR_RETURN(std::string id, id_field(key, zh));
    if (id == r_.subject_id) {
      return reject("same_person", "當事人不得擔任自己之" + zh, "the subject cannot be " + en);
    }
    HUJI_ASSIGN_OR_RETURN(Person x, active(id, role_code, zh, en));
    if (x.birth_date.years_until(r_.event_date) < r_.rules.age_of_majority) {
      return reject(role_code + "_underage", zh + "須已成年", en + " must be an adult");
    }
    return x;
  }

  // The "sex" field of a new person: M or F.
  Result<std::string> sex_field() const {
    const std::string& sex = field("sex");
    if (!core::sex_from_code(sex)) {
      return Error::invalid("registration.sex", "性別須為 M（男）或 F（女）", "sex must be M or F");
    }
    return sex;
  }

  // Persons.
  Result<Person> find(const std::string& id, const std::string& code, const std::string& zh,
                      const std::string& en) {
    HUJI_ASSIGN_OR_RETURN(auto p, s_.person(id));
    if (!p)
      return reject(code, "申請書所填" + zh + "之統一編號不在戶籍資料中",
                    en + " given is not in the register");
    return std::move(*p);
  }
  Result<Person> active(const std::string& id, const std::string& role_code, const std::string& zh,
                        const std::string& en) {
    HUJI_ASSIGN_OR_RETURN(Person p, find(id, role_code + "_not_found", zh, en));
    if (p.status != PersonStatus::kActive && role_code == "subject") {
      return p.removal_reason == "death" ? subject_deceased() : subject_removed();
    }
    if (p.status != PersonStatus::kActive) {
      if (p.removal_reason == "death") {
        return reject(role_code + "_deceased", "申請書所填" + zh + "已死亡除戶，不得辦理本項登記",
                      en + " given is deceased: this registration cannot be made");
      }
      return reject(role_code + "_removed", "申請書所填" + zh + "已除戶，不得辦理本項登記",
                    en + " given is removed from the register: this registration cannot be made");
    }
    return p;
  }
  Error subject_deceased() const {
    return reject("subject_deceased", "當事人已死亡除戶，不得辦理本項登記",
                  "the subject is deceased: this registration cannot be made");
  }
  // Removed for a reason other than the one the registration restores from: which, the clerk
  // reads through an audited lookup, not in the rejection.
  Error subject_removed() const {
    return reject("subject_removed", "當事人已除戶，不得辦理本項登記",
                  "the subject is removed from the register: this registration cannot be made");
  }
  Result<Person> subject() {
    if (r_.subject_id.empty()) return missing("subject_id", "當事人統一編號");
    return find(r_.subject_id, "subject_not_found", "當事人", "the subject");
  }
  Result<Person> active_subject() {
    if (r_.subject_id.empty()) return missing("subject_id", "當事人統一編號");
    return active(r_.subject_id, "subject", "當事人", "the subject");
  }
  Status not_before_birth(const Person& p, const std::string& role_zh = "當事人",
                          const std::string& role_en = "the subject") {
    if (r_.event_date < p.birth_date) {
      return reject("before_birth", "發生日期早於" + role_zh + "之出生日期",
                    "the event date is before the birth of " + role_en);
    }
    return {};
  }
  Result<Date> death_date(const Person& p) {
    HUJI_ASSIGN_OR_RETURN(auto events, s_.events_of(p.id_number));
    const auto death = std::find_if(events.rbegin(), events.rend(),
                                    [](const Event& e) { return e.type == EventType::kDeath; });
    return death != events.rend() ? death->event_date : today_;
  }

  // Households and plates.
  Result<Household> household_of(const Person& p) {
    if (p.household_no.empty()) {
      return reject("no_household", "當事人目前未設籍於任何戶",
                    "the subject is not in any household");
    }
    HUJI_ASSIGN_OR_RETURN(auto hh, s_.household(p.household_no));
    if (!hh) {
      return reject("household_not_found", "當事人所屬之戶不在戶籍資料中",
                    "the subject's household is not in the register");
    }
    return std::move(*hh);
  }
  Result<DoorPlate> plate(const std::string& key) {
    HUJI_ASSIGN_OR_RETURN(std::string v, required(key, "門牌編號"));
    int64_t id = 0;
    auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), id);
    if (ec != std::errc() || ptr != v.data() + v.size() || id <= 0) {
      return Error::invalid("registration.door_plate_invalid", "門牌編號須為正整數",
                            "door_plate_id must be a positive integer");
    }
    HUJI_ASSIGN_OR_RETURN(auto p, s_.door_plate(id));
    if (!p) {
      return reject("door_plate_not_found", "申請書所填門牌編號不在門牌資料中",
                    "the door plate given is not in the register");
    }
    if (p->abolished) {
      return reject("door_plate_abolished", "申請書所填門牌已廢止，不得遷入",
                    "the door plate given is abolished");
    }
    if (p->office_code != office_.code) {
      return reject("door_plate_other_office", "門牌不屬本所轄區",
                    "the door plate is not in this office's district");
    }
    return std::move(*p);
  }

  struct Target {
    std::string household_no;
    bool new_household = false;
    int64_t door_plate_id = 0;
    std::string relation;
  };
  // Where the subject goes: an existing household of this office (with 稱謂) or a new one at a
  // door plate of this district.
  Result<Target> target(const std::string& subject_id) {
    Target t;
    if (!field("household_no").empty()) {
      HUJI_ASSIGN_OR_RETURN(auto hh, s_.household(field("household_no")));
      if (!hh) {
        return reject("household_not_found", "申請書所填戶號不在戶籍資料中",
                      "the household given is not in the register");
      }
      if (hh->office_code != office_.code) {
        return reject("household_other_office", "申請書所填戶號不屬本所轄區",
                      "the household given is not in this office's district");
      }
      if (!subject_id.empty()) {
        HUJI_ASSIGN_OR_RETURN(auto p, s_.person(subject_id));
        if (p && p->household_no == hh->household_no) {
          return reject("already_in_household", "當事人已在申請書所填之戶內",
                        "the subject is already in the household given");
        }
      }
      t.household_no = hh->household_no;
      t.relation = field("relation");
      if (t.relation.empty()) return missing("relation", "稱謂");
      if (t.relation == "戶長" || t.relation.size() > 30) {
        return reject("relation_invalid", "稱謂不正確（戶長已有其人）",
                      "invalid relation to the head (the household has a head)");
      }
      return t;
    }
    if (!field("door_plate_id").empty()) {
      HUJI_ASSIGN_OR_RETURN(DoorPlate p, plate("door_plate_id"));
      HUJI_ASSIGN_OR_RETURN(t.household_no, s_.next_household_no(office_.code));
      t.new_household = true;
      t.door_plate_id = p.id;
      t.relation = "戶長";
      return t;
    }
    return reject("destination_required", "請填寫欲入之戶號，或新立戶之門牌編號",
                  "give the household to join (household_no) or a door plate for a new one "
                  "(door_plate_id)");
  }
  void placement(Event& e, const Target& t) {
    e.household_no = t.household_no;
    e.data[event_key::kRelation] = t.relation;
    if (t.new_household) {
      e.data[event_key::kNewHousehold] = "1";
      e.data[event_key::kDoorPlateId] = std::to_string(t.door_plate_id);
    }
  }

  // Before `p` leaves its household: when it is the head and others stay, the head change.
  Status succession(const Person& p, const std::set<std::string>& leaving = {}) {
    if (p.household_no.empty()) return {};
    HUJI_ASSIGN_OR_RETURN(auto hh, s_.household(p.household_no));
    if (!hh || hh->head_id != p.id_number) return {};
    HUJI_ASSIGN_OR_RETURN(auto members, s_.members(p.household_no));
    std::vector<Person> staying;
    for (auto& m : members) {
      if (m.status == PersonStatus::kActive && m.id_number != p.id_number &&
          !leaving.count(m.id_number)) {
        staying.push_back(m);  // a copy: `members` is read again below
      }
    }
    if (staying.empty()) return {};
    const Person* next = nullptr;
    if (!field("new_head_id").empty()) {
      for (const auto& m : staying) {
        if (m.id_number == field("new_head_id")) next = &m;
      }
      if (!next) {
        return reject("new_head_invalid", "新戶長須為留在本戶之現住人口",
                      "the new head must be a current member staying in the household");
      }
    }
    if (!next) {
      for (const auto& m : staying) {
        if (p.spouse_id == m.id_number) next = &m;
      }
    }
    if (!next) {
      next = &*std::min_element(staying.begin(), staying.end(), [](const auto& a, const auto& b) {
        return a.birth_date < b.birth_date ||
               (a.birth_date == b.birth_date && a.id_number < b.id_number);
      });
    }
    Event e = make(EventType::kHeadChange, next->id_number, p.household_no);
    e.data[event_key::kOldHeadId] = p.id_number;
    e.data[event_key::kOldHeadName] = p.name;
    const bool died = r_.type == EventType::kDeath || r_.type == EventType::kDeathDeclaration;
    e.data[event_key::kReason] = "原戶長" + std::string(died ? "死亡" : "遷離");
    for (const auto& m : members) {
      if (m.id_number == next->id_number) continue;
      HUJI_ASSIGN_OR_RETURN(e.data[event_key::relation_key(m.id_number)],
                            derive_relation(s_, *next, m));
    }
    if (std::find(members.begin(), members.end(), p) == members.end()) {
      HUJI_ASSIGN_OR_RETURN(e.data[event_key::relation_key(p.id_number)],
                            derive_relation(s_, *next, p));
    }
    push(std::move(e));
    return {};
  }

  Event make(EventType type, const std::string& subject_id, const std::string& household_no) {
    Event e;
    e.type = type;
    e.subject_id = subject_id;
    e.household_no = household_no;
    e.event_date = r_.event_date;
    e.registered_on = r_.registered_on;
    e.office_code = r_.office_code;
    return e;
  }
  void push(Event e) {
    touch_household(e.household_no);
    if (std::find(plan_.persons_touched.begin(), plan_.persons_touched.end(), e.subject_id) ==
        plan_.persons_touched.end()) {
      plan_.persons_touched.push_back(e.subject_id);
    }
    plan_.events.push_back(std::move(e));
  }
  void touch_household(const std::string& no) {
    if (no.empty()) return;
    if (std::find(plan_.households_touched.begin(), plan_.households_touched.end(), no) ==
        plan_.households_touched.end()) {
      plan_.households_touched.push_back(no);
    }
  }
  Result<std::string> allocate_id(core::Sex sex) {
    const core::County* county = core::find_county(office_.county);
    if (!county) {
      return Error::internal("registration.office_county", "本所縣市不明，無法配賦統一編號",
                             "the office's county is unknown");
    }
    const int digit = core::IdNumber::sex_digit(sex);
    HUJI_ASSIGN_OR_RETURN(uint32_t serial, s_.next_id_serial(county->id_letter, digit));
    return core::IdNumber::make(county->id_letter, digit, serial).str();
  }
  std::string district() const { return office_.county + office_.district; }

  // Types.
  Status birth();
  Status death(EventType type);
  Status marriage();
  Status divorce();
  Status move_in(EventType type);
  Status move_out();
  Status address_change(EventType type);
  Status household_split();
  Status household_merge();
  Status head_change();
  Status name(EventType type);
  Status birth_date_correction();
  Status id_number_change();
  Status first_registration();
  Status acknowledgement();
  Status adoption();
  Status adoption_termination();
  Status guardianship();
  Status loss_of_nationality();
  Status restoration();
  Status indigenous(EventType type);
  Status assistance();
  Status custody();
  Status correction();
  Status ex_officio_move_out();
  Status registration_cancellation();

  RegisterState& s_;
  const Registration& r_;
  const Office& office_;
  Date today_;
  Plan plan_;
};

Result<Plan> Planner::run() {
  if (r_.event_date > today_) {
    return reject("future_date", "發生日期不得晚於今日", "the event date may not be in the future");
  }
  if (r_.event_date < Date::from_ymd(1900, 1, 1).value()) {
    return reject("event_date", "發生日期不正確", "the event date is out of range");
  }
  Status st;
  switch (r_.type) {
    case EventType::kBirth: st = birth(); break;
    case EventType::kDeath: st = death(EventType::kDeath); break;
    case EventType::kDeathDeclaration: st = death(EventType::kDeathDeclaration); break;
    case EventType::kMarriage: st = marriage(); break;
    case EventType::kDivorce: st = divorce(); break;
    case EventType::kMoveIn: st = move_in(EventType::kMoveIn); break;
    case EventType::kExOfficioMoveIn: st = move_in(EventType::kExOfficioMoveIn); break;
    case EventType::kMoveOut: st = move_out(); break;
    case EventType::kAddressChange: st = address_change(EventType::kAddressChange); break;
    case EventType::kExOfficioAddressChange:
      st = address_change(EventType::kExOfficioAddressChange);
      break;
    case EventType::kHouseholdSplit: st = household_split(); break;
    case EventType::kHouseholdMerge: st = household_merge(); break;
    case EventType::kHeadChange: st = head_change(); break;
    case EventType::kNameChange: st = name(EventType::kNameChange); break;
    case EventType::kNameCorrection: st = name(EventType::kNameCorrection); break;
    case EventType::kBirthDateCorrection: st = birth_date_correction(); break;
    case EventType::kIdNumberChange: st = id_number_change(); break;
    case EventType::kFirstRegistration: st = first_registration(); break;
    case EventType::kAcknowledgement: st = acknowledgement(); break;
    case EventType::kAdoption: st = adoption(); break;
    case EventType::kAdoptionTermination: st = adoption_termination(); break;
    case EventType::kGuardianship: st = guardianship(); break;
    case EventType::kLossOfNationality: st = loss_of_nationality(); break;
    case EventType::kRestoration: st = restoration(); break;
    case EventType::kIndigenousAcquisition:
    case EventType::kIndigenousLoss:
    case EventType::kIndigenousChange: st = indigenous(r_.type); break;
    case EventType::kAssistance: st = assistance(); break;
    case EventType::kCustody: st = custody(); break;
    case EventType::kCorrection: st = correction(); break;
    case EventType::kExOfficioMoveOut: st = ex_officio_move_out(); break;
    case EventType::kRegistrationCancellation: st = registration_cancellation(); break;
    case EventType::kRevocation:
      if (!r_.revokes) {
        return reject("revocation_target", "請指定欲撤銷之登記案",
                      "name the registration to revoke");
      }
      return plan_revocation(s_, r_, *r_.revokes, r_.revoked_seq);
    case EventType::kConversion:
      return reject("type", "此類記事不得以登記申請寫入", "this entry type cannot be applied for");
  }
  HUJI_TRY(st);
  return std::move(plan_);
}

Status Planner::birth() {
  HUJI_ASSIGN_OR_RETURN(std::string name, required("name", "出生者姓名"));
  if (!valid_name(name)) {
    return reject("name_invalid", "姓名含不允許之字元", "the name contains characters not allowed");
  }
  HUJI_ASSIGN_OR_RETURN(const std::string sex, sex_field());
  HUJI_ASSIGN_OR_RETURN(std::string place, required("place", "出生地"));
  std::optional<Person> father, mother;
  if (!field("father_id").empty()) {
    HUJI_ASSIGN_OR_RETURN(std::string id, id_field("father_id", "父"));
    HUJI_ASSIGN_OR_RETURN(father, find(id, "father_not_found", "父", "the father"));
    if (father->sex != core::Sex::kMale) {
      return reject("father_sex", "父之性別登記為女", "the father is registered as female");
    }
  }
  if (!field("mother_id").empty()) {
    HUJI_ASSIGN_OR_RETURN(std::string id, id_field("mother_id", "母"));
    HUJI_ASSIGN_OR_RETURN(mother, find(id, "mother_not_found", "母", "the mother"));
    if (mother->sex != core::Sex::kFemale) {
      return reject("mother_sex", "母之性別登記為男", "the mother is registered as male");
    }
    if (mother->status != PersonStatus::kActive) {
      if (mother->removal_reason != "death") {
        return reject("mother_removed", "母已除戶", "the mother is removed from the register");
      }
      HUJI_ASSIGN_OR_RETURN(Date died, death_date(*mother));
      if (died < r_.event_date) {
        return reject("mother_deceased", "出生日期晚於母之死亡日期",
                      "the birth date is after the mother's death");
      }
    }
  }
  if (!father && !mother && field("household_no").empty()) {
    return reject("parent_required", "請填寫父或母之統一編號，或出生者入籍之戶號",
                  "give the father's or mother's ID number, or the household to register in");
  }
  struct Parent {
    const std::optional<Person>& person;
    const char* zh;
    const char* en;
  };
  for (const Parent& parent :
       {Parent{father, "父", "the father"}, Parent{mother, "母", "the mother"}}) {
    if (!parent.person) continue;
    if (parent.person->birth_date >= r_.event_date) {
      return reject(
          "child_older_than_parent",
          std::string("出生日期不晚於申請書所填") + parent.zh + "之出生日期",
          std::string("the birth date is not after the birth of ") + parent.en + " given");
    }
    if (parent.person->birth_date.years_until(r_.event_date) < 12) {
      return reject("parent_too_young",
                    std::string("申請書所填") + parent.zh + "於子女出生時未滿 12 歲",
                    std::string(parent.en) + " given was under 12 at the birth");
    }
  }
  std::string household_no = field("household_no");
  if (household_no.empty()) {
    if (mother && !mother->household_no.empty())
      household_no = mother->household_no;
    else if (father)
      household_no = father->household_no;
  }
  if (household_no.empty()) {
    return reject("household_required", "父母均未設籍，請填寫出生者入籍之戶號",
                  "neither parent has a household: give the household to register in");
  }
  HUJI_ASSIGN_OR_RETURN(auto hh, s_.household(household_no));
  if (!hh) {
    return reject("household_not_found", "出生者應入籍之戶不在戶籍資料中",
                  "the household to register the child in is not in the register");
  }
  // 出生別: order among the mother's children (the father's when no mother is registered) of
  // the same sex, wherever they live now.
  const core::Sex child_sex = *core::sex_from_code(sex);
  std::vector<Person> siblings;
  if (mother || father) {
    HUJI_ASSIGN_OR_RETURN(siblings, s_.children(mother ? mother->id_number : father->id_number));
  }
  int order = 1;
  for (const auto& m : siblings) {
    if (!mother && m.mother_id) continue;            // the father's child by a registered mother
    if (m.removal_reason == "revocation") continue;  // a revoked birth never happened
    if (m.name == name && m.birth_date == r_.event_date) {
      return reject("duplicate", "同一父母已登記同名同日出生之子女，疑為重複申請",
                    "a child of these parents with this name and birth date is already "
                    "registered: a duplicate application");
    }
    if (m.sex == child_sex && m.birth_date <= r_.event_date) ++order;
  }
  HUJI_ASSIGN_OR_RETURN(std::string id, allocate_id(child_sex));
  Person child;
  child.id_number = id;
  child.name = name;
  child.sex = child_sex;
  child.birth_date = r_.event_date;
  child.birth_order = order;
  if (father) child.father_id = father->id_number;
  if (mother) child.mother_id = mother->id_number;
  HUJI_ASSIGN_OR_RETURN(auto head, s_.person(hh->head_id));
  std::string relation = "同居人";
  if (head) {
    HUJI_ASSIGN_OR_RETURN(relation, derive_relation(s_, *head, child));
  }
  Event e = make(EventType::kBirth, id, household_no);
  e.data[event_key::kName] = name;
  e.data[event_key::kSex] = sex;
  e.data[event_key::kPlace] = place;
  e.data[event_key::kRelation] = relation;
  e.data[event_key::kBirthOrder] = std::to_string(order);
  if (father) {
    e.data[event_key::kFatherId] = father->id_number;
    e.data[event_key::kFatherName] = father->name;
  }
  if (mother) {
    e.data[event_key::kMotherId] = mother->id_number;
    e.data[event_key::kMotherName] = mother->name;
    if (!mother->indigenous.empty()) e.data[event_key::kIndigenous] = mother->indigenous;
  }
  if (!e.data.count(event_key::kIndigenous) && father && !father->indigenous.empty()) {
    e.data[event_key::kIndigenous] = father->indigenous;
  }
  push(std::move(e));
  return {};
}

// 死亡, and 死亡宣告 (民法 §8, §9): the court declares a missing person dead; the event date
// is the presumed date of death the judgment fixes, which lies before the judgment.
Status Planner::death(EventType type) {
  HUJI_ASSIGN_OR_RETURN(Person p, active_subject());
  HUJI_TRY(not_before_birth(p));
  Event e = make(type, p.id_number, p.household_no);
  if (type == EventType::kDeathDeclaration) {
    HUJI_ASSIGN_OR_RETURN(e.data[event_key::kCourt], required("court", "宣告法院"));
    HUJI_ASSIGN_OR_RETURN(Date judgment, date_field("judgment_date", "宣告死亡裁判確定日期"));
    if (judgment > today_) {
      return reject("judgment_future", "宣告死亡裁判確定日期不得晚於今日",
                    "the judgment date may not be in the future");
    }
    if (judgment < r_.event_date) {
      return reject("judgment_before_death", "宣告死亡裁判確定日期早於推定死亡日期",
                    "the judgment date is before the presumed date of death");
    }
    e.data[event_key::kJudgmentDate] = judgment.to_iso();
    e.data[event_key::kRemoval] = "death_declared";
  } else {
    if (!field("place").empty()) e.data[event_key::kPlace] = field("place");
    e.data[event_key::kRemoval] = "death";
  }
  HUJI_TRY(succession(p));
  if (p.spouse_id) {
    e.data[event_key::kSpouseId] = *p.spouse_id;
    touch_household(p.household_no);
    HUJI_ASSIGN_OR_RETURN(auto spouse, s_.person(*p.spouse_id));
    if (spouse) touch_household(spouse->household_no);
  }
  push(std::move(e));
  return {};
}

Status Planner::marriage() {
  HUJI_ASSIGN_OR_RETURN(Person p, active_subject());
  HUJI_ASSIGN_OR_RETURN(std::string spouse_id, id_field("spouse_id", "配偶"));
  if (spouse_id == p.id_number) {
    return reject("same_person", "當事人不得與自己結婚", "a person cannot marry themself");
  }
  HUJI_ASSIGN_OR_RETURN(Person q, active(spouse_id, "spouse", "配偶", "the spouse"));
  if (p.spouse_id) {
    return reject("already_married", "當事人現有配偶，不得重婚（民法第985條）",
                  "the subject is married: bigamy is void (Civil Code art. 985)");
  }
  if (q.spouse_id) {
    return reject("spouse_already_married", "申請書所填配偶現有配偶，不得重婚（民法第985條）",
                  "the spouse given is married: bigamy is void (Civil Code art. 985)");
  }
  for (const Person* x : {&p, &q}) {
    const bool subject = x == &p;
    const std::string zh = subject ? "當事人" : "申請書所填配偶";
    const std::string en = subject ? "the subject" : "the spouse given";
    HUJI_TRY(not_before_birth(*x, zh, en));
    const int min_age = x->sex == core::Sex::kFemale ? r_.rules.marriage_min_age_woman
                                                     : r_.rules.marriage_min_age_man;
    if (x->birth_date.years_until(r_.event_date) < min_age) {
      const std::string n = std::to_string(min_age);
      std::string why_zh = zh;
      why_zh.append("結婚時未滿 ").append(n).append(" 歲（民法第980條）");
      std::string why_en = en;
      why_en.append(" was under ").append(n).append(" at the marriage (Civil Code art. 980)");
      return reject("underage", std::move(why_zh), std::move(why_en));
    }
  }
  const bool kin = p.father_id == q.id_number || p.mother_id == q.id_number ||
                   q.father_id == p.id_number || q.mother_id == p.id_number ||
                   (p.father_id && p.father_id == q.father_id) ||
                   (p.mother_id && p.mother_id == q.mother_id);
  if (kin) {
    return reject("prohibited_kin", "直系血親或旁系二親等不得結婚（民法第983條）",
                  "relatives in the direct line or siblings may not marry (Civil Code art. 983)");
  }
  Event a = make(EventType::kMarriage, p.id_number, p.household_no);
  a.data[event_key::kSpouseId] = q.id_number;
  a.data[event_key::kSpouseName] = q.name;
  Event b = make(EventType::kMarriage, q.id_number, q.household_no);
  b.data[event_key::kSpouseId] = p.id_number;
  b.data[event_key::kSpouseName] = p.name;
  push(std::move(a));
  push(std::move(b));
  return {};
}

Status Planner::divorce() {
  HUJI_ASSIGN_OR_RETURN(Person p, active_subject());
  HUJI_ASSIGN_OR_RETURN(std::string spouse_id, id_field("spouse_id", "配偶"));
  if (p.spouse_id != spouse_id) {
    return reject("not_married", "申請書所填配偶與當事人並無婚姻關係（民法第1049條、第1052條）",
                  "the spouse given is not married to the subject (Civil Code arts. 1049, 1052)");
  }
  const std::string& reason = field("reason");
  if (reason != "agreed" && reason != "court") {
    return Error::invalid("registration.divorce_reason",
                          "離婚種類須為 agreed（兩願）或 court（判決）",
                          "reason must be agreed or court");
  }
  HUJI_ASSIGN_OR_RETURN(Person q, find(spouse_id, "spouse_not_found", "配偶", "the spouse"));
  Event a = make(EventType::kDivorce, p.id_number, p.household_no);
  a.data[event_key::kSpouseId] = q.id_number;
  a.data[event_key::kSpouseName] = q.name;
  a.data[event_key::kReason] = reason;
  push(std::move(a));
  // Written on the spouse too whenever the link is mutual, removed or not: an emigrant keeps
  // the marriage, and would otherwise stay linked to someone who may remarry.
  if (q.spouse_id == p.id_number) {
    Event b = make(EventType::kDivorce, q.id_number, q.household_no);
    b.data[event_key::kSpouseId] = p.id_number;
    b.data[event_key::kSpouseName] = p.name;
    b.data[event_key::kReason] = reason;
    push(std::move(b));
  }
  return {};
}

Status Planner::move_in(EventType type) {
  HUJI_ASSIGN_OR_RETURN(Person p, subject());
  HUJI_ASSIGN_OR_RETURN(std::string from, required("from", "遷入前住址或國家"));
  if (p.status != PersonStatus::kActive) {
    if (p.removal_reason == "death") {
      return subject_deceased();
    }
    if (p.removal_reason == "loss_of_nationality" || p.removal_reason == "loss_of_status") {
      return reject("use_restoration", "當事人已喪失國籍廢止戶籍，請辦理恢復戶籍",
                    "the subject lost nationality: register a restoration instead");
    }
    if (p.removal_reason != "emigration") return subject_removed();
  }
  std::optional<Household> old;
  if (p.status == PersonStatus::kActive) {
    HUJI_ASSIGN_OR_RETURN(Household h, household_of(p));
    if (type == EventType::kMoveIn && h.office_code == office_.code) {
      return reject("same_district", "當事人已設籍本區，區內遷移請辦理住址變更",
                    "the subject already lives in this district: register an address change");
    }
    old = h;
  }
  Target t;
  if (type == EventType::kExOfficioMoveIn) {
    HUJI_ASSIGN_OR_RETURN(std::string reason, required("reason", "逕為遷入原因"));
    if (field("office_door_plate_id").empty()) {
      return reject("office_plate_missing", "本所門牌未登錄於門牌資料，無法逕遷戶所",
                    "the office's own door plate is not in the register");
    }
    HUJI_ASSIGN_OR_RETURN(DoorPlate plate, plate("office_door_plate_id"));
    HUJI_ASSIGN_OR_RETURN(t.household_no, s_.next_household_no(office_.code));
    t.new_household = true;
    t.door_plate_id = plate.id;
    t.relation = "戶長";
  } else {
    HUJI_ASSIGN_OR_RETURN(t, target(p.id_number));
  }
  if (old) {
    HUJI_TRY(succession(p));
    touch_household(old->household_no);  // left without a move-out when ex officio in-district
    if (old->office_code != office_.code) {
      Event out = make(EventType::kMoveOut, p.id_number, old->household_no);
      out.data[event_key::kTo] = district();
      push(std::move(out));
    }
  }
  Event e = make(type, p.id_number, t.household_no);
  e.data[event_key::kFrom] = from;
  if (type == EventType::kExOfficioMoveIn) e.data[event_key::kReason] = field("reason");
  placement(e, t);
  push(std::move(e));
  return {};
}

Status Planner::move_out() {
  HUJI_ASSIGN_OR_RETURN(Person p, active_subject());
  HUJI_ASSIGN_OR_RETURN(std::string to, required("to", "遷往地"));
  std::string county = to;  // 台北市… is written as often as 臺北市…
  if (county.rfind("台", 0) == 0) county.replace(0, std::string("台").size(), "臺");
  for (const auto& c : core::counties()) {
    if (county.rfind(c.name, 0) == 0) {
      return reject("move_out_domestic", "國內遷徙由遷入地戶政事務所辦理遷入登記，遷出登記一併完成",
                    "a move within Taiwan is registered as a move-in at the new district, "
                    "which also writes the move-out");
    }
  }
  HUJI_TRY(not_before_birth(p));
  HUJI_TRY(succession(p));
  Event e = make(EventType::kMoveOut, p.id_number, p.household_no);
  e.data[event_key::kTo] = to;
  e.data[event_key::kRemoval] = "emigration";
  push(std::move(e));
  return {};
}

// 住址變更, and 逕為住址變更: the same move within the district, registered by the office on its
// own after a written reminder went unanswered (戶籍法 §42), with the ground it found.
Status Planner::address_change(EventType type) {
  HUJI_ASSIGN_OR_RETURN(Person p, active_subject());
  std::string reason;
  if (type == EventType::kExOfficioAddressChange) {
    HUJI_ASSIGN_OR_RETURN(reason, required("reason", "逕為住址變更原因"));
  }
  auto made = [&](const std::string& id, const std::string& no) {
    Event e = make(type, id, no);
    if (!reason.empty()) e.data[event_key::kReason] = reason;
    return e;
  };
  HUJI_ASSIGN_OR_RETURN(Household h, household_of(p));
  if (h.office_code != office_.code) {
    return reject("other_district", "當事人設籍於他區，遷入本區請辦理遷入登記",
                  "the subject lives in another district: register a move-in");
  }
  if (field("household_no").empty() && h.head_id == p.id_number) {
    HUJI_ASSIGN_OR_RETURN(DoorPlate plate, plate("door_plate_id"));
    if (plate.id == h.door_plate_id) {
      return reject("same_address", "新址與現址相同", "the new address is the current one");
    }
    HUJI_ASSIGN_OR_RETURN(auto members, s_.members(h.household_no));
    Event head = made(p.id_number, h.household_no);
    head.data[event_key::kWholeHousehold] = "1";
    head.data[event_key::kDoorPlateId] = std::to_string(plate.id);
    head.data[event_key::kTo] = plate.address.format();
    push(std::move(head));
    for (const auto& m : members) {
      if (m.id_number == p.id_number || m.status != PersonStatus::kActive) continue;
      Event e = made(m.id_number, h.household_no);
      e.data[event_key::kWholeHousehold] = "1";
      e.data[event_key::kDoorPlateId] = std::to_string(plate.id);
      e.data[event_key::kTo] = plate.address.format();
      push(std::move(e));
    }
    return {};
  }
  HUJI_ASSIGN_OR_RETURN(Target t, target(p.id_number));
  HUJI_TRY(succession(p));
  Event e = made(p.id_number, t.household_no);
  e.data[event_key::kFromHousehold] = h.household_no;
  placement(e, t);
  push(std::move(e));
  touch_household(h.household_no);
  return {};
}

Status Planner::household_split() {
  HUJI_ASSIGN_OR_RETURN(Person p, active_subject());
  HUJI_ASSIGN_OR_RETURN(Household h, household_of(p));
  if (h.office_code != office_.code) {
    return reject("other_district", "當事人不屬本所轄區", "the subject lives in another district");
  }
  if (h.head_id == p.id_number) {
    return reject("head_cannot_split", "戶長不得自本戶分出，請由其他戶內人口分戶或辦理戶長變更",
                  "the head cannot split off their own household");
  }
  HUJI_ASSIGN_OR_RETURN(DoorPlate plate, plate("door_plate_id"));
  HUJI_ASSIGN_OR_RETURN(std::string no, s_.next_household_no(office_.code));
  std::vector<Person> going;
  for (const std::string& id : split_ids(field("members"))) {
    HUJI_ASSIGN_OR_RETURN(auto m, s_.person(id));
    if (!m || m->household_no != h.household_no || m->status != PersonStatus::kActive ||
        m->id_number == p.id_number) {
      return reject("member_invalid", "申請書所填隨同分戶人口非當事人之戶之現住人口",
                    "a member given to leave with the split is not a current member of the "
                    "subject's household");
    }
    if (m->id_number == h.head_id) {
      return reject("head_cannot_split", "戶長不得隨同分戶", "the head cannot leave with a split");
    }
    going.push_back(std::move(*m));
  }
  Event e = make(EventType::kHouseholdSplit, p.id_number, no);
  e.data[event_key::kFrom] = h.household_no;
  e.data[event_key::kNewHousehold] = "1";
  e.data[event_key::kDoorPlateId] = std::to_string(plate.id);
  e.data[event_key::kRelation] = "戶長";
  push(std::move(e));
  touch_household(h.household_no);
  for (const auto& m : going) {
    Event x = make(EventType::kHouseholdSplit, m.id_number, no);
    x.data[event_key::kFrom] = h.household_no;
    HUJI_ASSIGN_OR_RETURN(x.data[event_key::kRelation], derive_relation(s_, p, m));
    push(std::move(x));
  }
  return {};
}

Status Planner::household_merge() {
  HUJI_ASSIGN_OR_RETURN(Person p, active_subject());
  HUJI_ASSIGN_OR_RETURN(Household a, household_of(p));
  if (a.head_id != p.id_number) {
    return reject("not_head", "合戶須由戶長申請，將全戶併入他戶",
                  "only the head can merge the household into another");
  }
  HUJI_ASSIGN_OR_RETURN(std::string no, required("household_no", "併入之戶號"));
  if (no == a.household_no)
    return reject("same_household", "不得併入本戶", "cannot merge a household into itself");
  HUJI_ASSIGN_OR_RETURN(auto b, s_.household(no));
  if (!b) {
    return reject("household_not_found", "申請書所填併入之戶號不在戶籍資料中",
                  "the household to merge into is not in the register");
  }
  if (b->office_code != office_.code || a.office_code != office_.code) {
    return reject("household_other_office", "合戶之兩戶均須屬本所轄區",
                  "both households must be in this district");
  }
  HUJI_ASSIGN_OR_RETURN(std::string relation, required("relation", "稱謂"));
  if (relation == "戶長" || relation.size() > 30) {
    return reject("relation_invalid", "稱謂不正確（戶長已有其人）",
                  "invalid relation to the head (the household has a head)");
  }
  HUJI_ASSIGN_OR_RETURN(auto head_b, s_.person(b->head_id));
  HUJI_ASSIGN_OR_RETURN(auto members, s_.members(a.household_no));
  Event e = make(EventType::kHouseholdMerge, p.id_number, no);
  e.data[event_key::kFrom] = a.household_no;
  e.data[event_key::kRelation] = relation;
  push(std::move(e));
  touch_household(a.household_no);
  for (const auto& m : members) {
    if (m.id_number == p.id_number || m.status != PersonStatus::kActive) continue;
    Event x = make(EventType::kHouseholdMerge, m.id_number, no);
    x.data[event_key::kFrom] = a.household_no;
    std::string rel = "同居人";
    if (head_b) {
      HUJI_ASSIGN_OR_RETURN(rel, derive_relation(s_, *head_b, m));
    }
    x.data[event_key::kRelation] = rel;
    push(std::move(x));
  }
  return {};
}

Status Planner::head_change() {
  HUJI_ASSIGN_OR_RETURN(Person p, active_subject());
  HUJI_ASSIGN_OR_RETURN(Household h, household_of(p));
  if (h.head_id == p.id_number)
    return reject("already_head", "當事人已是戶長", "the subject is already the head");
  HUJI_ASSIGN_OR_RETURN(auto old_head, s_.person(h.head_id));
  HUJI_ASSIGN_OR_RETURN(auto members, s_.members(h.household_no));
  Event e = make(EventType::kHeadChange, p.id_number, h.household_no);
  if (old_head) {
    e.data[event_key::kOldHeadId] = old_head->id_number;
    e.data[event_key::kOldHeadName] = old_head->name;
  }
  if (!field("reason").empty()) e.data[event_key::kReason] = field("reason");
  for (const auto& m : members) {
    if (m.id_number == p.id_number) continue;
    HUJI_ASSIGN_OR_RETURN(e.data[event_key::relation_key(m.id_number)], derive_relation(s_, p, m));
  }
  push(std::move(e));
  return {};
}

Status Planner::name(EventType type) {
  HUJI_ASSIGN_OR_RETURN(Person p, active_subject());
  HUJI_ASSIGN_OR_RETURN(std::string new_name, required("new_name", "新姓名"));
  HUJI_ASSIGN_OR_RETURN(std::string reason, required("reason", "原因"));
  if (!valid_name(new_name)) {
    return reject("name_invalid", "姓名含不允許之字元", "the name contains characters not allowed");
  }
  if (new_name == p.name)
    return reject("same_name", "新姓名與現登記姓名相同", "the new name is the current one");
  const NameChangeGround* ground = find_name_change_ground(reason);
  if (type == EventType::kNameChange && ground == nullptr) {
    std::string codes;
    for (const auto& g : name_change_grounds()) {
      if (!codes.empty()) codes += ", ";
      codes += g.code;
    }
    return Error::invalid("registration.name_change_reason",
                          "改名原因須為姓名條例第9條第1項所列事由之一：" + codes,
                          "the reason must be one of the grounds of Name Act art. 9(1): " + codes);
  }
  HUJI_ASSIGN_OR_RETURN(auto events, s_.events_of(p.id_number));
  std::optional<int64_t> sets_name;
  // The entries a revocation put back (oldest first: a revoked revocation restores its own
  // target).
  std::set<int64_t> revoked;
  std::map<int64_t, int64_t> target_of;  // revocation entry → the entry it revoked
  for (const auto& ev : events) {
    if (ev.type != EventType::kRevocation || !ev.corrects_seq) continue;
    revoked.insert(*ev.corrects_seq);
    target_of[ev.seq] = *ev.corrects_seq;
    if (auto it = target_of.find(*ev.corrects_seq); it != target_of.end()) {
      revoked.erase(it->second);
    }
  }
  int capped_changes = 0;
  for (const auto& ev : events) {
    if (ev.type == EventType::kNameChange && !revoked.count(ev.seq)) {
      auto r = ev.data.find(event_key::kReason);
      if (name_change_counts_toward_cap(r == ev.data.end() ? "" : r->second)) ++capped_changes;
    }
    if (ev.type == EventType::kNameChange || ev.type == EventType::kNameCorrection ||
        ev.type == EventType::kBirth || ev.type == EventType::kFirstRegistration ||
        ev.type == EventType::kConversion) {
      sets_name = ev.seq;
    }
  }
  // 姓名條例 §9 ¶2: on ground 6 at most `name_change_cap` times; the other grounds and
  // revoked changes do not count.
  if (type == EventType::kNameChange && ground->capped &&
      capped_changes >= r_.rules.name_change_cap) {
    const std::string n = std::to_string(r_.rules.name_change_cap);
    return reject(
        "name_change_limit",
        "當事人已依姓名條例第9條第1項第6款改名 " + n + " 次，不得再依該款改名（同條第2項）",
        "the subject has changed name " + n + " times on ground 6 already (Name Act art. 9(2))");
  }
  Event e = make(type, p.id_number, p.household_no);
  e.data[event_key::kOldName] = p.name;
  e.data[event_key::kNewName] = new_name;
  e.data[event_key::kReason] = reason;
  if (type == EventType::kNameCorrection && sets_name && *sets_name > 0) e.corrects_seq = sets_name;
  push(std::move(e));
  return {};
}

Status Planner::birth_date_correction() {
  HUJI_ASSIGN_OR_RETURN(Person p, active_subject());
  HUJI_ASSIGN_OR_RETURN(std::string text, required("new_date", "更正後出生日期"));
  HUJI_ASSIGN_OR_RETURN(std::string reason, required("reason", "原因"));
  auto parsed = Date::parse_iso(text);
  if (!parsed.ok()) {
    return Error::invalid("registration.new_date", "更正後出生日期格式須為 YYYY-MM-DD",
                          "new_date must be YYYY-MM-DD");
  }
  const Date d = *parsed;
  if (d > today_)
    return reject("future_date", "出生日期不得晚於今日", "a birth date may not be in the future");
  if (d == p.birth_date)
    return reject("same_date", "更正後日期與現登記相同", "the date is the one registered");
  for (const auto& parent_id : {p.father_id, p.mother_id}) {
    if (!parent_id) continue;
    HUJI_ASSIGN_OR_RETURN(auto parent, s_.person(*parent_id));
    if (parent && parent->birth_date >= d) {
      return reject("child_older_than_parent", "更正後當事人將年長於其父或母",
                    "the corrected date would make the subject older than a parent");
    }
  }
  HUJI_ASSIGN_OR_RETURN(auto events, s_.events_of(p.id_number));
  std::optional<int64_t> birth_seq;
  for (const auto& ev : events) {
    if (ev.type == EventType::kBirth || ev.type == EventType::kBirthDateCorrection)
      birth_seq = ev.seq;
  }
  Event e = make(EventType::kBirthDateCorrection, p.id_number, p.household_no);
  e.data[event_key::kOldDate] = p.birth_date.to_iso();
  e.data[event_key::kNewDate] = d.to_iso();
  e.data[event_key::kReason] = reason;
  if (birth_seq && *birth_seq > 0) e.corrects_seq = birth_seq;
  push(std::move(e));
  return {};
}

Status Planner::id_number_change() {
  HUJI_ASSIGN_OR_RETURN(Person p, active_subject());
  HUJI_ASSIGN_OR_RETURN(std::string reason, required("reason", "原因"));
  const char letter = p.id_number[0];
  const int digit = p.id_number[1] - '0';
  if (digit < 1 || digit > 9) {
    return reject("id_legacy", "舊式居留證號不得變更為新號，請辦理初設戶籍",
                  "a legacy resident number cannot be changed here");
  }
  HUJI_ASSIGN_OR_RETURN(uint32_t serial, s_.next_id_serial(letter, digit));
  const std::string new_id = core::IdNumber::make(letter, digit, serial).str();
  Event e = make(EventType::kIdNumberChange, p.id_number, p.household_no);
  e.data[event_key::kOldId] = p.id_number;
  e.data[event_key::kNewId] = new_id;
  e.data[event_key::kReason] = reason;
  // The children's parent links follow the new number, wherever they live.
  HUJI_ASSIGN_OR_RETURN(auto children, s_.children(p.id_number));
  std::string list;
  for (const auto& c : children) {
    if (!list.empty()) list += ',';
    list += c.id_number;
    touch_household(c.household_no);
  }
  if (!list.empty()) e.data[event_key::kChildren] = list;
  push(std::move(e));
  plan_.persons_touched.push_back(new_id);
  return {};
}

Status Planner::first_registration() {
  HUJI_ASSIGN_OR_RETURN(std::string name, required("name", "姓名"));
  if (!valid_name(name)) {
    return reject("name_invalid", "姓名含不允許之字元", "the name contains characters not allowed");
  }
  HUJI_ASSIGN_OR_RETURN(const std::string sex, sex_field());
  HUJI_ASSIGN_OR_RETURN(std::string birth_text, required("birth_date", "出生日期"));
  auto birth = Date::parse_iso(birth_text);
  if (!birth.ok()) {
    return Error::invalid("registration.birth_date", "出生日期格式須為 YYYY-MM-DD",
                          "birth_date must be YYYY-MM-DD");
  }
  if (*birth > r_.event_date) {
    return reject("before_birth", "出生日期晚於初設戶籍日期",
                  "the birth date is after the registration event");
  }
  HUJI_ASSIGN_OR_RETURN(std::string birth_place, required("birth_place", "出生地"));
  HUJI_ASSIGN_OR_RETURN(Target t, target(""));
  const core::Sex s = *core::sex_from_code(sex);
  HUJI_ASSIGN_OR_RETURN(std::string id, allocate_id(s));
  Event e = make(EventType::kFirstRegistration, id, t.household_no);
  e.data[event_key::kName] = name;
  e.data[event_key::kSex] = sex;
  e.data[event_key::kBirthDate] = birth->to_iso();
  e.data[event_key::kBirthPlace] = birth_place;
  if (!field("from").empty()) e.data[event_key::kFrom] = field("from");
  placement(e, t);
  push(std::move(e));
  return {};
}

Status Planner::acknowledgement() {
  HUJI_ASSIGN_OR_RETURN(Person p, active_subject());
  HUJI_ASSIGN_OR_RETURN(std::string father_id, id_field("father_id", "生父"));
  if (father_id == p.id_number)
    return reject("same_person", "不得認領自己", "a person cannot acknowledge themself");
  HUJI_ASSIGN_OR_RETURN(Person f, find(father_id, "father_not_found", "生父", "the father"));
  if (f.sex != core::Sex::kMale)
    return reject("father_sex", "生父之性別登記為女", "the father is registered as female");
  if (p.father_id) {
    return reject("already_has_father", "當事人已有父之登記，不得認領",
                  "the subject already has a registered father");
  }
  if (f.birth_date >= p.birth_date) {
    return reject("child_older_than_parent", "被認領人不得年長於生父",
                  "the child cannot be older than the father");
  }
  if (f.birth_date.years_until(p.birth_date) < 12) {
    return reject("parent_too_young", "生父於子女出生時未滿 12 歲",
                  "the father was under 12 at the birth");
  }
  Event e = make(EventType::kAcknowledgement, p.id_number, p.household_no);
  e.data[event_key::kFatherId] = f.id_number;
  e.data[event_key::kFatherName] = f.name;
  push(std::move(e));
  return {};
}

Status Planner::adoption() {
  HUJI_ASSIGN_OR_RETURN(Person p, active_subject());
  HUJI_ASSIGN_OR_RETURN(std::string a_id, id_field("adopter_id", "收養人"));
  HUJI_ASSIGN_OR_RETURN(Person a, active(a_id, "adopter", "收養人", "the adopter"));
  std::optional<Person> b;
  if (!field("adopter2_id").empty()) {
    HUJI_ASSIGN_OR_RETURN(std::string b_id, id_field("adopter2_id", "共同收養人"));
    HUJI_ASSIGN_OR_RETURN(b, active(b_id, "adopter", "共同收養人", "the second adopter"));
    if (a.spouse_id != b->id_number) {
      return reject("adopters_not_spouses", "共同收養人須為收養人之配偶",
                    "joint adopters must be married to each other");
    }
  }
  if (a.id_number == p.id_number || (b && b->id_number == p.id_number)) {
    return reject("same_person", "不得收養自己", "a person cannot adopt themself");
  }
  // 繼親收養: one adopting the child of their spouse (民法 §1074; between spouses of the same
  // sex 司法院釋字第748號解釋施行法 §20) keeps the spouse as the other parent.
  const bool spouse_is_parent =
      !b && a.spouse_id && (p.father_id == a.spouse_id || p.mother_id == a.spouse_id);
  // 民法第1073條: the adopter at least 20 years older; jointly, one 20 and the other 16; the
  // spouse of a parent 16.
  const int age_a = a.birth_date.years_until(p.birth_date);
  const int age_b = b ? b->birth_date.years_until(p.birth_date) : 0;
  const bool ok = b ? (std::max(age_a, age_b) >= 20 && std::min(age_a, age_b) >= 16)
                  : spouse_is_parent ? age_a >= 16
                                     : age_a >= 20;
  if (!ok || p.birth_date <= a.birth_date) {
    return reject("age_gap", "收養人應長於被收養人 20 歲以上（夫妻共同收養一方 20 歲、他方 16 歲）",
                  "the adopter must be 20 years older than the adoptee (jointly: 20 and 16)");
  }
  for (const Person* x : {&a, b ? &*b : nullptr}) {
    if (x && (p.father_id == x->id_number || p.mother_id == x->id_number)) {
      return reject(
          "already_parent",
          std::string("申請書所填") + (x == &a ? "收養人" : "共同收養人") + "已是被收養人之父母",
          std::string(x == &a ? "the adopter" : "the second adopter") +
              " given is already the adoptee's parent");
    }
  }
  Event e = make(EventType::kAdoption, p.id_number, p.household_no);
  e.data[event_key::kAdopterId] = a.id_number;
  e.data[event_key::kAdopterName] = b ? a.name + "、" + b->name : a.name;
  e.data[event_key::kOldFatherId] = p.father_id.value_or("");
  e.data[event_key::kOldMotherId] = p.mother_id.value_or("");
  e.data[event_key::kOldFatherName] = p.father_name;
  e.data[event_key::kOldMotherName] = p.mother_name;
  // The parent links are the two slots father_id and mother_id (every reader and both stores
  // know them so); the adopters decide which they take, not the order they are named in: the
  // spouse of a parent takes the slot that parent does not hold; otherwise each adopter the
  // slot of their sex, and of two of the same sex the second the other slot. Who a parent is
  // to the child (父 or 母) is read from the parent's own sex (derive_relation), never from
  // the slot.
  auto slot_of = [](const Person& x) { return x.sex == core::Sex::kFemale ? 1 : 0; };
  std::array<const Person*, 2> slots = {nullptr, nullptr};  // father_id, mother_id
  if (spouse_is_parent) {
    slots[p.father_id == a.spouse_id ? 1 : 0] = &a;
  } else {
    slots[slot_of(a)] = &a;
    if (b) slots[1 - slot_of(a)] = &*b;
  }
  if (slots[0]) {
    e.data[event_key::kFatherId] = slots[0]->id_number;
    e.data[event_key::kFatherName] = slots[0]->name;
  }
  if (slots[1]) {
    e.data[event_key::kMotherId] = slots[1]->id_number;
    e.data[event_key::kMotherName] = slots[1]->name;
  }
  if (b) e.data[event_key::kAdopter2Id] = b->id_number;
  push(std::move(e));
  return {};
}

Status Planner::adoption_termination() {
  HUJI_ASSIGN_OR_RETURN(Person p, active_subject());
  HUJI_ASSIGN_OR_RETURN(std::string a_id, id_field("adopter_id", "收養人"));
  HUJI_ASSIGN_OR_RETURN(auto events, s_.events_of(p.id_number));
  const Event* adoption = nullptr;
  for (const auto& ev : events) {
    const bool names =
        ev.data.count(event_key::kAdopterId) &&
        (ev.data.at(event_key::kAdopterId) == a_id ||
         (ev.data.count(event_key::kAdopter2Id) && ev.data.at(event_key::kAdopter2Id) == a_id));
    if (ev.type == EventType::kAdoption && names && !is_history(ev)) adoption = &ev;
    if (ev.type == EventType::kAdoptionTermination && names) adoption = nullptr;
  }
  if (!adoption) {
    return reject("not_adopted", "申請書所填收養人與當事人並無收養關係",
                  "the subject is not adopted by the adopter given");
  }
  Event e = make(EventType::kAdoptionTermination, p.id_number, p.household_no);
  const auto& adopted = adoption->data;
  e.data[event_key::kAdopterId] = adopted.at(event_key::kAdopterId);
  if (adopted.count(event_key::kAdopter2Id)) {
    e.data[event_key::kAdopter2Id] = adopted.at(event_key::kAdopter2Id);
  }
  e.data[event_key::kAdopterName] =
      adopted.count(event_key::kAdopterName) ? adopted.at(event_key::kAdopterName) : "";
  auto restore = [&](const char* slot, const char* old_slot) {
    if (adoption->data.count(slot))
      e.data[slot] = adoption->data.count(old_slot) ? adoption->data.at(old_slot) : "";
  };
  restore(event_key::kFatherId, event_key::kOldFatherId);
  restore(event_key::kFatherName, event_key::kOldFatherName);
  restore(event_key::kMotherId, event_key::kOldMotherId);
  restore(event_key::kMotherName, event_key::kOldMotherName);
  if (!field("reason").empty()) e.data[event_key::kReason] = field("reason");
  push(std::move(e));
  return {};
}

Status Planner::guardianship() {
  HUJI_ASSIGN_OR_RETURN(Person p, active_subject());
  HUJI_ASSIGN_OR_RETURN(std::string g_id, id_field("guardian_id", "監護人"));
  if (g_id == p.id_number)
    return reject("same_person", "不得擔任自己之監護人", "a person cannot be their own guardian");
  HUJI_ASSIGN_OR_RETURN(Person g, active(g_id, "guardian", "監護人", "the guardian"));
  if (g.birth_date.years_until(r_.event_date) < r_.rules.age_of_majority) {
    return reject("guardian_underage", "監護人須已成年", "the guardian must be an adult");
  }
  Event e = make(EventType::kGuardianship, p.id_number, p.household_no);
  e.data[event_key::kGuardianId] = g.id_number;
  e.data[event_key::kGuardianName] = g.name;
  if (!field("reason").empty()) e.data[event_key::kReason] = field("reason");
  push(std::move(e));
  return {};
}

// 廢止戶籍: on the loss of nationality (國籍法 §11) or of the status of a person of the Taiwan
// Area (臺灣地區與大陸地區人民關係條例 §9-1); the reason is the removal's.
Status Planner::loss_of_nationality() {
  HUJI_ASSIGN_OR_RETURN(Person p, active_subject());
  HUJI_ASSIGN_OR_RETURN(std::string letter, required("letter_no", "內政部核准文號"));
  std::string reason = "loss_of_nationality";
  if (!field("reason").empty()) {
    HUJI_ASSIGN_OR_RETURN(
        reason, choice("reason", {"loss_of_nationality", "loss_of_status"}, "廢止戶籍原因",
                       "loss_of_nationality（喪失國籍）或 loss_of_status（喪失臺灣地區人民身分）",
                       "loss_of_nationality or loss_of_status"));
  }
  HUJI_TRY(succession(p));
  Event e = make(EventType::kLossOfNationality, p.id_number, p.household_no);
  e.data[event_key::kLetterNo] = letter;
  e.data[event_key::kReason] = reason;
  e.data[event_key::kRemoval] = reason;
  push(std::move(e));
  return {};
}

Status Planner::restoration() {
  HUJI_ASSIGN_OR_RETURN(Person p, subject());
  if (p.status == PersonStatus::kActive) {
    return reject("not_removed", "當事人現仍設有戶籍，無須恢復",
                  "the subject is not removed from the register");
  }
  if (p.removal_reason == "death") return subject_deceased();
  if (p.removal_reason != "loss_of_nationality" && p.removal_reason != "loss_of_status" &&
      p.removal_reason != "emigration") {
    return subject_removed();
  }
  HUJI_ASSIGN_OR_RETURN(Target t, target(p.id_number));
  Event e = make(EventType::kRestoration, p.id_number, t.household_no);
  if (!field("from").empty()) e.data[event_key::kFrom] = field("from");
  placement(e, t);
  push(std::move(e));
  return {};
}

// 原住民身分取得 / 喪失 and 原住民族別變更 (原住民身分法 §4-§11; registered at the household
// registration office). The 平地 / 山地 kind is kept on the acquiring entry.
Status Planner::indigenous(EventType type) {
  HUJI_ASSIGN_OR_RETURN(Person p, active_subject());
  HUJI_TRY(not_before_birth(p));
  if (type == EventType::kIndigenousAcquisition && !p.indigenous.empty()) {
    return reject("already_indigenous", "當事人已具原住民身分，族別變更請辦理原住民族別變更登記",
                  "the subject already has indigenous status: register a change of people");
  }
  if (type != EventType::kIndigenousAcquisition && p.indigenous.empty()) {
    return reject("not_indigenous", "當事人未具原住民身分", "the subject has no indigenous status");
  }
  Event e = make(type, p.id_number, p.household_no);
  if (type != EventType::kIndigenousLoss) {
    HUJI_ASSIGN_OR_RETURN(std::string tribe, required("tribe", "原住民族別"));
    if (std::find(kIndigenousPeoples.begin(), kIndigenousPeoples.end(), tribe) ==
        kIndigenousPeoples.end()) {
      return Error::invalid("registration.tribe", "原住民族別須為經核定之 16 族之一",
                            "tribe must be one of the 16 recognised indigenous peoples");
    }
    if (tribe == p.indigenous) {
      return reject("same_tribe", "變更後族別與現登記相同",
                    "the people given is the one registered");
    }
    e.data[event_key::kIndigenous] = tribe;
  }
  if (type == EventType::kIndigenousAcquisition) {
    HUJI_ASSIGN_OR_RETURN(e.data[event_key::kIndigenousKind],
                          choice("kind", {"plains", "mountain"}, "原住民身分別",
                                 "plains（平地）或 mountain（山地）", "plains or mountain"));
  } else {
    e.data[event_key::kOldIndigenous] = p.indigenous;
  }
  if (type == EventType::kIndigenousLoss) {
    HUJI_ASSIGN_OR_RETURN(e.data[event_key::kReason], required("reason", "喪失原因"));
  }
  push(std::move(e));
  return {};
}

// 輔助 (民法 §15-1, §1113-1): the court appoints an assistant to a person declared in need of
// assistance; no change to the projections.
Status Planner::assistance() {
  HUJI_ASSIGN_OR_RETURN(Person p, active_subject());
  HUJI_ASSIGN_OR_RETURN(Person a, adult("assistant_id", "assistant", "輔助人", "the assistant"));
  HUJI_ASSIGN_OR_RETURN(std::string court, required("court", "裁定法院"));
  Event e = make(EventType::kAssistance, p.id_number, p.household_no);
  e.data[event_key::kAssistantId] = a.id_number;
  e.data[event_key::kAssistantName] = a.name;
  e.data[event_key::kCourt] = court;
  if (!field("reason").empty()) e.data[event_key::kReason] = field("reason");
  push(std::move(e));
  return {};
}

// 未成年子女權利義務行使負擔 (民法 §1055, §1089): after a divorce (or when the parents live
// apart), who exercises a minor's parental rights, by the parents' agreement or the court.
Status Planner::custody() {
  HUJI_ASSIGN_OR_RETURN(Person p, active_subject());
  HUJI_TRY(not_before_birth(p));
  if (p.birth_date.years_until(r_.event_date) >= r_.rules.age_of_majority) {
    return reject("not_minor", "當事人於發生日期已成年（民法第12條、第1055條）",
                  "the subject was an adult on the event date (Civil Code arts. 12, 1055)");
  }
  HUJI_ASSIGN_OR_RETURN(std::string holder,
                        choice("holder", {"father", "mother", "both", "other"}, "行使負擔者",
                               "father（父）、mother（母）、both（父母共同）或 other（他人）",
                               "father, mother, both or other"));
  HUJI_ASSIGN_OR_RETURN(std::string basis,
                        choice("basis", {"court", "agreement"}, "決定方式",
                               "court（法院裁判）或 agreement（協議）", "court or agreement"));
  Event e = make(EventType::kCustody, p.id_number, p.household_no);
  e.data[event_key::kHolder] = holder;
  e.data[event_key::kBasis] = basis;
  if (basis == "court") {
    HUJI_ASSIGN_OR_RETURN(e.data[event_key::kCourt], required("court", "裁判法院"));
  }
  const bool father = holder == "father" || holder == "both";
  const bool mother = holder == "mother" || holder == "both";
  if ((father && !p.father_id) || (mother && !p.mother_id)) {
    return reject("parent_not_registered", "申請書所填行使負擔之父或母未登記為當事人之父母",
                  "the parent given to exercise the rights is not registered as the subject's "
                  "parent");
  }
  if (holder == "other") {
    // 民法 §1055 ¶5: someone other than the parents only by the court's choice.
    if (basis != "court") {
      return reject("holder_by_court", "由父母以外之人行使負擔須經法院選定（民法第1055條第5項）",
                    "someone other than the parents is chosen by the court only (Civil Code "
                    "art. 1055 para. 5)");
    }
    HUJI_ASSIGN_OR_RETURN(Person h, adult("holder_id", "holder", "行使負擔者", "the holder"));
    e.data[event_key::kHolderId] = h.id_number;
    e.data[event_key::kHolderName] = h.name;
  }
  push(std::move(e));
  return {};
}

// 更正 (戶籍法 §22): a named field of the record was registered wrongly; the evidence
// (a document of the time) is kept with the entry.
Status Planner::correction() {
  HUJI_ASSIGN_OR_RETURN(Person p, active_subject());
  const std::string& which = field("field");
  if (std::find(kCorrectableFields.begin(), kCorrectableFields.end(), which) ==
      kCorrectableFields.end()) {
    return Error::invalid("registration.correction_field",
                          "更正項目須為 birth_place（出生地）、father_name（父姓名）或 "
                          "mother_name（母姓名）；姓名、出生日期請辦理各該更正登記",
                          "field must be birth_place, father_name or mother_name (name and "
                          "birth date have corrections of their own)");
  }
  HUJI_ASSIGN_OR_RETURN(std::string value, required("new_value", "更正後內容"));
  HUJI_ASSIGN_OR_RETURN(std::string evidence, required("evidence", "證明文件"));
  if (!valid_name(value)) {
    return reject("value_invalid", "更正後內容含不允許之字元",
                  "the corrected value contains characters not allowed");
  }
  std::string old;
  if (which == "birth_place") {
    old = p.birth_place;
  } else {
    // A parent in the register is named as their own record names them.
    const bool father = which == "father_name";
    if (father ? p.father_id.has_value() : p.mother_id.has_value()) {
      return reject("parent_in_register", "父或母已在戶籍資料中，其姓名依其本人之登記",
                    "the parent is in the register: their name follows their own record");
    }
    old = father ? p.father_name : p.mother_name;
  }
  if (value == old) {
    return reject("same_value", "更正後內容與現登記相同",
                  "the corrected value is the one registered");
  }
  Event e = make(EventType::kCorrection, p.id_number, p.household_no);
  e.data[event_key::kField] = which;
  e.data[event_key::kOldValue] = old;
  e.data[event_key::kNewValue] = value;
  e.data[event_key::kEvidence] = evidence;
  push(std::move(e));
  return {};
}

// 逕為遷出 (戶籍法 §16 ¶3, §42; 施行細則 §5): a person abroad StatutoryRules::abroad_years (two)
// or more is moved out by the office of the district, after notice, when no one applies.
Status Planner::ex_officio_move_out() {
  HUJI_ASSIGN_OR_RETURN(Person p, active_subject());
  HUJI_ASSIGN_OR_RETURN(Household h, household_of(p));
  if (h.office_code != office_.code) {
    return reject("other_district", "當事人設籍於他區，由其戶籍地戶政事務所逕為遷出",
                  "the subject lives in another district: its own office moves them out");
  }
  HUJI_ASSIGN_OR_RETURN(Date exit, date_field("exit_date", "出境日期"));
  if (exit < p.birth_date) {
    return reject("exit_before_birth", "出境日期早於當事人之出生日期",
                  "the exit date is before the subject's birth");
  }
  const int years = r_.rules.abroad_years;
  if (exit > r_.event_date || exit.years_until(r_.event_date) < years) {
    return reject("abroad_too_short",
                  "出境未滿 " + std::to_string(years) + " 年，不得逕為遷出（戶籍法第16條第3項）",
                  "the subject has been abroad less than " + std::to_string(years) +
                      " years: no ex officio move-out (Household Registration Act art. 16 "
                      "para. 3)");
  }
  HUJI_TRY(succession(p));
  Event e = make(EventType::kExOfficioMoveOut, p.id_number, p.household_no);
  e.data[event_key::kExitDate] = exit.to_iso();
  e.data[event_key::kTo] = "國外";
  e.data[event_key::kRemoval] = "emigration";
  if (!field("reason").empty()) e.data[event_key::kReason] = field("reason");
  push(std::move(e));
  return {};
}

// 撤銷戶籍 (戶籍法 §23: void from the start): a household registration made wrongly (on false
// documents, for someone without the right to one) is revoked and the person removed; the ground is
// recorded.
Status Planner::registration_cancellation() {
  HUJI_ASSIGN_OR_RETURN(Person p, active_subject());
  HUJI_ASSIGN_OR_RETURN(std::string reason, required("reason", "撤銷戶籍原因"));
  HUJI_TRY(succession(p));
  Event e = make(EventType::kRegistrationCancellation, p.id_number, p.household_no);
  e.data[event_key::kReason] = reason;
  if (!field("letter_no").empty()) e.data[event_key::kLetterNo] = field("letter_no");
  e.data[event_key::kRemoval] = "registration_revoked";
  push(std::move(e));
  return {};
}

std::string ordinal_child(int order, core::Sex sex) {
  return birth_order_prefix(order) + (sex == core::Sex::kFemale ? "女" : "子");
}

}  // namespace

std::string birth_order_prefix(int order) {
  static const char* const kPrefix[] = {"",   "長", "次", "三", "四", "五",
                                        "六", "七", "八", "九", "十"};
  if (order < 1 || order > 10) return "";
  return kPrefix[order];
}

Result<std::string> derive_relation(RegisterState& state, const Person& head, const Person& m) {
  const bool female = m.sex == core::Sex::kFemale;
  if (m.id_number == head.id_number) return std::string("戶長");
  if (m.spouse_id == head.id_number || head.spouse_id == m.id_number) return std::string("配偶");
  if (m.father_id == head.id_number || m.mother_id == head.id_number) {
    return ordinal_child(m.birth_order, m.sex);
  }
  if (head.spouse_id && (m.father_id == head.spouse_id || m.mother_id == head.spouse_id)) {
    return std::string(female ? "配偶之女" : "配偶之子");
  }
  // A parent is 父 or 母 by their own sex: the slot (father_id, mother_id) is no guide when
  // two adopters of the same sex hold both.
  if (head.father_id == m.id_number || head.mother_id == m.id_number) {
    return std::string(female ? "母" : "父");
  }
  for (const auto& parent_id : {m.father_id, m.mother_id}) {
    if (!parent_id) continue;
    HUJI_ASSIGN_OR_RETURN(auto parent, state.person(*parent_id));
    if (parent && (parent->father_id == head.id_number || parent->mother_id == head.id_number)) {
      return std::string(female ? "孫女" : "孫");
    }
  }
  if (m.spouse_id) {
    HUJI_ASSIGN_OR_RETURN(auto spouse, state.person(*m.spouse_id));
    if (spouse && (spouse->father_id == head.id_number || spouse->mother_id == head.id_number)) {
      return std::string(female ? "媳" : "婿");
    }
  }
  const bool sibling = (head.father_id && head.father_id == m.father_id) ||
                       (head.mother_id && head.mother_id == m.mother_id);
  if (sibling) {
    const bool older = m.birth_date < head.birth_date;
    return std::string(female ? (older ? "姊" : "妹") : (older ? "兄" : "弟"));
  }
  if (head.spouse_id) {
    HUJI_ASSIGN_OR_RETURN(auto spouse, state.person(*head.spouse_id));
    if (spouse && (spouse->father_id == m.id_number || spouse->mother_id == m.id_number)) {
      return std::string(female ? "配偶之母" : "配偶之父");
    }
  }
  return std::string("同居人");
}

Result<Plan> plan(RegisterState& state, const Registration& reg, const Office& office, Date today) {
  Planner p(state, reg, office, today);
  return p.run();
}

}  // namespace huji::domain
