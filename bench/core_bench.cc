// Micro-benchmarks of the core parsers. Run: build/release/bench/huji_bench
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "core/address.h"
#include "core/id_number.h"

namespace {

void BM_IdNumberParse(benchmark::State& state) {
  const std::vector<std::string> ids = {"A123456789", "F131104093", "A123456788", "Z299999999"};
  size_t i = 0;
  for (auto _ : state) {
    auto r = huji::core::IdNumber::parse(ids[i++ % ids.size()]);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_IdNumberParse);

void BM_AddressParse(benchmark::State& state) {
  const std::vector<std::string> addrs = {
      "臺北市文山區萬芳里5鄰興隆路三段115巷3弄10之1號5樓之2",
      "彰化縣北斗鎮斗苑路一段97號",
      "新竹市東區中正路120號",
      "台北市信義區市府路1號",
  };
  size_t i = 0;
  for (auto _ : state) {
    auto r = huji::core::Address::parse(addrs[i++ % addrs.size()]);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AddressParse);

}  // namespace
