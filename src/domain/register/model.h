#ifndef HUJI_DOMAIN_REGISTER_MODEL_H_
#define HUJI_DOMAIN_REGISTER_MODEL_H_

// The population register's value types: offices, door plates, persons, households and the
// append-only events (戶籍記事) from which persons and households are derived.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/address.h"
#include "core/date.h"
#include "core/id_number.h"

namespace huji::domain {

// 戶政事務所: serves one district; the register itself is national.
struct Office {
  std::string code;      // e.g. "63000080" (MOI office code)
  std::string name;      // 臺北市文山區戶政事務所
  std::string county;    // 臺北市
  std::string district;  // 文山區
  std::string address;   // the office's own door plate (逕遷戶所 target)
};

// 村里 within an office's district.
struct Village {
  std::string office_code;
  std::string name;       // 萬芳里
  int neighborhoods = 0;  // number of 鄰
};

// 門牌: issued, possibly abolished (廢止門牌).
struct DoorPlate {
  int64_t id = 0;
  std::string office_code;
  core::Address address;  // parsed, normalised parts
  bool abolished = false;
};

enum class PersonStatus { kActive, kRemoved };  // 現住 / 除戶

// 個人: the current projection of a person's events.
struct Person {
  std::string id_number;
  std::string name;
  core::Sex sex = core::Sex::kMale;
  core::Date birth_date;
  std::string birth_place;  // 出生地, a county name such as 臺北市
  std::optional<std::string> father_id;
  std::optional<std::string> mother_id;
  std::optional<std::string> spouse_id;
  std::string father_name;  // names kept for parents outside the register
  std::string mother_name;
  std::string indigenous;  // 原住民族別; empty when not indigenous
  PersonStatus status = PersonStatus::kActive;
  std::string removal_reason;  // 除戶原因 when removed: death, emigration, … (event_keys.h)
  std::string household_no;    // current household (empty when removed)
  std::string relation;  // 稱謂 to the head: 戶長, 配偶, 長子, 長女, 次子, 母, 孫 …
  int birth_order = 0;   // 出生別 (1 = 長, 2 = 次, 3 = 三 …)
  int64_t version = 0;   // optimistic concurrency

  bool operator==(const Person&) const = default;
};

// 戶: the current projection of a household.
struct Household {
  std::string household_no;  // 戶號, e.g. "F1234567" (office letter + 7 digits)
  std::string office_code;
  int64_t door_plate_id = 0;
  std::string head_id;
  core::Date established;  // 設籍日期
  int64_t version = 0;

  bool operator==(const Household&) const = default;
};

enum class EventType {
  kBirth,                // 出生
  kDeath,                // 死亡
  kMarriage,             // 結婚
  kDivorce,              // 離婚
  kMoveIn,               // 遷入
  kMoveOut,              // 遷出
  kAddressChange,        // 住址變更
  kHouseholdSplit,       // 分戶
  kHouseholdMerge,       // 合戶
  kHeadChange,           // 戶長變更
  kNameChange,           // 姓名變更
  kNameCorrection,       // 姓名更正
  kBirthDateCorrection,  // 出生日期更正
  kIdNumberChange,       // 統一編號變更
  kFirstRegistration,    // 初設戶籍
  kAcknowledgement,      // 認領
  kAdoption,             // 收養
  kAdoptionTermination,  // 終止收養
  kGuardianship,         // 監護
  kLossOfNationality,    // 廢止戶籍 (喪失國籍 or 喪失身分: data "reason")
  kRestoration,          // 恢復戶籍
  kExOfficioMoveIn,      // 逕為遷入
  // Issue 16: the register's missing types.
  kDeathDeclaration,          // 死亡宣告
  kIndigenousAcquisition,     // 原住民身分取得
  kIndigenousLoss,            // 原住民身分喪失
  kIndigenousChange,          // 原住民族別變更
  kAssistance,                // 輔助 (民法 §15-1)
  kCustody,                   // 未成年子女權利義務行使負擔
  kCorrection,                // 更正 (of a named field other than name and birth date)
  kExOfficioAddressChange,    // 逕為住址變更
  kExOfficioMoveOut,          // 逕為遷出 (出境滿 2 年)
  kRegistrationCancellation,  // 撤銷戶籍 (a household registration made wrongly)
  // Entries on entries.
  kRevocation,  // 撤銷 (of an earlier event)
  kConversion,  // 戶籍資料轉換: a person's state as carried over from an earlier register
};

const char* event_type_code(EventType t);  // stable code, e.g. "move_in"
std::optional<EventType> event_type_from_code(const std::string& code);

// 戶籍記事: one append-only entry. Corrections are new events with `corrects_seq` set.
struct Event {
  int64_t seq = 0;  // assigned by the store, strictly increasing
  EventType type = EventType::kBirth;
  std::string subject_id;    // the person the entry is written on
  std::string household_no;  // household at the time of the event
  core::Date event_date;     // 發生日期
  core::Date registered_on;  // 登記日期
  std::string office_code;   // registering office
  // Type-specific fields, e.g. "from" (遷入 origin), "to", "spouse_id", "old_name",
  // "new_name", "reason", "father_id", "mother_id", "place".
  std::map<std::string, std::string> data;
  std::optional<int64_t> corrects_seq;
};

// The transcript's wording of an event, e.g.
// 「民國113年05月01日由臺北市大安區遷入 113年05月03日登記」.
std::string describe_zh(const Event& e);
std::string describe_en(const Event& e);

// The ID numbers of a comma-separated list (a split's "members", an ID change's
// "children"), empty items left out.
std::vector<std::string> split_ids(const std::string& list);

}  // namespace huji::domain

#endif  // HUJI_DOMAIN_REGISTER_MODEL_H_
