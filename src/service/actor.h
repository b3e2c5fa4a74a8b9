#ifndef HUJI_SERVICE_ACTOR_H_
#define HUJI_SERVICE_ACTOR_H_

// Who is acting, for access checks and the audit trail. Built by AuthService from a valid
// session; the HTTP and CLI layers never construct one from client input.

#include <cstdint>
#include <string>

#include "domain/access/role.h"

namespace huji::service {

struct Actor {
  int64_t user_id = 0;
  std::string username;
  std::string display_name;
  domain::Role role = domain::Role::kClerk;
  std::string office_code;
  std::string office_name;
  // A member of the public (who checks a document's code): audited with no role.
  bool anonymous = false;
};

// Per-request facts that the audit trail records beside the actor.
struct RequestContext {
  std::string request_id;
  std::string source_address{};  // the client's IP address as the server saw it; CLI: ""
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_ACTOR_H_
