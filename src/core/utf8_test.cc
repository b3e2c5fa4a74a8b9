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

}  // namespace
}  // namespace huji::core
