#include "domain/register/model.h"

#include <array>
#include <string_view>
#include <utility>

#include "domain/register/event_keys.h"

// The transcript's wording reads the Event::data keys listed in event_keys.h. Missing keys
// degrade to the bare wording (「遷入」, 「結婚」 …), never to an error: the transcript must
// print whatever the register holds.

namespace huji::domain {
namespace {

struct EventTypeInfo {
  EventType type;
  const char* code;
};

constexpr std::array<EventTypeInfo, 34> kEventTypes = {{
    {EventType::kBirth, "birth"},
    {EventType::kDeath, "death"},
    {EventType::kMarriage, "marriage"},
    {EventType::kDivorce, "divorce"},
    {EventType::kMoveIn, "move_in"},
    {EventType::kMoveOut, "move_out"},
    {EventType::kAddressChange, "address_change"},
    {EventType::kHouseholdSplit, "household_split"},
    {EventType::kHouseholdMerge, "household_merge"},
    {EventType::kHeadChange, "head_change"},
    {EventType::kNameChange, "name_change"},
    {EventType::kNameCorrection, "name_correction"},
    {EventType::kBirthDateCorrection, "birth_date_correction"},
    {EventType::kIdNumberChange, "id_number_change"},
    {EventType::kFirstRegistration, "first_registration"},
    {EventType::kAcknowledgement, "acknowledgement"},
    {EventType::kAdoption, "adoption"},
    {EventType::kAdoptionTermination, "adoption_termination"},
    {EventType::kGuardianship, "guardianship"},
    {EventType::kLossOfNationality, "loss_of_nationality"},
    {EventType::kRestoration, "restoration"},
    {EventType::kExOfficioMoveIn, "ex_officio_move_in"},
    {EventType::kDeathDeclaration, "death_declaration"},
    {EventType::kIndigenousAcquisition, "indigenous_acquisition"},
    {EventType::kIndigenousLoss, "indigenous_loss"},
    {EventType::kIndigenousChange, "indigenous_change"},
    {EventType::kAssistance, "assistance"},
    {EventType::kCustody, "custody"},
    {EventType::kCorrection, "correction"},
    {EventType::kExOfficioAddressChange, "ex_officio_address_change"},
    {EventType::kExOfficioMoveOut, "ex_officio_move_out"},
    {EventType::kRegistrationCancellation, "registration_cancellation"},
    {EventType::kRevocation, "revocation"},
    {EventType::kConversion, "conversion"},
}};

// The value of `key`, or an empty view when absent.
std::string_view get(const Event& e, const char* key) {
  auto it = e.data.find(key);
  return it == e.data.end() ? std::string_view{} : std::string_view{it->second};
}

std::string cat(std::initializer_list<std::string_view> parts) {
  size_t n = 0;
  for (auto p : parts) n += p.size();
  std::string out;
  out.reserve(n);
  for (auto p : parts) out += p;
  return out;
}

// "2024-05-01" → "113年05月01日"; anything unparsable is shown as given.
std::string roc_of_iso(std::string_view iso) {
  auto d = core::Date::parse_iso(iso);
  return d.ok() ? d->to_roc_short() : std::string(iso);
}

// 平地 / 山地 of an indigenous entry's kIndigenousKind.
std::string_view indigenous_kind_zh(std::string_view kind) {
  return kind == "plains" ? "平地" : kind == "mountain" ? "山地" : "";
}

// Who exercises a minor's parental rights (custody's kHolder), "" when unknown.
std::string_view holder_zh(std::string_view holder) {
  return holder == "father" ? "父" : holder == "mother" ? "母" : holder == "both" ? "父母共同" : "";
}
std::string_view holder_en(std::string_view holder) {
  return holder == "father"   ? "the father"
         : holder == "mother" ? "the mother"
         : holder == "both"   ? "both parents"
                              : "";
}

// The field a correction names, as the transcript calls it.
std::string_view corrected_field_zh(std::string_view field) {
  return field == "birth_place"   ? "出生地"
         : field == "father_name" ? "父姓名"
         : field == "mother_name" ? "母姓名"
                                  : "";
}
std::string_view corrected_field_en(std::string_view field) {
  return field == "birth_place"   ? "Place of birth"
         : field == "father_name" ? "Father's name"
         : field == "mother_name" ? "Mother's name"
                                  : "";
}

// The part between the event date and the registration date.
std::string body_zh(const Event& e) {
  switch (e.type) {
    case EventType::kBirth: {
      auto place = get(e, event_key::kPlace);
      return place.empty() ? "出生" : cat({"在", place, "出生"});
    }
    case EventType::kDeath: {
      auto place = get(e, event_key::kPlace);
      return place.empty() ? "死亡" : cat({"在", place, "死亡"});
    }
    case EventType::kMarriage: {
      auto name = get(e, event_key::kSpouseName);
      return name.empty() ? "結婚" : cat({"與", name, "結婚"});
    }
    case EventType::kDivorce: {
      auto name = get(e, event_key::kSpouseName);
      auto reason = get(e, event_key::kReason);
      std::string_view kind = reason == "court"    ? "判決離婚"
                              : reason == "agreed" ? "兩願離婚"
                                                   : "離婚";
      return name.empty() ? std::string(kind) : cat({"與", name, kind});
    }
    case EventType::kMoveIn: {
      auto from = get(e, event_key::kFrom);
      return from.empty() ? "遷入" : cat({"由", from, "遷入"});
    }
    case EventType::kMoveOut: {
      auto to = get(e, event_key::kTo);
      if (to.empty()) return "遷出";
      return to == "國外" ? "遷出國外" : cat({"遷出至", to});
    }
    case EventType::kAddressChange: return "住址變更";
    case EventType::kHouseholdSplit: {
      auto from = get(e, event_key::kFrom);
      return from.empty() ? "分戶" : cat({"自戶號", from, "分戶"});
    }
    case EventType::kHouseholdMerge: {
      auto from = get(e, event_key::kFrom);
      return from.empty() ? "合戶" : cat({"與戶號", from, "合戶"});
    }
    case EventType::kHeadChange: {
      auto old_head = get(e, event_key::kOldHeadName);
      return old_head.empty() ? "戶長變更" : cat({"戶長變更，原戶長", old_head});
    }
    case EventType::kNameChange:
    case EventType::kNameCorrection: {
      const bool change = e.type == EventType::kNameChange;
      auto old_name = get(e, event_key::kOldName);
      auto new_name = get(e, event_key::kNewName);
      if (old_name.empty() || new_name.empty()) return change ? "姓名變更" : "姓名更正";
      return cat({"姓名由", old_name, change ? "變更為" : "更正為", new_name});
    }
    case EventType::kBirthDateCorrection: {
      auto old_date = get(e, event_key::kOldDate);
      auto new_date = get(e, event_key::kNewDate);
      if (old_date.empty() || new_date.empty()) return "出生日期更正";
      return cat({"出生日期由", roc_of_iso(old_date), "更正為", roc_of_iso(new_date)});
    }
    case EventType::kIdNumberChange: {
      auto old_id = get(e, event_key::kOldId);
      auto new_id = get(e, event_key::kNewId);
      if (old_id.empty() || new_id.empty()) return "統一編號變更";
      return cat({"統一編號由", old_id, "變更為", new_id});
    }
    case EventType::kFirstRegistration: {
      auto from = get(e, event_key::kFrom);
      return from.empty() ? "初設戶籍" : cat({"由", from, "入境初設戶籍"});
    }
    case EventType::kAcknowledgement: {
      auto father = get(e, event_key::kFatherName);
      return father.empty() ? "認領" : cat({"經生父", father, "認領"});
    }
    case EventType::kAdoption: {
      auto adopter = get(e, event_key::kAdopterName);
      return adopter.empty() ? "被收養" : cat({"由", adopter, "收養"});
    }
    case EventType::kAdoptionTermination: {
      auto adopter = get(e, event_key::kAdopterName);
      return adopter.empty() ? "終止收養" : cat({"與", adopter, "終止收養"});
    }
    case EventType::kGuardianship: {
      auto guardian = get(e, event_key::kGuardianName);
      return guardian.empty() ? "監護登記" : cat({"由", guardian, "擔任監護人"});
    }
    case EventType::kLossOfNationality:
      return get(e, event_key::kReason) == "loss_of_status" ? "喪失臺灣地區人民身分，廢止戶籍"
                                                            : "喪失中華民國國籍，廢止戶籍";
    case EventType::kDeathDeclaration: {
      auto court = get(e, event_key::kCourt);
      return court.empty() ? "死亡宣告" : cat({"經", court, "宣告死亡"});
    }
    case EventType::kIndigenousAcquisition: {
      auto tribe = get(e, event_key::kIndigenous);
      auto kind = indigenous_kind_zh(get(e, event_key::kIndigenousKind));
      if (tribe.empty()) return cat({"取得", kind, "原住民身分"});
      return cat({"取得", kind, "原住民身分，族別", tribe});
    }
    case EventType::kIndigenousLoss: return "喪失原住民身分";
    case EventType::kIndigenousChange: {
      auto old_tribe = get(e, event_key::kOldIndigenous);
      auto tribe = get(e, event_key::kIndigenous);
      if (old_tribe.empty() || tribe.empty()) return "原住民族別變更";
      return cat({"原住民族別由", old_tribe, "變更為", tribe});
    }
    case EventType::kAssistance: {
      auto assistant = get(e, event_key::kAssistantName);
      return assistant.empty() ? "輔助登記" : cat({"由", assistant, "擔任輔助人"});
    }
    case EventType::kCustody: {
      auto holder = get(e, event_key::kHolder) == "other" ? get(e, event_key::kHolderName)
                                                          : holder_zh(get(e, event_key::kHolder));
      return holder.empty() ? "未成年子女權利義務行使負擔登記"
                            : cat({"未成年子女權利義務由", holder, "行使負擔"});
    }
    case EventType::kCorrection: {
      auto field = corrected_field_zh(get(e, event_key::kField));
      auto old_value = get(e, event_key::kOldValue);
      auto new_value = get(e, event_key::kNewValue);
      if (field.empty() || new_value.empty()) return "更正登記";
      if (old_value.empty()) return cat({field, "更正為", new_value});
      return cat({field, "由", old_value, "更正為", new_value});
    }
    case EventType::kExOfficioAddressChange: return "逕為住址變更";
    case EventType::kExOfficioMoveOut: return "出境滿二年，逕為遷出";
    case EventType::kRegistrationCancellation: {
      auto reason = get(e, event_key::kReason);
      return reason.empty() ? "撤銷戶籍" : cat({"撤銷戶籍（", reason, "）"});
    }
    case EventType::kRestoration: return "恢復戶籍";
    case EventType::kExOfficioMoveIn: {
      auto from = get(e, event_key::kFrom);
      return from.empty() ? "逕為遷入" : cat({"由", from, "逕為遷入"});
    }
    case EventType::kRevocation: {
      std::string out = e.corrects_seq ? "撤銷第" + std::to_string(*e.corrects_seq) + "號記事"
                                       : std::string("撤銷登記");
      auto reason = get(e, event_key::kReason);
      if (!reason.empty()) out += cat({"（", reason, "）"});
      return out;
    }
    case EventType::kConversion: return "戶籍資料轉換";
  }
  return "登記";
}

std::string body_en(const Event& e) {
  auto with = [&](std::string_view what, const char* key, std::string_view joiner) {
    auto v = get(e, key);
    return v.empty() ? std::string(what) : cat({what, joiner, v});
  };
  switch (e.type) {
    case EventType::kBirth: return with("Born", event_key::kPlace, " in ");
    case EventType::kDeath: return with("Died", event_key::kPlace, " in ");
    case EventType::kMarriage: return with("Married", event_key::kSpouseName, " ");
    case EventType::kDivorce: {
      auto reason = get(e, event_key::kReason);
      std::string_view kind = reason == "court"    ? "Divorced by court judgment"
                              : reason == "agreed" ? "Divorced by mutual consent"
                                                   : "Divorced";
      return with(kind, "spouse_name", " from ");
    }
    case EventType::kMoveIn: return with("Moved in", event_key::kFrom, " from ");
    case EventType::kMoveOut: {
      auto to = get(e, event_key::kTo);
      if (to == "國外") return "Moved abroad";
      return with("Moved out", event_key::kTo, " to ");
    }
    case EventType::kAddressChange: return "Address changed";
    case EventType::kHouseholdSplit:
      return with("Household split", event_key::kFrom, " from household ");
    case EventType::kHouseholdMerge:
      return with("Household merged", event_key::kFrom, " with household ");
    case EventType::kHeadChange:
      return with("Head of household changed", event_key::kOldHeadName, ", formerly ");
    case EventType::kNameChange:
    case EventType::kNameCorrection: {
      const bool change = e.type == EventType::kNameChange;
      auto old_name = get(e, event_key::kOldName);
      auto new_name = get(e, event_key::kNewName);
      if (old_name.empty() || new_name.empty()) return change ? "Name changed" : "Name corrected";
      return cat(
          {change ? "Name changed from " : "Name corrected from ", old_name, " to ", new_name});
    }
    case EventType::kBirthDateCorrection: {
      auto old_date = get(e, event_key::kOldDate);
      auto new_date = get(e, event_key::kNewDate);
      if (old_date.empty() || new_date.empty()) return "Date of birth corrected";
      return cat({"Date of birth corrected from ", old_date, " to ", new_date});
    }
    case EventType::kIdNumberChange: {
      auto old_id = get(e, event_key::kOldId);
      auto new_id = get(e, event_key::kNewId);
      if (old_id.empty() || new_id.empty()) return "ID number changed";
      return cat({"ID number changed from ", old_id, " to ", new_id});
    }
    case EventType::kFirstRegistration:
      return with("First household registration", event_key::kFrom, " on entry from ");
    case EventType::kAcknowledgement:
      return with("Acknowledged", event_key::kFatherName, " by the father ");
    case EventType::kAdoption: return with("Adopted", event_key::kAdopterName, " by ");
    case EventType::kAdoptionTermination:
      return with("Adoption terminated", event_key::kAdopterName, " with ");
    case EventType::kGuardianship:
      return with("Guardianship registered", event_key::kGuardianName, ", guardian ");
    case EventType::kLossOfNationality:
      return get(e, event_key::kReason) == "loss_of_status"
                 ? "Lost status as a person of the Taiwan Area; registration abolished"
                 : "Lost ROC nationality; registration abolished";
    case EventType::kDeathDeclaration: return with("Declared dead", event_key::kCourt, " by ");
    case EventType::kIndigenousAcquisition: {
      auto kind = get(e, event_key::kIndigenousKind);
      std::string_view what = kind == "plains"     ? "Lowland indigenous status acquired"
                              : kind == "mountain" ? "Mountain indigenous status acquired"
                                                   : "Indigenous status acquired";
      return with(what, event_key::kIndigenous, ", people ");
    }
    case EventType::kIndigenousLoss: return "Indigenous status lost";
    case EventType::kIndigenousChange: {
      auto old_tribe = get(e, event_key::kOldIndigenous);
      auto tribe = get(e, event_key::kIndigenous);
      if (old_tribe.empty() || tribe.empty()) return "Indigenous people changed";
      return cat({"Indigenous people changed from ", old_tribe, " to ", tribe});
    }
    case EventType::kAssistance:
      return with("Assistance registered", event_key::kAssistantName, ", assistant ");
    case EventType::kCustody: {
      auto holder = get(e, event_key::kHolder) == "other" ? get(e, event_key::kHolderName)
                                                          : holder_en(get(e, event_key::kHolder));
      return holder.empty() ? std::string("Parental rights over a minor registered")
                            : cat({"Parental rights over a minor exercised by ", holder});
    }
    case EventType::kCorrection: {
      auto field = corrected_field_en(get(e, event_key::kField));
      auto old_value = get(e, event_key::kOldValue);
      auto new_value = get(e, event_key::kNewValue);
      if (field.empty() || new_value.empty()) return "Record corrected";
      if (old_value.empty()) return cat({field, " corrected to ", new_value});
      return cat({field, " corrected from ", old_value, " to ", new_value});
    }
    case EventType::kExOfficioAddressChange: return "Address changed ex officio";
    case EventType::kExOfficioMoveOut: return "Moved out ex officio after two years abroad";
    case EventType::kRegistrationCancellation: {
      std::string out = "Household registration revoked";
      auto reason = get(e, event_key::kReason);
      if (!reason.empty()) out += cat({" (", reason, ")"});
      return out;
    }
    case EventType::kRestoration: return "Registration restored";
    case EventType::kExOfficioMoveIn:
      return with("Moved in ex officio", event_key::kFrom, " from ");
    case EventType::kRevocation: {
      std::string out = e.corrects_seq ? "Entry " + std::to_string(*e.corrects_seq) + " revoked"
                                       : std::string("Registration revoked");
      auto reason = get(e, event_key::kReason);
      if (!reason.empty()) out += cat({" (", reason, ")"});
      return out;
    }
    case EventType::kConversion: return "Register data converted";
  }
  return "Registered";
}

}  // namespace

const char* event_type_code(EventType t) {
  for (const auto& info : kEventTypes) {
    if (info.type == t) return info.code;
  }
  return "unknown";
}

std::optional<EventType> event_type_from_code(const std::string& code) {
  for (const auto& info : kEventTypes) {
    if (code == info.code) return info.type;
  }
  return std::nullopt;
}

// 「民國113年05月01日由臺北市大安區遷入 113年05月03日登記」
std::string describe_zh(const Event& e) {
  return e.event_date.to_roc() + body_zh(e) + " " + e.registered_on.to_roc_short() + "登記";
}

// "2024-05-01 Moved in from 臺北市大安區, registered 2024-05-03". Place and person names stay
// as registered: the English transcript romanises them separately.
std::string describe_en(const Event& e) {
  return e.event_date.to_iso() + " " + body_en(e) + ", registered " + e.registered_on.to_iso();
}

std::vector<std::string> split_ids(const std::string& list) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < list.size()) {
    size_t comma = list.find(',', start);
    if (comma == std::string::npos) comma = list.size();
    if (comma > start) out.push_back(list.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

}  // namespace huji::domain
