#ifndef HUJI_HTTP_MULTIPART_H_
#define HUJI_HTTP_MULTIPART_H_

// multipart/form-data bodies (RFC 7578): the parts by name. Only what a form upload of a few
// files needs: no nested multiparts, no transfer encodings.

#include <map>
#include <string>
#include <string_view>

#include "core/result.h"

namespace huji::http {

// Whether `content_type` is multipart/form-data.
bool is_multipart(std::string_view content_type);

// The parts of `body` by their Content-Disposition name (the bytes after the part's headers).
// 400 http.bad_multipart when the boundary is missing, a part is malformed, a name repeats, or
// there are more than `max_parts` parts.
core::Result<std::map<std::string, std::string>> parse_multipart(std::string_view content_type,
                                                                 std::string_view body,
                                                                 size_t max_parts = 8);

}  // namespace huji::http

#endif  // HUJI_HTTP_MULTIPART_H_
