#ifndef HUJI_SERVICE_ERRORS_H_
#define HUJI_SERVICE_ERRORS_H_

// Errors that several use cases share, worded once.

#include <string>

#include "core/result.h"

namespace huji::service::errors {

// `what` names the refused action for the reader of the code and the audit; the message a
// person reads carries no internal code (issue 17: 「（person.read）」 on screen).
inline core::Error forbidden([[maybe_unused]] const std::string& what) {
  return core::Error::denied("auth.forbidden", "您的角色無權執行此作業",
                             "your role is not permitted to do this");
}

inline core::Error unauthenticated() {
  return core::Error::unauthenticated("auth.required", "請先登入，或登入已逾時",
                                      "log in first, or your session has expired");
}

// Every creating POST carries an Idempotency-Key of 1–128 characters.
inline core::Status check_idempotency_key(const std::string& key) {
  if (key.empty() || key.size() > 128) {
    return core::Error::invalid("idempotency.key_required",
                                "請以 Idempotency-Key 標頭提供 1–128 字元的請求識別碼",
                                "an Idempotency-Key header of 1-128 characters is required");
  }
  return {};
}

// The key was recorded for a request with other content.
inline core::Error idempotency_key_reused() {
  return core::Error::unprocessable(
      "idempotency.key_reused", "此 Idempotency-Key 已用於內容不同的請求",
      "this Idempotency-Key was already used for a different request");
}

}  // namespace huji::service::errors

#endif  // HUJI_SERVICE_ERRORS_H_
