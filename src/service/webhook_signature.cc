#include "service/webhook_signature.h"

#include <sodium.h>

#include "service/crypto.h"

namespace huji::service::webhook {

namespace {

core::Error bad_key(const std::string& what) {
  return core::Error::invalid("agency.secret", "金鑰格式錯誤：" + what, "malformed key: " + what);
}

std::string content(std::string_view msg_id, int64_t ts, std::string_view body) {
  std::string c;
  c.reserve(msg_id.size() + body.size() + 24);
  c.append(msg_id).append(".").append(std::to_string(ts)).append(".").append(body);
  return c;
}

core::Result<std::string> key_of(const std::string& text, std::string_view prefix) {
  if (text.rfind(prefix, 0) != 0) return bad_key(std::string(prefix) + "…");
  return unbase64(std::string_view(text).substr(prefix.size()));
}

std::string hmac(const std::string& key, const std::string& data) {
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(data.data()),
                                data.size());
  std::string mac(crypto_auth_hmacsha256_BYTES, '\0');
  crypto_auth_hmacsha256_final(&st, reinterpret_cast<unsigned char*>(mac.data()));
  return mac;
}

}  // namespace

std::string base64(std::string_view bytes) {
  const size_t n = sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  std::string out(n, '\0');
  sodium_bin2base64(out.data(), n, reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(n - 1);  // the terminating NUL
  return out;
}

core::Result<std::string> unbase64(std::string_view text) {
  std::string out(text.size(), '\0');
  size_t len = 0;
  if (text.empty() ||
      sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    return bad_key("base64");
  }
  out.resize(len);
  return out;
}

std::string new_secret() {
  crypto_init();
  std::string key(24, '\0');
  randombytes_buf(key.data(), key.size());
  return "whsec_" + base64(key);
}

std::pair<std::string, std::string> new_signing_key() {
  crypto_init();
  std::string pk(crypto_sign_PUBLICKEYBYTES, '\0');
  std::string sk(crypto_sign_SECRETKEYBYTES, '\0');
  crypto_sign_keypair(reinterpret_cast<unsigned char*>(pk.data()),
                      reinterpret_cast<unsigned char*>(sk.data()));
  return {"whsk_" + base64(sk), "whpk_" + base64(pk)};
}

core::Result<std::string> public_key_of(const std::string& whsk) {
  HUJI_ASSIGN_OR_RETURN(std::string sk, key_of(whsk, "whsk_"));
  if (sk.size() != crypto_sign_SECRETKEYBYTES) return bad_key("whsk_ length");
  std::string pk(crypto_sign_PUBLICKEYBYTES, '\0');
  crypto_sign_ed25519_sk_to_pk(reinterpret_cast<unsigned char*>(pk.data()),
                               reinterpret_cast<const unsigned char*>(sk.data()));
  return "whpk_" + base64(pk);
}

core::Result<std::string> sign_v1(const std::string& secret, std::string_view msg_id,
                                  int64_t timestamp_s, std::string_view body) {
  HUJI_ASSIGN_OR_RETURN(std::string key, key_of(secret, "whsec_"));
  if (key.empty()) return bad_key("whsec_ length");
  return "v1," + base64(hmac(key, content(msg_id, timestamp_s, body)));
}

core::Result<std::string> sign_v1a(const std::string& whsk, std::string_view msg_id,
                                   int64_t timestamp_s, std::string_view body) {
  crypto_init();
  HUJI_ASSIGN_OR_RETURN(std::string sk, key_of(whsk, "whsk_"));
  if (sk.size() != crypto_sign_SECRETKEYBYTES) return bad_key("whsk_ length");
  const std::string c = content(msg_id, timestamp_s, body);
  std::string sig(crypto_sign_BYTES, '\0');
  crypto_sign_detached(reinterpret_cast<unsigned char*>(sig.data()), nullptr,
                       reinterpret_cast<const unsigned char*>(c.data()), c.size(),
                       reinterpret_cast<const unsigned char*>(sk.data()));
  return "v1a," + base64(sig);
}

core::Result<std::string> signature_header(const std::string& secret,
                                           const std::string& previous_secret,
                                           const std::string& whsk, std::string_view msg_id,
                                           int64_t timestamp_s, std::string_view body) {
  HUJI_ASSIGN_OR_RETURN(std::string header, sign_v1(secret, msg_id, timestamp_s, body));
  if (!previous_secret.empty()) {
    HUJI_ASSIGN_OR_RETURN(std::string old, sign_v1(previous_secret, msg_id, timestamp_s, body));
    header += " " + old;
  }
  if (!whsk.empty()) {
    HUJI_ASSIGN_OR_RETURN(std::string a, sign_v1a(whsk, msg_id, timestamp_s, body));
    header += " " + a;
  }
  return header;
}

bool verify(const VerifyKeys& keys, std::string_view msg_id, int64_t timestamp_s,
            std::string_view body, std::string_view header) {
  crypto_init();
  const std::string c = content(msg_id, timestamp_s, body);
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(' ', pos);
    if (end == std::string_view::npos) end = header.size();
    const std::string_view item = header.substr(pos, end - pos);
    pos = end + 1;
    const size_t comma = item.find(',');
    if (comma == std::string_view::npos) continue;
    const std::string_view version = item.substr(0, comma);
    auto sig = unbase64(item.substr(comma + 1));
    if (!sig.ok()) continue;
    if (version == "v1") {
      for (const auto& s : keys.secrets) {
        auto key = key_of(s, "whsec_");
        if (!key.ok()) continue;
        const std::string mac = hmac(*key, c);
        if (sig->size() == mac.size() && sodium_memcmp(sig->data(), mac.data(), mac.size()) == 0) {
          return true;
        }
      }
    } else if (version == "v1a" && sig->size() == crypto_sign_BYTES) {
      for (const auto& p : keys.public_keys) {
        auto pk = key_of(p, "whpk_");
        if (!pk.ok() || pk->size() != crypto_sign_PUBLICKEYBYTES) continue;
        if (crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(sig->data()),
                                        reinterpret_cast<const unsigned char*>(c.data()), c.size(),
                                        reinterpret_cast<const unsigned char*>(pk->data())) == 0) {
          return true;
        }
      }
    }
  }
  return false;
}

}  // namespace huji::service::webhook
