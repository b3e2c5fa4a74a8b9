#include "mail/smtp_transport.h"

#include <curl/curl.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <utility>

#include "mail/curl_list.h"

namespace huji::mail {

namespace {

std::string base64(const std::string& in) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  for (size_t i = 0; i < in.size(); i += 3) {
    uint32_t n = static_cast<uint8_t>(in[i]) << 16;
    if (i + 1 < in.size()) n |= static_cast<uint8_t>(in[i + 1]) << 8;
    if (i + 2 < in.size()) n |= static_cast<uint8_t>(in[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < in.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += i + 2 < in.size() ? kAlphabet[n & 63] : '=';
  }
  return out;
}

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct MimeDeleter {
  void operator()(curl_mime* m) const { curl_mime_free(m); }
};
core::Error send_failed(const std::string& why) {
  return core::Error::unavailable("mail.send", "無法寄出電子郵件：" + why,
                                  "cannot send the e-mail: " + why);
}

// An address with no character that could end or add a header or an SMTP command.
bool safe_address(const std::string& a) {
  return !a.empty() && std::none_of(a.begin(), a.end(), [](char c) {
    return c == '\r' || c == '\n' || c == '<' || c == '>' || c == ',' || c == ' ';
  });
}

}  // namespace

std::string encode_header(const std::string& value) {
  const bool ascii = std::all_of(value.begin(), value.end(), [](char c) {
    return static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7f;
  });
  return ascii ? value : "=?UTF-8?B?" + base64(value) + "?=";
}

SmtpTransport::SmtpTransport(SmtpSettings settings) : settings_(std::move(settings)) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

core::Status SmtpTransport::send(const service::MailMessage& m) {
  if (!safe_address(m.to) || !safe_address(settings_.from)) {
    return send_failed("bad address");
  }
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return send_failed("curl_easy_init");
  CURL* c = curl.get();
  CurlList rcpt;
  append(rcpt, "<" + m.to + ">");
  CurlList headers;
  append(headers, "From: " + settings_.from);
  append(headers, "To: " + m.to);
  append(headers, "Subject: " + encode_header(m.subject));
  append(headers, "MIME-Version: 1.0");

  std::unique_ptr<curl_mime, MimeDeleter> mime(curl_mime_init(c));
  curl_mimepart* text = curl_mime_addpart(mime.get());
  curl_mime_data(text, m.text.data(), m.text.size());
  curl_mime_type(text, "text/plain; charset=UTF-8");
  curl_mime_encoder(text, "base64");
  if (!m.attachment.empty()) {
    curl_mimepart* pdf = curl_mime_addpart(mime.get());
    curl_mime_data(pdf, m.attachment.data(), m.attachment.size());
    curl_mime_type(pdf, "application/pdf");
    curl_mime_filename(pdf, m.attachment_name.c_str());
    curl_mime_encoder(pdf, "base64");
  }

  curl_easy_setopt(c, CURLOPT_URL, settings_.url.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, ("<" + settings_.from + ">").c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt.get());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_MIMEPOST, mime.get());
  curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, settings_.timeout_s);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  char error[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  const CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK) {
    return send_failed(error[0] != '\0' ? std::string(error) : curl_easy_strerror(rc));
  }
  return {};
}

}  // namespace huji::mail
