#ifndef HUJI_HTTP_RESPONSE_H_
#define HUJI_HTTP_RESPONSE_H_

// What a route answers: a status with a JSON body (a value, or text already written), or
// bytes of another type. Errors are not Responses: a handler returns the core::Error and the
// dispatcher answers it through the one status table (json_mapping.h).

#include <optional>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace huji::http {

struct Response {
  int status = 200;
  nlohmann::json body;                                     // the JSON answer, unless …
  std::optional<std::string> json_text;                    // … it is already written, or
  std::optional<std::pair<std::string, std::string>> raw;  // (content type, bytes)

  static Response ok(nlohmann::json body) { return {200, std::move(body), {}, {}}; }
  static Response created(nlohmann::json body) { return {201, std::move(body), {}, {}}; }
  static Response no_content() { return {204, {}, {}, {}}; }
  static Response written(std::string json) { return {200, {}, std::move(json), {}}; }
  static Response bytes(std::string content_type, std::string bytes) {
    return {200, {}, {}, std::make_pair(std::move(content_type), std::move(bytes))};
  }
};

// A handler's outcome: the response, or the error to answer.
using Answer = core::Result<Response>;

}  // namespace huji::http

#endif  // HUJI_HTTP_RESPONSE_H_
