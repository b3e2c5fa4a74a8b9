#include "service/auth_service.h"

#include <gtest/gtest.h>

#include "service/crypto.h"
#include "testing/temp_db.h"

namespace huji::service {
namespace {

constexpr int64_t kStart = 1'732'000'000'000;  // 2024-11-19

class AuthTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto tx = db_.store().begin(TxMode::kWrite).value();
    ASSERT_TRUE(
        tx->put_office({"63000080", "臺北市文山區戶政事務所", "臺北市", "文山區", ""}).ok());
    ASSERT_TRUE(tx->put_office({"10007010", "彰化縣北斗戶政事務所", "彰化縣", "北斗鎮", ""}).ok());
    ASSERT_TRUE(tx->commit().ok());
    ASSERT_TRUE(auth_
                    .add_user({"clerk1", "王小明", domain::Role::kClerk, "63000080",
                               "correct horse battery"},
                              nullptr, {"t"})
                    .ok());
  }
  testing::TempDb db_;
  core::ManualClock clock_{kStart};
  AuthService auth_{db_.store(), clock_};
};

TEST_F(AuthTest, LoginReturnsATokenThatAuthenticates) {
  auto r = auth_.login("clerk1", "correct horse battery", {"r1"});
  ASSERT_TRUE(r.ok()) << r.error().message_en;
  EXPECT_EQ(r->token.size(), 43u);
  EXPECT_EQ(r->expires_ms, kStart + auth_.policy().session_ms);
  auto a = auth_.authenticate(r->token);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->username, "clerk1");
  EXPECT_EQ(a->office_name, "臺北市文山區戶政事務所");
  EXPECT_EQ(a->role, domain::Role::kClerk);
}

TEST_F(AuthTest, WrongPasswordAndUnknownUserLookAlike) {
  auto wrong = auth_.login("clerk1", "not the password", {"r"});
  auto unknown = auth_.login("nobody", "not the password", {"r"});
  ASSERT_FALSE(wrong.ok());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(wrong.error().code, "auth.invalid_credentials");
  EXPECT_EQ(unknown.error().code, "auth.invalid_credentials");
  EXPECT_EQ(wrong.error().kind, core::ErrorKind::kUnauthenticated);
}

TEST_F(AuthTest, LocksAfterFiveFailuresEvenForTheRightPassword) {
  for (int i = 0; i < 5; ++i) ASSERT_FALSE(auth_.login("clerk1", "bad password!", {"r"}).ok());
  auto locked = auth_.login("clerk1", "correct horse battery", {"r"});
  ASSERT_FALSE(locked.ok());
  EXPECT_EQ(locked.error().code, "auth.locked");
  EXPECT_EQ(locked.error().kind, core::ErrorKind::kLocked);
  clock_.advance_ms(auth_.policy().lockout_ms + 1);
  EXPECT_TRUE(auth_.login("clerk1", "correct horse battery", {"r"}).ok());
}

TEST_F(AuthTest, SuccessResetsTheFailureCount) {
  for (int i = 0; i < 4; ++i) ASSERT_FALSE(auth_.login("clerk1", "bad password!", {"r"}).ok());
  ASSERT_TRUE(auth_.login("clerk1", "correct horse battery", {"r"}).ok());
  for (int i = 0; i < 4; ++i) ASSERT_FALSE(auth_.login("clerk1", "bad password!", {"r"}).ok());
  EXPECT_TRUE(auth_.login("clerk1", "correct horse battery", {"r"}).ok());
}

TEST_F(AuthTest, SessionsExpireAndLogoutRevokes) {
  auto r = auth_.login("clerk1", "correct horse battery", {"r"}).value();
  clock_.advance_ms(auth_.policy().session_ms - 1);
  EXPECT_TRUE(auth_.authenticate(r.token).ok());
  clock_.advance_ms(1);
  EXPECT_EQ(auth_.authenticate(r.token).error().code, "auth.required");

  auto r2 = auth_.login("clerk1", "correct horse battery", {"r"}).value();
  ASSERT_TRUE(auth_.logout(r2.token, {"r"}).ok());
  EXPECT_FALSE(auth_.authenticate(r2.token).ok());
  EXPECT_FALSE(auth_.authenticate("forged-token").ok());
  EXPECT_FALSE(auth_.authenticate("").ok());
}

// A valid session is remembered for a few seconds; a revocation written by another process
// (straight into the store here) is seen once that time is up, a logout here at once.
TEST_F(AuthTest, RememberedSessionsAreRecheckedWithinSeconds) {
  auto r = auth_.login("clerk1", "correct horse battery", {"r"}).value();
  ASSERT_TRUE(auth_.authenticate(r.token).ok());
  {
    auto tx = db_.store().begin(TxMode::kWrite).value();
    ASSERT_TRUE(tx->revoke_session(sha256_hex(r.token)).ok());
    ASSERT_TRUE(tx->commit().ok());
  }
  clock_.advance_ms(AuthService::kSessionRecheckMs - 1);
  EXPECT_TRUE(auth_.authenticate(r.token).ok()) << "remembered";
  clock_.advance_ms(1);
  EXPECT_EQ(auth_.authenticate(r.token).error().code, "auth.required");

  auto r2 = auth_.login("clerk1", "correct horse battery", {"r"}).value();
  ASSERT_TRUE(auth_.authenticate(r2.token).ok());
  ASSERT_TRUE(auth_.logout(r2.token, {"r"}).ok());
  EXPECT_EQ(auth_.authenticate(r2.token).error().code, "auth.required");
  // Expiry is never stretched by the memory: the session's own end holds.
  auto r3 = auth_.login("clerk1", "correct horse battery", {"r"}).value();
  clock_.advance_ms(auth_.policy().session_ms - 2);
  ASSERT_TRUE(auth_.authenticate(r3.token).ok());
  clock_.advance_ms(2);
  EXPECT_EQ(auth_.authenticate(r3.token).error().code, "auth.required");
}

TEST_F(AuthTest, OnlyAdminsAddUsersAndOnlyForTheirOffice) {
  Actor clerk{1, "clerk1", "", domain::Role::kClerk, "63000080", ""};
  Actor admin{2, "admin1", "", domain::Role::kAdmin, "63000080", ""};
  NewUser u{"clerk2", "", domain::Role::kClerk, "63000080", "long enough pw"};
  EXPECT_EQ(auth_.add_user(u, &clerk, {"r"}).error().code, "auth.forbidden");
  NewUser other = u;
  other.office_code = "10007010";
  EXPECT_EQ(auth_.add_user(other, &admin, {"r"}).error().code, "auth.office_scope");
  EXPECT_TRUE(auth_.add_user(u, &admin, {"r"}).ok());
  EXPECT_EQ(auth_.add_user(u, &admin, {"r"}).error().code, "user.exists");
}

TEST_F(AuthTest, RejectsWeakPasswordsBadUsernamesAndUnknownOffices) {
  EXPECT_EQ(auth_.add_user({"x", "", domain::Role::kClerk, "63000080", "short"}, nullptr, {"r"})
                .error()
                .code,
            "user.password_too_short");
  EXPECT_EQ(auth_
                .add_user({"Bad Name", "", domain::Role::kClerk, "63000080", "long enough pw"},
                          nullptr, {"r"})
                .error()
                .code,
            "user.username");
  EXPECT_EQ(
      auth_.add_user({"y", "", domain::Role::kClerk, "99999999", "long enough pw"}, nullptr, {"r"})
          .error()
          .code,
      "office.not_found");
}

}  // namespace
}  // namespace huji::service
