#ifndef HUJI_SEAL_SPECIMEN_H_
#define HUJI_SEAL_SPECIMEN_H_

// Specimen seals for measuring the comparison (bench/seal_bench.cc) and for its unit test:
// a seal-style name of 2-4 Han characters drawn with Pango/Cairo (Noto CJK) in a square or
// round border, stamped on paper by OpenCV with what real impressions suffer (rotation ±15°,
// scale ±10 %, shift, uneven and faded ink, blur, spread or thin paste, noise, a cut edge),
// paired with its registered impression. Deterministic for a seed on one machine and font set.

#include <cstdint>
#include <string>

namespace huji::seal::specimen {

enum class PairKind {
  kGenuine,        // the registered seal, stamped again
  kOtherName,      // forged: another person's seal
  kStrokeChanged,  // forged: one character swapped for a look-alike, or a stroke erased or added
  kRedrawn,        // forged: the same name cut again (other font or weight, or by hand)
};

const char* name_of(PairKind kind);

struct Pair {
  PairKind kind = PairKind::kGenuine;
  std::string name;      // the registered seal's characters (UTF-8)
  std::string detail;    // what was forged or how the impression was damaged
  bool partial = false;  // the application's impression is cut by the paper's edge
  std::string registered_png;
  std::string candidate_png;
};

// The pair number `seed` of kind `kind`.
Pair make_pair(uint64_t seed, PairKind kind);

}  // namespace huji::seal::specimen

#endif  // HUJI_SEAL_SPECIMEN_H_
