#ifndef HUJI_HTTP_JSON_WRITER_H_
#define HUJI_HTTP_JSON_WRITER_H_

// JSON written straight into a string, for answers on the hot path (the person lookup):
// no document tree, no per-value allocations. Commas are placed by the writer; the caller
// only opens, names and closes. Strings are escaped as nlohmann::json::dump escapes them
// (ensure_ascii off): valid UTF-8 passes through, invalid bytes become U+FFFD.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace huji::http {

class JsonWriter {
 public:
  explicit JsonWriter(size_t reserve = 2048) { out_.reserve(reserve); }

  JsonWriter& begin_object() { return open('{'); }
  JsonWriter& end_object() { return close('}'); }
  JsonWriter& begin_array() { return open('['); }
  JsonWriter& end_array() { return close(']'); }
  // The next member's name (inside an object).
  JsonWriter& key(std::string_view k);
  JsonWriter& string(std::string_view v);
  JsonWriter& number(int64_t v);
  JsonWriter& null();
  // A string, or null when empty.
  JsonWriter& string_or_null(std::string_view v) { return v.empty() ? null() : string(v); }

  // A member: key then value.
  JsonWriter& member(std::string_view k, std::string_view v) { return key(k).string(v); }
  JsonWriter& member(std::string_view k, const char* v) { return key(k).string(v); }
  JsonWriter& member(std::string_view k, const std::string& v) { return key(k).string(v); }
  JsonWriter& member(std::string_view k, int64_t v) { return key(k).number(v); }
  JsonWriter& member(std::string_view k, int v) { return key(k).number(v); }

  std::string take() { return std::move(out_); }

 private:
  JsonWriter& open(char c);
  JsonWriter& close(char c);
  void value_start();
  void escaped(std::string_view v);

  std::string out_;
  std::vector<bool> first_;  // per open container: no member yet
  bool after_key_ = false;
};

}  // namespace huji::http

#endif  // HUJI_HTTP_JSON_WRITER_H_
