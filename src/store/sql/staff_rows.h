#ifndef HUJI_STORE_SQL_STAFF_ROWS_H_
#define HUJI_STORE_SQL_STAFF_ROWS_H_

// service::StaffTx over tables users, sessions, login_buckets and totp_required_roles.

#include <optional>
#include <string>
#include <vector>

#include "service/transaction.h"
#include "store/rows.h"
#include "store/sql/common.h"
#include "store/sql/login_buckets.h"
#include "store/sql/sessions.h"
#include "store/sql/users.h"

namespace huji::store::sql {

template <class Core>
class StaffRows : public Core {
 public:
  using Core::Core;
  using Statement = typename Core::Statement;

  core::Result<int64_t> insert_user(const service::UserRecord& u) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(users::kInsert));
    st.bind(1, u.username)
        .bind(2, u.display_name)
        .bind(3, domain::role_code(u.role))
        .bind(4, u.office_code)
        .bind(5, u.password_hash)
        .bind(6, u.failed_logins)
        .bind(7, u.locked_until_ms)
        .bind(8, u.active)
        .bind(9, u.created_ms);
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) {
      return core::Error::conflict("user.exists", "帳號已存在：" + u.username,
                                   "username already taken: " + u.username);
    }
    return st.int64(0);
  }

  core::Result<std::optional<service::UserRecord>> find_user(const std::string& username) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(users::kByName));
    st.bind(1, username);
    return first_row<service::UserRecord>(st, users::read<Statement>);
  }

  core::Result<std::optional<service::UserRecord>> find_user_by_id(int64_t id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(users::kById));
    st.bind(1, id);
    return first_row<service::UserRecord>(st, users::read<Statement>);
  }

  core::Result<std::vector<service::StaffAccount>> list_staff(const std::string& office_code,
                                                              int64_t now_ms) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(users::kStaffOfOffice));
    st.bind(1, office_code).bind(2, now_ms);
    return collect_rows<service::StaffAccount>(st, users::read_staff<Statement>);
  }

  core::Status set_user_role(int64_t user_id, domain::Role role) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(users::kSetRole));
    return st.bind(1, user_id).bind(2, domain::role_code(role)).run();
  }

  core::Status update_login_state(int64_t user_id, int failed, int64_t locked_until_ms) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(users::kSetLoginState));
    return st.bind(1, user_id).bind(2, failed).bind(3, locked_until_ms).run();
  }

  core::Status insert_session(const service::SessionRecord& s) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(sessions::kInsert));
    return st.bind(1, s.token_hash)
        .bind(2, s.user_id)
        .bind(3, s.created_ms)
        .bind(4, s.expires_ms)
        .bind(5, s.revoked)
        .run();
  }

  core::Result<std::optional<service::SessionRecord>> find_session(
      const std::string& hash) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(sessions::kFind));
    st.bind(1, hash);
    return first_row<service::SessionRecord>(st, sessions::read<Statement>);
  }

  core::Status revoke_session(const std::string& hash) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(sessions::kRevoke));
    return st.bind(1, hash).run();
  }

  core::Status revoke_user_sessions(int64_t user_id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(sessions::kRevokeUser));
    return st.bind(1, user_id).run();
  }

  core::Status set_user_active(int64_t user_id, bool active) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(users::kSetActive));
    return st.bind(1, user_id).bind(2, active).run();
  }

  core::Status set_password_hash(int64_t user_id, const std::string& hash) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(users::kSetPasswordHash));
    return st.bind(1, user_id).bind(2, hash).run();
  }

  core::Status set_totp_secret(int64_t user_id, const std::string& secret) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(users::kSetTotpSecret));
    return st.bind(1, user_id).bind(2, secret).run();
  }

  core::Result<bool> advance_totp_step(int64_t user_id, int64_t step) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(users::kAdvanceTotpStep));
    st.bind(1, user_id).bind(2, step);
    return st.step();
  }

  core::Result<std::vector<std::string>> totp_required_roles() override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(login_buckets::kTotpRoles));
    return collect_rows<std::string>(
        st, [](const Statement& row) -> core::Result<std::string> { return row.text(0); });
  }

  core::Status set_totp_required(const std::string& role, bool required) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(required ? login_buckets::kRequireTotp
                                                       : login_buckets::kUnrequireTotp));
    return st.bind(1, role).run();
  }

  core::Result<service::LoginBucket> find_login_bucket(const std::string& account,
                                                       const std::string& address) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(login_buckets::kFind));
    st.bind(1, account).bind(2, address);
    service::LoginBucket b;
    b.account = account;
    b.address = address;
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    if (row) {
      b.failures = static_cast<int>(st.int64(0));
      b.last_failure_ms = st.int64(1);
      b.last_success_ms = st.int64(2);
    }
    return b;
  }

  core::Status put_login_bucket(const service::LoginBucket& b) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(login_buckets::kPut));
    return st.bind(1, b.account)
        .bind(2, b.address)
        .bind(3, b.failures)
        .bind(4, b.last_failure_ms)
        .bind(5, b.last_success_ms)
        .run();
  }

  core::Status clear_login_buckets(const std::string& account) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(login_buckets::kClearAccount));
    return st.bind(1, account).run();
  }

  core::Status prune_login_buckets(int64_t failed_before_ms, int64_t succeeded_before_ms) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(login_buckets::kPrune));
    return st.bind(1, failed_before_ms).bind(2, succeeded_before_ms).run();
  }
};

}  // namespace huji::store::sql

#endif  // HUJI_STORE_SQL_STAFF_ROWS_H_
