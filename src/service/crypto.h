#ifndef HUJI_SERVICE_CRYPTO_H_
#define HUJI_SERVICE_CRYPTO_H_

// libsodium behind small functions: hashing, random tokens, argon2id password hashes.

#include <initializer_list>
#include <string>
#include <string_view>

#include "core/result.h"

namespace huji::service {

// Initialises libsodium once; safe to call from any thread, any number of times.
void crypto_init();
std::string sha256_hex(std::string_view data);
// The hash of `fields` in a length-prefixed form ("3:abc5:de…"), so that no two lists of
// fields hash alike: the fingerprint of a request kept with its Idempotency-Key.
std::string sha256_of_fields(std::initializer_list<std::string_view> fields);
// 32 random bytes, URL-safe base64 without padding (43 characters).
std::string random_token();
// A password to hand over once (an account added or reset by an admin): 20 random characters
// from an alphabet without look-alikes (no 0/O, 1/l/I), in groups of four joined by '-' so
// that it can be read out and typed (100 bits).
std::string random_password();
// argon2id (libsodium "interactive" limits), in the self-describing $argon2id$ format.
core::Result<std::string> hash_password(std::string_view password);
bool verify_password(const std::string& hash, std::string_view password);

}  // namespace huji::service

#endif  // HUJI_SERVICE_CRYPTO_H_
