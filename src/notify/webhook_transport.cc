#include "notify/webhook_transport.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <string_view>

#include "mail/curl_list.h"

namespace huji::notify {

namespace {

// What the callbacks collect of one exchange.
struct Exchange {
  std::string body;
  std::string retry_after;
  std::string receipt;
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* e = static_cast<Exchange*>(user);
  const size_t n = size * count;
  const size_t room = service::NotificationTransport::kMaxResponseBytes - e->body.size();
  e->body.append(data, std::min(n, room));
  return n;  // the rest is read and dropped
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* e = static_cast<Exchange*>(user);
  const size_t n = size * count;
  const std::string_view line(data, n);
  if (line.rfind("HTTP/", 0) == 0) {  // a new response (after a 100 Continue): start over
    e->retry_after.clear();
    e->receipt.clear();
    return n;
  }
  const size_t colon = line.find(':');
  if (colon == std::string_view::npos) return n;
  std::string name(trim(line.substr(0, colon)));
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const std::string_view value = trim(line.substr(colon + 1));
  if (name == "retry-after") e->retry_after = value;
  if (name == "webhook-receipt") {
    e->receipt = value.substr(0, service::NotificationTransport::kMaxResponseBytes);
  }
  return n;
}

}  // namespace

std::optional<int64_t> retry_after_seconds(const std::string& value, int64_t now_s) {
  if (value.empty()) return std::nullopt;
  if (std::all_of(value.begin(), value.end(), [](unsigned char c) { return std::isdigit(c); })) {
    if (value.size() > 9) return int64_t{999'999'999};
    return std::stoll(value);
  }
  const time_t at = curl_getdate(value.c_str(), nullptr);
  if (at < 0) return std::nullopt;
  return std::max<int64_t>(0, static_cast<int64_t>(at) - now_s);
}

WebhookTransport::WebhookTransport(WebhookSettings settings) : settings_(settings) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

WebhookTransport::~WebhookTransport() {
  for (void* c : idle_) curl_easy_cleanup(static_cast<CURL*>(c));
}

void* WebhookTransport::take() {
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      void* c = idle_.back();
      idle_.pop_back();
      return c;
    }
  }
  return curl_easy_init();
}

void WebhookTransport::give(void* curl) {
  std::lock_guard lock(mu_);
  idle_.push_back(curl);
}

service::DeliveryAnswer WebhookTransport::post(const std::string& url,
                                               const service::OutgoingMessage& m) {
  service::DeliveryAnswer answer;
  auto* curl = static_cast<CURL*>(take());
  if (curl == nullptr) {
    answer.error = "cannot start libcurl";
    return answer;
  }
  // A reset handle keeps its open connections.
  curl_easy_reset(curl);
  mail::CurlList headers;
  mail::append(headers, "content-type: application/json");
  mail::append(headers, "webhook-id: " + m.message_id);
  mail::append(headers, "webhook-timestamp: " + std::to_string(m.timestamp_s));
  mail::append(headers, "webhook-signature: " + m.signature);
  mail::append(headers, "user-agent: huji-notify/1");
  mail::append(headers, "Expect:");  // no 100-continue round trip for larger bodies
  Exchange exchange;
  char errbuf[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, settings_.connect_timeout_ms);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, settings_.timeout_ms);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(curl, CURLOPT_POST, 1L);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, m.payload.data());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(m.payload.size()));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &exchange);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &exchange);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
  const CURLcode rc = curl_easy_perform(curl);
  if (rc != CURLE_OK) {
    answer.error = errbuf[0] != '\0' ? errbuf : curl_easy_strerror(rc);
  } else {
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    answer.http_status = static_cast<int>(status);
    answer.body = std::move(exchange.body);
    answer.receipt = std::move(exchange.receipt);
    answer.retry_after_s = retry_after_seconds(exchange.retry_after, std::time(nullptr));
  }
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);
  give(curl);
  return answer;
}

}  // namespace huji::notify
