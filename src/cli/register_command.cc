// huji register rebuild: replays the event log and compares the result with (or, with
// --repair, replaces) the persons and households projections.

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <system_error>

#include "cli/command.h"
#include "service/register_rebuild.h"
#include "store/open_store.h"

namespace huji::cli {
namespace {

namespace fs = std::filesystem;

struct RebuildOptions {
  bool check_only = false;
  bool repair = false;
  std::string calendar_dir;
  std::string scratch_dir;
};

int rebuild(const RebuildOptions& o, CommandContext& c) {
  if (o.check_only && o.repair) {
    return fail(core::Error::invalid("cli.flags", "--check 與 --repair 擇一",
                                     "give --check or --repair, not both"));
  }
  // With --scratch: a new directory of its own there, removed afterwards.
  std::string scratch_path;
  std::unique_ptr<service::Store> scratch;
  if (!o.scratch_dir.empty()) {
    std::string tmpl = (fs::path(o.scratch_dir) / "huji-rebuild-XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr) {
      return fail(core::Error::invalid("cli.scratch", "無法在 " + o.scratch_dir + " 建立暫存目錄",
                                       "cannot create a scratch directory in " + o.scratch_dir));
    }
    scratch_path = tmpl;
    auto opened = store::open_store(scratch_path + "/replay.db");
    if (!opened.ok()) {
      std::error_code ec;
      fs::remove_all(scratch_path, ec);
      return fail(opened.error());
    }
    scratch = std::move(opened).value();
  }
  auto r = service::rebuild_register(c.store, o.repair, scratch.get());
  scratch.reset();
  if (!scratch_path.empty()) {
    std::error_code ec;
    fs::remove_all(scratch_path, ec);
  }
  if (!r.ok()) return fail(r.error());
  std::cout << "replayed " << r->events << " events; stored " << r->persons << " persons, "
            << r->households << " households\n";
  for (const auto& d : r->differences) std::cout << "  " << d << "\n";
  if (r->differences.empty()) {
    std::cout << "projections equal the replay of the event log\n";
    return 0;
  }
  std::cout << (o.repair ? "projections replaced by the replay\n"
                         : "projections DIFFER from the replay of the event log\n");
  return o.repair ? 0 : 1;
}

}  // namespace

Command add_register_command(CLI::App& app, std::string& db) {
  auto o = std::make_shared<RebuildOptions>();
  auto* reg = app.add_subcommand("register", "population register tools");
  reg->require_subcommand(1);
  auto* rebuild_cmd =
      reg->add_subcommand("rebuild",
                          "replay the event log and compare with (or, with --repair, replace) the "
                          "persons and households projections");
  add_db_option(*rebuild_cmd, db);
  rebuild_cmd->add_flag("--check", o->check_only,
                        "only compare (the default); exit 1 on a difference");
  rebuild_cmd->add_flag("--repair", o->repair, "replace the projections by the replay");
  rebuild_cmd->add_option("--calendar", o->calendar_dir,
                          "accepted for older scripts; the replay needs no holiday calendar");
  rebuild_cmd->add_option("--scratch", o->scratch_dir,
                          "replay into a temporary SQLite database in this directory instead "
                          "of memory (a register larger than memory: ~1.6 GB per million "
                          "persons)");
  return {rebuild_cmd, [o](CommandContext& c) { return rebuild(*o, c); }};
}

}  // namespace huji::cli
