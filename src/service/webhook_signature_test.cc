#include "service/webhook_signature.h"

#include <gtest/gtest.h>

namespace huji::service::webhook {
namespace {

// The Standard Webhooks specification's own example (standard-webhooks.md, "Signature
// scheme" and its reference libraries' tests): this secret, id, timestamp and body sign as
// below.
constexpr const char* kSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
constexpr const char* kId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
constexpr int64_t kTimestamp = 1614265330;
constexpr const char* kBody = R"({"test": 2432232314})";
constexpr const char* kExpected = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

TEST(WebhookSignature, MatchesTheSpecificationsExample) {
  EXPECT_EQ(sign_v1(kSecret, kId, kTimestamp, kBody).value(), kExpected);
  EXPECT_TRUE(verify({{kSecret}, {}}, kId, kTimestamp, kBody, kExpected));
}

TEST(WebhookSignature, AnyChangeBreaksIt) {
  const VerifyKeys keys{{kSecret}, {}};
  EXPECT_FALSE(verify(keys, "msg_other", kTimestamp, kBody, kExpected));
  EXPECT_FALSE(verify(keys, kId, kTimestamp + 1, kBody, kExpected));
  EXPECT_FALSE(verify(keys, kId, kTimestamp, R"({"test": 2432232315})", kExpected));
  EXPECT_FALSE(verify({{new_secret()}, {}}, kId, kTimestamp, kBody, kExpected));
  EXPECT_FALSE(verify(keys, kId, kTimestamp, kBody, ""));
  EXPECT_FALSE(verify(keys, kId, kTimestamp, kBody, "v1,"));
  EXPECT_FALSE(
      verify(keys, kId, kTimestamp, kBody, "v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
  EXPECT_FALSE(verify(keys, kId, kTimestamp, kBody, "v1,!!!"));
  EXPECT_FALSE(sign_v1("not-a-secret", kId, kTimestamp, kBody).ok());
}

TEST(WebhookSignature, RotationSignsWithBothSecretsAndEitherVerifies) {
  const std::string next = new_secret();
  const std::string header = signature_header(next, kSecret, "", kId, kTimestamp, kBody).value();
  EXPECT_EQ(header, sign_v1(next, kId, kTimestamp, kBody).value() + " " + kExpected);
  EXPECT_TRUE(verify({{kSecret}, {}}, kId, kTimestamp, kBody, header));
  EXPECT_TRUE(verify({{next}, {}}, kId, kTimestamp, kBody, header));
  EXPECT_FALSE(verify({{new_secret()}, {}}, kId, kTimestamp, kBody, header));
}

TEST(WebhookSignature, Ed25519V1aVerifiesWithThePublicKeyOnly) {
  const auto [sk, pk] = new_signing_key();
  EXPECT_EQ(sk.rfind("whsk_", 0), 0u);
  EXPECT_EQ(public_key_of(sk).value(), pk);
  const std::string header = signature_header(kSecret, "", sk, kId, kTimestamp, kBody).value();
  EXPECT_NE(header.find(" v1a,"), std::string::npos);
  EXPECT_TRUE(verify({{}, {pk}}, kId, kTimestamp, kBody, header));
  EXPECT_FALSE(verify({{}, {pk}}, kId, kTimestamp, "{}", header));
  EXPECT_FALSE(verify({{}, {new_signing_key().second}}, kId, kTimestamp, kBody, header));
  EXPECT_FALSE(public_key_of("whsk_AAAA").ok());
}

TEST(WebhookSignature, Base64RoundTrips) {
  for (const std::string s : {"", "a", "ab", "abc", "\x00\xff\x10 binary"}) {
    if (s.empty()) continue;
    EXPECT_EQ(unbase64(base64(s)).value(), s);
  }
  EXPECT_FALSE(unbase64("@@@").ok());
}

}  // namespace
}  // namespace huji::service::webhook
