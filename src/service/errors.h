#ifndef HUJI_SERVICE_ERRORS_H_
#define HUJI_SERVICE_ERRORS_H_

// Errors that several use cases share, worded once.

#include <string>

#include "core/result.h"

namespace huji::service::errors {

inline core::Error forbidden(const std::string& what) {
  return core::Error::make(core::ErrorKind::kPermissionDenied, "auth.forbidden",
                           "您的角色無權執行此作業（" + what + "）",
                           "your role may not do this (" + what + ")");
}

inline core::Error unauthenticated() {
  return core::Error::make(core::ErrorKind::kUnauthenticated, "auth.required",
                           "請先登入，或登入已逾時", "log in first, or your session has expired");
}

}  // namespace huji::service::errors

#endif  // HUJI_SERVICE_ERRORS_H_
