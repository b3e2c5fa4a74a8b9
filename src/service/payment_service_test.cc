#include "service/payment_service.h"

#include <gtest/gtest.h>

#include <string>

#include "service/mail_outbox.h"
#include "testing/temp_db.h"

namespace huji::service {
namespace {

using core::Date;

Date d(const char* iso) { return Date::parse_iso(iso).value(); }

int64_t taipei_noon_ms(const char* iso) {
  return core::taipei_day_start_ms(d(iso)) + int64_t{12} * 3600 * 1000;
}

constexpr const char* kOffice = "63000080";

class FakeRenderer : public ReceiptRenderer {
 public:
  core::Result<std::string> render(const ReceiptPrint& r) const override {
    if (fail) return core::Error::internal("render.failed", "x", "x");
    last = r;
    return "%PDF-fake " + r.number;
  }
  mutable ReceiptPrint last;
  bool fail = false;
};

class FakeTransport : public MailTransport {
 public:
  core::Status send(const MailMessage& m) override {
    if (fail) return core::Error::unavailable("mail.send", "x", "connection refused");
    sent.push_back(m);
    return {};
  }
  std::vector<MailMessage> sent;
  bool fail = false;
};

class PaymentServiceTest : public ::testing::Test {
 protected:
  PaymentServiceTest()
      : fees_(domain::FeeSchedule(
            domain::parse_fee_versions("effective 2011-05-01\n"
                                       "item transcript_sheet 15 | 戶籍謄本（每張） | Transcript\n"
                                       "item register_viewing 15 | 閱覽戶籍資料 | Viewing\n"
                                       "item id_card_first 50 | 國民身分證初領 | ID card\n"
                                       "waiver reorganisation id_card_first | 行政區域調整 | "
                                       "Reorganisation\n",
                                       "test")
                .value())),
        signer_(DocumentSigner::generate()) {
    auto tx = db_.store().begin(TxMode::kWrite).value();
    EXPECT_TRUE(tx->put_office({kOffice, "臺北市文山區戶政事務所", "臺北市", "文山區", ""}).ok());
    EXPECT_TRUE(tx->commit().ok());
    clerk_.username = "clerk";
    clerk_.display_name = "王小明";
    clerk_.role = domain::Role::kClerk;
    clerk_.office_code = kOffice;
    clerk_.office_name = "臺北市文山區戶政事務所";
    other_clerk_ = clerk_;
    other_clerk_.username = "clerk2";
    supervisor_ = clerk_;
    supervisor_.username = "chief";
    supervisor_.role = domain::Role::kSupervisor;
  }

  PaymentService make() {
    return {db_.store(), clock_, fees_, signer_, renderer_, [this] { ++woken_; }};
  }

  int64_t charge(PaymentService& p, const std::string& item, const std::string& key,
                 int64_t quantity = 1, const std::string& waiver = "") {
    auto c = p.add_charge(clerk_, {"r"}, {item, quantity, waiver}, key);
    EXPECT_TRUE(c.ok()) << c.error().message_en;
    return c.ok() ? c->id : 0;
  }

  PaymentInput cash(std::vector<int64_t> ids, int64_t tendered, std::string counter = "1") {
    PaymentInput in;
    in.charges = std::move(ids);
    in.method = "cash";
    in.tendered = tendered;
    in.counter = std::move(counter);
    return in;
  }

