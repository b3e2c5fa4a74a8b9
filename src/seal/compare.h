#ifndef HUJI_SEAL_COMPARE_H_
#define HUJI_SEAL_COMPARE_H_

// Seal collation (印鑑比對): the impression on an application against the registered one.
// Both are binarised, the application's is aligned onto the registered one (rotation, scale,
// shift) and the ink of the two is compared stroke by stroke. The measures assist the clerk's
// own look; domain/documents/seal_verdict.h turns them into match / no match / ambiguous.

#include <string>
#include <string_view>

#include "core/result.h"
#include "seal/impression.h"

namespace huji::seal {

// How the application's impression was brought onto the registered one.
enum class Alignment {
  kEcc,       // enclosing circle, rotation search, then ECC (affine) coarse to fine
  kFeatures,  // ORB features + RANSAC similarity, then ECC
  kBest,      // both, keeping the one whose ECC correlation is higher
};

struct CompareOptions {
  Alignment alignment = Alignment::kBest;
  // Distance in pixels of the normalised 512-pixel canvas within which ink counts as the same
  // stroke: absorbs ink spread, thin or thick paste, and residual misalignment.
  double tolerance_px = 3.0;
  bool overlay = true;  // render overlay_png
  PngLimits limits;
};

// The measures of one comparison, each 0..1.
struct Comparison {
  double score = 0;         // similarity(): 1 the same seal, 0 another
  double extra = 0;         // share of the application's ink far from any registered stroke
  double missing = 0;       // share of the registered ink (where the application shows paper) far
                            // from any of the application's strokes
  double local_extra = 0;   // the worst 1/8-of-the-seal window's share of extra ink
  double extra_blob = 0;    // the largest connected piece of extra ink / registered ink
  double missing_blob = 0;  // the largest connected piece of missing ink / registered ink
  // The largest piece of missing ink where the application shows bare paper (not faint ink,
  // as a faded patch does) / registered ink: a stroke erased.
  double blank_blob = 0;
  double coverage = 0;     // share of the registered seal that lies inside the application image
  double ink_ratio = 0;    // application ink / registered ink over the covered part (capped at 1)
  double correlation = 0;  // ECC correlation of the chosen alignment
  Alignment used = Alignment::kEcc;
  // Both impressions aligned on one 512x512 canvas: ink in both dark grey, registered only blue,
  // application only orange, outside the application image light grey.
  std::string overlay_png;
};

// The score of the measures (all but score and overlay_png): the likelihood, 0..1, that the
// impressions come from one seal, from a model fitted on the tuning part of the generated
// pairs (bench/seal_bench.cc, bench/seal_fit.py).
double similarity(const Comparison& measures);

// Compares `candidate` (the application's impression) with `registered`. Errors are those of
// check_png for either image (the code says which: the message names it).
core::Result<Comparison> compare(std::string_view registered_png, std::string_view candidate_png,
                                 const CompareOptions& options = {});

}  // namespace huji::seal

#endif  // HUJI_SEAL_COMPARE_H_
