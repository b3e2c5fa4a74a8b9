#ifndef HUJI_HTTP_OPENAPI_TEXT_H_
#define HUJI_HTTP_OPENAPI_TEXT_H_

// docs/openapi.yaml as built into the binary ("" when the build had none).

#include <string_view>

namespace huji::http {

std::string_view openapi_text();

}  // namespace huji::http

#endif  // HUJI_HTTP_OPENAPI_TEXT_H_
