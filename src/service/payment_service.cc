#include "service/payment_service.h"

#include <algorithm>
#include <cstdio>
#include <set>
#include <utility>

#include "domain/access/role.h"
#include "service/audit.h"
#include "service/charges.h"
#include "service/crypto.h"
#include "service/errors.h"

namespace huji::service {

using core::Error;
using core::Result;
using core::Status;

namespace {

constexpr size_t kMaxCharges = 100;
constexpr int64_t kMaxTendered = 10'000'000;  // NT$: no counter takes more in one payment

const char* method_zh(const std::string& method) {
  if (method == "cash") return "現金";
  if (method == "stored_value") return "電子票證（悠遊卡）";
  return "轉帳";
}

Error receipt_not_found(int64_t id) {
  return Error::not_found("receipt.not_found", "查無此收據：" + std::to_string(id),
                          "no such receipt: " + std::to_string(id));
}

Error counter_closed(const std::string& counter, core::Date on) {
  return Error::conflict("payment.closed",
                         "櫃檯 " + counter + " 已於 " + on.to_roc() + " 日結，不得再收付款項",
                         "counter " + counter + " is closed for " + on.to_iso() +
                             ": no more payments or refunds there that day");
}

bool printable_short(const std::string& s, size_t max) {
  return !s.empty() && s.size() <= max && std::none_of(s.begin(), s.end(), [](char c) {
    return c == '\n' || c == '\r' || c == '\t';
  });
}

Status check_counter(const std::string& counter) {
  if (!printable_short(counter, 16)) {
    return Error::invalid("payment.counter", "請填寫櫃檯（1 至 16 字元）",
                          "give the counter (1 to 16 characters)");
  }
  return {};
}

// An address the SMTP server can take: one @, no spaces or angle brackets, at most 254 bytes.
bool plausible_email(const std::string& e) {
  const auto at = e.find('@');
  return e.size() <= 254 && at != std::string::npos && at > 0 && at + 1 < e.size() &&
         e.find('@', at + 1) == std::string::npos && e.find('.', at) != std::string::npos &&
         std::none_of(e.begin(), e.end(), [](char c) {
           return c == ' ' || c == '<' || c == '>' || c == ',' || c == ';' || c == '"' ||
                  static_cast<unsigned char>(c) < 0x20;
         });
}

std::string fingerprint(const PaymentInput& in) {
  std::string s = in.method + "\n" + std::to_string(in.tendered.value_or(-1)) + "\n" +
                  in.reference + "\n" + in.counter + "\n" + in.payer.name + "\n" + in.payer.email;
  for (int64_t id : in.charges) s += "\n" + std::to_string(id);
  return sha256_hex(s);
}

}  // namespace

std::string receipt_number(int roc_year, int64_t serial) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%d-%06lld", roc_year, static_cast<long long>(serial));
  return buf;
}

std::vector<int64_t> serial_gaps(int64_t last_before, const std::vector<int64_t>& serials) {
  std::vector<int64_t> gaps;
  int64_t expected = last_before + 1;
  for (int64_t s : serials) {
    for (; expected < s && gaps.size() < 1000; ++expected) gaps.push_back(expected);
    expected = std::max(expected, s + 1);
  }
  return gaps;
}

struct PaymentService::Checked {
  std::vector<ReceiptLine> lines;
  int64_t total = 0;
  int64_t tendered = 0;
  int64_t change = 0;
};

PaymentService::PaymentService(Store& store, const core::Clock& clock,
                               const domain::SharedFeeSchedule& fees, const DocumentSigner& signer,
                               const ReceiptRenderer& renderer, std::function<void()> on_mail)
    : store_(store),
      clock_(clock),
      fees_(fees),
      signer_(signer),
      renderer_(renderer),
      on_mail_(std::move(on_mail)) {}

