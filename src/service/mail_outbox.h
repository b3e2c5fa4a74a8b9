#ifndef HUJI_SERVICE_MAIL_OUTBOX_H_
#define HUJI_SERVICE_MAIL_OUTBOX_H_

// The receipts' e-mail outbox: a payment that asks for its receipt by e-mail writes a row in
// table mail_outbox in its own transaction (payment_service.h), so an acknowledged request is
// never lost; this worker sends the due rows after the commit, each with the receipt's PDF
// attached, through a MailTransport (SMTP: mail/smtp_transport.h). A failed attempt is retried
// with a doubling delay (kFirstRetry … kMaxRetry); after kMaxAttempts the row is "failed"
// with its last error, which the receipt shows (email_status).
//
// Several servers on one database may run a worker each: a row is claimed (its next attempt
// moved to a lease) before it is sent, so two workers do not send it together; a worker that
// dies mid-send leaves the row to be retried when the lease ends.
//
// Threading: one background thread, started by start(), stopped by stop() or the destructor;
// wake() (any thread) makes it look for due rows now.

#include <chrono>
#include <cstdint>
#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "service/polling_thread.h"
#include "service/store.h"

namespace huji::service {

struct MailMessage {
  std::string to;
  std::string subject;
  std::string text;  // the body, plain UTF-8
  std::string attachment_name;
  std::string attachment;  // bytes (application/pdf)
};

class MailTransport {
 public:
  virtual ~MailTransport() = default;
  // Hands the message to the server; an error's message_en is kept as the row's last error.
  virtual core::Status send(const MailMessage& m) = 0;
};

class MailOutbox {
 public:
  static constexpr int kMaxAttempts = 8;
  static constexpr int64_t kFirstRetryMs = 2'000;
  static constexpr int64_t kMaxRetryMs = 600'000;
  static constexpr int64_t kLeaseMs = 120'000;  // longer than any send takes

  MailOutbox(Store& store, const core::Clock& clock, MailTransport& transport,
             std::chrono::milliseconds poll = std::chrono::seconds(5));
  ~MailOutbox();
  MailOutbox(const MailOutbox&) = delete;
  MailOutbox& operator=(const MailOutbox&) = delete;

  void start();
  void stop();
  void wake();
  // Sends what is due now, once (the thread's pass; tests call it directly). Returns how many
  // rows it sent.
  core::Result<int> send_due();

 private:
  core::Status attempt(const MailRecord& due);

  Store& store_;
  const core::Clock& clock_;
  MailTransport& transport_;
  PollingThread thread_;
};

// The delay before attempt `attempts` + 1, after `attempts` failed ones.
int64_t mail_retry_delay_ms(int attempts);

}  // namespace huji::service

#endif  // HUJI_SERVICE_MAIL_OUTBOX_H_
