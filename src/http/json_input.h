#ifndef HUJI_HTTP_JSON_INPUT_H_
#define HUJI_HTTP_JSON_INPUT_H_

// Request bodies read strictly into input structs, declared once per struct:
//
//   struct ReviewBody { std::string decision, note; std::optional<int64_t> fine, version; };
//   HUJI_JSON_INPUT(ReviewBody, decision, note, fine, version)
//   …
//   HUJI_ASSIGN_OR_RETURN(ReviewBody b, read_input<ReviewBody>(json));
//
// Refused, each with a 400 that names the member: a member the struct does not declare
// (http.unknown_field), a value of the wrong type (http.wrong_type: text must be a JSON
// string, numbers integers in range, no "true" taken for text), text with a character that
// could mislead a reader or a backend (input.forbidden_character, core::utf8::is_forbidden:
// NUL and other controls, bidi overrides, zero-width characters; tabs and line breaks are
// allowed here, a name's own rule refuses them), and — by parse_json_object —
// text that is not one JSON object (http.bad_json) or an object with a key twice
// (http.duplicate_key: which of the two would count is a guess). An absent member keeps its
// default; what must be present is the use case's to say, with its own error code.
//
// A struct may answer a refusal with its own error, for clients that know its codes (not a
// forbidden character's, which is the same everywhere):
//   static std::optional<core::Error> refuse(const json_input::Refusal& r);  // nullopt: ours

#include <concepts>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace huji::http {

core::Result<nlohmann::json> parse_json_object(std::string_view text);

// Specialised by HUJI_JSON_INPUT for each input struct.
template <typename T>
struct JsonFields;

namespace json_input {

// Why a value was refused, and where ("applicant.name", "fields.sex", "members[2]").
struct Refusal {
  bool unknown = false;  // a member the struct does not declare; else a wrong type
  std::string path;
  std::string_view expected_zh, expected_en;
  std::optional<char32_t> forbidden;  // text with this character (utf8::is_forbidden)
};
using Outcome = std::optional<Refusal>;  // nothing: read
core::Error to_error(const Refusal& r);
// input.forbidden_character: `where` (a member's path, a query parameter) holds `c`.
core::Error forbidden_character(const std::string& where, char32_t c);
// A refusal when `text` holds a forbidden character (line breaks allowed).
Outcome check_text(std::string_view text, const std::string& path);
std::string member_path(const std::string& parent, std::string_view name);

template <typename T>
concept Described = requires(T& t) {
  JsonFields<T>::visit(t, [](const char*, auto&) {});
};

template <typename T>
struct IsOptional : std::false_type {};
template <typename T>
struct IsOptional<std::optional<T>> : std::true_type {};

inline Outcome wrong(const std::string& path, std::string_view zh, std::string_view en) {
  return Refusal{false, path, zh, en, {}};
}

inline Outcome read_text(const nlohmann::json& j, std::string& out, const std::string& path) {
  if (!j.is_string()) return wrong(path, "文字", "text");
  out = j.get<std::string>();
  return check_text(out, path);
}

template <typename T>
Outcome read_value(const nlohmann::json& j, T& out, const std::string& path) {
  if constexpr (std::is_same_v<T, std::string>) {
    return read_text(j, out, path);
  } else if constexpr (std::is_same_v<T, bool>) {
    if (!j.is_boolean()) return wrong(path, "true 或 false", "true or false");
    out = j.get<bool>();
    return {};
  } else if constexpr (std::is_integral_v<T>) {
    const bool fits = (j.is_number_integer() && !j.is_number_unsigned() &&
                       j.get<int64_t>() >= static_cast<int64_t>(std::numeric_limits<T>::min()) &&
                       j.get<int64_t>() <= static_cast<int64_t>(std::numeric_limits<T>::max())) ||
                      (j.is_number_unsigned() &&
                       j.get<uint64_t>() <= static_cast<uint64_t>(std::numeric_limits<T>::max()));
    if (!fits) return wrong(path, "範圍內的整數", "a whole number in range");
    out = j.get<T>();
    return {};
  } else if constexpr (IsOptional<T>::value) {
    if (j.is_null()) {
      out.reset();
      return {};
    }
    typename T::value_type v{};
    if (auto r = read_value(j, v, path)) return r;
    out = std::move(v);
    return {};
  } else if constexpr (std::is_same_v<T, std::map<std::string, std::string>>) {
    if (!j.is_object()) return wrong(path, "物件", "an object");
    out.clear();
    for (const auto& [k, v] : j.items()) {
      if (auto r = check_text(k, member_path(path, "(key)"))) return r;
      if (auto r = read_text(v, out[k], member_path(path, k))) return r;
    }
    return {};
  } else if constexpr (requires {
                         typename T::value_type;
                         out.push_back({});
                       }) {
    if (!j.is_array()) return wrong(path, "陣列", "an array");
    out.clear();
    for (size_t i = 0; i < j.size(); ++i) {
      typename T::value_type v{};
      if (auto r = read_value(j[i], v, path + "[" + std::to_string(i) + "]")) return r;
      out.push_back(std::move(v));
    }
    return {};
  } else {
    static_assert(Described<T>, "declare the struct with HUJI_JSON_INPUT");
    if (!j.is_object()) return wrong(path, "物件", "an object");
    Outcome refused;
    size_t known = 0;
    JsonFields<T>::visit(out, [&](const char* name, auto& member) {
      if (refused) return;
      auto it = j.find(name);
      if (it == j.end()) return;
      ++known;
      refused = read_value(*it, member, member_path(path, name));
    });
    if (refused) return refused;
    if (known != j.size()) {  // a member the struct does not declare: say which
      for (const auto& item : j.items()) {
        const std::string& key = item.key();
        bool declared = false;
        JsonFields<T>::visit(out, [&](const char* name, auto&) { declared |= key == name; });
        if (!declared) return Refusal{true, member_path(path, key), {}, {}, {}};
      }
    }
    return {};
  }
}

}  // namespace json_input

// `j` read into a T declared with HUJI_JSON_INPUT.
template <json_input::Described T>
core::Result<T> read_input(const nlohmann::json& j) {
  T out{};
  if (auto refused = json_input::read_value(j, out, "")) {
    if constexpr (requires(const json_input::Refusal& r) { T::refuse(r); }) {
      if (refused->forbidden) return json_input::to_error(*refused);  // the same code everywhere
      if (auto own = T::refuse(*refused)) return std::move(*own);
    }
    return json_input::to_error(*refused);
  }
  return out;
}

}  // namespace huji::http

#define HUJI_JSON_INPUT_FIELD_(member) visit(#member, t.member);

// Declares the JSON members of `Type` (each named as the struct's member). Use at namespace
// scope inside namespace huji::http.
#define HUJI_JSON_INPUT(Type, ...)                                                   \
  template <>                                                                        \
  struct JsonFields<Type> {                                                          \
    template <typename Visit>                                                        \
    static void visit(Type& t, Visit&& visit) {                                      \
      NLOHMANN_JSON_EXPAND(NLOHMANN_JSON_PASTE(HUJI_JSON_INPUT_FIELD_, __VA_ARGS__)) \
    }                                                                                \
  };

#endif  // HUJI_HTTP_JSON_INPUT_H_
