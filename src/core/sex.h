#ifndef HUJI_CORE_SEX_H_
#define HUJI_CORE_SEX_H_

// A person's sex as the register records it, and its one code: "M" or "F" — in the persons
// table, in event data (domain/register/event_keys.h), in the API and in registration forms.
// (The ID number's sex digit is IdNumber's business: IdNumber::sex, IdNumber::sex_digit.)

#include <optional>
#include <string_view>

namespace huji::core {

enum class Sex { kMale, kFemale };

inline const char* sex_code(Sex s) { return s == Sex::kFemale ? "F" : "M"; }

// The sex of "M" or "F"; nullopt for anything else.
inline std::optional<Sex> sex_from_code(std::string_view code) {
  if (code == "M") return Sex::kMale;
  if (code == "F") return Sex::kFemale;
  return std::nullopt;
}

}  // namespace huji::core

#endif  // HUJI_CORE_SEX_H_
