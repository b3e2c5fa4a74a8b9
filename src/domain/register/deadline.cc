#include "domain/register/deadline.h"

#include <algorithm>

namespace huji::domain {

namespace {

std::string field(const std::map<std::string, std::string>& fields, const char* key) {
  auto it = fields.find(key);
  return it == fields.end() ? std::string() : it->second;
}

}  // namespace

DeadlineBasis deadline_basis(EventType type, const std::map<std::string, std::string>& fields,
                             core::Date event_date, const StatutoryRules& rules) {
  switch (type) {
    case EventType::kBirth: return {DeadlineRule::kBirth, "戶籍法 §48 ¶1 但書"};
    case EventType::kMoveIn:
    case EventType::kAddressChange: return {DeadlineRule::kMove, "戶籍法 §17、§48"};
    case EventType::kRestoration: return {DeadlineRule::kMove, "戶籍法 §17 ¶2、§48"};
    case EventType::kMoveOut: return {DeadlineRule::kAbroad, "戶籍法 §16 ¶3、§48；施行細則 §5"};
    case EventType::kMarriage:
      if (event_date >= rules.registration_marriage_since) {
        return {DeadlineRule::kOnRegistration, "民法 §982"};
      }
      return {DeadlineRule::kGeneral, "戶籍法 §48 ¶1"};
    case EventType::kDivorce:
      if (field(fields, "reason") == "court") return {DeadlineRule::kGeneral, "戶籍法 §48 ¶1"};
      if (event_date >= rules.registration_agreed_divorce_since) {
        return {DeadlineRule::kOnRegistration, "民法 §1050"};
      }
      return {DeadlineRule::kGeneral, "戶籍法 §48 ¶1"};
    case EventType::kRevocation:
      if (field(fields, "initiated_by") == "office")
        return {DeadlineRule::kNone, "行政程序法 §117（機關依職權撤銷）"};
      return {DeadlineRule::kGeneral, "戶籍法 §48 ¶1"};
    case EventType::kHouseholdSplit:
    case EventType::kHouseholdMerge:
    case EventType::kNameChange: return {DeadlineRule::kNone, "自願申請，無法定期間"};
    case EventType::kIndigenousAcquisition:
    case EventType::kIndigenousLoss:
    case EventType::kIndigenousChange:
      return {DeadlineRule::kNone, "原住民身分法（依本人意願申請，無法定期間）"};
    case EventType::kDeathDeclaration:
      return {DeadlineRule::kGeneral, "戶籍法 §48 ¶1（死亡宣告判決後 30 日）", "judgment_date"};
    case EventType::kExOfficioAddressChange:
      return {DeadlineRule::kNone, "戶籍法 §48-2（逕為登記）"};
    case EventType::kExOfficioMoveOut:
      return {DeadlineRule::kNone, "戶籍法 §16 ¶3；施行細則 §5（逕為遷出）"};
    case EventType::kRegistrationCancellation:
      if (field(fields, "initiated_by") == "citizen") {
        return {DeadlineRule::kGeneral, "戶籍法 §48 ¶1"};
      }
      return {DeadlineRule::kNone, "戶籍法 §48-2（依函逕為撤銷戶籍）"};
    case EventType::kExOfficioMoveIn: return {DeadlineRule::kNone, "戶籍法 §48-2（逕為登記）"};
    case EventType::kLossOfNationality:
      return {DeadlineRule::kNone, "戶籍法 §48-2；內政部函（逕為廢止戶籍）"};
    case EventType::kConversion: return {DeadlineRule::kNone, ""};
    default: return {DeadlineRule::kGeneral, "戶籍法 §48 ¶1"};
  }
}

bool takes_effect_on_registration(EventType type, const std::map<std::string, std::string>& fields,
                                  core::Date event_date, const StatutoryRules& rules) {
  return deadline_basis(type, fields, event_date, rules).rule == DeadlineRule::kOnRegistration;
}

core::Result<Lateness> assess_lateness(const LatenessInput& in,
                                       const core::WorkingCalendar& calendar,
                                       const RuleBook& book) {
  const StatutoryRules& rules = book.at(in.event_date);
  const DeadlineBasis basis = deadline_basis(in.type, in.fields, in.event_date, rules);
  Lateness out;
  out.statute = basis.statute;
  core::Date start = in.event_date;
  if (basis.from_field != nullptr) {
    auto it = in.fields.find(basis.from_field);
    if (it != in.fields.end()) {
      if (auto from = core::Date::parse_iso(it->second); from.ok()) start = *from;
    }
  }
  int days = rules.general_days;
  switch (basis.rule) {
    case DeadlineRule::kNone:
    case DeadlineRule::kOnRegistration:
      out.has_deadline = false;
      out.deadline = in.filed;
      return out;
    case DeadlineRule::kBirth: days = rules.birth_days; break;
    case DeadlineRule::kGeneral: break;
    case DeadlineRule::kMove:
      start = in.event_date.add_months(rules.move_stay_months);
      days = rules.move_days;
      break;
    case DeadlineRule::kAbroad:
      start = in.event_date.add_years(rules.abroad_years);
      days = rules.move_days;
      break;
  }
  const FineSchedule& fines = rules.fines;
  const core::Date earliest = start.add_days(days);  // the deadline before any shift
  auto shifted = calendar.deadline(start, days);
  if (shifted.ok()) {
    out.deadline = *shifted;
  } else if (shifted.error().code != "calendar.year_not_loaded") {
    return std::move(shifted).take_error();
  } else {
    // The deadline, or the working day it moves to, is in a year without a calendar.
    out.provisional = true;
    out.deadline = earliest;
    const int64_t most = earliest.days_until(in.filed);
    const int64_t least = most - kMaxDaysOffInARow;
    if (most > 0 && (least <= 0 || fines.amount_for(static_cast<int>(least)) !=
                                       fines.amount_for(static_cast<int>(most)))) {
      return core::Error::unprocessable(
          "calendar.year_not_loaded",
          "期限所在年度（" + std::to_string(earliest.year()) +
              "）之辦公日曆表尚未載入，無法判定是否逾期；請系統管理員載入該年度行事曆",
          "the office calendar of " + std::to_string(earliest.year()) +
              ", where the deadline falls, is not loaded: lateness cannot be judged; an admin "
              "must load that year");
    }
    if (most > 0) {
      out.days_late = static_cast<int>(least);
      out.fine_min = fines.amount_for(out.days_late);
      out.fine_max = std::max(out.fine_min, fines.statutory_max);
    }
    return out;
  }
  const int64_t late = out.deadline.days_until(in.filed);
  if (late > 0) {
    out.days_late = static_cast<int>(late);
    out.fine_min = fines.amount_for(out.days_late);
    out.fine_max = std::max(out.fine_min, fines.statutory_max);
  }
  return out;
}

}  // namespace huji::domain