ReceiptLine PaymentService::line_of(ChargeRecord c) const {
  ReceiptLine l;
  const auto schedule = fees_.get();
  if (const domain::FeeVersion* v = schedule->at(c.charged_on)) {
    if (const domain::FeeItem* item = v->item(c.item)) {
      l.name_zh = item->name_zh;
      l.name_en = item->name_en;
    }
    if (const domain::FeeWaiver* w = c.waiver.empty() ? nullptr : v->waiver(c.waiver)) {
      l.waiver_zh = w->name_zh;
      l.waiver_en = w->name_en;
    }
  }
  if (l.name_zh.empty()) l.name_zh = l.name_en = c.item;
  if (!c.waiver.empty() && l.waiver_zh.empty()) l.waiver_zh = l.waiver_en = c.waiver;
  l.charge = std::move(c);
  return l;
}

Result<ChargeRecord> PaymentService::add_charge(const Actor& actor, const RequestContext& ctx,
                                                const NewCharge& in, const std::string& key) {
  if (!domain::role_has(actor.role, domain::Permission::kRegister)) {
    return errors::forbidden("charge.create");
  }
  HUJI_TRY(errors::check_idempotency_key(key));
  const int64_t quantity = in.quantity.value_or(1);
  if (quantity < 1 || quantity > 1000) {
    return Error::invalid("fee.quantity", "數量應為 1 至 1000", "quantity must be 1 to 1000");
  }
  const std::string print =
      sha256_hex(in.item + "\n" + std::to_string(quantity) + "\n" + in.waiver);
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto prior, tx->find_idempotency(actor.username, key));
  if (prior) {
    if (prior->operation != "charge.create" || prior->fingerprint != print) {
      return errors::idempotency_key_reused();
    }
    HUJI_ASSIGN_OR_RETURN(auto first, tx->find_charge(prior->resource_id));
    if (!first) return Error::internal("charge.lost", "規費紀錄遺失", "the charge is missing");
    return *first;
  }
  const auto schedule = fees_.get();
  HUJI_ASSIGN_OR_RETURN(
      auto charge, charge_fee(*tx, *schedule,
                              ChargeRequest{actor.office_code, in.item, static_cast<int>(quantity),
                                            in.waiver, "counter", 0, clock_.today_taipei(),
                                            actor.username, clock_.now_ms()}));
  HUJI_TRY(tx->put_idempotency(
      {actor.username, key, "charge.create", print, charge.id, charge.charged_ms}));
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx,
                        {"charge.create", "",
                         "規費 " + charge.item + " x" + std::to_string(charge.quantity) + " NT$" +
                             std::to_string(charge.amount)}));
  HUJI_TRY(tx->commit());
  return charge;
}

Result<std::vector<ReceiptLine>> PaymentService::open_charges(const Actor& actor,
                                                              std::optional<core::Date> on) {
  if (!domain::role_has(actor.role, domain::Permission::kRegister)) {
    return errors::forbidden("charge.list");
  }
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
  HUJI_ASSIGN_OR_RETURN(auto charges,
                        tx->unpaid_charges(actor.office_code, on.value_or(clock_.today_taipei())));
  std::vector<ReceiptLine> out;
  out.reserve(charges.size());
  for (auto& c : charges) out.push_back(line_of(std::move(c)));
  return out;
}

