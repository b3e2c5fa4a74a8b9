// huji import FEED FILE --db PATH|URL [--office CODE] [--calendar DIR]: an inbound feed file
// (immigration | death | court; docs/DOMAIN.md "Inbound feeds") imported for an office as the
// upload API does, audited as "operator-cli". Prints the outcome as one JSON object; importing
// the same file again changes nothing ("repeated": true).

#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/command.h"
#include "core/calendar.h"
#include "service/calendar_service.h"
#include "service/inbound_service.h"

namespace huji::cli {
namespace {

struct ImportOptions {
  std::string feed, file, office, calendar_dir;
};

core::Result<std::string> office_to_use(const ImportOptions& o, service::Store& store) {
  if (!o.office.empty()) return o.office;
  HUJI_ASSIGN_OR_RETURN(auto tx, store.begin(service::TxMode::kRead));
  HUJI_ASSIGN_OR_RETURN(auto offices, tx->list_offices());
  if (offices.size() != 1) {
    return core::Error::invalid("cli.office", "請以 --office 指定匯入之戶政事務所",
                                "name the importing office with --office");
  }
  return offices.front().code;
}

int run_import(const ImportOptions& o, CommandContext& c) {
  std::ifstream in(o.file, std::ios::binary);
  if (!in) {
    return fail(
        core::Error::unavailable("cli.file", "無法讀取 " + o.file, "cannot read " + o.file));
  }
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  core::WorkingCalendar files;
  if (auto st = files.load_directory(locate(o.calendar_dir, "data/calendar")); !st.ok()) {
    return fail(st.error());
  }
  core::SharedCalendar calendar;
  service::CalendarService calendars(c.store, c.clock, calendar, std::move(files));
  if (auto st = calendars.refresh(); !st.ok()) return fail(st.error());
  auto office = office_to_use(o, c.store);
  if (!office.ok()) return fail(office.error());
  service::InboundService inbound(c.store, c.clock, calendar);
  const std::string name = o.file.substr(o.file.find_last_of('/') + 1);
  auto r = inbound.import_as_operator(*office, o.feed, name, text);
  if (!r.ok()) return fail(r.error());
  const service::InboundFile& f = r->file;
  nlohmann::json out = {
      {"file_id", f.id},          {"feed", f.feed},           {"sha256", f.sha256},
      {"office", f.office_code},  {"repeated", r->repeated},  {"records", f.records},
      {"new_cases", f.new_cases}, {"unchanged", f.unchanged}, {"superseded", f.superseded},
      {"anomalies", f.anomalies}, {"closed", f.closed}};
  std::cout << out.dump() << "\n";
  return 0;
}

}  // namespace

Command add_import_command(CLI::App& app, std::string& db) {
  auto o = std::make_shared<ImportOptions>();
  auto* cmd = app.add_subcommand(
      "import", "import an inbound feed file (immigration, death, court) as clerk cases");
  cmd->add_option("feed", o->feed, "immigration, death or court")->required();
  cmd->add_option("file", o->file, "the feed file (UTF-8 CSV, docs/DOMAIN.md)")->required();
  add_db_option(*cmd, db);
  cmd->add_option("--office", o->office,
                  "the importing office's code (required when the database has several)");
  cmd->add_option("--calendar", o->calendar_dir, "holiday calendar directory (data/calendar)");
  return {cmd, [o](CommandContext& c) { return run_import(*o, c); }};
}

}  // namespace huji::cli
