#include "domain/register/reminder.h"

#include <array>
#include <utility>

namespace huji::domain {

namespace {

constexpr std::array<std::pair<ReminderStatus, const char*>, 5> kStatuses = {{
    {ReminderStatus::kOpen, "open"},
    {ReminderStatus::kComplied, "complied"},
    {ReminderStatus::kLapsed, "lapsed"},
    {ReminderStatus::kFiledAfterLapse, "filed_after_lapse"},
    {ReminderStatus::kRegisteredExOfficio, "registered_ex_officio"},
}};

struct GradeInfo {
  FalseApplicationGrade grade;
  const char* code;
  const char* zh;
};

// The order of StatutoryRules::false_application_fines.
constexpr std::array<GradeInfo, 3> kGrades = {{
    {FalseApplicationGrade::kSelfCorrected, "self_corrected", "自動申請更正"},
    {FalseApplicationGrade::kFoundByStaff, "found_by_staff", "戶政人員發現"},
    {FalseApplicationGrade::kReportedByOthers, "reported_by_others", "被人檢舉"},
}};

}  // namespace

const char* reminder_status_code(ReminderStatus s) {
  for (const auto& [status, code] : kStatuses) {
    if (status == s) return code;
  }
  return "open";
}

std::optional<ReminderStatus> reminder_status_from_code(std::string_view code) {
  for (const auto& [status, c] : kStatuses) {
    if (code == c) return status;
  }
  return std::nullopt;
}

ReminderStatus reminder_state(ReminderStatus stored, core::Date due, core::Date today) {
  if (stored == ReminderStatus::kOpen && today > due) return ReminderStatus::kLapsed;
  return stored;
}

bool registered_ex_officio_after_reminder(EventType type) {
  switch (type) {
    case EventType::kBirth:
    case EventType::kDeath:
    case EventType::kDeathDeclaration:
    case EventType::kFirstRegistration:
    case EventType::kMoveIn:
    case EventType::kMoveOut:
    case EventType::kAddressChange:
    case EventType::kHouseholdSplit:
    case EventType::kHouseholdMerge:
    case EventType::kNameCorrection:
    case EventType::kBirthDateCorrection:
    case EventType::kCorrection: return true;
    default: return false;
  }
}

std::vector<EventType> reminder_types_answered(EventType type) {
  switch (type) {
    case EventType::kExOfficioAddressChange: return {EventType::kAddressChange};
    case EventType::kExOfficioMoveOut: return {EventType::kMoveOut};
    case EventType::kExOfficioMoveIn: return {EventType::kMoveIn, EventType::kAddressChange};
    default: return {type};
  }
}

bool office_own_registration(EventType type) {
  return type == EventType::kExOfficioAddressChange || type == EventType::kExOfficioMoveOut ||
         type == EventType::kExOfficioMoveIn;
}

std::string registration_name_zh(EventType type) {
  switch (type) {
    case EventType::kBirth: return "出生登記";
    case EventType::kDeath: return "死亡登記";
    case EventType::kMarriage: return "結婚登記";
    case EventType::kDivorce: return "離婚登記";
    case EventType::kMoveIn: return "遷入登記";
    case EventType::kMoveOut: return "遷出登記";
    case EventType::kAddressChange: return "住址變更登記";
    case EventType::kHouseholdSplit: return "分戶登記";
    case EventType::kHouseholdMerge: return "合戶登記";
    case EventType::kHeadChange: return "戶長變更登記";
    case EventType::kNameChange: return "姓名變更登記";
    case EventType::kNameCorrection: return "姓名更正登記";
    case EventType::kBirthDateCorrection: return "出生日期更正登記";
    case EventType::kIdNumberChange: return "統一編號變更登記";
    case EventType::kFirstRegistration: return "初設戶籍登記";
    case EventType::kAcknowledgement: return "認領登記";
    case EventType::kAdoption: return "收養登記";
    case EventType::kAdoptionTermination: return "終止收養登記";
    case EventType::kGuardianship: return "監護登記";
    case EventType::kLossOfNationality: return "廢止戶籍登記";
    case EventType::kRestoration: return "恢復戶籍登記";
    case EventType::kExOfficioMoveIn: return "逕為遷入登記";
    case EventType::kDeathDeclaration: return "死亡宣告登記";
    case EventType::kAssistance: return "輔助登記";
    case EventType::kCustody: return "未成年子女權利義務行使負擔登記";
    case EventType::kCorrection: return "更正登記";
    case EventType::kExOfficioAddressChange: return "逕為住址變更登記";
    case EventType::kExOfficioMoveOut: return "逕為遷出登記";
    case EventType::kRegistrationCancellation: return "撤銷戶籍登記";
    case EventType::kRevocation: return "撤銷登記";
    case EventType::kConversion: return "戶籍資料轉換";
    default: return "戶籍登記";  // types added later print the generic name until named here
  }
}

const char* false_application_grade_code(FalseApplicationGrade g) {
  return kGrades[static_cast<size_t>(g)].code;
}

const char* false_application_grade_zh(FalseApplicationGrade g) {
  return kGrades[static_cast<size_t>(g)].zh;
}

std::optional<FalseApplicationGrade> false_application_grade_from_code(std::string_view code) {
  for (const auto& g : kGrades) {
    if (code == g.code) return g.grade;
  }
  return std::nullopt;
}

int false_application_fine(const StatutoryRules& rules, FalseApplicationGrade g) {
  return rules.false_application_fines[static_cast<size_t>(g)];
}

}  // namespace huji::domain