Result<PaymentService::Checked> PaymentService::check(Transaction& tx, const Actor& actor,
                                                      const PaymentInput& in,
                                                      core::Date today) const {
  if (in.charges.empty() || in.charges.size() > kMaxCharges) {
    return Error::invalid("payment.charges", "請選擇要繳納的規費（1 至 100 筆）",
                          "choose the charges to pay (1 to 100)");
  }
  if (std::set<int64_t>(in.charges.begin(), in.charges.end()).size() != in.charges.size()) {
    return Error::invalid("payment.charges", "同一筆規費不得重複列出", "a charge is listed twice");
  }
  if (in.method != "cash" && in.method != "stored_value" && in.method != "transfer") {
    return Error::invalid("payment.method", "繳費方式須為現金、電子票證或轉帳",
                          "method must be cash, stored_value or transfer");
  }
  HUJI_TRY(check_counter(in.counter));
  if (in.method != "cash" && !printable_short(in.reference, 64)) {
    return Error::invalid("payment.reference",
                          "電子票證請填卡號末碼或交易序號，轉帳請填轉帳序號（1 至 64 字元）",
                          "give the card's last digits or transaction reference, or the "
                          "transfer's reference (1 to 64 characters)");
  }
  if (in.reference.size() > 64) {
    return Error::invalid("payment.reference", "參考號碼至多 64 字元",
                          "the reference is at most 64 characters");
  }
  if (in.payer.name.size() > 120) {
    return Error::invalid("payment.payer", "繳款人姓名過長", "the payer's name is too long");
  }
  if (!in.payer.email.empty() && !plausible_email(in.payer.email)) {
    return Error::invalid("payment.email", "電子郵件地址格式不正確",
                          "the e-mail address is not valid");
  }
  HUJI_ASSIGN_OR_RETURN(auto closed, tx.find_daily_close(actor.office_code, in.counter, today));
  if (closed) return counter_closed(in.counter, today);
  Checked out;
  for (int64_t id : in.charges) {
    HUJI_ASSIGN_OR_RETURN(auto c, tx.find_charge(id));
    if (!c || c->office_code != actor.office_code) {
      return Error::not_found("charge.not_found", "查無此規費：" + std::to_string(id),
                              "no such charge: " + std::to_string(id));
    }
    if (c->receipt_id != 0) {
      return Error::conflict("charge.paid", "此規費已繳納：" + std::to_string(id),
                             "this charge is paid already: " + std::to_string(id));
    }
    out.total += c->amount;
    out.lines.push_back(line_of(std::move(*c)));
  }
  if (in.method == "cash") {
    out.tendered = in.tendered.value_or(out.total);
    if (out.tendered < out.total || out.tendered > kMaxTendered) {
      return Error::invalid("payment.tendered", "收受金額不得少於應繳金額",
                            "the amount tendered is less than the total");
    }
    out.change = out.tendered - out.total;
  } else if (in.tendered && *in.tendered != out.total) {
    return Error::invalid("payment.tendered", "非現金繳費之金額須等於應繳金額",
                          "a non-cash payment is for the total exactly");
  }
  return out;
}

Result<PaymentPreview> PaymentService::preview(const Actor& actor, const PaymentInput& in) {
  if (!domain::role_has(actor.role, domain::Permission::kRegister)) {
    return errors::forbidden("payment.preview");
  }
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
  HUJI_ASSIGN_OR_RETURN(auto checked, check(*tx, actor, in, clock_.today_taipei()));
  return PaymentPreview{std::move(checked.lines), checked.total, checked.change};
}

Result<ReceiptView> PaymentService::view(Transaction& tx, ReceiptRecord r) const {
  ReceiptView v;
  HUJI_ASSIGN_OR_RETURN(auto charges, tx.charges_of_receipt(r.id));
  for (auto& c : charges) v.lines.push_back(line_of(std::move(c)));
  HUJI_ASSIGN_OR_RETURN(v.refunds, tx.refunds_of_receipt(r.id));
  for (const auto& f : v.refunds) v.refunded += f.amount;
  HUJI_ASSIGN_OR_RETURN(v.mail, tx.mail_of_receipt(r.id));
  HUJI_ASSIGN_OR_RETURN(auto doc, tx.find_issued_document(r.check_code));
  v.document_status = doc ? doc->status : "valid";
  v.receipt = std::move(r);
  return v;
}

