#ifndef HUJI_SERVICE_WEBHOOK_SIGNATURE_H_
#define HUJI_SERVICE_WEBHOOK_SIGNATURE_H_

// Standard Webhooks signatures (https://www.standardwebhooks.com, "Signature scheme"): the
// signed content is "<webhook-id>.<webhook-timestamp>.<body>";
//   v1  — HMAC-SHA256 with the secret whsec_<base64 key>, "v1,<base64 signature>";
//   v1a — Ed25519 with the secret key whsk_<base64 64-byte key>, "v1a,<base64 signature>",
//         verified with the public key whpk_<base64 32-byte key>.
// The webhook-signature header is a space-separated list of such signatures: during a secret
// rotation it carries one per secret, and a receiver accepts when any matches.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace huji::service::webhook {

// A new random secret (24 bytes) in whsec_ form.
std::string new_secret();
// A new Ed25519 pair: {whsk_…, whpk_…}.
std::pair<std::string, std::string> new_signing_key();
// The whpk_ public key of a whsk_ secret key; error when it is not one.
core::Result<std::string> public_key_of(const std::string& whsk);

// "v1,<base64>"; error when `secret` is not a whsec_ secret.
core::Result<std::string> sign_v1(const std::string& secret, std::string_view msg_id,
                                  int64_t timestamp_s, std::string_view body);
// "v1a,<base64>"; error when `whsk` is not a whsk_ key.
core::Result<std::string> sign_v1a(const std::string& whsk, std::string_view msg_id,
                                   int64_t timestamp_s, std::string_view body);

// The webhook-signature header for an agency: v1 by `secret`, v1 by `previous_secret` when
// rotating (non-empty), v1a by `whsk` when given; space-separated.
core::Result<std::string> signature_header(const std::string& secret,
                                           const std::string& previous_secret,
                                           const std::string& whsk, std::string_view msg_id,
                                           int64_t timestamp_s, std::string_view body);

struct VerifyKeys {
  std::vector<std::string> secrets;      // whsec_ secrets accepted (v1)
  std::vector<std::string> public_keys;  // whpk_ keys accepted (v1a)
};

// True when any signature in `header` matches the content under any key (constant-time
// comparisons). The timestamp's tolerance is the receiver's own check.
bool verify(const VerifyKeys& keys, std::string_view msg_id, int64_t timestamp_s,
            std::string_view body, std::string_view header);

// Base64 (standard alphabet, padded) of bytes, and back (error on bad input).
std::string base64(std::string_view bytes);
core::Result<std::string> unbase64(std::string_view text);

}  // namespace huji::service::webhook

#endif  // HUJI_SERVICE_WEBHOOK_SIGNATURE_H_
