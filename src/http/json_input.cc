#include "http/json_input.h"

#include <set>

#include "core/utf8.h"

namespace huji::http {

using nlohmann::json;

core::Result<json> parse_json_object(std::string_view text) {
  // One set of keys per object being read; a key met twice in one object is refused.
  std::vector<std::set<std::string, std::less<>>> open;
  std::optional<std::string> repeated;
  auto watch = [&](int, json::parse_event_t event, json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start: open.emplace_back(); break;
      case json::parse_event_t::object_end:
        if (!open.empty()) open.pop_back();
        break;
      case json::parse_event_t::key:
        if (!repeated && !open.empty() && !open.back().insert(parsed.get<std::string>()).second) {
          repeated = parsed.get<std::string>();
        }
        break;
      default: break;
    }
    return true;
  };
  json j = json::parse(text.begin(), text.end(), watch, false);
  if (j.is_discarded() || !j.is_object()) {
    return core::Error::invalid("http.bad_json", "請求內容須為 JSON 物件",
                                "the body must be a JSON object");
  }
  if (repeated) {
    return core::Error::invalid("http.duplicate_key", "請求內容中的欄位 " + *repeated + " 出現兩次",
                                "the member " + *repeated + " appears twice in the body");
  }
  return j;
}

namespace json_input {

std::string member_path(const std::string& parent, std::string_view name) {
  if (parent.empty()) return std::string(name);
  std::string out = parent;
  out += '.';
  out += name;
  return out;
}

core::Error forbidden_character(const std::string& where, char32_t c) {
  const std::string cp = core::utf8::code_point_name(c);
  return core::Error::invalid(
      "input.forbidden_character",
      where + " 含不允許的字元 " + cp + "（控制字元、雙向文字控制字元或零寬字元）",
      where + " contains a character that is not allowed: " + cp +
          " (a control, bidirectional or zero-width character)");
}

Outcome check_text(std::string_view text, const std::string& path) {
  auto bad = core::utf8::find_forbidden(text, true);
  if (!bad) return {};
  Refusal r;
  r.path = path;
  r.forbidden = bad->code_point;
  return r;
}

core::Error to_error(const Refusal& r) {
  if (r.forbidden) return forbidden_character(r.path.empty() ? "body" : r.path, *r.forbidden);
  if (r.unknown) {
    return core::Error::invalid("http.unknown_field", "不認得的欄位：" + r.path,
                                "unknown member: " + r.path);
  }
  const std::string where = r.path.empty() ? "請求內容" : "欄位 " + r.path;
  const std::string where_en = r.path.empty() ? "the body" : r.path;
  return core::Error::invalid("http.wrong_type", where + " 須為" + std::string(r.expected_zh),
                              where_en + " must be " + std::string(r.expected_en));
}

}  // namespace json_input
}  // namespace huji::http