Result<ReceiptView> PaymentService::pay(const Actor& actor, const RequestContext& ctx,
                                        const PaymentInput& in, const std::string& key) {
  if (!domain::role_has(actor.role, domain::Permission::kRegister)) {
    return errors::forbidden("payment.create");
  }
  HUJI_TRY(errors::check_idempotency_key(key));
  const std::string print = fingerprint(in);
  const core::Date today = clock_.today_taipei();
  const int64_t now = clock_.now_ms();
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto prior, tx->find_idempotency(actor.username, key));
  if (prior) {
    if (prior->operation != "payment.create" || prior->fingerprint != print) {
      return errors::idempotency_key_reused();
    }
    HUJI_ASSIGN_OR_RETURN(auto first, tx->find_receipt(prior->resource_id));
    if (!first) return receipt_not_found(prior->resource_id);
    return view(*tx, std::move(*first));
  }
  HUJI_ASSIGN_OR_RETURN(Checked checked, check(*tx, actor, in, today));

  ReceiptRecord r;
  r.office_code = actor.office_code;
  r.roc_year = today.roc_year();
  HUJI_ASSIGN_OR_RETURN(r.serial, tx->next_receipt_serial(r.office_code, r.roc_year));
  r.number = receipt_number(r.roc_year, r.serial);
  r.issued_on = today;
  r.counter = in.counter;
  r.method = in.method;
  r.amount = checked.total;
  r.tendered = checked.tendered;
  r.change = checked.change;
  r.reference = in.reference;
  r.payer_name = in.payer.name;
  r.payer_email = in.payer.email;
  r.issued_by = actor.username;
  r.issued_ms = now;

  // What the receipt prints is what its QR code signs.
  DocumentDraft draft{"receipt", actor.office_code, today, {}};
  draft.printed.push_back({"收據號碼", r.number});
  ReceiptPrint p;
  p.office_name = actor.office_name;
  p.number = r.number;
  p.issued_on = today.to_roc();
  p.issued_iso = today.to_iso();
  for (const auto& l : checked.lines) {
    p.lines.push_back({l.name_zh, l.charge.quantity, l.charge.amount, l.waiver_zh});
    draft.printed.push_back(
        {l.name_zh + " x" + std::to_string(l.charge.quantity),
         std::to_string(l.charge.amount) + (l.waiver_zh.empty() ? "" : "（" + l.waiver_zh + "）")});
  }
  p.total = r.amount;
  p.method = method_zh(r.method);
  p.tendered = r.tendered;
  p.change = r.change;
  p.reference = r.reference;
  p.counter = r.counter;
  p.clerk = actor.display_name.empty() ? actor.username : actor.display_name;
  p.payer_name = r.payer_name;
  draft.printed.push_back({"合計", std::to_string(r.amount)});
  draft.printed.push_back({"繳費方式", p.method});
  draft.printed.push_back({"櫃檯", r.counter});
  draft.printed.push_back({"經收人", p.clerk});
  const DocumentStamp stamp = signer_.stamp(draft);
  p.check_code_grouped = stamp.check_code_grouped;
  p.qr_text = stamp.qr_text;
  HUJI_ASSIGN_OR_RETURN(std::string pdf, renderer_.render(p));
  HUJI_ASSIGN_OR_RETURN(auto doc,
                        record_document(*tx, draft, stamp, std::move(pdf), actor.username, now));
  r.document_id = doc.id;
  r.check_code = doc.check_code;
  HUJI_ASSIGN_OR_RETURN(r.id, tx->insert_receipt(r));
  HUJI_TRY(tx->settle_charges(in.charges, r.id));
  if (!r.payer_email.empty()) {
    MailRecord m;
    m.receipt_id = r.id;
    m.to = r.payer_email;
    m.next_attempt_ms = now;
    m.created_ms = now;
    HUJI_ASSIGN_OR_RETURN(m.id, tx->insert_mail(m));
  }
  HUJI_TRY(tx->put_idempotency({actor.username, key, "payment.create", print, r.id, now}));
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx,
                        {"payment.create", "",
                         "收據 " + r.number + " " + r.method + " NT$" + std::to_string(r.amount) +
                             " 櫃檯 " + r.counter}));
  HUJI_ASSIGN_OR_RETURN(auto out, view(*tx, r));
  HUJI_TRY(tx->commit());
  if (!r.payer_email.empty() && on_mail_) on_mail_();
  return out;
}

Result<ReceiptView> PaymentService::receipt(const Actor& actor, int64_t id) {
  if (!domain::role_has(actor.role, domain::Permission::kRegister)) {
    return errors::forbidden("receipt.read");
  }
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
  HUJI_ASSIGN_OR_RETURN(auto r, tx->find_receipt(id));
  if (!r || r->office_code != actor.office_code) return receipt_not_found(id);
  return view(*tx, std::move(*r));
}

