// huji demo: a demo office (or, with --national, the whole country) with a synthetic
// population, loaded into an empty database.

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "cli/progress.h"
#include "demo/population.h"
#include "service/demo_service.h"

namespace huji::cli {
namespace {

struct DemoCommandOptions {
  demo::DemoSpec spec;
  bool national = false;
  service::DemoOptions load;
};

int run_demo(DemoCommandOptions o, CommandContext& c) {
  demo::DemoSpec& spec = o.spec;
  service::DemoOptions& demo_options = o.load;
  spec.today = c.clock.today_taipei();
  if (o.national) spec.scope = demo::DemoScope::kNational;
  // Progress on stderr: redrawn in place on a terminal, plain lines in a log.
  ProgressBar bar(std::cerr, isatty(STDERR_FILENO) != 0, spec.persons, "persons");
  int64_t persons_done = 0;
  bool bar_done = false;
  demo_options.progress = [&](int64_t done) { bar.update(persons_done = done); };
  const auto started = std::chrono::steady_clock::now();
  auto rows_done = started;
  demo_options.indexing = [&] {
    bar.finish(persons_done);
    bar_done = true;
    rows_done = std::chrono::steady_clock::now();
    std::cerr << "building indexes…" << std::endl;
  };
  auto r = service::load_demo(c.store, c.clock, spec, demo_options);
  if (!r.ok()) return fail(r.error());
  if (!bar_done) bar.finish(r->persons);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (o.national) {
    std::cout << "national demo: " << r->offices << " offices, "
              << ProgressBar::grouped(r->villages) << " villages\n";
  }
  std::cout << "demo office " << r->office_name << " (" << r->office_code << "): " << r->persons
            << " persons, " << r->households << " households, " << r->events << " events, "
            << r->door_plates << " door plates\n";
  char elapsed[32];
  std::snprintf(elapsed, sizeof elapsed, "%.2f", seconds);
  const double per_second = seconds > 0 ? 1.0 / seconds : 0.0;
  std::cout
      << "loaded " << ProgressBar::grouped(r->rows()) << " rows in " << elapsed << " s ("
      << ProgressBar::grouped(static_cast<int64_t>(static_cast<double>(r->rows()) * per_second))
      << " rows/s, "
      << ProgressBar::grouped(static_cast<int64_t>(static_cast<double>(r->persons) * per_second))
      << " persons/s), " << r->batches << " transactions\n";
  if (bar_done) {
    const auto secs = [](auto d) { return std::chrono::duration<double>(d).count(); };
    char split[96];
    std::snprintf(split, sizeof split, "rows %.2f s, indexes %.2f s\n", secs(rows_done - started),
                  secs(std::chrono::steady_clock::now() - rows_done));
    std::cout << split;
  }
  std::cout << "sample person: " << r->sample_person_id << "\n";
  for (const auto& l : r->logins) {
    std::cout << "login: " << l.username << " / " << l.password << " (" << domain::role_code(l.role)
              << ")\n";
  }
  return 0;
}

}  // namespace

Command add_demo_command(CLI::App& app, std::string& db) {
  auto o = std::make_shared<DemoCommandOptions>();
  auto* demo_cmd = app.add_subcommand("demo", "create a demo office with a synthetic population");
  add_db_option(*demo_cmd, db);
  demo_cmd->add_option("--persons", o->spec.persons, "number of persons")->capture_default_str();
  demo_cmd->add_option("--seed", o->spec.seed, "random seed")->capture_default_str();
  demo_cmd->add_flag("--national", o->national,
                     "the whole country: 368 offices, each district's share of --persons (23.5 "
                     "million for Taiwan's size); staff stay at 63000080");
  demo_cmd
      ->add_option("--batch", o->load.batch_households, "households per transaction while loading")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  return {demo_cmd, [o](CommandContext& c) { return run_demo(*o, c); }};
}

}  // namespace huji::cli
