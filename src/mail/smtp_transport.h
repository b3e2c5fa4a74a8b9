#ifndef HUJI_MAIL_SMTP_TRANSPORT_H_
#define HUJI_MAIL_SMTP_TRANSPORT_H_

// Receipts e-mailed through the office's SMTP server (`huji serve --smtp URL --smtp-from
// ADDR`), with libcurl: a MIME message (RFC 2045–2047; UTF-8 subject and body) with the PDF
// attached in base64. The URL is smtp://host:port (STARTTLS when the server offers it) or
// smtps://host:port (TLS from the start); user:password@ in it logs in.
// Thread-safe: each send() uses its own curl handle.

#include <string>

#include "service/mail_outbox.h"

namespace huji::mail {

struct SmtpSettings {
  std::string url;   // smtp://127.0.0.1:2525
  std::string from;  // the sender's address (receipts@office.example)
  long timeout_s = 30;
};

class SmtpTransport : public service::MailTransport {
 public:
  explicit SmtpTransport(SmtpSettings settings);
  core::Status send(const service::MailMessage& m) override;

 private:
  SmtpSettings settings_;
};

// "=?UTF-8?B?…?=" for a header value that is not plain ASCII, else the value itself.
std::string encode_header(const std::string& value);

}  // namespace huji::mail

#endif  // HUJI_MAIL_SMTP_TRANSPORT_H_
