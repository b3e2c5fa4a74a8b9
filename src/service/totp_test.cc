#include "service/totp.h"

#include <gtest/gtest.h>

namespace huji::service {
namespace {

// RFC 6238 Appendix B, SHA-1 rows: the secret is the ASCII "12345678901234567890", codes of
// 8 digits; the 6-digit code is their last six.
TEST(Totp, Rfc6238TestVectors) {
  const std::string secret = "12345678901234567890";
  const std::pair<int64_t, const char*> rows[] = {
      {59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
      {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"},
  };
  for (const auto& [seconds, code] : rows) {
    EXPECT_EQ(hotp_code(secret, seconds / 30, 8), code) << seconds;
    EXPECT_EQ(hotp_code(secret, seconds / 30), std::string(code).substr(2)) << seconds;
  }
}

TEST(Totp, Base32RoundTripsAndMatchesRfc4648) {
  EXPECT_EQ(base32_encode("foobar"), "MZXW6YTBOI");
  EXPECT_EQ(base32_decode("mzxw6ytboi======").value(), "foobar");
  EXPECT_FALSE(base32_decode("MZ1W").has_value());
  const std::string s = new_totp_secret();
  EXPECT_EQ(s.size(), 32u);
  EXPECT_EQ(base32_decode(s).value().size(), 20u);
}

TEST(Totp, AcceptsOneStepOfDriftEitherWayAndNothingElse) {
  const std::string secret = base32_encode("12345678901234567890");
  const int64_t now_ms = int64_t{1111111111} * 1000;
  const int64_t step = now_ms / kTotpStepMs;
  EXPECT_EQ(totp_match(secret, hotp_code("12345678901234567890", step), now_ms), step);
  EXPECT_EQ(totp_match(secret, hotp_code("12345678901234567890", step - 1), now_ms), step - 1);
  EXPECT_EQ(totp_match(secret, hotp_code("12345678901234567890", step + 1), now_ms), step + 1);
  EXPECT_FALSE(totp_match(secret, hotp_code("12345678901234567890", step - 2), now_ms));
  EXPECT_FALSE(totp_match(secret, "12345", now_ms));
  EXPECT_FALSE(totp_match("", "123456", now_ms));
}

TEST(Totp, UriNamesTheIssuerAndParameters) {
  EXPECT_EQ(totp_uri("clerk1", "ABC"),
            "otpauth://totp/Huji:clerk1?secret=ABC&issuer=Huji&algorithm=SHA1&digits=6&period=30");
}

}  // namespace
}  // namespace huji::service
