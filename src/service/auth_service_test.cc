#include "service/auth_service.h"

#include <gtest/gtest.h>

#include "service/crypto.h"
#include "service/totp.h"
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

// The hard lock is gone: five wrong passwords from one address make that address wait, not
// the user at another (before: auth.locked for everyone, 15 minutes, repeatable forever).
TEST_F(AuthTest, FailuresThrottleTheAddressNotTheUserElsewhere) {
  const RequestContext attacker{"r", "203.0.113.9"};
  const RequestContext office{"r", "10.0.0.5"};
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(auth_.login("clerk1", "bad password!", attacker).error().code,
              "auth.invalid_credentials");
  }
  auto throttled = auth_.login("clerk1", "correct horse battery", attacker);
  ASSERT_FALSE(throttled.ok());
  EXPECT_EQ(throttled.error().code, "auth.throttled");
  EXPECT_EQ(throttled.error().kind, core::ErrorKind::kTooManyRequests);
  EXPECT_EQ(throttled.error().retry_after_s, 1);
  EXPECT_TRUE(auth_.login("clerk1", "correct horse battery", office).ok());
  clock_.advance_ms(1000);
  EXPECT_TRUE(auth_.login("clerk1", "correct horse battery", attacker).ok());
}

TEST_F(AuthTest, UnknownUsersAreThrottledAndAuditedLikeKnownOnes) {
  const RequestContext from{"r", "203.0.113.9"};
  for (int i = 0; i < 5; ++i) {
    ASSERT_FALSE(auth_.login("clerk1", "bad password!", from).ok());
    ASSERT_FALSE(auth_.login("nobody", "bad password!", from).ok());
  }
  auto known = auth_.login("clerk1", "bad password!", from);
  auto unknown = auth_.login("nobody", "bad password!", from);
  EXPECT_EQ(known.error().code, "auth.throttled");
  EXPECT_EQ(unknown.error().code, "auth.throttled");
  EXPECT_EQ(known.error().message_en, unknown.error().message_en);
  auto tx = db_.store().begin(TxMode::kRead).value();
  std::vector<std::string> outcomes;
  ASSERT_TRUE(tx->scan_audit([&](const AuditEntry& e) {
                  if (e.action == "auth.login") {
                    EXPECT_EQ(e.purpose, "from 203.0.113.9");
                    outcomes.push_back(e.username + ":" + e.outcome);
                  }
                  return true;
                }).ok());
  ASSERT_EQ(outcomes.size(), 12u);
  EXPECT_EQ(outcomes[0], "clerk1:failed");
  EXPECT_EQ(outcomes[1], "nobody:unknown_user");
  EXPECT_EQ(outcomes[10], "clerk1:throttled");
  EXPECT_EQ(outcomes[11], "nobody:throttled");
}

// Every attempt that is not throttled makes one argon2id verification, whether the account
// exists, is disabled or not (before: none for a locked account, answered in 0.8 ms).
TEST_F(AuthTest, EveryAttemptCostsOnePasswordCheck) {
  const RequestContext from{"r", "192.0.2.1"};
  ASSERT_TRUE(auth_.set_disabled("clerk1", true, nullptr, from).ok());
  uint64_t before = auth_.password_checks();
  EXPECT_EQ(auth_.login("clerk1", "correct horse battery", from).error().code,
            "auth.invalid_credentials");
  EXPECT_EQ(auth_.password_checks(), before + 1);
  EXPECT_EQ(auth_.login("nobody", "correct horse battery", from).error().code,
            "auth.invalid_credentials");
  EXPECT_EQ(auth_.password_checks(), before + 2);
  ASSERT_TRUE(auth_.set_disabled("clerk1", false, nullptr, from).ok());
  EXPECT_TRUE(auth_.login("clerk1", "correct horse battery", from).ok());
  EXPECT_EQ(auth_.password_checks(), before + 3);
}

