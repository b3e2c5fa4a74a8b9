#include "domain/access/role.h"

namespace huji::domain {

const char* role_code(Role r) {
  switch (r) {
    case Role::kClerk: return "clerk";
    case Role::kSupervisor: return "supervisor";
    case Role::kAuditor: return "auditor";
    case Role::kAdmin: return "admin";
  }
  return "clerk";
}

const char* role_name_zh(Role r) {
  switch (r) {
    case Role::kClerk: return "戶政人員";
    case Role::kSupervisor: return "股長";
    case Role::kAuditor: return "稽核人員";
    case Role::kAdmin: return "系統管理員";
  }
  return "";
}

std::optional<Role> role_from_code(std::string_view code) {
  if (code == "clerk") return Role::kClerk;
  if (code == "supervisor") return Role::kSupervisor;
  if (code == "auditor") return Role::kAuditor;
  if (code == "admin") return Role::kAdmin;
  return std::nullopt;
}

bool role_has(Role r, Permission p) {
  switch (p) {
    case Permission::kReadPerson: return r == Role::kClerk || r == Role::kSupervisor;
    case Permission::kReadAudit:
    case Permission::kVerifyAudit: return r == Role::kAuditor;
    case Permission::kManageUsers:
    case Permission::kManageCalendar:
    case Permission::kManageRules:
    case Permission::kManageAgencies: return r == Role::kAdmin;
    case Permission::kRegister: return r == Role::kClerk || r == Role::kSupervisor;
    case Permission::kReview:
    case Permission::kSample: return r == Role::kSupervisor;
    case Permission::kReadKpi: return r == Role::kSupervisor || r == Role::kAdmin;
  }
  return false;
}

}  // namespace huji::domain
