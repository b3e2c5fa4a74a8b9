// huji migrate: creates or upgrades the database schema (opening the store migrates it) and,
// with --app-role on PostgreSQL, grants the application's role what it needs and no more
// (docs/OPERATIONS.md "Audit trail integrity").

#include <iostream>
#include <memory>

#include "cli/command.h"
#include "store/open_store.h"

namespace huji::cli {

Command add_migrate_command(CLI::App& app, std::string& db) {
  auto* migrate = app.add_subcommand("migrate", "create or upgrade the database schema");
  add_db_option(*migrate, db);
  auto app_role = std::make_shared<std::string>();
  migrate->add_option("--app-role", *app_role,
                      "PostgreSQL: the role huji serve logs in as, granted INSERT and SELECT "
                      "only on the audit trail (run as the tables' owner)");
  return {migrate, [app_role](CommandContext& c) {
            std::cout << "schema version " << c.store.schema_version() << "\n";
            if (app_role->empty()) return 0;
            if (auto st = store::grant_app_role(c.store, *app_role); !st.ok()) {
              return fail(st.error());
            }
            std::cout << "granted " << *app_role
                      << " INSERT and SELECT on audit and events, read and write on the "
                         "other tables\n";
            return 0;
          }};
}

}  // namespace huji::cli
