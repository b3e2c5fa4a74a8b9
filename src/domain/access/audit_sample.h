#ifndef HUJI_DOMAIN_ACCESS_AUDIT_SAMPLE_H_
#define HUJI_DOMAIN_ACCESS_AUDIT_SAMPLE_H_

// The weekly audit sample (每週執行戶政系統稽核作業, DOMAIN.md §10; the Wenshan plan's 每週執行
// 系統稽核作業): a random choice among a week's reads of personal data that an auditor checks
// one by one. The draw is reproducible: the same reads, size and seed always give the same
// sample, so anyone holding the recorded seed can redo it and see it was not hand-picked.

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/date.h"

namespace huji::domain {

// What the auditor found a sampled read to be.
enum class AuditFinding {
  kNormal,     // 正常: the purpose fits the duty
  kExplain,    // 需說明: the reader is asked to explain (with a note)
  kViolation,  // 違規: a read without a lawful purpose (with a note)
};

const char* audit_finding_code(AuditFinding f);  // "normal", "explain", "violation"
bool audit_finding_from_code(std::string_view code, AuditFinding& out);
// 需說明 and 違規 say why; 正常 needs no note.
inline bool audit_finding_needs_note(AuditFinding f) { return f != AuditFinding::kNormal; }

// The week a day falls in: its Monday (weeks run Monday to Sunday).
core::Date audit_week_start(core::Date day);

// Up to `size` distinct members of `population` (audit sequence numbers), chosen uniformly at
// random by a partial Fisher–Yates shuffle driven by SplitMix64 from `seed`, in ascending
// order. The population's order does not matter (it is sorted first); all of it when it holds
// no more than `size`.
std::vector<int64_t> draw_audit_sample(std::vector<int64_t> population, int size, uint64_t seed);

}  // namespace huji::domain

#endif  // HUJI_DOMAIN_ACCESS_AUDIT_SAMPLE_H_
