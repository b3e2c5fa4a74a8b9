#ifndef HUJI_DOMAIN_DOCUMENTS_TRANSCRIPT_H_
#define HUJI_DOMAIN_DOCUMENTS_TRANSCRIPT_H_

// 戶籍謄本: what a household transcript prints, built from the register's facts about one
// household (DOMAIN §4). No I/O: the service reads the facts (HouseholdFacts) inside its
// transaction and hands them here; the renderer draws the result (render/transcript.h).
//
// Scope (範圍):
//   current (現戶): the household's current members, head first, and those whose last entry
//     in it removed them from the register by death, a declaration of death, emigration or
//     abolition (廢止戶籍): printed with their removal. Needs the household to exist.
//   removed (除戶): the record as it stood before: the persons who left it (to another
//     household, or removed for any reason), each with their entries up to their leaving,
//     and the heads it had before a head change (戶長變更) in the household block.
// Members (全戶 / 部分): all printable persons, or only the ones asked for (each must be one
// of them). Detail: full (詳細記事) prints every entry; short (省略記事) only those still in
// force: the newest of each type, none that a later revocation voided, no revocations and
// no conversion entries. Language: zh (民國 dates, Chinese headings) or en (dates as
// "12 May 1985", English headings; names and places stay as registered).

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "domain/register/model.h"

namespace huji::domain {

enum class TranscriptScope { kCurrent, kRemoved };
enum class TranscriptDetail { kFull, kShort };
enum class TranscriptLanguage { kZh, kEn };

const char* scope_code(TranscriptScope s);        // "current", "removed"
const char* detail_code(TranscriptDetail d);      // "full", "short"
const char* language_code(TranscriptLanguage l);  // "zh", "en"
std::optional<TranscriptScope> scope_from_code(std::string_view code);
std::optional<TranscriptDetail> detail_from_code(std::string_view code);
std::optional<TranscriptLanguage> language_from_code(std::string_view code);

struct TranscriptOptions {
  TranscriptScope scope = TranscriptScope::kCurrent;
  TranscriptDetail detail = TranscriptDetail::kFull;
  TranscriptLanguage language = TranscriptLanguage::kZh;
  std::vector<std::string> members;  // ID numbers (部分); empty: the whole household (全戶)
};

// The register's facts about one household, as the service read them.
struct HouseholdFacts {
  std::string household_no;
  std::optional<Household> household;  // absent once the household was dissolved
  std::string address;                 // the door plate's canonical text ("" unknown)
  std::vector<Person> members;         // current, head first
  // Every other person with an entry written in this household, in the order they appear.
  std::vector<Person> others;
  std::vector<Event> household_events;               // entries written in it, seq order
  std::map<std::string, std::vector<Event>> events;  // each person's own entries, seq order
  std::map<std::string, std::string> names;          // parents' and spouses' names by ID
};

// One person's block on the transcript; texts in the transcript's language.
struct TranscriptPerson {
  std::string id_number;
  std::string name;
  std::string relation;  // 稱謂
  std::string sex;
  core::Date birth_date;
  std::string birth_date_text;  // 民國74年05月12日 / 12 May 1985
  std::string father, mother, spouse;
  std::string birth_place;
  std::string birth_order;           // 出生別: 長男, 次女 … ("" unknown)
  std::string military;              // 役別: the register does not record it yet ("" then)
  std::string indigenous;            // 原住民族別 ("" when not indigenous)
  std::string removal;               // 除戶: why the person is no longer current ("" current)
  std::vector<std::string> entries;  // 記事, oldest first
};

struct Transcript {
  TranscriptOptions options;
  bool partial = false;  // 部分: only some of the printable persons
  std::string title;  // 戶籍謄本（現戶全部）詳細記事 / Household Registration Transcript …
  std::string household_no;
  std::string household_kind;  // 戶別: 共同生活戶 / 單獨生活戶
  std::string address;
  std::string head_name, head_id;
  std::vector<std::string> former_heads;       // 除戶: 原戶長 names, oldest first
  std::vector<std::string> household_entries;  // the household's own 記事
  std::vector<TranscriptPerson> persons;
  // Filled by the issuing service.
  std::string office_code, office_name;
  core::Date issued_on;
  std::string issued_on_text;  // 民國115年12月05日 / 5 December 2026
};

// The headings a transcript prints in its language.
struct TranscriptLabels {
  std::string_view household_no, household_kind, address, head, household_entries;
  std::string_view relation, name, sex, birth_date, id_number, father, mother, spouse;
  std::string_view birth_place, birth_order, military, indigenous, removal, entries;
  std::string_view former_heads, office, issued_on, check_code;
};
const TranscriptLabels& transcript_labels(TranscriptLanguage language);

// The transcript of `facts` as `options` ask. Errors: transcript.member_not_printable (400,
// a member asked for is not one of the persons the scope prints), transcript.no_household
// (404, no current household for scope current), transcript.nothing_removed (404, nothing
// the removed scope would print).
core::Result<Transcript> build_transcript(const HouseholdFacts& facts,
                                          const TranscriptOptions& options);

// 第 1 頁 共 2 頁 / Page 1 of 2.
std::string transcript_page_text(TranscriptLanguage language, int page, int pages);
// Dates as the transcript prints them: 民國74年05月12日 / 12 May 1985.
std::string transcript_date(core::Date d, TranscriptLanguage language);
// The removal reasons (Person::removal_reason) that keep a person on the 現戶 transcript.
bool removal_kept_on_current(std::string_view reason);
// The ID numbers the transcript prints (each once): persons, and nothing else.
std::vector<std::string> printed_ids(const Transcript& t);

}  // namespace huji::domain

#endif  // HUJI_DOMAIN_DOCUMENTS_TRANSCRIPT_H_
