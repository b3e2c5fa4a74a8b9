#include "service/login_throttle.h"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cstdio>

namespace huji::service {

namespace {

bool well_formed_username(std::string_view u) {
  return !u.empty() && u.size() <= 64 &&
         u.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789._-") == std::string_view::npos;
}

}  // namespace

int LoginThrottle::live_failures(const LoginBucket& b, int64_t now_ms) const {
  if (b.failures <= 0 || now_ms - b.last_failure_ms >= policy_.forget_ms) return 0;
  return b.failures;
}

int64_t LoginThrottle::bucket_wait(const LoginBucket& b, int free, int64_t now_ms) const {
  const int over = live_failures(b, now_ms) - free;
  if (over < 0) return 0;
  // first_delay · 2^over, capped; the shift is bounded so that it cannot overflow.
  const int64_t delay =
      std::min(policy_.max_delay_ms, policy_.first_delay_ms << std::min(over, 30));
  return std::max<int64_t>(0, b.last_failure_ms + delay - now_ms);
}

int64_t LoginThrottle::wait_ms(const LoginBuckets& b, int64_t now_ms) const {
  int64_t wait = bucket_wait(b.pair, policy_.pair_free, now_ms);
  const bool trusted =
      b.pair.last_success_ms > 0 && now_ms - b.pair.last_success_ms < policy_.trust_ms;
  if (trusted) return wait;
  wait = std::max(wait, bucket_wait(b.address, policy_.address_free, now_ms));
  if (live_failures(b.address, now_ms) > 0) {
    wait = std::max(wait, bucket_wait(b.account, policy_.account_free, now_ms));
  }
  return wait;
}

void LoginThrottle::record_failure(LoginBuckets& b, int64_t now_ms) const {
  for (LoginBucket* x : {&b.pair, &b.address, &b.account}) {
    x->failures = live_failures(*x, now_ms) + 1;
    x->last_failure_ms = now_ms;
  }
}

void LoginThrottle::record_success(LoginBuckets& b, int64_t now_ms) const {
  b.pair.failures = 0;
  b.pair.last_success_ms = now_ms;
}

LoginBuckets LoginThrottle::keys(std::string_view username, std::string_view address) {
  const std::string account(well_formed_username(username) ? username : "(malformed)");
  const std::string where = address_key(address);
  LoginBuckets b;
  b.pair.account = account;
  b.pair.address = where;
  b.address.address = where;
  b.account.account = account;
  return b;
}

std::string LoginThrottle::address_key(std::string_view address) {
  std::string text(address);
  std::array<unsigned char, 16> raw{};
  if (inet_pton(AF_INET, text.c_str(), raw.data()) == 1) return text;
  if (inet_pton(AF_INET6, text.c_str(), raw.data()) != 1) return "unknown";
  const bool v4_mapped =
      std::all_of(raw.begin(), raw.begin() + 10, [](auto c) { return c == 0; }) &&
      raw[10] == 0xff && raw[11] == 0xff;
  char out[INET6_ADDRSTRLEN];
  if (v4_mapped) {
    inet_ntop(AF_INET, raw.data() + 12, out, sizeof out);
    return out;
  }
  std::fill(raw.begin() + 8, raw.end(), 0);
  inet_ntop(AF_INET6, raw.data(), out, sizeof out);
  return std::string(out) + "/64";
}

}  // namespace huji::service
