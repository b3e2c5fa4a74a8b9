#ifndef HUJI_SERVICE_TEXT_LIMITS_H_
#define HUJI_SERVICE_TEXT_LIMITS_H_

// The length limit of the short texts staff type into a record (an agency, a reason, a
// school's name): counted in characters, not bytes, as a clerk counts them.

#include <cstddef>
#include <string>

#include "core/result.h"

namespace huji::service {

inline constexpr size_t kMaxText = 200;  // characters

// UTF-8 characters of `s` (bytes that do not continue a sequence).
inline size_t characters(const std::string& s) {
  size_t n = 0;
  for (const char ch : s) n += (static_cast<unsigned char>(ch) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

// A required text of 1 to kMaxText characters; `zh` and `en` say what is required.
inline core::Status check_text(const std::string& value, const char* code, const char* zh,
                               const char* en) {
  if (value.empty() || characters(value) > kMaxText) {
    return core::Error::invalid(code, std::string(zh) + "（1 至 200 字）",
                                std::string(en) + " (1 to 200 characters)");
  }
  return {};
}

}  // namespace huji::service

#endif  // HUJI_SERVICE_TEXT_LIMITS_H_
