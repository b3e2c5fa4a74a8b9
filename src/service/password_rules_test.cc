#include "service/password_rules.h"

#include <gtest/gtest.h>

namespace huji::service {
namespace {

std::string code_of(std::string_view password, std::string_view username = "wang.clerk") {
  auto st = check_new_password(password, username);
  return st.ok() ? "ok" : st.error().code;
}

TEST(PasswordRules, CountsCharactersNotBytes) {
  // 11 CJK characters are 33 bytes: still too short. 12 are enough.
  EXPECT_EQ(code_of("戶政事務所登記申請審核抽"), "ok");
  EXPECT_EQ(code_of("戶政事務所登記申請審核"), "user.password_too_short");
  EXPECT_EQ(code_of("eleven chrs"), "user.password_too_short");
  EXPECT_EQ(code_of("twelve chars"), "ok");
  EXPECT_EQ(code_of(std::string("bad utf8 \xff\xfe tail")), "user.password_encoding");
  EXPECT_EQ(code_of(std::string(1025, 'x')), "user.password_too_long");
}

TEST(PasswordRules, RefusesCommonPasswordsAlsoPadded) {
  ASSERT_TRUE(is_common_password("password"));
  ASSERT_FALSE(common_passwords_text().empty());
  EXPECT_EQ(code_of("QazWsxEdcRfv"), "user.password_common");
  EXPECT_EQ(code_of("Password2024!"), "user.password_common");
  EXPECT_EQ(code_of("!!dragon123456"), "user.password_common");
  EXPECT_EQ(code_of("123456789012"), "user.password_common");
  EXPECT_EQ(code_of("ledger of the quiet river"), "ok");
}

TEST(PasswordRules, RefusesThePasswordContainingTheUsername) {
  EXPECT_EQ(code_of("wang.clerk-2026-spring"), "user.password_has_username");
  EXPECT_EQ(code_of("WANG.CLERK-2026-spring"), "user.password_has_username");
  EXPECT_EQ(code_of("wang-clerk-2026-spring"), "ok");
}

}  // namespace
}  // namespace huji::service