TEST_F(AuthTest, SuccessResetsThePairsFailures) {
  const RequestContext from{"r", "192.0.2.1"};
  for (int i = 0; i < 4; ++i) ASSERT_FALSE(auth_.login("clerk1", "bad password!", from).ok());
  ASSERT_TRUE(auth_.login("clerk1", "correct horse battery", from).ok());
  for (int i = 0; i < 4; ++i) ASSERT_FALSE(auth_.login("clerk1", "bad password!", from).ok());
  EXPECT_TRUE(auth_.login("clerk1", "correct horse battery", from).ok());
}

TEST_F(AuthTest, UnlockForgetsTheFailures) {
  const RequestContext from{"r", "192.0.2.1"};
  for (int i = 0; i < 6; ++i) ASSERT_FALSE(auth_.login("clerk1", "bad password!", from).ok());
  ASSERT_EQ(auth_.login("clerk1", "correct horse battery", from).error().code, "auth.throttled");
  ASSERT_TRUE(auth_.unlock("clerk1", nullptr, from).ok());
  EXPECT_TRUE(auth_.login("clerk1", "correct horse battery", from).ok());
}

TEST_F(AuthTest, DisableRevokesSessionsAtOnceAndResetChangesThePassword) {
  const RequestContext from{"r", "192.0.2.1"};
  auto r = auth_.login("clerk1", "correct horse battery", from).value();
  ASSERT_TRUE(auth_.authenticate(r.token).ok());
  ASSERT_TRUE(auth_.set_disabled("clerk1", true, nullptr, from).ok());
  EXPECT_EQ(auth_.authenticate(r.token).error().code, "auth.required");
  ASSERT_TRUE(auth_.set_disabled("clerk1", false, nullptr, from).ok());
  auto r2 = auth_.login("clerk1", "correct horse battery", from).value();
  EXPECT_EQ(auth_.reset_password("clerk1", "short", nullptr, from).error().code,
            "user.password_too_short");
  ASSERT_TRUE(auth_.reset_password("clerk1", "a brand new phrase", nullptr, from).ok());
  EXPECT_EQ(auth_.authenticate(r2.token).error().code, "auth.required");
  EXPECT_FALSE(auth_.login("clerk1", "correct horse battery", from).ok());
  EXPECT_TRUE(auth_.login("clerk1", "a brand new phrase", from).ok());
  auto r3 = auth_.login("clerk1", "a brand new phrase", from).value();
  ASSERT_TRUE(auth_.revoke_sessions("clerk1", nullptr, from).ok());
  EXPECT_EQ(auth_.authenticate(r3.token).error().code, "auth.required");
  EXPECT_EQ(auth_.unlock("nobody", nullptr, from).error().code, "user.not_found");
}

TEST_F(AuthTest, AdminsManageOnlyTheirOfficesStaff) {
  const RequestContext from{"r", "192.0.2.1"};
  Actor clerk{1, "clerk1", "", domain::Role::kClerk, "63000080", ""};
  Actor other_admin{2, "admin2", "", domain::Role::kAdmin, "10007010", ""};
  Actor admin{3, "admin1", "", domain::Role::kAdmin, "63000080", ""};
  EXPECT_EQ(auth_.set_disabled("clerk1", true, &clerk, from).error().code, "auth.forbidden");
  EXPECT_EQ(auth_.set_disabled("clerk1", true, &other_admin, from).error().code, "user.not_found");
  EXPECT_TRUE(auth_.set_disabled("clerk1", true, &admin, from).ok());
}

