#ifndef HUJI_CORE_UTF8_H_
#define HUJI_CORE_UTF8_H_

// Strict UTF-8 decoding and encoding, and a way to quote untrusted bytes in an error message
// without producing invalid UTF-8 (which JSON and PDF output would reject).

#include <cstddef>
#include <string>
#include <string_view>

namespace huji::core::utf8 {

// Appends the code points of `in` to `out`; false on any invalid sequence (overlong forms,
// surrogates, code points above U+10FFFF, truncation). `out` is unspecified on failure.
bool decode(std::string_view in, std::u32string& out);
bool is_valid(std::string_view in);

void append(std::string& out, char32_t c);
std::string encode(std::u32string_view s);

// At most `max_chars` characters of `in` for an error message: invalid bytes and control
// characters become U+FFFD, and "…" marks a cut.
std::string quote(std::string_view in, size_t max_chars = 32);

}  // namespace huji::core::utf8

#endif  // HUJI_CORE_UTF8_H_
