#ifndef HUJI_CORE_RESULT_H_
#define HUJI_CORE_RESULT_H_

// Expected failures as values (STYLE.md "Errors"). Every error carries a canonical kind, which
// the HTTP layer maps to a status in one table, a stable machine-readable code such as
// "id_number.checksum", and a message in Traditional Chinese and English.

#include <cassert>
#include <cstdint>
#include <string>
#include <utility>
#include <variant>

namespace huji::core {

enum class ErrorKind {
  kInvalidArgument,   // 400: malformed input
  kUnauthenticated,   // 401: no or expired credentials
  kPermissionDenied,  // 403: authenticated but not allowed
  kNotFound,          // 404
  kConflict,          // 409: version mismatch, duplicate
  kPayloadTooLarge,   // 413
  kUriTooLong,        // 414: a request target longer than the server reads
  kUnprocessable,     // 422: well-formed but violates a rule
  kLocked,            // 423: account locked
  kTooManyRequests,   // 429: throttled; Error::retry_after_s says for how long
  kUnavailable,       // 503: storage down
  kInternal,          // 500: a bug
};

struct Error {
  ErrorKind kind = ErrorKind::kInternal;
  std::string code;        // stable, machine-readable, e.g. "id_number.checksum"
  std::string message_zh;  // 繁體中文
  std::string message_en;
  int64_t retry_after_s = 0;  // kTooManyRequests: the Retry-After to answer (0: none)

  static Error make(ErrorKind kind, std::string code, std::string zh, std::string en) {
    return Error{kind, std::move(code), std::move(zh), std::move(en)};
  }
  // One factory per kind, so that a call names what went wrong: Error::invalid(code, zh, en).
  static Error invalid(std::string code, std::string zh, std::string en) {
    return make(ErrorKind::kInvalidArgument, std::move(code), std::move(zh), std::move(en));
  }
  static Error unauthenticated(std::string code, std::string zh, std::string en) {
    return make(ErrorKind::kUnauthenticated, std::move(code), std::move(zh), std::move(en));
  }
  static Error denied(std::string code, std::string zh, std::string en) {
    return make(ErrorKind::kPermissionDenied, std::move(code), std::move(zh), std::move(en));
  }
  static Error not_found(std::string code, std::string zh, std::string en) {
    return make(ErrorKind::kNotFound, std::move(code), std::move(zh), std::move(en));
  }
  static Error conflict(std::string code, std::string zh, std::string en) {
    return make(ErrorKind::kConflict, std::move(code), std::move(zh), std::move(en));
  }
  static Error too_large(std::string code, std::string zh, std::string en) {
    return make(ErrorKind::kPayloadTooLarge, std::move(code), std::move(zh), std::move(en));
  }
  static Error uri_too_long(std::string code, std::string zh, std::string en) {
    return make(ErrorKind::kUriTooLong, std::move(code), std::move(zh), std::move(en));
  }
  static Error unprocessable(std::string code, std::string zh, std::string en) {
    return make(ErrorKind::kUnprocessable, std::move(code), std::move(zh), std::move(en));
  }
  static Error locked(std::string code, std::string zh, std::string en) {
    return make(ErrorKind::kLocked, std::move(code), std::move(zh), std::move(en));
  }
  static Error too_many(std::string code, std::string zh, std::string en) {
    return make(ErrorKind::kTooManyRequests, std::move(code), std::move(zh), std::move(en));
  }
  static Error unavailable(std::string code, std::string zh, std::string en) {
    return make(ErrorKind::kUnavailable, std::move(code), std::move(zh), std::move(en));
  }
  static Error internal(std::string code, std::string zh, std::string en) {
    return make(ErrorKind::kInternal, std::move(code), std::move(zh), std::move(en));
  }
};

// Result<T> holds either a T or an Error. Result<void> holds nothing or an Error.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(v_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(v_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const {
    assert(!ok());
    return std::get<1>(v_);
  }
  Error&& take_error() && {
    assert(!ok());
    return std::get<1>(std::move(v_));
  }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT
  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const {
    assert(!ok_);
    return error_;
  }
  Error&& take_error() && {
    assert(!ok_);
    return std::move(error_);
  }

 private:
  Error error_;
  bool ok_ = true;
};

using Status = Result<void>;

}  // namespace huji::core

// Propagates an error from an expression returning Result<...>.
#define HUJI_TRY(expr)                                                 \
  do {                                                                 \
    auto huji_try_r_ = (expr);                                         \
    if (!huji_try_r_.ok()) return std::move(huji_try_r_).take_error(); \
  } while (0)

// Binds the value of a Result<T> expression to `lhs`, or returns its error.
#define HUJI_ASSIGN_OR_RETURN(lhs, expr) \
  HUJI_ASSIGN_OR_RETURN_IMPL_(HUJI_CONCAT_(r_, __LINE__), lhs, expr)
#define HUJI_CONCAT_INNER_(a, b) a##b
#define HUJI_CONCAT_(a, b) HUJI_CONCAT_INNER_(a, b)
// `tmp` and `lhs` are declarations (`auto x`, `const T& y`), which parentheses would break.
#define HUJI_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr)                                 \
  auto tmp = (expr); /* NOLINT(bugprone-macro-parentheses): tmp is declared here */ \
  if (!(tmp).ok()) return std::move(tmp).take_error();                              \
  lhs = std::move(tmp).value() /* NOLINT(bugprone-macro-parentheses): a declaration */

#endif  // HUJI_CORE_RESULT_H_
