#include "http/json_input.h"

#include <gtest/gtest.h>

namespace huji::http {
namespace {

struct Inner {
  std::string name;
  std::optional<bool> flag;
};
struct Outer {
  std::string type;
  std::optional<int64_t> version;
  int small = 0;
  std::map<std::string, std::string> fields;
  std::vector<std::string> members;
  Inner inner;
};
struct WithOwnCode {
  std::optional<int64_t> fine;
  std::string note;
  static std::optional<core::Error> refuse(const json_input::Refusal& r) {
    if (r.unknown) return std::nullopt;
    return core::Error::invalid("x.fine", "罰鍰", "fine");
  }
};

}  // namespace

HUJI_JSON_INPUT(Inner, name, flag)
HUJI_JSON_INPUT(Outer, type, version, small, fields, members, inner)
HUJI_JSON_INPUT(WithOwnCode, fine, note)

namespace {

core::Result<Outer> read(std::string_view text) {
  HUJI_ASSIGN_OR_RETURN(nlohmann::json j, parse_json_object(text));
  return read_input<Outer>(j);
}

std::string code_of(std::string_view text) {
  auto r = read(text);
  return r.ok() ? "ok" : r.error().code;
}

TEST(JsonInputTest, ReadsDeclaredMembers) {
  auto r = read(R"({"type":"birth","version":3,"small":-2,"fields":{"a":"1"},
                    "members":["x","y"],"inner":{"name":"王","flag":null}})");
  ASSERT_TRUE(r.ok()) << r.error().message_en;
  EXPECT_EQ(r->type, "birth");
  EXPECT_EQ(r->version, 3);
  EXPECT_EQ(r->small, -2);
  EXPECT_EQ(r->fields.at("a"), "1");
  EXPECT_EQ(r->members, (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(r->inner.name, "王");
  EXPECT_FALSE(r->inner.flag);
}

TEST(JsonInputTest, AbsentMembersKeepTheirDefaults) {
  auto r = read("{}");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->type, "");
  EXPECT_FALSE(r->version);
}

TEST(JsonInputTest, RefusesWhatIsNotOneObject) {
  EXPECT_EQ(code_of("{nope"), "http.bad_json");
  EXPECT_EQ(code_of("[1,2]"), "http.bad_json");
  EXPECT_EQ(code_of("\"x\""), "http.bad_json");
  EXPECT_EQ(code_of(""), "http.bad_json");
  EXPECT_EQ(code_of("{} {}"), "http.bad_json");
}

TEST(JsonInputTest, RefusesDuplicateKeysAtAnyDepth) {
  EXPECT_EQ(code_of(R"({"type":"a","type":"b"})"), "http.duplicate_key");
  EXPECT_EQ(code_of(R"({"inner":{"name":"a","name":"b"}})"), "http.duplicate_key");
  // The same key in two different objects is fine.
  EXPECT_EQ(code_of(R"({"inner":{"name":"a"},"fields":{"name":"b"}})"), "ok");
}

TEST(JsonInputTest, RefusesUnknownMembersNamingThem) {
  auto r = read(R"({"type":"a","typo":1})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "http.unknown_field");
  EXPECT_NE(r.error().message_en.find("typo"), std::string::npos);
  r = read(R"({"inner":{"nam":"a"}})");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message_en.find("inner.nam"), std::string::npos);
}

TEST(JsonInputTest, RefusesWrongTypesNotTakingThemForText) {
  EXPECT_EQ(code_of(R"({"type":true})"), "http.wrong_type");
  EXPECT_EQ(code_of(R"({"type":1})"), "http.wrong_type");
  EXPECT_EQ(code_of(R"({"type":null})"), "http.wrong_type");
  EXPECT_EQ(code_of(R"({"version":"3"})"), "http.wrong_type");
  EXPECT_EQ(code_of(R"({"version":1.5})"), "http.wrong_type");
  EXPECT_EQ(code_of(R"({"small":4294967296})"), "http.wrong_type");
  EXPECT_EQ(code_of(R"({"version":18446744073709551615})"), "http.wrong_type");
  EXPECT_EQ(code_of(R"({"fields":{"a":1}})"), "http.wrong_type");
  EXPECT_EQ(code_of(R"({"fields":"x"})"), "http.wrong_type");
  EXPECT_EQ(code_of(R"({"members":["x",2]})"), "http.wrong_type");
  EXPECT_EQ(code_of(R"({"inner":{"flag":"yes"}})"), "http.wrong_type");
  auto r = read(R"({"members":["x",2]})");
  EXPECT_NE(r.error().message_en.find("members[1]"), std::string::npos);
  EXPECT_FALSE(r.error().message_zh.empty());
}

TEST(JsonInputTest, AStructMayAnswerWithItsOwnCode) {
  auto j = parse_json_object(R"({"fine":"700"})");
  ASSERT_TRUE(j.ok());
  auto r = read_input<WithOwnCode>(*j);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "x.fine");
  j = parse_json_object(R"({"fines":1})");
  EXPECT_EQ(read_input<WithOwnCode>(*j).error().code, "http.unknown_field");
}

TEST(JsonInputTest, RefusesForbiddenCharactersNamingTheMember) {
  // NUL: PostgreSQL refuses it in text and SQLite would store it; bidi overrides and
  // zero-width characters make what is shown differ from what is stored.
  EXPECT_EQ(code_of(R"({"type":"a\u0000b"})"), "input.forbidden_character");
  EXPECT_EQ(code_of(R"({"inner":{"name":"\u9673\u202e\u6587\u5927"}})"),
            "input.forbidden_character");
  EXPECT_EQ(code_of(R"({"members":["ok","x\u200by"]})"), "input.forbidden_character");
  EXPECT_EQ(code_of(R"({"fields":{"address":"\u2067x"}})"), "input.forbidden_character");
  EXPECT_EQ(code_of(R"({"fields":{"a\ufeff":"x"}})"), "input.forbidden_character");
  EXPECT_EQ(code_of(R"({"type":"\u0085"})"), "input.forbidden_character");
  auto r = read(R"({"inner":{"name":"A\u202eB"}})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, core::ErrorKind::kInvalidArgument);
  EXPECT_NE(r.error().message_en.find("inner.name"), std::string::npos);
  EXPECT_NE(r.error().message_en.find("U+202E"), std::string::npos);
  EXPECT_NE(r.error().message_zh.find("U+202E"), std::string::npos);
  // Line breaks and tabs in free text, and what CJK names need, are kept.
  auto ok = read(R"({"type":"line 1\nline 2\tend","inner":{"name":"\u8fbb\udb40\udd00"}})");
  ASSERT_TRUE(ok.ok()) << ok.error().message_en;
  EXPECT_EQ(ok->inner.name, "\xe8\xbe\xbb\xf3\xa0\x84\x80");  // 辻 + U+E0100
}

TEST(JsonInputTest, AForbiddenCharacterKeepsItsCodeOverAStructsOwn) {
  auto j = parse_json_object(R"({"note":"x\u202ey"})");
  ASSERT_TRUE(j.ok());
  EXPECT_EQ(read_input<WithOwnCode>(*j).error().code, "input.forbidden_character");
}

}  // namespace
}  // namespace huji::http