TEST_F(AuthTest, OneTimeCodesWhenEnrolledOrRequiredByRole) {
  const RequestContext from{"r", "192.0.2.1"};
  ASSERT_TRUE(auth_.require_totp(domain::Role::kClerk, true, nullptr, from).ok());
  EXPECT_EQ(auth_.login("clerk1", "correct horse battery", from).error().code,
            "auth.otp_not_enrolled");
  auto e = auth_.enrol_totp("clerk1", nullptr, from).value();
  EXPECT_EQ(auth_.login("clerk1", "correct horse battery", from).error().code, "auth.otp_required");
  const std::string secret = base32_decode(e.secret).value();
  const std::string code = hotp_code(secret, clock_.now_ms() / kTotpStepMs);
  const std::string wrong = code == "000000" ? "000001" : "000000";
  EXPECT_EQ(auth_.login("clerk1", "correct horse battery", from, wrong).error().code,
            "auth.invalid_credentials");
  EXPECT_TRUE(auth_.login("clerk1", "correct horse battery", from, code).ok());
  EXPECT_EQ(auth_.login("clerk1", "correct horse battery", from, code).error().code,
            "auth.invalid_credentials")
      << "the same step is not accepted twice";
  clock_.advance_ms(kTotpStepMs);
  const std::string next = hotp_code(secret, clock_.now_ms() / kTotpStepMs);
  EXPECT_TRUE(auth_.login("clerk1", "correct horse battery", from, next).ok());
  // The wrong code counted as a failure of the pair: the password alone is not a free guess.
  auto tx = db_.store().begin(TxMode::kRead).value();
  EXPECT_EQ(tx->find_login_bucket("clerk1", "").value().failures, 2);
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
  NewUser u{"clerk2", "", domain::Role::kClerk, "63000080", "long enough phrase"};
  EXPECT_EQ(auth_.add_user(u, &clerk, {"r"}).error().code, "auth.forbidden");
  NewUser other = u;
  other.office_code = "10007010";
  EXPECT_EQ(auth_.add_user(other, &admin, {"r"}).error().code, "auth.office_scope");
  EXPECT_TRUE(auth_.add_user(u, &admin, {"r"}).ok());
  EXPECT_EQ(auth_.add_user(u, &admin, {"r"}).error().code, "user.exists");
}

TEST_F(AuthTest, RejectsWeakPasswordsBadUsernamesAndUnknownOffices) {
  EXPECT_EQ(
      auth_.add_user({"x", "", domain::Role::kClerk, "63000080", "eleven chrs"}, nullptr, {"r"})
          .error()
          .code,
      "user.password_too_short");
  EXPECT_EQ(
      auth_.add_user({"y", "", domain::Role::kClerk, "63000080", "Password2024!"}, nullptr, {"r"})
          .error()
          .code,
      "user.password_common");
  EXPECT_EQ(auth_
                .add_user({"Bad Name", "", domain::Role::kClerk, "63000080", "long enough phrase"},
                          nullptr, {"r"})
                .error()
                .code,
            "user.username");
  EXPECT_EQ(auth_
                .add_user({"y", "", domain::Role::kClerk, "99999999", "long enough phrase"},
                          nullptr, {"r"})
                .error()
                .code,
            "office.not_found");
}

// The office's last active admin cannot be disabled or given another role by an admin (they
// would leave nobody to manage the office on screen); with a second admin both can.
TEST_F(AuthTest, AnAdminCannotTakeAwayTheOfficesLastAdmin) {
  const RequestContext from{"r", "192.0.2.1"};
  const int64_t id =
      auth_
          .add_user({"admin1", "", domain::Role::kAdmin, "63000080", "a long admin phrase"},
                    nullptr, from)
          .value();
  Actor admin{id, "admin1", "", domain::Role::kAdmin, "63000080", ""};
  EXPECT_EQ(auth_.set_disabled("admin1", true, &admin, from).error().code, "user.last_admin");
  // Nor may they change their own role (four eyes on roles).
  EXPECT_EQ(auth_.set_role("admin1", domain::Role::kClerk, &admin, from).error().code,
            "user.self_role");
  EXPECT_TRUE(auth_.set_role("admin1", domain::Role::kAdmin, &admin, from).ok()) << "no change";

  // An admin of another office does not count.
  ASSERT_TRUE(auth_
                  .add_user({"admin9", "", domain::Role::kAdmin, "10007010", "a long admin phrase"},
                            nullptr, from)
                  .ok());
  EXPECT_EQ(auth_.set_disabled("admin1", true, &admin, from).error().code, "user.last_admin");

  // A second admin of the office: now either may go.
  ASSERT_TRUE(auth_.set_role("clerk1", domain::Role::kAdmin, &admin, from).ok());
  Actor other{0, "clerk1", "", domain::Role::kAdmin, "63000080", ""};
  EXPECT_TRUE(auth_.set_role("admin1", domain::Role::kSupervisor, &other, from).ok());
  EXPECT_EQ(auth_.set_disabled("clerk1", true, &other, from).error().code, "user.last_admin");
  // The operator at the machine may (retiring an office's admin account).
  EXPECT_TRUE(auth_.set_disabled("clerk1", true, nullptr, from).ok());
}

