#ifndef HUJI_STORE_SQL_PAYMENT_ROWS_H_
#define HUJI_STORE_SQL_PAYMENT_ROWS_H_

// service::FeeTx over table fee_versions and service::PaymentTx over tables receipt_counters,
// receipts, refunds, daily_closes and mail_outbox.

#include <optional>
#include <string>
#include <vector>

#include "service/transaction.h"
#include "store/rows.h"
#include "store/sql/common.h"
#include "store/sql/payments.h"

namespace huji::store::sql {

template <class Core>
class PaymentRows : public Core {
 public:
  using Core::Core;
  using Statement = typename Core::Statement;

  core::Status put_fee_version(const service::FeeVersionRecord& r) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(fee_versions::kPut));
    return st.bind(1, r.effective.to_iso())
        .bind(2, r.text)
        .bind(3, r.loaded_by)
        .bind(4, r.loaded_ms)
        .run();
  }

  core::Result<std::vector<service::FeeVersionRecord>> list_fee_versions() override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(fee_versions::kList));
    return collect_rows<service::FeeVersionRecord>(st, fee_versions::read<Statement>);
  }

  core::Result<int64_t> next_receipt_serial(const std::string& office, int roc_year) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(receipt_counters::kNext));
    st.bind(1, office).bind(2, static_cast<int64_t>(roc_year));
    return returned_id(st);
  }

  core::Result<int64_t> insert_receipt(const service::ReceiptRecord& r) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(receipts::kInsert));
    receipts::bind(st, r);
    return returned_id(st);
  }

  core::Result<std::optional<service::ReceiptRecord>> find_receipt(int64_t id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(receipts::kById));
    st.bind(1, id);
    return first_row<service::ReceiptRecord>(st, receipts::read<Statement>);
  }

  core::Result<std::vector<service::ReceiptRecord>> receipts_on(const std::string& office,
                                                                core::Date on) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(receipts::kOnDay));
    st.bind(1, office).bind(2, on.to_iso());
    return collect_rows<service::ReceiptRecord>(st, receipts::read<Statement>);
  }

  core::Result<int64_t> last_serial_before(const std::string& office, int roc_year,
                                           core::Date on) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(receipts::kLastBefore));
    st.bind(1, office).bind(2, static_cast<int64_t>(roc_year)).bind(3, on.to_iso());
    return returned_id(st);
  }

  core::Result<int64_t> insert_refund(const service::RefundRecord& r) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(refunds::kInsert));
    refunds::bind(st, r);
    return returned_id(st);
  }

  core::Result<std::vector<service::RefundRecord>> refunds_of_receipt(int64_t receipt_id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(refunds::kOfReceipt));
    st.bind(1, receipt_id);
    return collect_rows<service::RefundRecord>(st, refunds::read<Statement>);
  }

  core::Result<std::vector<service::RefundRecord>> refunds_on(const std::string& office,
                                                              core::Date on) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(refunds::kOnDay));
    st.bind(1, office).bind(2, on.to_iso());
    return collect_rows<service::RefundRecord>(st, refunds::read<Statement>);
  }

  core::Result<int64_t> insert_daily_close(const service::DailyCloseRecord& c) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(daily_closes::kInsert));
    daily_closes::bind(st, c);
    return returned_id(st);
  }

  core::Result<std::optional<service::DailyCloseRecord>> find_daily_close(
      const std::string& office, const std::string& counter, core::Date on) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(daily_closes::kFind));
    st.bind(1, office).bind(2, counter).bind(3, on.to_iso());
    return first_row<service::DailyCloseRecord>(st, daily_closes::read<Statement>);
  }

  core::Result<std::vector<service::DailyCloseRecord>> daily_closes_on(const std::string& office,
                                                                       core::Date on) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(daily_closes::kOnDay));
    st.bind(1, office).bind(2, on.to_iso());
    return collect_rows<service::DailyCloseRecord>(st, daily_closes::read<Statement>);
  }

  core::Result<int64_t> insert_mail(const service::MailRecord& m) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(mail_outbox::kInsert));
    st.bind(1, m.receipt_id)
        .bind(2, m.to)
        .bind(3, m.status)
        .bind(4, static_cast<int64_t>(m.attempts))
        .bind(5, m.last_error)
        .bind(6, m.next_attempt_ms)
        .bind(7, m.created_ms)
        .bind(8, m.sent_ms);
    return returned_id(st);
  }

  core::Result<std::optional<service::MailRecord>> mail_of_receipt(int64_t receipt_id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(mail_outbox::kOfReceipt));
    st.bind(1, receipt_id);
    return first_row<service::MailRecord>(st, mail_outbox::read<Statement>);
  }

  core::Result<std::vector<service::MailRecord>> due_mail(int64_t now_ms, int limit) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(mail_outbox::kDue));
    st.bind(1, now_ms).bind(2, static_cast<int64_t>(limit));
    return collect_rows<service::MailRecord>(st, mail_outbox::read<Statement>);
  }

  core::Result<bool> claim_mail(int64_t id, int64_t due_ms, int64_t lease_ms) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(mail_outbox::kClaim));
    st.bind(1, id).bind(2, due_ms).bind(3, lease_ms);
    return st.step();
  }

  core::Status update_mail(const service::MailRecord& m) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(mail_outbox::kUpdate));
    return st.bind(1, m.id)
        .bind(2, m.status)
        .bind(3, static_cast<int64_t>(m.attempts))
        .bind(4, m.last_error)
        .bind(5, m.next_attempt_ms)
        .bind(6, m.sent_ms)
        .run();
  }
};

}  // namespace huji::store::sql

#endif  // HUJI_STORE_SQL_PAYMENT_ROWS_H_
