#ifndef HUJI_DEMO_RANDOM_H_
#define HUJI_DEMO_RANDOM_H_

// Randomness of the demo generator: splitmix64 to seed and hash, xoshiro256** to draw. Integer
// arithmetic only, so a seed gives the same population with every compiler and standard library.

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace huji::demo {

inline uint64_t splitmix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

inline uint64_t hash64(uint64_t x) { return splitmix64(x); }

class Rng {
 public:
  explicit Rng(uint64_t seed) {
    for (auto& w : s_) w = splitmix64(seed);
  }

  uint64_t next() {
    const uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, n) for 0 < n ≤ 2^32 (Lemire's multiply-shift on the top 32 bits).
  uint32_t below(uint64_t n) { return static_cast<uint32_t>(((next() >> 32) * n) >> 32); }
  // Uniform in [lo, hi]; lo ≤ hi, hi − lo < 2^32.
  int64_t between(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(below(static_cast<uint64_t>(hi - lo) + 1));
  }
  // True with probability bp / 10,000.
  bool bp(int basis_points) { return below(10000) < static_cast<uint32_t>(basis_points); }

 private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::array<uint64_t, 4> s_{};
};

// Cumulative integer weights; pick() is a binary search.
class Weighted {
 public:
  void add(uint32_t w) {
    total_ += w;
    cum_.push_back(total_);
  }
  size_t pick(Rng& rng) const {
    const uint32_t x = rng.below(total_);
    return static_cast<size_t>(std::upper_bound(cum_.begin(), cum_.end(), x) - cum_.begin());
  }
  bool empty() const { return total_ == 0; }

 private:
  std::vector<uint32_t> cum_;
  uint32_t total_ = 0;
};

}  // namespace huji::demo

#endif  // HUJI_DEMO_RANDOM_H_
