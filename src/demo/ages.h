#ifndef HUJI_DEMO_AGES_H_
#define HUJI_DEMO_AGES_H_

// Ages of the demo population: Taiwan's 2024 population pyramid and the balancer that steers
// every draw towards it.

#include <algorithm>
#include <array>
#include <cstdint>

#include "demo/random.h"

namespace huji::demo {

// Taiwan, end of 2024: share of each 5-year age band in 1/100 % (0–4 … 95–99, 100+), after the
// MOI's household registration statistics (戶籍人口統計).
inline constexpr int kBands = 21;
inline constexpr int kMaxAge = 105;
inline constexpr std::array<int, kBands> kBandShare = {314, 426, 436, 436, 548, 649, 659,
                                                       730, 852, 801, 771, 771, 719, 669,
                                                       517, 304, 203, 122, 56,  15,  2};

// Ages: each draw is steered towards the 5-year bands that are behind their share of the
// persons recorded so far, within the window the family allows. The household structure
// decides who can be how old; this feedback makes the marginal distribution follow the
// pyramid however the household mix turns out.

class AgeBalancer {
 public:
  int sample(int lo, int hi, Rng& rng) {
    lo = std::clamp(lo, 0, kMaxAge);
    hi = std::clamp(hi, lo, kMaxAge);
    constexpr int64_t kLookahead = 100;
    std::array<uint64_t, kBands> w{};
    uint64_t total = 0;
    for (int b = band(lo); b <= band(hi); ++b) {
      const int b_lo = 5 * b;
      const int b_hi = b == kBands - 1 ? kMaxAge : 5 * b + 4;
      const int overlap = std::min(hi, b_hi) - std::max(lo, b_lo) + 1;
      const int64_t share = kBandShare[static_cast<size_t>(b)];
      const int64_t deficit =
          share * (total_ + kLookahead) - count_[static_cast<size_t>(b)] * 10000;
      const int64_t minimum = share * kLookahead / 20 + 1;
      const uint64_t weight = static_cast<uint64_t>(std::max(deficit, minimum)) *
                              static_cast<uint64_t>(overlap) * 60 /
                              static_cast<uint64_t>(b_hi - b_lo + 1);
      w[static_cast<size_t>(b)] = weight;
      total += weight;
    }
    // total can exceed 2^32: draw on 64 bits.
    uint64_t x = rng.next() % total;
    int b = band(lo);
    while (x >= w[static_cast<size_t>(b)]) x -= w[static_cast<size_t>(b++)];
    const int a_lo = std::max(lo, 5 * b);
    const int a_hi = std::min(hi, b == kBands - 1 ? kMaxAge : 5 * b + 4);
    return static_cast<int>(rng.between(a_lo, a_hi));
  }

  void record(int age) {
    ++count_[static_cast<size_t>(band(age))];
    ++total_;
  }

  static int band(int age) { return std::min(age / 5, kBands - 1); }

 private:
  std::array<int64_t, kBands> count_{};
  int64_t total_ = 0;
};

}  // namespace huji::demo

#endif  // HUJI_DEMO_AGES_H_