Result<std::string> PaymentService::receipt_pdf(const Actor& actor, int64_t id) {
  if (!domain::role_has(actor.role, domain::Permission::kRegister)) {
    return errors::forbidden("receipt.read");
  }
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
  HUJI_ASSIGN_OR_RETURN(auto r, tx->find_receipt(id));
  if (!r || r->office_code != actor.office_code) return receipt_not_found(id);
  HUJI_ASSIGN_OR_RETURN(auto pdf, tx->issued_document_pdf(r->document_id));
  if (!pdf) return receipt_not_found(id);
  return std::move(*pdf);
}

Result<std::vector<ReceiptView>> PaymentService::receipts_on(const Actor& actor,
                                                             std::optional<core::Date> on) {
  if (!domain::role_has(actor.role, domain::Permission::kRegister)) {
    return errors::forbidden("receipt.list");
  }
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
  HUJI_ASSIGN_OR_RETURN(auto rows,
                        tx->receipts_on(actor.office_code, on.value_or(clock_.today_taipei())));
  std::vector<ReceiptView> out;
  out.reserve(rows.size());
  for (auto& r : rows) {
    HUJI_ASSIGN_OR_RETURN(auto v, view(*tx, std::move(r)));
    out.push_back(std::move(v));
  }
  return out;
}

Result<ReceiptView> PaymentService::refund(const Actor& actor, const RequestContext& ctx,
                                           int64_t id, const RefundInput& in) {
  // A supervisor approves every refund by making it: money leaves the till only on their word.
  if (!domain::role_has(actor.role, domain::Permission::kReview)) {
    return errors::forbidden("refund.create");
  }
  if (in.reason.empty() || in.reason.size() > 600) {
    return Error::invalid("refund.reason", "請填寫退費原因（至多 200 字）",
                          "give the reason for the refund (at most 200 characters)");
  }
  const core::Date today = clock_.today_taipei();
  const int64_t now = clock_.now_ms();
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto r, tx->find_receipt(id));
  if (!r || r->office_code != actor.office_code) return receipt_not_found(id);
  HUJI_ASSIGN_OR_RETURN(auto before, view(*tx, *r));
  const int64_t left = r->amount - before.refunded;
  if (left <= 0) {
    return Error::conflict("refund.nothing_left", "此收據已無可退之金額",
                           "nothing is left to refund on this receipt");
  }
  const int64_t amount = in.amount.value_or(left);
  if (amount < 1 || amount > left) {
    return Error::invalid("refund.amount", "退費金額須為 1 至 " + std::to_string(left) + " 元",
                          "the refund must be 1 to " + std::to_string(left) + " NT$");
  }
  const std::string counter = in.counter.empty() ? r->counter : in.counter;
  HUJI_TRY(check_counter(counter));
  HUJI_ASSIGN_OR_RETURN(auto closed, tx->find_daily_close(actor.office_code, counter, today));
  if (closed) return counter_closed(counter, today);
  RefundRecord f;
  f.receipt_id = r->id;
  f.office_code = r->office_code;
  f.counter = counter;
  f.refunded_on = today;
  f.amount = amount;
  f.method = r->method;
  f.reason = in.reason;
  f.full = amount == left;
  f.requested_by = actor.username;
  f.approved_by = actor.username;
  f.refunded_ms = now;
  HUJI_ASSIGN_OR_RETURN(f.id, tx->insert_refund(f));
  if (f.full) {
    HUJI_TRY(tx->set_issued_document_status(r->document_id, "revoked", "退費：" + in.reason, now));
  }
  HUJI_TRY(append_audit(
      *tx, clock_, actor, ctx,
      {"refund.create", "",
       "收據 " + r->number + " 退費 NT$" + std::to_string(amount) + "：" + in.reason}));
  HUJI_ASSIGN_OR_RETURN(auto out, view(*tx, std::move(*r)));
  HUJI_TRY(tx->commit());
  return out;
}

