#include "service/password_rules.h"

#include <algorithm>
#include <string>
#include <unordered_set>

#include "core/utf8.h"

namespace huji::service {

namespace {

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return out;
}

// What people add around a common password to pass composition rules: digits, symbols.
constexpr std::string_view kPadding = " 0123456789!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

core::Error refuse(std::string code, std::string zh, std::string en) {
  return core::Error::invalid(std::move(code), std::move(zh), std::move(en));
}

}  // namespace

bool is_common_password(std::string_view lowercase_password) {
  static const std::unordered_set<std::string_view> kList = [] {
    std::unordered_set<std::string_view> set;
    std::string_view text = common_passwords_text();
    while (!text.empty()) {
      const size_t nl = text.find('\n');
      const std::string_view line = text.substr(0, nl);
      if (!line.empty()) set.insert(line);
      if (nl == std::string_view::npos) break;
      text.remove_prefix(nl + 1);
    }
    return set;
  }();
  return kList.count(lowercase_password) > 0;
}

core::Status check_new_password(std::string_view password, std::string_view username) {
  if (password.size() > kMaxPasswordBytes) {
    return refuse("user.password_too_long", "密碼過長（上限 1024 位元組）",
                  "the password is too long (limit 1024 bytes)");
  }
  std::u32string chars;
  if (!core::utf8::decode(password, chars)) {
    return refuse("user.password_encoding", "密碼須為 UTF-8 文字",
                  "the password must be UTF-8 text");
  }
  if (chars.size() < kMinPasswordChars) {
    const std::string n = std::to_string(kMinPasswordChars);
    return refuse("user.password_too_short", "密碼至少需 " + n + " 個字元",
                  "the password needs at least " + n + " characters");
  }
  const std::string lower = ascii_lower(password);
  const size_t first = lower.find_first_not_of(kPadding);
  const std::string_view stem =
      first == std::string::npos
          ? std::string_view()
          : std::string_view(lower).substr(first, lower.find_last_not_of(kPadding) - first + 1);
  if (is_common_password(lower) || (stem.size() >= 4 && is_common_password(stem))) {
    return refuse("user.password_common", "此密碼過於常見，請改用較長且不常見的詞句",
                  "this password is too common; choose a longer, uncommon phrase");
  }
  if (!username.empty() && lower.find(ascii_lower(username)) != std::string::npos) {
    return refuse("user.password_has_username", "密碼不可包含帳號",
                  "the password must not contain the username");
  }
  return {};
}

}  // namespace huji::service
