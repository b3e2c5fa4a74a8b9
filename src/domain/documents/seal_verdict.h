#ifndef HUJI_DOMAIN_DOCUMENTS_SEAL_VERDICT_H_
#define HUJI_DOMAIN_DOCUMENTS_SEAL_VERDICT_H_

// The answer of seal collation (印鑑比對) for the clerk: match, no match, or ambiguous when the
// application's impression is too poor to say (too little ink, cut by the paper's edge, a
// score between the two thresholds). It assists the clerk's own look, as the collation of
// Japanese banks does; the clerk confirms before a certificate is issued.
//
// The thresholds were tuned on 60 % of a generated set of genuine and forged pairs and
// measured on the rest (bench/seal_bench.cc; figures in docs/PERFORMANCE.md "Seal comparison").

#include <string_view>

namespace huji::domain::documents {

enum class SealVerdict { kMatch, kNoMatch, kAmbiguous };

std::string_view to_string(SealVerdict v);

// What the comparison measured (seal/compare.h), each 0..1.
struct SealMeasures {
  double score = 0;      // similarity of the aligned ink
  double coverage = 0;   // share of the registered seal inside the application's image
  double ink_ratio = 0;  // application ink / registered ink over that part
};

struct SealThresholds {
  // With a good impression (coverage and ink ratio at least these), at or above `match`:
  // match; below `no_match`: no match; between: ambiguous. A poor impression: ambiguous.
  double match = 0.82;
  double no_match = 0.60;
  double min_coverage = 0.85;
  double min_ink_ratio = 0.6;
};

SealVerdict seal_verdict(const SealMeasures& m, const SealThresholds& t = {});

}  // namespace huji::domain::documents

#endif  // HUJI_DOMAIN_DOCUMENTS_SEAL_VERDICT_H_
