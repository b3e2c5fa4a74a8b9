#ifndef HUJI_CORE_JSON_STRING_H_
#define HUJI_CORE_JSON_STRING_H_

// A JSON string literal written straight into a buffer, escaped as nlohmann::json::dump()
// escapes it (", \, control characters; UTF-8 passes through unchanged), for the places
// that write JSON text without a document tree: the bulk loaders' events.data and the
// person lookup's answer. The caller passes valid UTF-8.

#include <string>
#include <string_view>

namespace huji::core {

inline void append_json_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 0xF];
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

// The same literal as a string of its own (a value in a log line).
inline std::string json_string(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  append_json_string(out, s);
  return out;
}

}  // namespace huji::core

#endif  // HUJI_CORE_JSON_STRING_H_