Result<DailyCloseRecord> PaymentService::close(const Actor& actor, const RequestContext& ctx,
                                               const CloseInput& in) {
  if (!domain::role_has(actor.role, domain::Permission::kRegister)) {
    return errors::forbidden("close.create");
  }
  const core::Date today = clock_.today_taipei();
  core::Date date = today;
  if (!in.date.empty()) {
    HUJI_ASSIGN_OR_RETURN(date, core::Date::parse_iso(in.date));
  }
  if (date > today) {
    return Error::invalid("close.date", "不得日結未來的日期", "a day in the future cannot close");
  }
  HUJI_TRY(check_counter(in.counter));
  if (!in.cash_counted || *in.cash_counted < 0 || *in.cash_counted > 1'000'000'000) {
    return Error::invalid("close.cash_counted", "請填寫點收之現金金額（新臺幣元）",
                          "give the cash counted (whole NT$)");
  }
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto existing, tx->find_daily_close(actor.office_code, in.counter, date));
  if (existing) {
    return Error::conflict("close.exists", "櫃檯 " + in.counter + " 當日已日結",
                           "counter " + in.counter + " is closed for that day already");
  }
  HUJI_ASSIGN_OR_RETURN(auto receipts, tx->receipts_on(actor.office_code, date));
  HUJI_ASSIGN_OR_RETURN(auto refunds, tx->refunds_on(actor.office_code, date));
  const bool supervisor = domain::role_has(actor.role, domain::Permission::kReview);
  DailyCloseRecord c;
  c.office_code = actor.office_code;
  c.counter = in.counter;
  c.close_date = date;
  c.cash_counted = *in.cash_counted;
  std::vector<int64_t> serials;
  for (const auto& r : receipts) {
    serials.push_back(r.serial);
    if (r.counter != in.counter) continue;
    // A clerk closes their own counter: one whose receipts that day are all theirs.
    if (!supervisor && r.issued_by != actor.username) return errors::forbidden("close.create");
    ++c.receipts;
    if (c.first_number.empty()) c.first_number = r.number;
    c.last_number = r.number;
    if (r.method == "cash") c.cash_payments += r.amount;
    if (r.method == "stored_value") c.stored_value_total += r.amount;
    if (r.method == "transfer") c.transfer_total += r.amount;
  }
  for (const auto& f : refunds) {
    if (f.counter != in.counter) continue;
    c.refunds_total += f.amount;
    if (f.method == "cash") c.cash_refunds += f.amount;
  }
  c.cash_expected = c.cash_payments - c.cash_refunds;
  c.difference = c.cash_counted - c.cash_expected;
  const int roc_year = date.roc_year();
  HUJI_ASSIGN_OR_RETURN(int64_t last_before,
                        tx->last_serial_before(actor.office_code, roc_year, date));
  for (int64_t g : serial_gaps(last_before, serials)) {
    c.gaps += (c.gaps.empty() ? "" : ",") + receipt_number(roc_year, g);
  }
  for (const auto& r : receipts) {
    HUJI_ASSIGN_OR_RETURN(auto of, tx->refunds_of_receipt(r.id));
    if (std::any_of(of.begin(), of.end(), [](const RefundRecord& f) { return f.full; })) {
      c.voids += (c.voids.empty() ? "" : ",") + r.number;
    }
  }
  c.closed_by = actor.username;
  c.closed_ms = clock_.now_ms();
  HUJI_ASSIGN_OR_RETURN(c.id, tx->insert_daily_close(c));
  HUJI_TRY(
      append_audit(*tx, clock_, actor, ctx,
                   {"close.create", "",
                    "日結 " + date.to_iso() + " 櫃檯 " + c.counter + " 應有現金 " +
                        std::to_string(c.cash_expected) + " 點收 " +
                        std::to_string(c.cash_counted) + " 差額 " + std::to_string(c.difference)}));
  HUJI_TRY(tx->commit());
  return c;
}

Result<std::vector<DailyCloseRecord>> PaymentService::closes(const Actor& actor,
                                                             std::optional<core::Date> on) {
  if (!domain::role_has(actor.role, domain::Permission::kRegister)) {
    return errors::forbidden("close.list");
  }
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
  return tx->daily_closes_on(actor.office_code, on.value_or(clock_.today_taipei()));
}

}  // namespace huji::service
