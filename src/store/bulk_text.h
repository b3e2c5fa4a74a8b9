#ifndef HUJI_STORE_BULK_TEXT_H_
#define HUJI_STORE_BULK_TEXT_H_

// Text encodings for the bulk loaders (sqlite/sqlite_bulk_loader.cc, postgres/pg_bulk_loader.cc)
// and the audit journal's records (journal/file_audit_journal.cc),
// written straight into a reused buffer: the per-row path's nlohmann::json costs more than the
// insert itself when tens of millions of events are loaded.

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/json_string.h"

namespace huji::store {

// A JSON string literal, as the per-row path's nlohmann::json writes it.
using core::append_json_string;

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

// The field append_copy_field wrote, decoded; nullopt for an escape it never writes or a
// trailing backslash.
inline std::optional<std::string> read_copy_field(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (size_t i = 0; i < v.size(); ++i) {
    if (v[i] != '\\') {
      out += v[i];
      continue;
    }
    if (++i == v.size()) return std::nullopt;
    switch (v[i]) {
      case '\\': out += '\\'; break;
      case 't': out += '\t'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      default: return std::nullopt;
    }
  }
  return out;
}

}  // namespace huji::store

#endif  // HUJI_STORE_BULK_TEXT_H_
