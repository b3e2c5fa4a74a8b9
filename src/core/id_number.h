#ifndef HUJI_CORE_ID_NUMBER_H_
#define HUJI_CORE_ID_NUMBER_H_

// 國民身分證統一編號 and 居留證統一證號: one letter for the issuing region, then nine digits
// whose first digit gives sex and kind, with a weighted check digit (DOMAIN.md §2).
//
//   A123456789   citizen, male (1) / female (2)
//   A800000014   resident certificate since 2021-01-02, male (8) / female (9)
//   AA00000009   legacy resident number: second letter A–D (A/C male, B/D female), valid
//                until 2030-12-31
//
// An IdNumber is always valid: build it with parse() or make().

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"
#include "core/sex.h"

namespace huji::core {

enum class IdKind { kCitizen, kResident };  // 國民身分證 / 居留證(統一證號)

class IdNumber {
 public:
  // Trims ASCII whitespace and upper-cases letters. Error codes, checked in this order:
  //   id_number.empty, id_number.length, id_number.letter, id_number.second_letter,
  //   id_number.digits, id_number.sex_digit, id_number.checksum.
  static Result<IdNumber> parse(std::string_view text);

  // Builds a valid number from a region letter (A–Z, either case), a first digit (1, 2 for
  // citizens; 8, 9 for residents) and a 7-digit serial (< 10,000,000), computing the check
  // digit. Bad arguments are a programmer error: throws std::invalid_argument.
  static IdNumber make(char letter, int first_digit, uint32_t serial7);
  // A citizen's first digit: 1 for a man, 2 for a woman (sex() reads it back).
  static int sex_digit(Sex s) { return s == Sex::kFemale ? 2 : 1; }
  // Builds a legacy two-letter resident number (second letter A–D, 7-digit serial).
  // Throws std::invalid_argument on bad arguments.
  static IdNumber make_legacy(char letter, char second_letter, uint32_t serial7);

  // True when `text` parses.
  static bool is_valid(std::string_view text) { return parse(text).ok(); }

  const std::string& str() const { return text_; }
  IdKind kind() const;
  Sex sex() const;
  // The two-letter resident form (DOMAIN §2): valid until 2030-12-31.
  bool legacy_resident() const { return text_[1] >= 'A' && text_[1] <= 'D'; }
  char region_letter() const { return text_[0]; }

  // 臺北市 for 'A' … 連江縣 for 'Z'; the historic L 臺中縣, R 臺南縣, S 高雄縣, Y 陽明山管理局.
  // Either case; nullptr for a character that is not a letter.
  static const char* region_name(char letter);

  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 false positive on a defaulted <=>
  auto operator<=>(const IdNumber&) const = default;

 private:
  explicit IdNumber(std::string text) : text_(std::move(text)) {}

  std::string text_;  // 10 characters, upper case, checksum verified
};

}  // namespace huji::core

#endif  // HUJI_CORE_ID_NUMBER_H_
