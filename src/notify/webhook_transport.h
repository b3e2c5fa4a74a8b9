#ifndef HUJI_NOTIFY_WEBHOOK_TRANSPORT_H_
#define HUJI_NOTIFY_WEBHOOK_TRANSPORT_H_

// A notification POSTed to an agency's webhook (Standard Webhooks): the stored payload byte
// for byte as application/json with the headers webhook-id, webhook-timestamp and
// webhook-signature. The answer's status, body (its first 2 KiB), Retry-After and the
// receiver's signed receipt (header webhook-receipt) come back to the worker.
//
// Connections are kept alive between posts: the curl handles (each with its connection
// cache) are pooled. Only http and https; redirects are not followed (a 3xx is a failed
// attempt). Thread-safe.

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "service/notification_worker.h"

namespace huji::notify {

struct WebhookSettings {
  long connect_timeout_ms = 5'000;
  long timeout_ms = 15'000;  // the whole exchange
};

class WebhookTransport {
 public:
  explicit WebhookTransport(WebhookSettings settings = {});
  ~WebhookTransport();
  WebhookTransport(const WebhookTransport&) = delete;
  WebhookTransport& operator=(const WebhookTransport&) = delete;

  service::DeliveryAnswer post(const std::string& url, const service::OutgoingMessage& m);

 private:
  void* take();           // a pooled handle (CURL*), or a new one
  void give(void* curl);  // back to the pool

  WebhookSettings settings_;
  std::mutex mu_;
  std::vector<void*> idle_;
};

// The seconds a Retry-After value asks for: delay-seconds, or an HTTP date from `now_s` on;
// nullopt when it is neither.
std::optional<int64_t> retry_after_seconds(const std::string& value, int64_t now_s);

}  // namespace huji::notify

#endif  // HUJI_NOTIFY_WEBHOOK_TRANSPORT_H_
