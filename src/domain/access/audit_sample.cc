#include "domain/access/audit_sample.h"

#include <algorithm>
#include <cstddef>

namespace huji::domain {

const char* audit_finding_code(AuditFinding f) {
  switch (f) {
    case AuditFinding::kNormal: return "normal";
    case AuditFinding::kExplain: return "explain";
    case AuditFinding::kViolation: return "violation";
  }
  return "normal";
}

bool audit_finding_from_code(std::string_view code, AuditFinding& out) {
  for (AuditFinding f : {AuditFinding::kNormal, AuditFinding::kExplain, AuditFinding::kViolation}) {
    if (code == audit_finding_code(f)) {
      out = f;
      return true;
    }
  }
  return false;
}

core::Date audit_week_start(core::Date day) {
  // Weekday counts from Sunday (0): Monday is 1, Sunday goes back six days.
  const int wd = static_cast<int>(day.weekday());
  return day.add_days(-((wd + 6) % 7));
}

namespace {

// SplitMix64 (Steele, Lea, Flood 2014): small, fast, and fully specified, so the draw is the
// same on every platform and compiler (std::mt19937's distributions are not).
class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30U)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27U)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31U);
  }
  // Uniform in [0, bound) without modulo bias (rejection of the short last stretch).
  uint64_t below(uint64_t bound) {
    const uint64_t limit = UINT64_MAX - (UINT64_MAX % bound);
    uint64_t x = next();
    while (x >= limit) x = next();
    return x % bound;
  }

 private:
  uint64_t state_;
};

}  // namespace

std::vector<int64_t> draw_audit_sample(std::vector<int64_t> population, int size, uint64_t seed) {
  std::sort(population.begin(), population.end());
  population.erase(std::unique(population.begin(), population.end()), population.end());
  const size_t n = population.size();
  const size_t k = size <= 0 ? 0 : std::min(n, static_cast<size_t>(size));
  SplitMix64 rng(seed);
  for (size_t i = 0; i < k; ++i) {
    const size_t j = i + static_cast<size_t>(rng.below(n - i));
    std::swap(population[i], population[j]);
  }
  population.resize(k);
  std::sort(population.begin(), population.end());
  return population;
}

}  // namespace huji::domain
