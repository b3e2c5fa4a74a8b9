#ifndef HUJI_HTTP_REQUEST_H_
#define HUJI_HTTP_REQUEST_H_

// What a route handler is given: the request's parts, parsed on demand, each with the one
// error its malformed form gets — the authenticated actor, path ids, the query, the body read
// strictly into an input struct (json_input.h), the Idempotency-Key. Independent of the
// transport: the dispatcher fills RequestData with views into RESTinio's request, which
// outlives the handler.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "http/json_input.h"
#include "http/router.h"
#include "service/actor.h"

namespace huji::service {
class AuthService;
}

namespace huji::http {

// The parts of a request a handler may read (views, valid while the handler runs).
struct RequestData {
  std::string_view query;  // after '?', not decoded
  std::string_view body;
  std::string_view authorization;  // the header's value, "" when absent
  std::string_view idempotency_key;
  std::string_view content_type;
};

// A parsed query string (?a=1&b=2): values percent-decoded. A name or value with a forbidden
// character (core::utf8::is_forbidden; no line breaks either) is refused with
// input.forbidden_character, as in a body.
class Query {
 public:
  static core::Result<Query> parse(std::string_view text);

  std::optional<std::string> get(std::string_view name) const;
  std::string text(std::string_view name, std::string fallback = "") const {
    return get(name).value_or(std::move(fallback));
  }
  // A date parameter (YYYY-MM-DD): nothing when absent, the date's error when malformed.
  core::Result<std::optional<core::Date>> date(std::string_view name) const;
  // A date parameter that must be there (its absence is Date::parse_iso's error for "").
  core::Result<core::Date> required_date(std::string_view name) const;

 private:
  std::vector<std::pair<std::string, std::string>> params_;
};

// The token of an Authorization value "Bearer TOKEN", "" for anything else.
std::string_view bearer_of(std::string_view authorization);

// "123" → 123; anything else (signs allowed, up to 9 digits) → nothing.
std::optional<int> to_int(std::string_view s);

class Request {
 public:
  Request(const RequestData& data, const PathParams& path, service::AuthService& auth,
          service::RequestContext& ctx)
      : data_(data), path_(path), auth_(auth), ctx_(ctx) {}

  service::RequestContext& ctx() const { return ctx_; }
  // The staff member whose bearer token the request carries (auth.required when none).
  core::Result<service::Actor> actor() const;
  // The bearer token, "" when the request has none.
  std::string bearer() const;

  std::string path(std::string_view name) const { return std::string(path_[name]); }
  // A positive id in the path (http.bad_id otherwise).
  core::Result<int64_t> path_id(std::string_view name) const;

  core::Result<Query> query() const { return Query::parse(data_.query); }

  // The body as one JSON object read into T (HUJI_JSON_INPUT); it must be declared
  // `Content-Type: application/json` (415 http.unsupported_media_type otherwise), which no
  // cross-site form can send without the browser asking first (CORS preflight).
  template <typename T>
  core::Result<T> body() const {
    HUJI_TRY(require_json());
    HUJI_ASSIGN_OR_RETURN(nlohmann::json j, parse_json_object(data_.body));
    return read_input<T>(j);
  }
  std::string_view raw_body() const { return data_.body; }
  // 415 http.unsupported_media_type unless the body is declared application/json (what body()
  // checks; for a route that reads raw_body() as JSON itself).
  core::Status require_json() const;
  // The Content-Type without its parameters ("image/png" of "image/png; q=1").
  std::string mime() const;
  // The whole Content-Type, parameters too (a multipart body's boundary).
  std::string_view content_type() const { return data_.content_type; }
  std::string idempotency_key() const { return std::string(data_.idempotency_key); }

 private:
  const RequestData& data_;
  const PathParams& path_;
  service::AuthService& auth_;
  service::RequestContext& ctx_;
};

}  // namespace huji::http

#endif  // HUJI_HTTP_REQUEST_H_
