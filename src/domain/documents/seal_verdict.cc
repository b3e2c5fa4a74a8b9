#include "domain/documents/seal_verdict.h"

namespace huji::domain::documents {

std::string_view to_string(SealVerdict v) {
  switch (v) {
    case SealVerdict::kMatch: return "match";
    case SealVerdict::kNoMatch: return "no_match";
    case SealVerdict::kAmbiguous: return "ambiguous";
  }
  return "ambiguous";
}

SealVerdict seal_verdict(const SealMeasures& m, const SealThresholds& t) {
  // A faint or cut impression says too little either way: the clerk looks, or has the
  // applicant stamp again.
  const bool good_impression = m.coverage >= t.min_coverage && m.ink_ratio >= t.min_ink_ratio;
  if (!good_impression) return SealVerdict::kAmbiguous;
  if (m.score >= t.match) return SealVerdict::kMatch;
  if (m.score < t.no_match) return SealVerdict::kNoMatch;
  return SealVerdict::kAmbiguous;
}

}  // namespace huji::domain::documents
