// huji user add: a staff user; the password is read from stdin.

#include <unistd.h>

#include <iostream>
#include <memory>
#include <string>

#include "cli/command.h"
#include "domain/access/role.h"
#include "service/auth_service.h"

namespace huji::cli {
namespace {

struct UserAddOptions {
  service::NewUser user;
  std::string role;
};

int add_user(UserAddOptions o, CommandContext& c) {
  auto r = domain::role_from_code(o.role);
  if (!r) {
    return fail(core::Error::invalid("user.role", "角色須為 clerk、supervisor、auditor 或 admin",
                                     "role must be clerk, supervisor, auditor or admin"));
  }
  service::NewUser& nu = o.user;
  nu.role = *r;
  if (isatty(STDIN_FILENO)) std::cerr << "password: ";
  std::getline(std::cin, nu.password);
  service::AuthService auth(c.store, c.clock);
  auto id = auth.add_user(nu, nullptr, {"cli"});
  if (!id.ok()) return fail(id.error());
  std::cout << "user " << nu.username << " added (id " << *id << ")\n";
  return 0;
}

}  // namespace

Command add_user_command(CLI::App& app, std::string& db) {
  auto o = std::make_shared<UserAddOptions>();
  auto* user = app.add_subcommand("user", "manage staff users");
  user->require_subcommand(1);
  auto* user_add = user->add_subcommand("add", "add a staff user; the password is read from stdin");
  add_db_option(*user_add, db);
  user_add->add_option("--username", o->user.username)->required();
  user_add->add_option("--role", o->role, "clerk, supervisor, auditor or admin")->required();
  user_add->add_option("--office", o->user.office_code, "office code")->required();
  user_add->add_option("--display-name", o->user.display_name);
  return {user_add, [o](CommandContext& c) { return add_user(*o, c); }};
}

}  // namespace huji::cli
