#ifndef HUJI_SERVICE_TOTP_H_
#define HUJI_SERVICE_TOTP_H_

// Time-based one-time codes (RFC 6238 over RFC 4226 HOTP): HMAC-SHA-1, 6 digits, 30-second
// steps, what every authenticator app computes by default. Secrets are 20 random bytes,
// written in base32 (RFC 4648, no padding) as the apps expect.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace huji::service {

inline constexpr int64_t kTotpStepMs = 30'000;

// RFC 4648 base32 without padding, and back (nothing when malformed; case and spaces ignored).
std::string base32_encode(std::string_view bytes);
std::optional<std::string> base32_decode(std::string_view text);

// A new secret, base32.
std::string new_totp_secret();
// The code of `step` (RFC 4226 HOTP of the step counter) with `digits` digits, zero-padded.
std::string hotp_code(std::string_view secret_bytes, int64_t step, int digits = 6);
// The step in which `code` is valid at `now_ms`, allowing one step of clock drift either way
// (RFC 6238 §5.2), newest first; nothing when it is valid in none or the secret is malformed.
// The caller refuses a step it has already accepted (replay).
std::optional<int64_t> totp_match(const std::string& secret_base32, std::string_view code,
                                  int64_t now_ms);
// otpauth://totp/Huji:<user>?secret=…&issuer=Huji&algorithm=SHA1&digits=6&period=30
std::string totp_uri(std::string_view username, std::string_view secret_base32);

}  // namespace huji::service

#endif  // HUJI_SERVICE_TOTP_H_
