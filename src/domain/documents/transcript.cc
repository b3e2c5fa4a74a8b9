#include "domain/documents/transcript.h"

#include <algorithm>
#include <array>
#include <set>
#include <utility>

#include "domain/register/event_keys.h"
#include "domain/register/registration.h"

namespace huji::domain {

namespace {

using core::Error;

template <typename E>
struct Code {
  E value;
  const char* code;
};

constexpr std::array<Code<TranscriptScope>, 2> kScopes = {
    {{TranscriptScope::kCurrent, "current"}, {TranscriptScope::kRemoved, "removed"}}};
constexpr std::array<Code<TranscriptDetail>, 2> kDetails = {
    {{TranscriptDetail::kFull, "full"}, {TranscriptDetail::kShort, "short"}}};
constexpr std::array<Code<TranscriptLanguage>, 2> kLanguages = {
    {{TranscriptLanguage::kZh, "zh"}, {TranscriptLanguage::kEn, "en"}}};

template <typename E, size_t N>
const char* code_of(const std::array<Code<E>, N>& table, E value) {
  for (const auto& c : table) {
    if (c.value == value) return c.code;
  }
  return "";
}

template <typename E, size_t N>
std::optional<E> value_of(const std::array<Code<E>, N>& table, std::string_view code) {
  for (const auto& c : table) {
    if (code == c.code) return c.value;
  }
  return std::nullopt;
}

bool zh(const TranscriptOptions& o) { return o.language == TranscriptLanguage::kZh; }

// 稱謂 in English; a relation without a common English word stays as registered.
std::string relation_en(const std::string& relation) {
  static const std::map<std::string, std::string, std::less<>> kRelations = {
      {"戶長", "Head of household"},
      {"配偶", "Spouse"},
      {"父", "Father"},
      {"母", "Mother"},
      {"子", "Son"},
      {"女", "Daughter"},
      {"長子", "Eldest son"},
      {"長女", "Eldest daughter"},
      {"次子", "Second son"},
      {"次女", "Second daughter"},
      {"三子", "Third son"},
      {"三女", "Third daughter"},
      {"四子", "Fourth son"},
      {"四女", "Fourth daughter"},
      {"孫", "Grandson"},
      {"孫女", "Granddaughter"},
      {"媳", "Daughter-in-law"},
      {"女婿", "Son-in-law"},
      {"兄", "Elder brother"},
      {"弟", "Younger brother"},
      {"姊", "Elder sister"},
      {"妹", "Younger sister"},
      {"祖父", "Grandfather"},
      {"祖母", "Grandmother"},
      {"同居人", "Co-resident"},
      {"配偶之子", "Spouse's son"},
      {"配偶之女", "Spouse's daughter"},
  };
  auto it = kRelations.find(relation);
  return it == kRelations.end() ? relation : it->second;
}

std::string birth_order_text(int order, core::Sex sex, TranscriptLanguage language) {
  if (order < 1) return "";
  const bool female = sex == core::Sex::kFemale;
  if (language == TranscriptLanguage::kZh) {
    const std::string prefix = birth_order_prefix(order);
    return prefix.empty() ? "" : prefix + (female ? "女" : "男");
  }
  static const char* const kSuffix[] = {"th", "st", "nd", "rd"};
  const int last = order % 10;
  const bool teen = order % 100 >= 11 && order % 100 <= 13;
  const char* suffix = (!teen && last >= 1 && last <= 3) ? kSuffix[last] : kSuffix[0];
  return std::to_string(order) + suffix + (female ? " daughter" : " son");
}

// Why a removed person is no longer current (Person::removal_reason, event_keys.h kRemoval).
std::string removal_text(const std::string& reason, TranscriptLanguage language) {
  struct Reason {
    const char* code;
    const char* zh;
    const char* en;
  };
  static constexpr std::array<Reason, 8> kReasons = {{
      {"death", "死亡", "Deceased"},
      {"death_declared", "死亡宣告", "Declared dead"},
      {"emigration", "遷出國外", "Emigrated"},
      {"loss_of_nationality", "喪失國籍，廢止戶籍", "Lost nationality; registration abolished"},
      {"loss_of_status", "喪失臺灣地區人民身分，廢止戶籍",
       "Lost Taiwan Area status; registration abolished"},
      {"registration_revoked", "撤銷戶籍", "Registration revoked"},
      {"id_number_change", "統一編號變更", "ID number changed"},
      {"revocation", "撤銷登記", "Registration revoked"},
  }};
  for (const auto& r : kReasons) {
    if (reason == r.code) return language == TranscriptLanguage::kZh ? r.zh : r.en;
  }
  return language == TranscriptLanguage::kZh ? "除戶" : "Removed";
}

std::string describe(const Event& e, TranscriptLanguage language) {
  return language == TranscriptLanguage::kZh ? describe_zh(e) : describe_en(e);
}

// The entries still in force (省略記事): the newest of each type, none a later revocation
// voided, no revocations and no conversions; in their order.
std::vector<const Event*> in_force(const std::vector<const Event*>& events) {
  std::set<int64_t> revoked;
  for (const Event* e : events) {
    if (e->type == EventType::kRevocation && e->corrects_seq) revoked.insert(*e->corrects_seq);
  }
  std::set<EventType> seen;
  std::vector<const Event*> kept;
  for (auto it = events.rbegin(); it != events.rend(); ++it) {
    const Event* e = *it;
    if (e->type == EventType::kRevocation || e->type == EventType::kConversion) continue;
    if (revoked.contains(e->seq)) continue;
    if (!seen.insert(e->type).second) continue;
    kept.push_back(e);
  }
  std::reverse(kept.begin(), kept.end());
  return kept;
}

std::vector<std::string> entries_of(const std::vector<const Event*>& events,
                                    const TranscriptOptions& o) {
  std::vector<const Event*> shown =
      o.detail == TranscriptDetail::kShort ? in_force(events) : events;
  std::vector<std::string> out;
  out.reserve(shown.size());
  for (const Event* e : shown) out.push_back(describe(*e, o.language));
  return out;
}

// Whether an entry is about the household itself (its 戶籍記事), not only one person.
bool household_entry(const Event& e) {
  switch (e.type) {
    case EventType::kHeadChange:
    case EventType::kHouseholdSplit:
    case EventType::kHouseholdMerge: return true;
    case EventType::kAddressChange:
    case EventType::kExOfficioAddressChange: return e.data.contains(event_key::kWholeHousehold);
    default: return e.data.contains(event_key::kNewHousehold);
  }
}

std::string household_entry_text(const Event& e, TranscriptLanguage language) {
  if (household_entry(e) && e.data.contains(event_key::kNewHousehold) &&
      e.type != EventType::kHouseholdSplit && e.type != EventType::kHouseholdMerge) {
    if (language == TranscriptLanguage::kZh) {
      return e.event_date.to_roc() + "設立本戶 " + e.registered_on.to_roc_short() + "登記";
    }
    return e.event_date.to_iso() + " Household established, registered " + e.registered_on.to_iso();
  }
  return describe(e, language);
}

// The person's last entry written in a household: a conversion entry (the register carried
// over, household_no empty once removed) says nothing about where they were.
const Event* last_event(const HouseholdFacts& f, const std::string& id) {
  auto it = f.events.find(id);
  if (it == f.events.end()) return nullptr;
  for (auto e = it->second.rbegin(); e != it->second.rend(); ++e) {
    if (e->type != EventType::kConversion && !e->household_no.empty()) return &*e;
  }
  return nullptr;
}

std::string name_of(const HouseholdFacts& f, const std::optional<std::string>& id,
                    const std::string& fallback) {
  if (!id) return fallback;
  auto it = f.names.find(*id);
  return it == f.names.end() ? fallback : it->second;
}

TranscriptPerson person_block(const HouseholdFacts& f, const Person& p, bool current_member,
                              const TranscriptOptions& o) {
  TranscriptPerson t;
  const TranscriptLanguage lang = o.language;
  t.id_number = p.id_number;
  t.name = p.name;
  t.relation = zh(o) ? p.relation : relation_en(p.relation);
  const bool female = p.sex == core::Sex::kFemale;
  t.sex = zh(o) ? (female ? "女" : "男") : (female ? "Female" : "Male");
  t.birth_date = p.birth_date;
  t.birth_date_text = transcript_date(p.birth_date, lang);
  t.father = name_of(f, p.father_id, p.father_name);
  t.mother = name_of(f, p.mother_id, p.mother_name);
  t.spouse = name_of(f, p.spouse_id, "");
  t.birth_place = p.birth_place;
  t.birth_order = birth_order_text(p.birth_order, p.sex, lang);
  t.indigenous = p.indigenous;
  if (p.status == PersonStatus::kRemoved) {
    t.removal = removal_text(p.removal_reason, lang);
  } else if (!current_member) {
    t.removal = zh(o) ? "遷出本戶" : "Left the household";
  }
  std::vector<const Event*> events;
  if (auto it = f.events.find(p.id_number); it != f.events.end()) {
    // A person no longer here: their entries up to the last one written in this household.
    size_t end = it->second.size();
    if (!current_member) {
      while (end > 0 && it->second[end - 1].household_no != f.household_no) --end;
    }
    for (size_t i = 0; i < end; ++i) events.push_back(&it->second[i]);
  }
  t.entries = entries_of(events, o);
  return t;
}

}  // namespace

const char* scope_code(TranscriptScope s) { return code_of(kScopes, s); }
const char* detail_code(TranscriptDetail d) { return code_of(kDetails, d); }
const char* language_code(TranscriptLanguage l) { return code_of(kLanguages, l); }
std::optional<TranscriptScope> scope_from_code(std::string_view code) {
  return value_of(kScopes, code);
}
std::optional<TranscriptDetail> detail_from_code(std::string_view code) {
  return value_of(kDetails, code);
}
std::optional<TranscriptLanguage> language_from_code(std::string_view code) {
  return value_of(kLanguages, code);
}

bool removal_kept_on_current(std::string_view reason) {
  return reason == "death" || reason == "death_declared" || reason == "emigration" ||
         reason == "loss_of_nationality" || reason == "loss_of_status";
}

std::string transcript_date(core::Date d, TranscriptLanguage language) {
  if (language == TranscriptLanguage::kZh) return d.to_roc();
  static const char* const kMonths[] = {"January",   "February", "March",    "April",
                                        "May",       "June",     "July",     "August",
                                        "September", "October",  "November", "December"};
  return std::to_string(d.day()) + " " + kMonths[d.month() - 1] + " " + std::to_string(d.year());
}

std::string transcript_page_text(TranscriptLanguage language, int page, int pages) {
  if (language == TranscriptLanguage::kZh) {
    return "第 " + std::to_string(page) + " 頁 共 " + std::to_string(pages) + " 頁";
  }
  return "Page " + std::to_string(page) + " of " + std::to_string(pages);
}

const TranscriptLabels& transcript_labels(TranscriptLanguage language) {
  static const TranscriptLabels kZh{
      "戶號",       "戶別",     "住址",   "戶長",   "戶籍記事", "稱謂",     "姓名",   "性別",
      "出生日期",   "統一編號", "父姓名", "母姓名", "配偶",     "出生地",   "出生別", "役別",
      "原住民族別", "除戶",     "記事",   "原戶長", "核發機關", "核發日期", "檢查碼"};
  static const TranscriptLabels kEn{"Household No.",
                                    "Household type",
                                    "Address",
                                    "Head of household",
                                    "Household entries",
                                    "Relation to head",
                                    "Name",
                                    "Sex",
                                    "Date of birth",
                                    "ID No.",
                                    "Father",
                                    "Mother",
                                    "Spouse",
                                    "Place of birth",
                                    "Birth order",
                                    "Military service",
                                    "Indigenous people",
                                    "Removed",
                                    "Entries",
                                    "Former heads",
                                    "Issuing office",
                                    "Date of issue",
                                    "Check code"};
  return language == TranscriptLanguage::kZh ? kZh : kEn;
}

std::vector<std::string> printed_ids(const Transcript& t) {
  std::vector<std::string> ids;
  for (const auto& p : t.persons) {
    if (std::find(ids.begin(), ids.end(), p.id_number) == ids.end()) ids.push_back(p.id_number);
  }
  return ids;
}

core::Result<Transcript> build_transcript(const HouseholdFacts& f, const TranscriptOptions& o) {
  Transcript t;
  t.options = o;
  t.household_no = f.household_no;
  t.address = f.address;

  // Who the scope prints, in order, and whether each is a current member.
  std::vector<std::pair<const Person*, bool>> printable;
  std::vector<std::string> former_heads;
  for (const Event& e : f.household_events) {
    if (e.type != EventType::kHeadChange) continue;
    auto it = e.data.find(event_key::kOldHeadName);
    if (it != e.data.end() && !it->second.empty()) former_heads.push_back(it->second);
  }
  if (o.scope == TranscriptScope::kCurrent) {
    if (!f.household) {
      return Error::not_found("transcript.no_household", "此戶號目前無現戶資料",
                              "no current household has that number");
    }
    for (const Person& p : f.members) printable.emplace_back(&p, true);
    for (const Person& p : f.others) {
      const Event* last = last_event(f, p.id_number);
      if (p.status == PersonStatus::kRemoved && removal_kept_on_current(p.removal_reason) && last &&
          last->household_no == f.household_no) {
        printable.emplace_back(&p, false);
      }
    }
  } else {
    // Everyone who left it, to another household or removed for any reason.
    for (const Person& p : f.others) printable.emplace_back(&p, false);
    if (printable.empty() && former_heads.empty()) {
      return Error::not_found("transcript.nothing_removed", "此戶無除戶資料",
                              "this household has no removed record");
    }
    t.former_heads = former_heads;
  }

  if (!o.members.empty()) {
    std::vector<std::pair<const Person*, bool>> chosen;
    for (size_t i = 0; i < o.members.size(); ++i) {
      auto it = std::find_if(printable.begin(), printable.end(),
                             [&](const auto& pr) { return pr.first->id_number == o.members[i]; });
      if (it == printable.end()) {
        const std::string n = std::to_string(i + 1);
        return Error::invalid("transcript.member_not_printable",
                              "第 " + n + " 位指定之人不在此謄本範圍內",
                              "member " + n + " is not among the persons this transcript prints");
      }
      if (std::find(chosen.begin(), chosen.end(), *it) == chosen.end()) chosen.push_back(*it);
    }
    // In the transcript's own order, not the request's.
    std::vector<std::pair<const Person*, bool>> ordered;
    for (const auto& pr : printable) {
      if (std::find(chosen.begin(), chosen.end(), pr) != chosen.end()) ordered.push_back(pr);
    }
    t.partial = true;
    printable = std::move(ordered);
  }

  const bool zh_text = zh(o);
  t.title =
      zh_text
          ? std::string("戶籍謄本（") + (o.scope == TranscriptScope::kCurrent ? "現戶" : "除戶") +
                (t.partial ? "部分" : "全部") + "）" +
                (o.detail == TranscriptDetail::kFull ? "詳細記事" : "省略記事")
          : std::string("Household Registration Transcript (") +
                (o.scope == TranscriptScope::kCurrent ? "current household" : "removed record") +
                (t.partial ? ", selected members" : ", all members") +
                (o.detail == TranscriptDetail::kFull ? ", full entries)" : ", entries in force)");
  const size_t household_size = f.members.size();
  t.household_kind = zh_text
                         ? (household_size == 1 ? "單獨生活戶" : "共同生活戶")
                         : (household_size == 1 ? "Single-person household" : "Family household");
  if (f.household) {
    t.head_id = f.household->head_id;
    for (const Person& m : f.members) {
      if (m.id_number == t.head_id) t.head_name = m.name;
    }
  }

  std::vector<const Event*> household_events;
  std::set<int64_t> seen;
  for (const Event& e : f.household_events) {
    if (household_entry(e) && seen.insert(e.seq).second) household_events.push_back(&e);
  }
  if (o.detail == TranscriptDetail::kShort) household_events = in_force(household_events);
  for (const Event* e : household_events) {
    t.household_entries.push_back(household_entry_text(*e, o.language));
  }

  t.persons.reserve(printable.size());
  for (const auto& [p, current] : printable) t.persons.push_back(person_block(f, *p, current, o));
  return t;
}

}  // namespace huji::domain