  testing::TempDb db_;
  core::ManualClock clock_{taipei_noon_ms("2026-12-05")};
  domain::SharedFeeSchedule fees_;
  DocumentSigner signer_;
  FakeRenderer renderer_;
  int woken_ = 0;
  Actor clerk_, other_clerk_, supervisor_;
};

TEST(ReceiptNumbers, AreRocYearAndSixDigitsAndGapsAreListed) {
  EXPECT_EQ(receipt_number(115, 1), "115-000001");
  EXPECT_EQ(receipt_number(115, 123456), "115-123456");
  EXPECT_EQ(serial_gaps(0, {1, 2, 3}), std::vector<int64_t>{});
  EXPECT_EQ(serial_gaps(4, {7, 8, 10}), (std::vector<int64_t>{5, 6, 9}));
}

TEST_F(PaymentServiceTest, CashPaymentSettlesTheChargesAndNumbersTheReceipt) {
  PaymentService p = make();
  const int64_t a = charge(p, "transcript_sheet", "k1", 3);
  const int64_t b = charge(p, "id_card_first", "k2", 1, "reorganisation");
  auto open = p.open_charges(clerk_, std::nullopt).value();
  ASSERT_EQ(open.size(), 2u);
  EXPECT_EQ(open[0].name_zh, "戶籍謄本（每張）");
  EXPECT_EQ(open[1].waiver_zh, "行政區域調整");

  auto preview = p.preview(clerk_, cash({a, b}, 100)).value();
  EXPECT_EQ(preview.total, 45);
  EXPECT_EQ(preview.change, 55);

  auto paid = p.pay(clerk_, {"r"}, cash({a, b}, 100), "pay-1");
  ASSERT_TRUE(paid.ok()) << paid.error().message_en;
  EXPECT_EQ(paid->receipt.number, "115-000001");
  EXPECT_EQ(paid->receipt.amount, 45);
  EXPECT_EQ(paid->receipt.change, 55);
  EXPECT_EQ(paid->lines.size(), 2u);
  EXPECT_EQ(paid->document_status, "valid");
  EXPECT_EQ(renderer_.last.lines[1].waiver, "行政區域調整");
  EXPECT_EQ(renderer_.last.clerk, "王小明");
  EXPECT_EQ(p.receipt_pdf(clerk_, paid->receipt.id).value(), "%PDF-fake 115-000001");
  EXPECT_TRUE(p.open_charges(clerk_, std::nullopt).value().empty());

  // The same request again answers the same receipt; the same key for another is refused.
  EXPECT_EQ(p.pay(clerk_, {"r"}, cash({a, b}, 100), "pay-1").value().receipt.id, paid->receipt.id);
  EXPECT_EQ(p.pay(clerk_, {"r"}, cash({a}, 100), "pay-1").error().code, "idempotency.key_reused");
  // A paid charge refuses a second payment.
  EXPECT_EQ(p.pay(clerk_, {"r"}, cash({a}, 100), "pay-2").error().code, "charge.paid");
  const int64_t c = charge(p, "register_viewing", "k3");
  EXPECT_EQ(p.pay(clerk_, {"r"}, cash({c}, 10), "pay-3").error().code, "payment.tendered");
  PaymentInput card;
  card.charges = {c};
  card.method = "stored_value";
  card.counter = "1";
  EXPECT_EQ(p.pay(clerk_, {"r"}, card, "pay-4").error().code, "payment.reference");
  card.reference = "末四碼 1234";
  auto second = p.pay(clerk_, {"r"}, card, "pay-4");
  ASSERT_TRUE(second.ok()) << second.error().message_en;
  EXPECT_EQ(second->receipt.number, "115-000002");
  EXPECT_EQ(second->receipt.tendered, 0);
}

TEST_F(PaymentServiceTest, ARolledBackPaymentLeavesNoGapInTheNumbers) {
  PaymentService p = make();
  const int64_t a = charge(p, "transcript_sheet", "k1");
  renderer_.fail = true;
  EXPECT_FALSE(p.pay(clerk_, {"r"}, cash({a}, 15), "pay-1").ok());
  renderer_.fail = false;
  auto paid = p.pay(clerk_, {"r"}, cash({a}, 15), "pay-2");
  ASSERT_TRUE(paid.ok()) << paid.error().message_en;
  EXPECT_EQ(paid->receipt.number, "115-000001");
}

TEST_F(PaymentServiceTest, RefundsAreASupervisorsWithAReasonAndAFullOneRevokes) {
  PaymentService p = make();
  const int64_t a = charge(p, "transcript_sheet", "k1", 2);
  const int64_t id = p.pay(clerk_, {"r"}, cash({a}, 30), "pay-1").value().receipt.id;
  EXPECT_EQ(p.refund(clerk_, {"r"}, id, {std::nullopt, "多收", ""}).error().code, "auth.forbidden");
  EXPECT_EQ(p.refund(supervisor_, {"r"}, id, {std::nullopt, "", ""}).error().code, "refund.reason");
  EXPECT_EQ(p.refund(supervisor_, {"r"}, id, {40, "多收", ""}).error().code, "refund.amount");
  auto part = p.refund(supervisor_, {"r"}, id, {15, "少印一張", ""});
  ASSERT_TRUE(part.ok()) << part.error().message_en;
  EXPECT_EQ(part->refunded, 15);
  EXPECT_EQ(part->document_status, "valid");
  auto rest = p.refund(supervisor_, {"r"}, id, {std::nullopt, "申請撤回", ""});
  ASSERT_TRUE(rest.ok()) << rest.error().message_en;
  EXPECT_EQ(rest->refunded, 30);
  EXPECT_TRUE(rest->refunds[1].full);
  EXPECT_EQ(rest->document_status, "revoked");
  // The receipt itself is unchanged.
  EXPECT_EQ(rest->receipt.amount, 30);
  EXPECT_EQ(p.refund(supervisor_, {"r"}, id, {std::nullopt, "again", ""}).error().code,
            "refund.nothing_left");
}

TEST_F(PaymentServiceTest, DailyCloseReconcilesCashAndClosesTheCounter) {
  PaymentService p = make();
  const int64_t a = charge(p, "transcript_sheet", "k1", 2);
  const int64_t b = charge(p, "register_viewing", "k2");
  const int64_t c = charge(p, "transcript_sheet", "k3");
  const int64_t r1 = p.pay(clerk_, {"r"}, cash({a}, 100), "p1").value().receipt.id;
  PaymentInput transfer;
  transfer.charges = {b};
  transfer.method = "transfer";
  transfer.reference = "TX-889";
  transfer.counter = "1";
  ASSERT_TRUE(p.pay(clerk_, {"r"}, transfer, "p2").ok());
  ASSERT_TRUE(p.pay(other_clerk_, {"r"}, cash({c}, 15, "2"), "p3").ok());
  ASSERT_TRUE(p.refund(supervisor_, {"r"}, r1, {std::nullopt, "撤回", ""}).ok());

  // Another clerk's counter is not this clerk's to close.
  EXPECT_EQ(p.close(clerk_, {"r"}, {"", "2", 15}).error().code, "auth.forbidden");
  auto closed = p.close(clerk_, {"r"}, {"", "1", 5});
  ASSERT_TRUE(closed.ok()) << closed.error().message_en;
  EXPECT_EQ(closed->receipts, 2);
  EXPECT_EQ(closed->cash_payments, 30);
  EXPECT_EQ(closed->cash_refunds, 30);
  EXPECT_EQ(closed->cash_expected, 0);
  EXPECT_EQ(closed->difference, 5);
  EXPECT_EQ(closed->transfer_total, 15);
  EXPECT_EQ(closed->first_number, "115-000001");
  EXPECT_EQ(closed->last_number, "115-000002");
  EXPECT_EQ(closed->gaps, "");
  EXPECT_EQ(closed->voids, "115-000001");
  EXPECT_EQ(p.close(supervisor_, {"r"}, {"", "1", 0}).error().code, "close.exists");

  // After the close the counter takes no payment that day; another counter still does.
  const int64_t e = charge(p, "register_viewing", "k4");
  EXPECT_EQ(p.pay(clerk_, {"r"}, cash({e}, 15), "p4").error().code, "payment.closed");
  EXPECT_TRUE(p.pay(clerk_, {"r"}, cash({e}, 15, "3"), "p5").ok());
  auto list = p.closes(clerk_, std::nullopt).value();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].counter, "1");
  EXPECT_EQ(p.close(supervisor_, {"r"}, {"2026-12-06", "2", 0}).error().code, "close.date");
}

