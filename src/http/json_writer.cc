#include "http/json_writer.h"

#include <charconv>

#include "core/json_string.h"
#include "core/utf8.h"

namespace huji::http {

void JsonWriter::value_start() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) out_ += ',';
    first_.back() = false;
  }
}

JsonWriter& JsonWriter::open(char c) {
  value_start();
  out_ += c;
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::close(char c) {
  out_ += c;
  first_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view k) {
  value_start();
  escaped(k);
  out_ += ':';
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::string(std::string_view v) {
  value_start();
  escaped(v);
  return *this;
}

JsonWriter& JsonWriter::number(int64_t v) {
  value_start();
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  (void)ec;
  out_.append(buf, end);
  return *this;
}

JsonWriter& JsonWriter::null() {
  value_start();
  out_ += "null";
  return *this;
}

namespace {

// Each byte that does not begin a valid UTF-8 sequence becomes U+FFFD, as nlohmann::json's
// error_handler_t::replace does. Rare: the register stores valid UTF-8.
std::string replace_invalid(std::string_view v) {
  std::string fixed;
  for (size_t i = 0; i < v.size();) {
    const auto c = static_cast<unsigned char>(v[i]);
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (i + len > v.size() || !core::utf8::is_valid(v.substr(i, len))) {
      fixed += "\xEF\xBF\xBD";
      i += 1;
      continue;
    }
    fixed.append(v.substr(i, len));
    i += len;
  }
  return fixed;
}

}  // namespace

void JsonWriter::escaped(std::string_view v) {
  if (core::utf8::is_valid(v)) {
    core::append_json_string(out_, v);
  } else {
    core::append_json_string(out_, replace_invalid(v));
  }
}

}  // namespace huji::http
