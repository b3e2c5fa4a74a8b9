#include "service/totp.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <array>
#include <cstring>

#include "service/crypto.h"

namespace huji::service {

namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

}  // namespace

std::string base32_encode(std::string_view bytes) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 5) {
      out += kAlphabet[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (5 - bits)) & 31];
  return out;
}

std::optional<std::string> base32_decode(std::string_view text) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (char ch : text) {
    if (ch == ' ' || ch == '=') continue;
    const char up = (ch >= 'a' && ch <= 'z') ? static_cast<char>(ch - 'a' + 'A') : ch;
    const size_t v = kAlphabet.find(up);
    if (v == std::string_view::npos) return std::nullopt;
    buffer = (buffer << 5) | static_cast<uint32_t>(v);
    bits += 5;
    if (bits >= 8) {
      out += static_cast<char>((buffer >> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return out;
}

std::string new_totp_secret() {
  crypto_init();
  std::array<unsigned char, 20> raw{};
  randombytes_buf(raw.data(), raw.size());
  return base32_encode(std::string_view(reinterpret_cast<const char*>(raw.data()), raw.size()));
}

std::string hotp_code(std::string_view secret_bytes, int64_t step, int digits) {
  std::array<unsigned char, 8> counter{};
  for (int i = 7; i >= 0; --i) {
    counter[static_cast<size_t>(i)] = static_cast<unsigned char>(step & 0xff);
    step >>= 8;
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int mac_len = 0;
  HMAC(EVP_sha1(), secret_bytes.data(), static_cast<int>(secret_bytes.size()), counter.data(),
       counter.size(), mac.data(), &mac_len);
  // RFC 4226 §5.3: dynamic truncation.
  const unsigned offset = mac[mac_len - 1] & 0x0f;
  const uint32_t binary = (static_cast<uint32_t>(mac[offset] & 0x7f) << 24) |
                          (static_cast<uint32_t>(mac[offset + 1]) << 16) |
                          (static_cast<uint32_t>(mac[offset + 2]) << 8) |
                          static_cast<uint32_t>(mac[offset + 3]);
  uint32_t modulus = 1;
  for (int i = 0; i < digits; ++i) modulus *= 10;
  std::string code = std::to_string(binary % modulus);
  return std::string(static_cast<size_t>(digits) - code.size(), '0') + code;
}

std::optional<int64_t> totp_match(const std::string& secret_base32, std::string_view code,
                                  int64_t now_ms) {
  auto secret = base32_decode(secret_base32);
  if (!secret || secret->empty() || code.size() != 6) return std::nullopt;
  const int64_t now_step = now_ms / kTotpStepMs;
  for (int64_t step : {now_step + 1, now_step, now_step - 1}) {
    const std::string expected = hotp_code(*secret, step);
    // Constant time: the comparison tells nothing about how many digits matched.
    if (sodium_memcmp(expected.data(), code.data(), expected.size()) == 0) return step;
  }
  return std::nullopt;
}

std::string totp_uri(std::string_view username, std::string_view secret_base32) {
  return "otpauth://totp/Huji:" + std::string(username) + "?secret=" + std::string(secret_base32) +
         "&issuer=Huji&algorithm=SHA1&digits=6&period=30";
}

}  // namespace huji::service
