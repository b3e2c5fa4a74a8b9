#ifndef HUJI_DEMO_ID_ALLOCATOR_H_
#define HUJI_DEMO_ID_ALLOCATOR_H_

// Numbers the demo generator hands out: ID numbers and household numbers, unique across all
// offices of one generated register without a set of the numbers issued.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/id_number.h"
#include "demo/random.h"

namespace huji::demo {

// (a·i + c) mod 10^7 with gcd(a, 10^7) = 1, a bijection, so a stream never repeats for its
// 10^7 numbers and no set of issued numbers is needed. An exhausted stream (over 10^7 persons
// of one sex born in one county) spills over to the next letter.
//
// Windowed (the national scope): the counter's windows of 1,000 follow each other (from a
// seeded start) and only within a window is the serial scattered, by (a'·i + c) mod 1,000.
// Real serials are issued roughly in order of registration, so neighbours need not have
// far-apart numbers; and an index on ID numbers (persons' key, the events' subject index)
// then grows at one small place per stream instead of everywhere: with the full scatter,
// loading 23.5 million persons into SQLite slowed from 23,000 to under 10,000 persons a
// second by 7 million, as every batch rewrote most of those indexes' pages.
class IdAllocator {
 public:
  explicit IdAllocator(uint64_t seed, bool windowed = false) : windowed_(windowed) {
    for (size_t i = 0; i < offset_.size(); ++i) {
      uint64_t s = seed ^ (0xA5A5A5A5ULL * (i + 1));
      offset_[i] = static_cast<uint32_t>(splitmix64(s) % kSerials);
    }
  }

  std::string next(char letter, core::Sex sex) {
    const int digit = core::IdNumber::sex_digit(sex);
    for (int attempt = 0; attempt < 26; ++attempt) {
      const size_t stream =
          static_cast<size_t>(letter - 'A') * 2 + (sex == core::Sex::kMale ? 0 : 1);
      uint32_t& used = used_[stream];
      if (used < kSerials) {
        const uint64_t c = offset_[stream];
        const uint64_t serial =
            windowed_ ? (used / kWindow + c / kWindow) % (kSerials / kWindow) * kWindow +
                            (kWindowMultiplier * (used % kWindow) + c) % kWindow
                      : (kMultiplier * used + c) % kSerials;
        ++used;
        return core::IdNumber::make(letter, digit, static_cast<uint32_t>(serial)).str();
      }
      letter = letter == 'Z' ? 'A' : static_cast<char>(letter + 1);
    }
    return {};  // 520 million persons: not a population this generator is meant for
  }

 private:
  static constexpr uint64_t kSerials = 10'000'000;
  static constexpr uint64_t kMultiplier = 6'180'339;  // odd, not a multiple of 5
  static constexpr uint64_t kWindow = 1'000;          // divides kSerials
  static constexpr uint64_t kWindowMultiplier = 617;  // odd, not a multiple of 5
  const bool windowed_;
  std::array<uint32_t, 52> used_{};
  std::array<uint32_t, 52> offset_{};
};

// ------------------------------------------------------------------------------------------
// The household under construction.

// Household numbers (戶號). Office scope: "F" + 7 digits, scattered by a bijection of the
// counter (as IdAllocator's serials), then G… beyond 10^7 households. National scope: the
// county's letter + 7 digits counting up: unique nationally, and a registration's next number
// (the largest + 1) is free. No county comes near 10^7 households within load_demo's 30
// million persons (新北市, the largest, would hold about 2 million).
class HouseholdNumbers {
 public:
  HouseholdNumbers(uint64_t seed, bool national) : national_(national) {
    uint64_t s = seed ^ 0x5EEDULL;
    offset_ = splitmix64(s) % kNumbers;
  }

  // The next number of a household of a county whose ID letter is `county_letter`.
  std::string next(char county_letter) {
    if (national_) {
      const uint32_t n = ++per_letter_[static_cast<size_t>(county_letter - 'A')];
      char out[9];
      out[0] = county_letter;
      uint32_t v = n % kNumbers;
      for (int k = 7; k >= 1; --k) {
        out[k] = static_cast<char>('0' + v % 10);
        v /= 10;
      }
      out[8] = '\0';
      return out;
    }
    const uint64_t i = households_++;
    const uint64_t n = (4'567'891ULL * (i % kNumbers) + offset_) % kNumbers;
    std::string out(1, static_cast<char>('F' + i / kNumbers));
    char digits[8];
    uint64_t v = n;
    for (int k = 6; k >= 0; --k) {
      digits[k] = static_cast<char>('0' + v % 10);
      v /= 10;
    }
    out.append(digits, 7);
    return out;
  }

 private:
  static constexpr uint64_t kNumbers = 10'000'000;
  const bool national_;
  uint64_t offset_ = 0;
  uint64_t households_ = 0;                // office scope: the scattered F… numbers
  std::array<uint32_t, 26> per_letter_{};  // national scope: households per county letter
};

}  // namespace huji::demo

#endif  // HUJI_DEMO_ID_ALLOCATOR_H_
