#ifndef HUJI_SERVICE_PASSWORD_RULES_H_
#define HUJI_SERVICE_PASSWORD_RULES_H_

// What a staff password must be (OWASP ASVS 2.1.1, 2.1.7; NIST SP 800-63B §5.1.1.2): at least
// 12 characters counted as Unicode characters, not bytes; not a commonly used password, also
// with digits or symbols added at either end ("Password2024!"); not containing the username.
// No composition rules: a long phrase of any characters is good.

#include <string_view>

#include "core/result.h"

namespace huji::service {

inline constexpr size_t kMinPasswordChars = 12;
inline constexpr size_t kMaxPasswordBytes = 1024;

// ok, or user.password_too_short / user.password_too_long / user.password_encoding /
// user.password_common / user.password_has_username (400).
core::Status check_new_password(std::string_view password, std::string_view username);

// The built-in list (data/passwords/common.txt), one per line.
std::string_view common_passwords_text();
bool is_common_password(std::string_view lowercase_password);

}  // namespace huji::service

#endif  // HUJI_SERVICE_PASSWORD_RULES_H_
