#ifndef HUJI_HTTP_REQUEST_LIMITS_H_
#define HUJI_HTTP_REQUEST_LIMITS_H_

// How large a request's head may be, at two levels. The dispatcher's limits (kMax…) are
// checked before routing and answered with the usual JSON error: 414 http.uri_too_long,
// 431 http.headers_too_large. RESTinio's hard limits (kHard…, server.cc) lie well above them:
// only a request beyond those gets its connection closed without an answer, because
// RESTinio 0.6 answers nothing to a request its parser refuses. Bodies are bounded per route
// (RouteOptions::body_limit); the transport's hard body limit is the largest route's.

#include <cstddef>
#include <cstdint>

namespace huji::http::limits {

// Path and query together (a lookup's URL is under 200 bytes).
inline constexpr size_t kMaxTarget = size_t{8} * 1024;
// Header fields: their number, one field's name and value, all of them together.
inline constexpr size_t kMaxHeaderFields = 100;
inline constexpr size_t kMaxHeaderField = size_t{8} * 1024;
inline constexpr size_t kMaxHeaderBytes = size_t{32} * 1024;

inline constexpr size_t kHardTarget = size_t{64} * 1024;
inline constexpr size_t kHardFieldName = size_t{16} * 1024;
inline constexpr size_t kHardFieldValue = size_t{64} * 1024;
inline constexpr size_t kHardFields = 1000;
// The whole head (request line and fields) as http_parser counts it (its default: 80 KiB).
inline constexpr uint32_t kHardHead = uint32_t{96} * 1024;

}  // namespace huji::http::limits

#endif  // HUJI_HTTP_REQUEST_LIMITS_H_