TEST_F(PaymentServiceTest, AReceiptAskedByMailIsSentAfterTheCommitAndRetried) {
  PaymentService p = make();
  const int64_t a = charge(p, "transcript_sheet", "k1");
  PaymentInput in = cash({a}, 15);
  in.payer = {"陳大文", "not-an-address"};
  EXPECT_EQ(p.pay(clerk_, {"r"}, in, "p1").error().code, "payment.email");
  in.payer.email = "chen@example.tw";
  auto paid = p.pay(clerk_, {"r"}, in, "p1").value();
  EXPECT_EQ(woken_, 1);
  ASSERT_TRUE(paid.mail.has_value());
  EXPECT_EQ(paid.mail->status, "pending");

  FakeTransport transport;
  MailOutbox outbox(db_.store(), clock_, transport);
  transport.fail = true;
  EXPECT_EQ(outbox.send_due().value(), 0);
  auto after = p.receipt(clerk_, paid.receipt.id).value();
  EXPECT_EQ(after.mail->status, "pending");
  EXPECT_EQ(after.mail->attempts, 1);
  EXPECT_EQ(after.mail->last_error, "connection refused");
  // Not due again before its delay.
  transport.fail = false;
  EXPECT_EQ(outbox.send_due().value(), 0);
  clock_.advance_ms(mail_retry_delay_ms(1));
  EXPECT_EQ(outbox.send_due().value(), 1);
  ASSERT_EQ(transport.sent.size(), 1u);
  EXPECT_EQ(transport.sent[0].to, "chen@example.tw");
  EXPECT_EQ(transport.sent[0].attachment, "%PDF-fake 115-000001");
  EXPECT_EQ(transport.sent[0].attachment_name, "receipt-115-000001.pdf");
  EXPECT_EQ(p.receipt(clerk_, paid.receipt.id).value().mail->status, "sent");
  EXPECT_EQ(outbox.send_due().value(), 0);
}

TEST_F(PaymentServiceTest, AMailThatKeepsFailingEndsFailedWithItsError) {
  PaymentService p = make();
  PaymentInput in = cash({charge(p, "transcript_sheet", "k1")}, 15);
  in.payer = {"", "chen@example.tw"};
  const int64_t id = p.pay(clerk_, {"r"}, in, "p1").value().receipt.id;
  FakeTransport transport;
  transport.fail = true;
  MailOutbox outbox(db_.store(), clock_, transport);
  for (int i = 0; i < MailOutbox::kMaxAttempts; ++i) {
    ASSERT_TRUE(outbox.send_due().ok());
    clock_.advance_ms(MailOutbox::kMaxRetryMs);
  }
  auto mail = p.receipt(clerk_, id).value().mail;
  EXPECT_EQ(mail->status, "failed");
  EXPECT_EQ(mail->attempts, MailOutbox::kMaxAttempts);
  EXPECT_EQ(mail->last_error, "connection refused");
  EXPECT_EQ(mail_retry_delay_ms(1), MailOutbox::kFirstRetryMs);
  EXPECT_EQ(mail_retry_delay_ms(2), 2 * MailOutbox::kFirstRetryMs);
  EXPECT_EQ(mail_retry_delay_ms(30), MailOutbox::kMaxRetryMs);
}

}  // namespace
}  // namespace huji::service
