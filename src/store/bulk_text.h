#ifndef HUJI_STORE_BULK_TEXT_H_
#define HUJI_STORE_BULK_TEXT_H_

// Text encodings for the bulk loaders (sqlite/sqlite_bulk_loader.cc, postgres/pg_bulk_loader.cc),
// written straight into a reused buffer: the per-row path's nlohmann::json costs more than the
// insert itself when tens of millions of events are loaded.

#include <map>
#include <string>
#include <string_view>

namespace huji::store {

// A JSON string literal, escaped as nlohmann::json::dump() escapes it (", \, control
// characters; UTF-8 passes through), so the per-row and the bulk path store the same text.
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

// A string map as a JSON object, keys in map order: the events.data column.
inline void append_json_object(std::string& out, const std::map<std::string, std::string>& m) {
  out += '{';
  bool first = true;
  for (const auto& [k, v] : m) {
    if (!first) out += ',';
    first = false;
    append_json_string(out, k);
    out += ':';
    append_json_string(out, v);
  }
  out += '}';
}

// One field of PostgreSQL's COPY text format: backslash, tab, newline and carriage return
// escaped.
inline void append_copy_field(std::string& out, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
}

}  // namespace huji::store

#endif  // HUJI_STORE_BULK_TEXT_H_
