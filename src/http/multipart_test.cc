#include "http/multipart.h"

#include <gtest/gtest.h>

#include <string>

namespace huji::http {
namespace {

const std::string kType = "multipart/form-data; boundary=XyZ";

std::string part(const std::string& name, const std::string& bytes) {
  return "--XyZ\r\nContent-Disposition: form-data; name=\"" + name +
         "\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n" + bytes + "\r\n";
}

TEST(Multipart, PartsByNameWithBinaryContent) {
  const std::string binary("\x89PNG\r\n\x1a\n\0\r\n--X", 14);
  auto r = parse_multipart(kType, part("registered", binary) + part("b", "two") + "--XyZ--\r\n");
  ASSERT_TRUE(r.ok()) << r.error().message_en;
  EXPECT_EQ(r->at("registered"), binary);
  EXPECT_EQ(r->at("b"), "two");
  EXPECT_TRUE(is_multipart("Multipart/Form-Data; boundary=x"));
  EXPECT_FALSE(is_multipart("application/json"));
}

TEST(Multipart, QuotedBoundaryAndNoTrailingLineBreak) {
  auto r = parse_multipart("multipart/form-data; boundary=\"XyZ\"", part("a", "1") + "--XyZ--");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->at("a"), "1");
}

TEST(Multipart, MalformedBodiesAreRefused) {
  for (const std::string& body :
       {std::string("no delimiter"), part("a", "1"),
        std::string("--XyZ\r\nContent-Type: x\r\n\r\nv\r\n--XyZ--"),
        part("a", "1") + part("a", "2") + "--XyZ--", std::string("--XyZ garbage")}) {
    auto r = parse_multipart(kType, body);
    ASSERT_FALSE(r.ok()) << body;
    EXPECT_EQ(r.error().code, "http.bad_multipart");
  }
  EXPECT_FALSE(parse_multipart("multipart/form-data", part("a", "1") + "--XyZ--").ok());
  std::string many;
  for (int i = 0; i < 9; ++i) many += part("p" + std::to_string(i), "x");
  EXPECT_FALSE(parse_multipart(kType, many + "--XyZ--").ok());
}

}  // namespace
}  // namespace huji::http
