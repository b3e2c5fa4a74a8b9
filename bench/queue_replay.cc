// Wait estimates replayed over simulated office days (issue 20 item 4): the naive quote
// "position × mean service time ÷ counters" against the model (domain/queue/wait_model.h),
// each quoted when the ticket is issued and compared with the wait that followed
// (demo/queue_replay.h describes the days).
//
//   build/release/bench/queue_replay [--days 200] [--seed 20] [--tickets 600]

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "demo/queue_replay.h"

namespace {

using huji::demo::Method;
using huji::demo::Scores;

void row(const char* name, const Scores& s, const Scores& naive) {
  std::printf("| %s | %.2f | %.2f | %.1f %% | %.1f %% | %.1f | %+.1f %% |\n", name, s.mae_min,
              s.p90_min, 100 * s.late_share, 100 * s.coverage, s.squared_error,
              100 * (s.squared_error / naive.squared_error - 1));
}

// Where the model's error comes from: mean signed error (actual − quote) and MAE per kind of
// ticket and per service.
void detail(const std::vector<huji::demo::Quote>& quotes) {
  struct Acc {
    int n = 0;
    double signed_error = 0, abs_error = 0, wait = 0;
  };
  std::map<std::string, Acc> by;
  for (const auto& q : quotes) {
    const double e = q.actual_min - std::round(q.model_min);
    const std::string kind =
        q.appointment ? "kind appointment" : (q.priority ? "kind priority" : "kind ordinary");
    const double m = q.model_min;
    const std::string bucket = m < 5 ? "quote 0–5" : m < 10 ? "quote 5–10" : m < 20 ? "quote 10–20"
                               : m < 40 ? "quote 20–40" : "quote 40+";
    for (const auto& key : {kind, "service " + q.service, bucket}) {
      auto& a = by[key];
      ++a.n;
      a.signed_error += e;
      a.abs_error += std::abs(e);
      a.wait += q.actual_min;
    }
  }
  std::printf("\n| tickets | n | mean wait | mean (actual − quote) | MAE |\n|---|---|---|---|---|\n");
  for (const auto& [key, a] : by) {
    std::printf("| %s | %d | %.1f | %+.2f | %.2f |\n", key.c_str(), a.n, a.wait / a.n,
                a.signed_error / a.n, a.abs_error / a.n);
  }
}

}  // namespace

int main(int argc, char** argv) {
  huji::demo::ReplayOptions o;
  bool show_detail = false;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const char* value = argv[i + 1];
    if (flag == "--days") {
      o.days = std::atoi(value);
    } else if (flag == "--seed") {
      o.seed = std::strtoull(value, nullptr, 10);
    } else if (flag == "--tickets") {
      o.tickets_per_day = std::atoi(value);
    } else if (flag == "--z") {
      o.model.z = std::atof(value);
    } else if (flag == "--margin") {
      o.model.margin_min = std::atof(value);
    } else if (flag == "--detail") {
      show_detail = std::atoi(value) != 0;
    } else if (flag == "--future") {
      o.model.future_arrivals = std::atoi(value) != 0;
    } else {
      std::fprintf(stderr, "unknown flag %s\n", flag.c_str());
      return 2;
    }
  }
  const auto quotes = huji::demo::replay(o);
  double waited = 0;
  for (const auto& q : quotes) waited += q.actual_min;
  std::printf("%d days, %zu tickets, mean wait %.1f min (seed %llu)\n\n", o.days, quotes.size(),
              quotes.empty() ? 0.0 : waited / static_cast<double>(quotes.size()),
              static_cast<unsigned long long>(o.seed));
  const Scores naive = huji::demo::score(quotes, Method::kNaive);
  std::printf(
      "| method | MAE (min) | P90 error (min) | waited > quote + 5 min | range held the wait | "
      "mean squared error (min²) | squared error vs naive |\n|---|---|---|---|---|---|---|\n");
  row("naive (±50 % range)", naive, naive);
  row("model, lunch closures known", huji::demo::score(quotes, Method::kModel), naive);
  row("model, open counters only", huji::demo::score(quotes, Method::kBlind), naive);
  if (show_detail) detail(quotes);
  return 0;
}
