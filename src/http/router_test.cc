#include "http/router.h"

#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

namespace huji::http {
namespace {

Router<std::string> sample() {
  Router<std::string> r;
  r.add(Method::kGet, "/healthz", "health");
  r.add(Method::kGet, "/api/v1/registrations", "list");
  r.add(Method::kPost, "/api/v1/registrations", "submit");
  r.add(Method::kGet, "/api/v1/registrations/sampling", "sampling");
  r.add(Method::kGet, "/api/v1/registrations/{id:int}", "get");
  r.add(Method::kPost, "/api/v1/registrations/{id:int}/review", "review");
  r.add(Method::kGet, "/api/v1/registrations/{id:int}/documents/{doc:int}", "document");
  r.add(Method::kGet, "/api/v1/persons/{id}", "person");
  return r;
}

std::string at(const Router<std::string>& r, Method m, std::string_view path) {
  auto f = r.find(m, path);
  return f ? *f->handler : "-";
}

TEST(RouterTest, LiteralSegmentsAndMethods) {
  const auto r = sample();
  EXPECT_EQ(at(r, Method::kGet, "/healthz"), "health");
  EXPECT_EQ(at(r, Method::kGet, "/api/v1/registrations"), "list");
  EXPECT_EQ(at(r, Method::kPost, "/api/v1/registrations"), "submit");
  EXPECT_EQ(at(r, Method::kPut, "/api/v1/registrations"), "-");
  EXPECT_EQ(at(r, Method::kGet, "/api/v1/nope"), "-");
  EXPECT_EQ(at(r, Method::kGet, "/"), "-");
  EXPECT_EQ(at(r, Method::kGet, ""), "-");
  EXPECT_EQ(at(r, Method::kGet, "healthz"), "-");
}

TEST(RouterTest, LiteralBeforeParameterAndDigitsOnlyIds) {
  const auto r = sample();
  EXPECT_EQ(at(r, Method::kGet, "/api/v1/registrations/sampling"), "sampling");
  EXPECT_EQ(at(r, Method::kGet, "/api/v1/registrations/42"), "get");
  EXPECT_EQ(at(r, Method::kGet, "/api/v1/registrations/abc"), "-");
  EXPECT_EQ(at(r, Method::kGet, "/api/v1/registrations/-1"), "-");
  auto f = r.find(Method::kGet, "/api/v1/registrations/7/documents/9");
  ASSERT_TRUE(f);
  EXPECT_EQ(*f->handler, "document");
  EXPECT_EQ(f->params["id"], "7");
  EXPECT_EQ(f->params["doc"], "9");
  EXPECT_EQ(f->params["other"], "");
  EXPECT_EQ(r.find(Method::kGet, "/api/v1/persons/A123456789")->params["id"], "A123456789");
}

TEST(RouterTest, OneTrailingSlashIsForgivenEmptySegmentsAreNot) {
  const auto r = sample();
  EXPECT_EQ(at(r, Method::kGet, "/api/v1/registrations/"), "list");
  EXPECT_EQ(at(r, Method::kGet, "/healthz/"), "health");
  EXPECT_EQ(at(r, Method::kGet, "/api/v1/registrations//"), "-");
  EXPECT_EQ(at(r, Method::kGet, "/api/v1//registrations"), "-");
  EXPECT_EQ(at(r, Method::kGet, "/api/v1/persons/"), "-");
  EXPECT_EQ(at(r, Method::kGet, "//"), "-");
}

TEST(RouterTest, SegmentsArePercentDecodedOneByOne) {
  const auto r = sample();
  EXPECT_EQ(at(r, Method::kGet, "/api/v1/%72egistrations"), "list");
  EXPECT_EQ(at(r, Method::kGet, "/api/v1/registrations/%34%32"), "get");
  auto f = r.find(Method::kGet, "/api/v1/persons/A%2FB%e7%8E%8B");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->params["id"], "A/B\xe7\x8e\x8b");
  EXPECT_EQ(at(r, Method::kGet, "/api/v1/persons/A%2"), "-");
  EXPECT_EQ(at(r, Method::kGet, "/api/v1/persons/A%zz"), "-");
  EXPECT_EQ(at(r, Method::kGet, "/api/v1/persons/%"), "-");
}

// The express router's std::regex recursed once per character: a long path overflowed the
// stack (issue #15). The tree walks one level per segment and stops where no route goes on.
TEST(RouterTest, VeryLongPathsAreRefusedWithoutDeepWork) {
  const auto r = sample();
  EXPECT_EQ(at(r, Method::kGet, "/api/v1/persons/" + std::string(1 << 20, 'A')), "person");
  EXPECT_EQ(at(r, Method::kGet, "/" + std::string(1 << 20, 'a')), "-");
  std::string slashes;
  for (int i = 0; i < 100000; ++i) slashes += "/x";
  EXPECT_EQ(at(r, Method::kGet, "/api/v1/registrations" + slashes), "-");
  EXPECT_EQ(at(r, Method::kGet, "/api/v1/registrations/1" + slashes), "-");
}

TEST(RouterTest, ListsRoutesInOpenApiSyntax) {
  const auto r = sample();
  ASSERT_EQ(r.routes().size(), 8u);
  EXPECT_EQ(r.routes()[5].pattern, "/api/v1/registrations/{id}/review");
  EXPECT_EQ(r.routes()[5].method, Method::kPost);
  EXPECT_EQ(method_name(r.routes()[5].method), "POST");
}

TEST(RouterTest, MalformedOrRepeatedPatternsAreProgrammerErrors) {
  Router<int> r;
  r.add(Method::kGet, "/a/{id:int}", 1);
  EXPECT_THROW(r.add(Method::kGet, "/a/{id:int}", 2), std::logic_error);
  EXPECT_THROW(r.add(Method::kGet, "/a/{other}", 2), std::logic_error);
  EXPECT_THROW(r.add(Method::kGet, "/a/{id:float}", 2), std::logic_error);
  EXPECT_THROW(r.add(Method::kGet, "a", 2), std::logic_error);
  EXPECT_THROW(r.add(Method::kGet, "/a//b", 2), std::logic_error);
  EXPECT_THROW(r.add(Method::kGet, "/a/x{y}", 2), std::logic_error);
  EXPECT_NO_THROW(r.add(Method::kPost, "/a/{id:int}", 3));
}

}  // namespace
}  // namespace huji::http
