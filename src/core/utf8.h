#ifndef HUJI_CORE_UTF8_H_
#define HUJI_CORE_UTF8_H_

// Strict UTF-8 decoding and encoding, and a way to quote untrusted bytes in an error message
// without producing invalid UTF-8 (which JSON and PDF output would reject).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace huji::core::utf8 {

// Appends the code points of `in` to `out`; false on any invalid sequence (overlong forms,
// surrogates, code points above U+10FFFF, truncation). `out` is unspecified on failure.
bool decode(std::string_view in, std::u32string& out);
bool is_valid(std::string_view in);

void append(std::string& out, char32_t c);
std::string encode(std::u32string_view s);

// Code points refused in text that people enter (names, addresses, reasons, notes, file
// names), because they are invisible or change how the text around them is shown, so that
// what a clerk reads is not what is stored:
//   - controls: C0 (U+0000–001F, NUL included) and DEL, C1 (U+0080–009F); TAB, LF and CR only
//     when `line_breaks` allows them (a multi-line note; a name never has one);
//   - bidirectional controls: U+061C, U+200E, U+200F, U+202A–202E, U+2066–2069 ("Trojan
//     Source", CVE-2021-42574: "ABC\u202E123" is shown as "ABC321");
//   - invisible characters: U+00AD soft hyphen, U+180E, U+200B–200D (zero width space,
//     non-joiner, joiner), U+2060–2064 (word joiner, invisible operators), U+FEFF (zero width
//     no-break space / BOM), U+FFF9–FFFB (interlinear annotation), U+E0000–E007F (tags);
//   - surrogates and the noncharacters U+FDD0–FDEF and U+xxFFFE/xxFFFF.
// Allowed on purpose, because names in the register need them: every CJK ideograph (Ext. A–J,
// compatibility ideographs), the variation selectors U+FE00–FE0F and the ideographic variation
// sequences' U+E0100–E01EF (戶政's 難字 are written with them), the private use areas (older
// 戶役政 systems gave 造字 code points there), combining marks (romanized indigenous names),
// and U+2028/2029 where line breaks are allowed.
bool is_forbidden(char32_t c, bool line_breaks);

struct ForbiddenCharacter {
  char32_t code_point;
  size_t offset;  // in bytes
};
// The first forbidden code point of `in` (is_forbidden), or the first invalid byte sequence
// (reported as U+FFFD), or nothing.
std::optional<ForbiddenCharacter> find_forbidden(std::string_view in, bool line_breaks);

// "U+202E".
std::string code_point_name(char32_t c);

// At most `max_chars` characters of `in` for an error message: invalid bytes and control
// characters become U+FFFD, and "…" marks a cut.
std::string quote(std::string_view in, size_t max_chars = 32);

}  // namespace huji::core::utf8

#endif  // HUJI_CORE_UTF8_H_