TEST_F(AuthTest, ARoleChangeEndsTheUsersSessionsAndIsAudited) {
  const RequestContext from{"r", "192.0.2.1"};
  Actor admin{0, "admin1", "", domain::Role::kAdmin, "63000080", ""};
  auto s = auth_.login("clerk1", "correct horse battery", from).value();
  ASSERT_TRUE(auth_.authenticate(s.token).ok());
  ASSERT_TRUE(auth_.set_role("clerk1", domain::Role::kSupervisor, &admin, from).ok());
  EXPECT_EQ(auth_.authenticate(s.token).error().code, "auth.required");
  auto again = auth_.login("clerk1", "correct horse battery", from).value();
  EXPECT_EQ(again.actor.role, domain::Role::kSupervisor);
  EXPECT_EQ(auth_.set_role("clerk1", domain::Role::kClerk, nullptr, from).ok(), true);
  Actor clerk{0, "clerk2", "", domain::Role::kClerk, "63000080", ""};
  EXPECT_EQ(auth_.set_role("clerk1", domain::Role::kAdmin, &clerk, from).error().code,
            "auth.forbidden");
  auto tx = db_.store().begin(TxMode::kRead).value();
  const auto last = tx->last_audit().value();
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(last->action, "user.role");
  EXPECT_EQ(last->purpose, "user clerk1 supervisor -> clerk");
}

// An admin's list holds their own office's staff only, with what the screen shows.
TEST_F(AuthTest, AnAdminListsTheirOfficesStaffWithLoginsSessionsAndLocks) {
  const RequestContext from{"r", "192.0.2.1"};
  ASSERT_TRUE(auth_
                  .add_user({"far", "", domain::Role::kClerk, "10007010", "a long clerk phrase"},
                            nullptr, from)
                  .ok());
  Actor admin{0, "admin1", "", domain::Role::kAdmin, "63000080", ""};
  Actor clerk{0, "clerk1", "", domain::Role::kClerk, "63000080", ""};
  EXPECT_EQ(auth_.list_staff(clerk).error().code, "auth.forbidden");
  auto before = auth_.list_staff(admin).value();
  ASSERT_EQ(before.size(), 1u);
  EXPECT_EQ(before[0].user.username, "clerk1");
  EXPECT_EQ(before[0].last_login_ms, 0);
  EXPECT_FALSE(before[0].locked);
  EXPECT_TRUE(before[0].user.password_hash.empty()) << "never handed out";

  ASSERT_TRUE(auth_.login("clerk1", "correct horse battery", from).ok());
  ASSERT_TRUE(auth_.enrol_totp("clerk1", &admin, from).ok());
  const int free = auth_.policy().throttle.pair_free;
  for (int i = 0; i <= free; ++i) {
    clock_.advance_ms(auth_.policy().throttle.max_delay_ms);
    (void)auth_.login("clerk1", "not the password", {"r", "198.51.100." + std::to_string(i)});
  }
  auto after = auth_.list_staff(admin).value();
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].last_login_ms, kStart);
  EXPECT_EQ(after[0].active_sessions, 1);
  EXPECT_TRUE(after[0].totp_enrolled);
  EXPECT_TRUE(after[0].user.totp_secret.empty());
  EXPECT_EQ(after[0].recent_failures, free + 1);
  EXPECT_TRUE(after[0].locked);
  ASSERT_TRUE(auth_.unlock("clerk1", &admin, from).ok());
  EXPECT_FALSE(auth_.list_staff(admin).value()[0].locked);

  EXPECT_EQ(auth_.list_offices(clerk).error().code, "auth.forbidden");
  EXPECT_EQ(auth_.list_offices(admin).value().size(), 2u);
}

}  // namespace
}  // namespace huji::service
