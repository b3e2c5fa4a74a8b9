// huji migrate: creates or upgrades the database schema (opening the store migrates it).

#include <iostream>

#include "cli/command.h"

namespace huji::cli {

Command add_migrate_command(CLI::App& app, std::string& db) {
  auto* migrate = app.add_subcommand("migrate", "create or upgrade the database schema");
  add_db_option(*migrate, db);
  return {migrate, [](CommandContext& c) {
            std::cout << "schema version " << c.store.schema_version() << "\n";
            return 0;
          }};
}

}  // namespace huji::cli
