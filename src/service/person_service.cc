#include "service/person_service.h"

#include "core/id_number.h"
#include "service/audit.h"
#include "service/errors.h"

namespace huji::service {

using core::Error;
using core::ErrorKind;

namespace {

constexpr size_t kMaxPurposeBytes = 200;

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

}  // namespace

core::Result<PersonView> PersonService::lookup(const Actor& actor, const RequestContext& ctx,
                                               const std::string& id_number,
                                               const std::string& raw_purpose) {
  const std::string purpose = trim(raw_purpose);
  if (purpose.empty()) {
    return Error::make(ErrorKind::kInvalidArgument, "person.purpose_required",
                       "查詢個人資料須填寫查詢事由", "a purpose is required to look a person up");
  }
  if (purpose.size() > kMaxPurposeBytes) {
    return Error::make(ErrorKind::kInvalidArgument, "person.purpose_too_long",
                       "查詢事由過長（上限 200 位元組）", "purpose too long (200 bytes at most)");
  }
  auto id = core::IdNumber::parse(id_number);
  if (!id.ok()) {
    Error e = id.error();
    e.kind = ErrorKind::kUnprocessable;
    return e;
  }
  const std::string subject = id->str();

  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  if (!domain::role_has(actor.role, domain::Permission::kReadPerson)) {
    // A refused attempt is recorded too: the auditor asks who tried, not only who saw.
    HUJI_TRY(append_audit(*tx, clock_, actor, ctx, {"person.read", subject, purpose, "denied"}));
    HUJI_TRY(tx->commit());
    return errors::forbidden("person.read");
  }
  HUJI_ASSIGN_OR_RETURN(auto person, tx->find_person(subject));
  if (!person) {
    HUJI_TRY(append_audit(*tx, clock_, actor, ctx,
                          {"person.read", subject, purpose, "not_found"}));
    HUJI_TRY(tx->commit());
    return Error::make(ErrorKind::kNotFound, "person.not_found",
                       "查無此統一編號之戶籍資料：" + subject,
                       "no one with ID number " + subject + " is in the register");
  }
  PersonView v;
  v.person = std::move(*person);
  auto ref = [&](const std::optional<std::string>& pid,
                 const std::string& fallback_name) -> core::Result<std::optional<PersonRef>> {
    if (!pid) {
      if (fallback_name.empty()) return std::optional<PersonRef>();
      return std::optional<PersonRef>(PersonRef{"", fallback_name});
    }
    HUJI_ASSIGN_OR_RETURN(auto other, tx->find_person(*pid));
    return std::optional<PersonRef>(PersonRef{*pid, other ? other->name : fallback_name});
  };
  HUJI_ASSIGN_OR_RETURN(v.father, ref(v.person.father_id, v.person.father_name));
  HUJI_ASSIGN_OR_RETURN(v.mother, ref(v.person.mother_id, v.person.mother_name));
  HUJI_ASSIGN_OR_RETURN(v.spouse, ref(v.person.spouse_id, ""));
  if (!v.person.household_no.empty()) {
    HUJI_ASSIGN_OR_RETURN(v.household, tx->find_household(v.person.household_no));
    if (v.household) {
      HUJI_ASSIGN_OR_RETURN(v.door_plate, tx->find_door_plate(v.household->door_plate_id));
      HUJI_ASSIGN_OR_RETURN(v.members, tx->household_members(v.household->household_no));
    }
  }
  HUJI_ASSIGN_OR_RETURN(v.events, tx->events_of(subject));
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx, {"person.read", subject, purpose, "ok"}));
  HUJI_TRY(tx->commit());
  return v;
}

}  // namespace huji::service
