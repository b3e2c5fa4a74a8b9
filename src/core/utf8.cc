#include "core/utf8.h"

#include <cstdio>

namespace huji::core::utf8 {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

// Decodes one code point at in[i]; returns its length, or 0 when the bytes are invalid.
size_t decode_one(std::string_view in, size_t i, char32_t& cp) {
  const auto b0 = static_cast<unsigned char>(in[i]);
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  size_t len;
  char32_t min;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2, cp = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, cp = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (in.size() - i < len) return 0;
  for (size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(in[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

}  // namespace

bool decode(std::string_view in, std::u32string& out) {
  for (size_t i = 0; i < in.size();) {
    char32_t cp;
    const size_t len = decode_one(in, i, cp);
    if (len == 0) return false;
    out.push_back(cp);
    i += len;
  }
  return true;
}

bool is_valid(std::string_view in) {
  for (size_t i = 0; i < in.size();) {
    char32_t cp;
    const size_t len = decode_one(in, i, cp);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

void append(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

std::string encode(std::u32string_view s) {
  std::string out;
  for (char32_t c : s) append(out, c);
  return out;
}

bool is_forbidden(char32_t c, bool line_breaks) {
  if (c == '\t' || c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029) return !line_breaks;
  if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) return true;
  switch (c) {
    case 0x00AD:
    case 0x061C:
    case 0x180E:
    case 0xFEFF: return true;
    default: break;
  }
  if (c >= 0x200B && c <= 0x200F) return true;  // zero width space … right-to-left mark
  if (c >= 0x202A && c <= 0x202E) return true;  // embeddings and overrides
  if (c >= 0x2060 && c <= 0x2069) return true;  // word joiner, invisible operators, isolates
  if (c >= 0xFFF9 && c <= 0xFFFB) return true;
  if (c >= 0xE0000 && c <= 0xE007F) return true;
  if (c >= 0xD800 && c <= 0xDFFF) return true;
  if (c >= 0xFDD0 && c <= 0xFDEF) return true;
  return (c & 0xFFFE) == 0xFFFE;
}

std::optional<ForbiddenCharacter> find_forbidden(std::string_view in, bool line_breaks) {
  for (size_t i = 0; i < in.size();) {
    char32_t cp;
    const size_t len = decode_one(in, i, cp);
    if (len == 0) return ForbiddenCharacter{kReplacement, i};
    if (is_forbidden(cp, line_breaks)) return ForbiddenCharacter{cp, i};
    i += len;
  }
  return std::nullopt;
}

std::string code_point_name(char32_t c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
  return buf;
}

std::string quote(std::string_view in, size_t max_chars) {
  std::string out;
  size_t chars = 0;
  size_t i = 0;
  while (i < in.size()) {
    if (chars == max_chars) {
      out += "…";
      break;
    }
    char32_t cp;
    size_t len = decode_one(in, i, cp);
    if (len == 0) {
      cp = kReplacement;
      len = 1;
    } else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) {
      cp = kReplacement;
    }
    append(out, cp);
    i += len;
    ++chars;
  }
  return out;
}

}  // namespace huji::core::utf8
