#ifndef HUJI_DOMAIN_ACCESS_ROLE_H_
#define HUJI_DOMAIN_ACCESS_ROLE_H_

// Staff roles and what each may do. The table lives here, in one place; `service` enforces it
// on every use case (the UI only hides what a role cannot do).

#include <optional>
#include <string>
#include <string_view>

namespace huji::domain {

enum class Role {
  kClerk,       // 戶政人員: registers, issues documents, looks up the national register
  kSupervisor,  // 股長/秘書/主任: everything a clerk does, plus review and sampling
  kAuditor,     // 稽核人員: reads the audit trail, never personal data itself
  kAdmin,       // 系統管理員 (System administrator): users, calendars, rules of their office
};

enum class Permission {
  kReadPerson,      // look a person up in the (national) register
  kReadAudit,       // list audit entries
  kVerifyAudit,     // check the audit hash chain
  kManageUsers,     // add/disable users of the own office
  kManageCalendar,  // load holiday calendars
  kManageRules,     // load the statutory figures (deadlines, fines, targets) by effective date
  kRegister,        // enter registration applications at the counter (受理)
  kReview,          // review and register applications (審核), decide late fines
  kSample,          // sample registered cases (抽核), mark errors (誤辦)
  kReadKpi,         // read the office's indicators
  kManageAgencies,  // configure the partner agencies of cross-agency notification
};

const char* role_code(Role r);  // "clerk", "supervisor", "auditor", "admin"
const char* role_name_zh(Role r);
std::optional<Role> role_from_code(std::string_view code);
bool role_has(Role r, Permission p);

}  // namespace huji::domain

#endif  // HUJI_DOMAIN_ACCESS_ROLE_H_
