#include "http/multipart.h"

#include <algorithm>
#include <cctype>

namespace huji::http {

namespace {

core::Error bad(const std::string& zh, const std::string& en) {
  return core::Error::invalid("http.bad_multipart", "上傳的表單格式有誤：" + zh,
                              "the multipart body is malformed: " + en);
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// The value of parameter `name` in a header value (`; name="value"` or `; name=value`).
std::string parameter(std::string_view header, std::string_view name) {
  const std::string low = lower(header);
  size_t at = 0;
  const std::string key = std::string(name) + "=";
  while ((at = low.find(key, at)) != std::string::npos) {
    const bool starts = at == 0 || low[at - 1] == ';' || low[at - 1] == ' ';
    at += key.size();
    if (!starts) continue;
    if (at < header.size() && header[at] == '"') {
      const size_t end = header.find('"', at + 1);
      if (end == std::string_view::npos) return {};
      return std::string(header.substr(at + 1, end - at - 1));
    }
    const size_t end = header.find(';', at);
    std::string_view v = header.substr(at, end == std::string_view::npos ? end : end - at);
    while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
    return std::string(v);
  }
  return {};
}

}  // namespace

bool is_multipart(std::string_view content_type) {
  return lower(content_type.substr(0, 19)) == "multipart/form-data";
}

core::Result<std::map<std::string, std::string>> parse_multipart(std::string_view content_type,
                                                                 std::string_view body,
                                                                 size_t max_parts) {
  const std::string boundary = parameter(content_type, "boundary");
  if (boundary.empty() || boundary.size() > 70)
    return bad("缺少分隔字串（boundary）", "no boundary");
  const std::string delimiter = "--" + boundary;
  size_t at = body.find(delimiter);
  if (at == std::string_view::npos) return bad("沒有任何部分", "no part");
  std::map<std::string, std::string> parts;
  for (;;) {
    at += delimiter.size();
    if (body.substr(at, 2) == "--") return parts;  // the closing delimiter
    if (body.substr(at, 2) != "\r\n")
      return bad("分隔字串後缺少換行", "a delimiter is not followed by CRLF");
    at += 2;
    const size_t headers_end = body.find("\r\n\r\n", at);
    if (headers_end == std::string_view::npos)
      return bad("某部分的標頭未結束", "a part has no end of headers");
    std::string name;
    for (size_t line = at; line < headers_end;) {
      size_t eol = body.find("\r\n", line);
      if (eol == std::string_view::npos || eol > headers_end) eol = headers_end;
      const std::string_view header = body.substr(line, eol - line);
      if (lower(header.substr(0, 20)) == "content-disposition:") {
        name = parameter(header.substr(20), "name");
      }
      line = eol + 2;
    }
    if (name.empty()) return bad("某部分沒有名稱", "a part has no name");
    const size_t content = headers_end + 4;
    const size_t next = body.find("\r\n" + delimiter, content);
    if (next == std::string_view::npos)
      return bad("最後一部分未結束", "the last part is not closed");
    if (parts.size() == max_parts) return bad("部分過多", "too many parts");
    if (!parts.emplace(name, std::string(body.substr(content, next - content))).second) {
      return bad("部分 " + name + " 重複", "the part " + name + " is sent twice");
    }
    at = next + 2;
  }
}

}  // namespace huji::http
