#include "service/login_throttle.h"

#include <gtest/gtest.h>

namespace huji::service {
namespace {

constexpr int64_t kT0 = 1'732'000'000'000;

class LoginThrottleTest : public ::testing::Test {
 protected:
  LoginThrottle throttle_;
  const LoginThrottlePolicy& p_ = throttle_.policy();
  LoginBuckets b_ = LoginThrottle::keys("clerk1", "192.0.2.7");

  // `n` failures one second apart, each made when allowed; returns the time after the last.
  int64_t fail(LoginBuckets& b, int n, int64_t at) {
    for (int i = 0; i < n; ++i) {
      at += throttle_.wait_ms(b, at) + 1000;
      throttle_.record_failure(b, at);
    }
    return at;
  }
};

TEST_F(LoginThrottleTest, FreeFailuresThenDoublingDelaysUpToTheCap) {
  int64_t t = fail(b_, p_.pair_free - 1, kT0);
  EXPECT_EQ(throttle_.wait_ms(b_, t), 0);
  throttle_.record_failure(b_, t);  // the last free one
  EXPECT_EQ(throttle_.wait_ms(b_, t), p_.first_delay_ms);
  throttle_.record_failure(b_, t + p_.first_delay_ms);
  EXPECT_EQ(throttle_.wait_ms(b_, t + p_.first_delay_ms), 2 * p_.first_delay_ms);
  t = fail(b_, 40, t);
  EXPECT_EQ(throttle_.wait_ms(b_, t), p_.max_delay_ms) << "capped, never a permanent lock";
  EXPECT_EQ(throttle_.wait_ms(b_, t + p_.max_delay_ms), 0);
}

TEST_F(LoginThrottleTest, FailuresAreForgottenADayAfterTheLast) {
  const int64_t t = fail(b_, 20, kT0);
  EXPECT_GT(throttle_.wait_ms(b_, t), 0);
  LoginBuckets later = b_;
  throttle_.record_failure(later, t + p_.forget_ms);
  EXPECT_EQ(later.pair.failures, 1);
  EXPECT_EQ(throttle_.wait_ms(later, t + p_.forget_ms), 0);
}

// Five wrong passwords from elsewhere do not keep the user out of their own workstation,
// however long the attack goes on.
TEST_F(LoginThrottleTest, AttackersElsewhereDoNotLockOutTheUser) {
  LoginBuckets mine = LoginThrottle::keys("clerk1", "10.0.0.5");
  throttle_.record_success(mine, kT0);  // the user's usual workstation
  int64_t t = kT0;
  for (int i = 0; i < 200; ++i) {
    LoginBuckets attacker = LoginThrottle::keys("clerk1", "203.0.113." + std::to_string(i % 3));
    attacker.account = mine.account;
    t = fail(attacker, 1, t);
    mine.account = attacker.account;
  }
  ASSERT_GT(mine.account.failures, p_.account_free);
  EXPECT_EQ(throttle_.wait_ms(mine, t), 0) << "a trusted pair is not held back by the account";
  // A clean address (no failure of its own) gets its attempt too.
  LoginBuckets fresh = LoginThrottle::keys("clerk1", "10.0.0.9");
  fresh.account = mine.account;
  EXPECT_EQ(throttle_.wait_ms(fresh, t), 0);
  // Once it fails, it is paced by the account's bucket like the attackers.
  throttle_.record_failure(fresh, t);
  EXPECT_GT(throttle_.wait_ms(fresh, t), 0);
}

TEST_F(LoginThrottleTest, OneAddressSprayingUsernamesIsThrottled) {
  LoginBucket address;
  int64_t t = kT0;
  for (int i = 0; i < p_.address_free; ++i) {
    LoginBuckets b = LoginThrottle::keys("user" + std::to_string(i), "198.51.100.1");
    b.address = address;
    EXPECT_EQ(throttle_.wait_ms(b, t), 0) << i;
    throttle_.record_failure(b, t);
    address = b.address;
    t += 10;
  }
  LoginBuckets next = LoginThrottle::keys("someone-else", "198.51.100.1");
  next.address = address;
  EXPECT_GT(throttle_.wait_ms(next, t), 0);
  // A user who has logged in from that address before (an office behind one NAT) is not.
  throttle_.record_success(next, kT0);
  EXPECT_EQ(throttle_.wait_ms(next, t), 0);
}

TEST_F(LoginThrottleTest, SuccessClearsOnlyThePair) {
  const int64_t t = fail(b_, 3, kT0);
  throttle_.record_success(b_, t);
  EXPECT_EQ(b_.pair.failures, 0);
  EXPECT_EQ(b_.pair.last_success_ms, t);
  EXPECT_EQ(b_.address.failures, 3);
  EXPECT_EQ(b_.account.failures, 3);
}

TEST_F(LoginThrottleTest, KeysAndAddresses) {
  const LoginBuckets b = LoginThrottle::keys("Bad Name", "::ffff:192.0.2.1");
  EXPECT_EQ(b.account.account, "(malformed)");
  EXPECT_EQ(b.account.address, "");
  EXPECT_EQ(b.address.account, "");
  EXPECT_EQ(b.pair.address, "192.0.2.1");
  EXPECT_EQ(LoginThrottle::address_key("2001:db8:1:2:3:4:5:6"), "2001:db8:1:2::/64");
  EXPECT_EQ(LoginThrottle::address_key(""), "unknown");
  EXPECT_EQ(LoginThrottle::address_key("192.0.2.200"), "192.0.2.200");
}

}  // namespace
}  // namespace huji::service
