#include "service/mail_outbox.h"

#include <algorithm>
#include <utility>

namespace huji::service {

int64_t mail_retry_delay_ms(int attempts) {
  int64_t delay = MailOutbox::kFirstRetryMs;
  for (int i = 1; i < attempts && delay < MailOutbox::kMaxRetryMs; ++i) delay *= 2;
  return std::min(delay, MailOutbox::kMaxRetryMs);
}

MailOutbox::MailOutbox(Store& store, const core::Clock& clock, MailTransport& transport,
                       std::chrono::milliseconds poll)
    : store_(store),
      clock_(clock),
      transport_(transport),
      thread_(poll, [this] { (void)send_due(); }) {}

MailOutbox::~MailOutbox() { stop(); }

void MailOutbox::start() { thread_.start(); }

void MailOutbox::stop() { thread_.stop(); }

void MailOutbox::wake() { thread_.wake(); }

core::Result<int> MailOutbox::send_due() {
  std::vector<MailRecord> due;
  {
    HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
    HUJI_ASSIGN_OR_RETURN(due, tx->due_mail(clock_.now_ms(), 20));
  }
  int sent = 0;
  for (const auto& m : due) {
    {
      HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
      HUJI_ASSIGN_OR_RETURN(bool mine,
                            tx->claim_mail(m.id, m.next_attempt_ms, clock_.now_ms() + kLeaseMs));
      HUJI_TRY(tx->commit());
      if (!mine) continue;
    }
    if (attempt(m).ok()) ++sent;
  }
  return sent;
}

core::Status MailOutbox::attempt(const MailRecord& due) {
  MailMessage msg;
  msg.to = due.to;
  std::string number;
  {
    HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
    HUJI_ASSIGN_OR_RETURN(auto r, tx->find_receipt(due.receipt_id));
    if (r) {
      number = r->number;
      HUJI_ASSIGN_OR_RETURN(auto pdf, tx->issued_document_pdf(r->document_id));
      if (pdf) msg.attachment = std::move(*pdf);
      msg.text = "您好：\r\n\r\n附件為您於 " + r->issued_on.to_roc() + " 繳納規費之收據（" +
                 r->number + "，新臺幣 " + std::to_string(r->amount) +
                 " 元）。收據上之檢查碼可於本所網站驗證。\r\n\r\nAttached is the receipt " +
                 r->number + " for the fees you paid on " + r->issued_on.to_iso() + " (NT$" +
                 std::to_string(r->amount) + ").\r\n";
    }
  }
  MailRecord next = due;
  ++next.attempts;
  core::Status sent =
      core::Error::internal("mail.no_receipt", "收據不存在", "the receipt is missing");
  if (!number.empty()) {
    msg.subject = "規費收據 Receipt " + number;
    msg.attachment_name = "receipt-" + number + ".pdf";
    sent = transport_.send(msg);
  }
  const int64_t now = clock_.now_ms();
  if (sent.ok()) {
    next.status = "sent";
    next.last_error.clear();
    next.sent_ms = now;
  } else {
    next.last_error = sent.error().message_en;
    if (next.attempts >= kMaxAttempts) {
      next.status = "failed";
    } else {
      next.next_attempt_ms = now + mail_retry_delay_ms(next.attempts);
    }
  }
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_TRY(tx->update_mail(next));
  HUJI_TRY(tx->commit());
  return sent;
}

}  // namespace huji::service
