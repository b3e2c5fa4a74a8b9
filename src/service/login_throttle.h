#ifndef HUJI_SERVICE_LOGIN_THROTTLE_H_
#define HUJI_SERVICE_LOGIN_THROTTLE_H_

// When a login attempt may be made (OWASP ASVS 2.2.1): failures are counted in three buckets,
// per account and source address (the pair), per source address, and per account, each of
// which, past its free failures, makes the next attempt wait a delay that doubles with every
// further failure, up to a cap. No bucket ever refuses for good, and none lets an attacker
// elsewhere keep a user out:
//  - the pair bucket throttles one address guessing one account's password;
//  - the address bucket throttles one address spraying many usernames; it does not apply to
//    an address that has logged into this account within `trust_ms` (a known workstation
//    behind the same NAT as the attacker is not held back);
//  - the account bucket (softer in effect, stricter in count) throttles many addresses
//    guessing one account, but only those addresses that are failing themselves: a known
//    workstation and a clean address (no failure of its own) always get their attempt.
// Failures are forgotten `forget_ms` after a bucket's last failure. Usernames are counted
// whether or not the account exists, so throttling tells nothing about which do.
//
// Pure: the buckets are stored by the caller (StaffTx's login buckets); times are the
// caller's clock.

#include <cstdint>
#include <string>
#include <string_view>

#include "service/records.h"

namespace huji::service {

struct LoginThrottlePolicy {
  int pair_free = 5;                                  // failures before delays, per pair
  int address_free = 30;                              // per address, any usernames
  int account_free = 10;                              // per account, failing addresses
  int64_t first_delay_ms = 1'000;                     // after the last free failure
  int64_t max_delay_ms = int64_t{15} * 60 * 1000;     // 15 minutes
  int64_t forget_ms = int64_t{24} * 3600 * 1000;      // a day without failures
  int64_t trust_ms = int64_t{30} * 24 * 3600 * 1000;  // a success trusts the pair this long
};

// The three buckets one attempt (account, address) is counted in.
struct LoginBuckets {
  LoginBucket pair, address, account;
};

class LoginThrottle {
 public:
  explicit LoginThrottle(LoginThrottlePolicy policy = {}) : policy_(policy) {}

  // 0 when the attempt may be made at `now_ms`, else how long it must wait.
  int64_t wait_ms(const LoginBuckets& b, int64_t now_ms) const;
  // The buckets after a failed attempt (wrong password, unknown user, wrong one-time code).
  void record_failure(LoginBuckets& b, int64_t now_ms) const;
  // After a successful login: the pair's failures are cleared and the pair trusted; the
  // address's and the account's failures stay (they may be an attack on others, or this one).
  void record_success(LoginBuckets& b, int64_t now_ms) const;

  // The buckets' keys: (account, "") for the account, ("", address) for the address.
  // `username` is the name tried, "(malformed)" when it cannot be a username at all.
  static LoginBuckets keys(std::string_view username, std::string_view address);
  // A source address as counted: IPv4 as is (also when IPv4-mapped), IPv6 by its /64 prefix
  // (one host has a whole /64), "unknown" when empty or unparsable.
  static std::string address_key(std::string_view address);

  const LoginThrottlePolicy& policy() const { return policy_; }

  // The bucket's failures not yet forgotten at `now_ms`.
  int live_failures(const LoginBucket& b, int64_t now_ms) const;

 private:
  int64_t bucket_wait(const LoginBucket& b, int free, int64_t now_ms) const;

  LoginThrottlePolicy policy_;
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_LOGIN_THROTTLE_H_
