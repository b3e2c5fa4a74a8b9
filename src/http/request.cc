#include "http/request.h"

#include <algorithm>
#include <cctype>

#include <restinio/uri_helpers.hpp>

#include "core/utf8.h"
#include "http/json_mapping.h"
#include "service/auth_service.h"

namespace huji::http {

core::Result<Query> Query::parse(std::string_view text) {
  auto q = restinio::try_parse_query<restinio::parse_query_traits::javascript_compatible>(text);
  if (!q)
    return core::Error::invalid("http.bad_query", "查詢字串格式錯誤", "malformed query string");
  Query out;
  for (const auto& [name, value] : *q) {
    // Values are percent-decoded: %00 or %E2%80%AE would reach the store as they are.
    if (auto bad = core::utf8::find_forbidden(name, false)) {
      return json_input::forbidden_character("query", bad->code_point);
    }
    if (auto bad = core::utf8::find_forbidden(value, false)) {
      return json_input::forbidden_character(std::string(name), bad->code_point);
    }
    out.params_.emplace_back(std::string(name), std::string(value));
  }
  return out;
}

std::optional<std::string> Query::get(std::string_view name) const {
  for (const auto& [n, v] : params_) {
    if (n == name) return v;
  }
  return std::nullopt;
}

core::Result<std::optional<core::Date>> Query::date(std::string_view name) const {
  auto v = get(name);
  if (!v) return std::optional<core::Date>();
  HUJI_ASSIGN_OR_RETURN(core::Date d, core::Date::parse_iso(*v));
  return std::optional<core::Date>(d);
}

core::Result<core::Date> Query::required_date(std::string_view name) const {
  return core::Date::parse_iso(text(name));
}

std::optional<int> to_int(std::string_view s) {
  if (s.empty() || s.size() > 9) return std::nullopt;
  int v = 0;
  bool neg = false;
  size_t i = 0;
  if (s[0] == '-') {
    neg = true;
    i = 1;
  }
  if (i == s.size()) return std::nullopt;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    v = v * 10 + (s[i] - '0');
  }
  return neg ? -v : v;
}

std::string_view bearer_of(std::string_view authorization) {
  constexpr std::string_view kPrefix = "Bearer ";
  if (authorization.size() <= kPrefix.size() || authorization.substr(0, kPrefix.size()) != kPrefix)
    return "";
  return authorization.substr(kPrefix.size());
}

std::string Request::bearer() const { return std::string(bearer_of(data_.authorization)); }

core::Result<service::Actor> Request::actor() const { return auth_.authenticate(bearer()); }

core::Result<int64_t> Request::path_id(std::string_view name) const {
  auto v = to_int(path_[name]);
  if (!v || *v <= 0) {
    return core::Error::invalid("http.bad_id", "網址中的編號格式錯誤", "malformed id in the path");
  }
  return static_cast<int64_t>(*v);
}

core::Status Request::require_json() const {
  std::string m = mime();
  while (!m.empty() && m.back() == ' ') m.pop_back();
  std::transform(m.begin(), m.end(), m.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (m != "application/json") {
    return core::Error::invalid(std::string(kUnsupportedMediaType),
                                "請求內容須為 JSON（Content-Type: application/json）",
                                "the body must be JSON, sent as Content-Type: application/json");
  }
  return {};
}

std::string Request::mime() const {
  std::string m(data_.content_type);
  if (auto semi = m.find(';'); semi != std::string::npos) m.resize(semi);
  return m;
}

}  // namespace huji::http
