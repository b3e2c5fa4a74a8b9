// huji user add|disable|enable|unlock|reset|revoke-sessions|totp-enrol|require-totp: the
// operator's management of staff accounts, each audited with the actor "operator-cli".
// Passwords are read from the terminal without echo (asked twice), or as the first line of
// standard input when it is not a terminal or --password-stdin is given; never from an
// argument, which other users of the machine could read in the process list.

#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/command.h"
#include "domain/access/role.h"
#include "service/auth_service.h"

namespace huji::cli {
namespace {

struct UserOptions {
  service::NewUser user;  // add
  std::string role;       // add, require-totp
  std::string username;   // the others
  bool password_stdin = false;
  bool off = false;  // require-totp --off
};

core::Error password_unreadable() {
  return core::Error::invalid("user.password_missing", "未讀到密碼", "no password was read");
}

// One line from the terminal with echo off.
std::optional<std::string> read_hidden(const char* prompt) {
  std::cerr << prompt << std::flush;
  termios old{};
  const bool tty = tcgetattr(STDIN_FILENO, &old) == 0;
  if (tty) {
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  std::string line;
  const bool got = static_cast<bool>(std::getline(std::cin, line));
  if (tty) tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
  std::cerr << "\n";
  if (!got) return std::nullopt;
  return line;
}

core::Result<std::string> read_password(bool from_stdin) {
  if (from_stdin || !isatty(STDIN_FILENO)) {
    std::string line;
    if (!std::getline(std::cin, line) || line.empty()) return password_unreadable();
    return line;
  }
  auto first = read_hidden("password: ");
  auto again = read_hidden("password again: ");
  if (!first || !again || first->empty()) return password_unreadable();
  if (*first != *again) {
    return core::Error::invalid("user.password_mismatch", "兩次輸入的密碼不同",
                                "the two passwords differ");
  }
  return *first;
}

int done(const core::Status& st, const std::string& what) {
  if (!st.ok()) return fail(st.error());
  std::cout << what << "\n";
  return 0;
}

const service::RequestContext kCli{"cli", ""};

int add(UserOptions& o, service::AuthService& auth) {
  auto role = service::parse_role(o.role);
  if (!role.ok()) return fail(role.error());
  o.user.role = *role;
  auto password = read_password(o.password_stdin);
  if (!password.ok()) return fail(password.error());
  o.user.password = *password;
  auto id = auth.add_user(o.user, nullptr, kCli);
  if (!id.ok()) return fail(id.error());
  std::cout << "user " << o.user.username << " added (id " << *id << ")\n";
  return 0;
}

int reset(const UserOptions& o, service::AuthService& auth) {
  auto password = read_password(o.password_stdin);
  if (!password.ok()) return fail(password.error());
  return done(auth.reset_password(o.username, *password, nullptr, kCli),
              "password of " + o.username + " reset; its sessions are revoked");
}

int totp_enrol(const UserOptions& o, service::AuthService& auth) {
  auto e = auth.enrol_totp(o.username, nullptr, kCli);
  if (!e.ok()) return fail(e.error());
  std::cout << "one-time codes enrolled for " << o.username
            << "; give these to the user now, they are not shown again:\n"
            << "secret: " << e->secret << "\n"
            << "uri: " << e->uri << "\n";
  return 0;
}

int require_totp(const UserOptions& o, service::AuthService& auth) {
  auto role = service::parse_role(o.role);
  if (!role.ok()) return fail(role.error());
  return done(
      auth.require_totp(*role, !o.off, nullptr, kCli),
      "role " + o.role + (o.off ? " no longer needs" : " now needs") + " a one-time code at login");
}

}  // namespace

Command add_user_command(CLI::App& app, std::string& db) {
  auto o = std::make_shared<UserOptions>();
  auto* user = app.add_subcommand("user", "manage staff users");
  user->require_subcommand(1);
  auto leaf = [&](const char* name, const char* help) {
    auto* sub = user->add_subcommand(name, help);
    add_db_option(*sub, db);
    return sub;
  };
  auto* add_cmd = leaf("add", "add a staff user; the password is read without echo or from stdin");
  add_cmd->add_option("--username", o->user.username)->required();
  add_cmd->add_option("--role", o->role, "clerk, supervisor, auditor or admin")->required();
  add_cmd->add_option("--office", o->user.office_code, "office code")->required();
  add_cmd->add_option("--display-name", o->user.display_name);
  add_cmd->add_flag("--password-stdin", o->password_stdin, "read the password from stdin");
  auto* disable = leaf("disable", "disable a user and revoke their sessions at once");
  auto* enable = leaf("enable", "enable a disabled user");
  auto* unlock = leaf("unlock", "forget a user's failed logins (login throttling)");
  auto* reset = leaf("reset", "set a new password (read like add's); revokes sessions");
  auto* revoke = leaf("revoke-sessions", "end every session of a user");
  auto* enrol = leaf("totp-enrol", "enrol one-time codes (RFC 6238); prints the secret once");
  for (auto* sub : {disable, enable, unlock, reset, revoke, enrol}) {
    sub->add_option("username", o->username, "the user")->required();
  }
  reset->add_flag("--password-stdin", o->password_stdin, "read the password from stdin");
  auto* require = leaf("require-totp", "make staff of a role give a one-time code at login");
  require->add_option("--role", o->role, "clerk, supervisor, auditor or admin")->required();
  require->add_flag("--off", o->off, "no longer require it");

  auto run = [o, add_cmd, disable, enable, unlock, reset, revoke, enrol](CommandContext& c) {
    service::AuthService auth(c.store, c.clock);
    const std::string& u = o->username;
    if (*add_cmd) return add(*o, auth);
    if (*disable) {
      return done(auth.set_disabled(u, true, nullptr, kCli),
                  "user " + u + " disabled; its sessions are revoked");
    }
    if (*enable) return done(auth.set_disabled(u, false, nullptr, kCli), "user " + u + " enabled");
    if (*unlock) {
      return done(auth.unlock(u, nullptr, kCli), "failed logins of " + u + " forgotten");
    }
    if (*reset) return huji::cli::reset(*o, auth);
    if (*revoke) {
      return done(auth.revoke_sessions(u, nullptr, kCli), "sessions of " + u + " revoked");
    }
    if (*enrol) return totp_enrol(*o, auth);
    return require_totp(*o, auth);
  };
  return {user, run};
}

}  // namespace huji::cli
