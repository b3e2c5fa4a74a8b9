#ifndef HUJI_HTTP_REQUEST_LIMITS_H_
#define HUJI_HTTP_REQUEST_LIMITS_H_

// How large a request's head may be, at two levels. The dispatcher's limits (kMax…) are
// checked as soon as the head is in (head_gate.h) and answered with the usual JSON error:
// 414 http.uri_too_long, 431 http.headers_too_large. RESTinio's hard limits (kHard…,
// server.cc) lie well above them, so that its parser, which answers nothing to a request it
// refuses, never meets a head beyond them; kHardHead bounds the gate's parser as well (431).
// Bodies are bounded per route (RouteOptions::body_limit), by their Content-Length in the
// gate; the transport's hard body limit, the largest route's and 1 MiB, meets only chunked
// bodies.

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
