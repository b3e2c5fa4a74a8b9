#ifndef HUJI_SERVICE_PAYMENT_SERVICE_H_
#define HUJI_SERVICE_PAYMENT_SERVICE_H_

// 規費收納: the counter's cashier. Other areas charge fees for issued items (charges.h); a
// clerk also charges counter items that have no document (閱覽, photo copies). The clerk
// collects the office's open charges of the day and takes payment by cash (tendered, change),
// stored-value card (悠遊卡: the card's last digits or the transaction reference) or transfer
// (its reference). A payment is one transaction: the charges marked paid (a paid one refuses
// the whole payment), a receipt numbered without a gap per office and ROC year
// ("115-000001", counted in that transaction), its PDF as an issued document with a check
// code and signed QR (document_registry.h), and, when the payer gives an address, an e-mail
// row that the outbox (mail_outbox.h) sends after the commit.
//
// Refunds (退費) are a supervisor's (kReview): the clerk at the counter cannot pay money back
// alone. A refund names its reason, is its own row (the receipt is never changed), and a refund
// of everything left revokes the receipt's issued document. Refunds count in the day's close
// of the counter they are paid at.
//
// A counter's day closes once (日結): its receipts and refunds of that day reconciled (cash
// expected = cash payments − cash refunds, against the cash counted; non-cash totals by
// method), the office's receipt numbers of the day checked for gaps, voids listed. The close
// is stored and never changed; a second close of the same counter and day is 409, and after
// it payments and refunds at that counter that day are refused (409): a mistake is corrected
// on the next day's books, as paper ledgers are. A payment and the close of its counter never
// interleave: write transactions run one at a time on both backends (SQLite's writer lock,
// PostgreSQL's advisory lock, store/postgres/pg_store.h), so a close sees every payment
// committed before it and a payment after it sees the close.

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "domain/documents/fee_schedule.h"
#include "service/actor.h"
#include "service/document_registry.h"
#include "service/receipt.h"
#include "service/store.h"

namespace huji::service {

struct NewCharge {
  std::string item;  // a fee item code of today's schedule
  std::optional<int64_t> quantity;
  std::string waiver;
};

struct PaymentPayer {
  std::string name;
  std::string email;
};

struct PaymentInput {
  std::vector<int64_t> charges;
  std::string method;  // cash | stored_value | transfer
  std::optional<int64_t> tendered;
  std::string reference;
  std::string counter;
  PaymentPayer payer;
};

struct ReceiptLine {
  ChargeRecord charge;
  std::string name_zh, name_en;
  std::string waiver_zh, waiver_en;  // "" when none
};

struct PaymentPreview {
  std::vector<ReceiptLine> lines;
  int64_t total = 0;
  int64_t change = 0;  // cash: tendered - total
};

struct ReceiptView {
  ReceiptRecord receipt;
  std::vector<ReceiptLine> lines;
  std::vector<RefundRecord> refunds;
  int64_t refunded = 0;
  std::optional<MailRecord> mail;
  std::string document_status;  // valid | revoked
};

struct RefundInput {
  std::optional<int64_t> amount;  // absent: everything not yet refunded
  std::string reason;
  std::string counter;  // absent: the receipt's
};

struct CloseInput {
  std::string date;  // YYYY-MM-DD; "" for today
  std::string counter;
  std::optional<int64_t> cash_counted;
};

class PaymentService {
 public:
  // `fees` and `signer` outlive the service; `on_mail` (may be empty) is called after a
  // commit that queued an e-mail (the outbox's wake-up).
  PaymentService(Store& store, const core::Clock& clock, const domain::SharedFeeSchedule& fees,
                 const DocumentSigner& signer, const ReceiptRenderer& renderer,
                 std::function<void()> on_mail = {});

  // A counter item without a document (ref_kind "counter"), charged at today's fee. Clerks;
  // Idempotency-Key.
  core::Result<ChargeRecord> add_charge(const Actor& actor, const RequestContext& ctx,
                                        const NewCharge& in, const std::string& key);
  // The office's unpaid charges of `on` (today when absent), with names.
  core::Result<std::vector<ReceiptLine>> open_charges(const Actor& actor,
                                                      std::optional<core::Date> on);
  // What the receipt would say, without writing.
  core::Result<PaymentPreview> preview(const Actor& actor, const PaymentInput& in);
  core::Result<ReceiptView> pay(const Actor& actor, const RequestContext& ctx,
                                const PaymentInput& in, const std::string& key);
  core::Result<ReceiptView> receipt(const Actor& actor, int64_t id);
  core::Result<std::string> receipt_pdf(const Actor& actor, int64_t id);
  core::Result<std::vector<ReceiptView>> receipts_on(const Actor& actor,
                                                     std::optional<core::Date> on);
  core::Result<ReceiptView> refund(const Actor& actor, const RequestContext& ctx, int64_t id,
                                   const RefundInput& in);
  core::Result<DailyCloseRecord> close(const Actor& actor, const RequestContext& ctx,
                                       const CloseInput& in);
  core::Result<std::vector<DailyCloseRecord>> closes(const Actor& actor,
                                                     std::optional<core::Date> on);

 private:
  struct Checked;
  core::Result<Checked> check(Transaction& tx, const Actor& actor, const PaymentInput& in,
                              core::Date today) const;
  core::Result<ReceiptView> view(Transaction& tx, ReceiptRecord r) const;
  ReceiptLine line_of(ChargeRecord c) const;

  Store& store_;
  const core::Clock& clock_;
  const domain::SharedFeeSchedule& fees_;
  const DocumentSigner& signer_;
  const ReceiptRenderer& renderer_;
  std::function<void()> on_mail_;
};

// "115-000001": the receipt number as printed.
std::string receipt_number(int roc_year, int64_t serial);

// The numbers missing from `serials` (ascending) after `last_before`, up to the largest.
std::vector<int64_t> serial_gaps(int64_t last_before, const std::vector<int64_t>& serials);

}  // namespace huji::service

#endif  // HUJI_SERVICE_PAYMENT_SERVICE_H_
