#include "core/utf8.h"

#include <gtest/gtest.h>

#include <string>

namespace huji::core {
namespace {

TEST(Utf8Test, DecodesAndEncodes) {
  std::u32string out;
  ASSERT_TRUE(utf8::decode("臺a𥚃", out));
  EXPECT_EQ(out, (std::u32string{U'臺', U'a', 0x25683}));
  EXPECT_EQ(utf8::encode(out), "臺a𥚃");
}

TEST(Utf8Test, RejectsInvalidSequences) {
  const char* bad[] = {"\x80",
                       "\xc0\xaf",
                       "\xe0\x80\xaf",
                       "\xed\xa0\x80",
                       "\xf4\x90\x80\x80",
                       "\xf8\x88\x80\x80\x80",
                       "\xe8\x87",
                       "a\xffz"};
  for (const char* s : bad) {
    std::u32string out;
    EXPECT_FALSE(utf8::decode(s, out)) << s;
    EXPECT_FALSE(utf8::is_valid(s)) << s;
  }
  EXPECT_TRUE(utf8::is_valid(""));
  EXPECT_TRUE(utf8::is_valid("\xf4\x8f\xbf\xbf"));  // U+10FFFF
}

TEST(Utf8Test, QuoteKeepsMessagesValid) {
  EXPECT_EQ(utf8::quote("臺北市"), "臺北市");
  EXPECT_EQ(utf8::quote("a\xff"
                        "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(utf8::quote("a\nb"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(utf8::quote("臺北市信義區", 3), "臺北市…");
  EXPECT_EQ(utf8::quote("\xe8\x87"), "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_TRUE(utf8::is_valid(utf8::quote("\xc0\xaf\xed\xa0\x80\xf4\x90\x80\x80")));
}

TEST(Utf8Test, ForbidsControlsBidiAndInvisibleCharacters) {
  const char32_t forbidden[] = {0x0000, 0x0001, 0x001F, 0x007F,  0x0085,  0x009F, 0x00AD,
                                0x061C, 0x180E, 0x200B, 0x200C,  0x200D,  0x200E, 0x200F,
                                0x202A, 0x202E, 0x2060, 0x2064,  0x2066,  0x2069, 0xFEFF,
                                0xFFF9, 0xFDD0, 0xFFFE, 0x1FFFF, 0xE0001, 0xE0041};
  for (char32_t c : forbidden) {
    EXPECT_TRUE(utf8::is_forbidden(c, true)) << utf8::code_point_name(c);
    EXPECT_TRUE(utf8::is_forbidden(c, false)) << utf8::code_point_name(c);
  }
  // What names in the register need: CJK of every extension, variation selectors and
  // ideographic variation sequences, private use (造字), combining marks.
  const char32_t allowed[] = {U'a',    U' ',   U'臺',  0x3400,  0x25683, 0x2A6D6, 0x30000,
                              0xFA0E,  0xFE00, 0xFE0F, 0xE0100, 0xE01EF, 0xE000,  0xF8FF,
                              0xF0000, 0x0301, 0x00B7, 0x3000,  0x2027};
  for (char32_t c : allowed) {
    EXPECT_FALSE(utf8::is_forbidden(c, false)) << utf8::code_point_name(c);
  }
  for (char32_t c : {U'\t', U'\n', U'\r', char32_t{0x2028}}) {
    EXPECT_FALSE(utf8::is_forbidden(c, true)) << utf8::code_point_name(c);
    EXPECT_TRUE(utf8::is_forbidden(c, false)) << utf8::code_point_name(c);
  }
}

TEST(Utf8Test, FindsTheFirstForbiddenCharacter) {
  EXPECT_FALSE(utf8::find_forbidden("陳大文", false));
  EXPECT_FALSE(utf8::find_forbidden("第一行\n第二行", true));
  EXPECT_FALSE(utf8::find_forbidden("\xe8\xbe\xbb\xf3\xa0\x84\x80", false));  // 辻 + U+E0100
  auto bidi = utf8::find_forbidden(
      "ab\xe2\x80\xae"
      "cd",
      false);  // U+202E
  ASSERT_TRUE(bidi);
  EXPECT_EQ(bidi->code_point, 0x202Eu);
  EXPECT_EQ(bidi->offset, 2u);
  auto nul = utf8::find_forbidden(std::string_view("a\0b", 3), true);
  ASSERT_TRUE(nul);
  EXPECT_EQ(nul->code_point, 0u);
  EXPECT_EQ(utf8::code_point_name(nul->code_point), "U+0000");
  auto bad = utf8::find_forbidden("a\xff", true);
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->code_point, 0xFFFDu);
  EXPECT_EQ(utf8::code_point_name(0xE0100), "U+E0100");
}

}  // namespace
}  // namespace huji::core
