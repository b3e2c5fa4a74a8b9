#include "notify/webhook_transport.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "service/webhook_signature.h"

namespace huji::notify {
namespace {

// A minimal HTTP/1.1 server on 127.0.0.1: answers each request with respond(head, body) on
// connections kept open, and counts the connections.
class TinyServer {
 public:
  using Responder = std::function<std::string(const std::string&, const std::string&)>;
  explicit TinyServer(Responder respond) : respond_(std::move(respond)) {
    listen_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    EXPECT_EQ(::bind(listen_, reinterpret_cast<sockaddr*>(&addr), len), 0);
    EXPECT_EQ(::listen(listen_, 8), 0);
    ::getsockname(listen_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    acceptor_ = std::thread([this] {
      for (;;) {
        const int fd = ::accept(listen_, nullptr, nullptr);
        if (fd < 0) return;
        ++connections;
        std::lock_guard lock(mu_);
        clients_.push_back(fd);
        threads_.emplace_back([this, fd] { serve(fd); });
      }
    });
  }
  ~TinyServer() {
    ::shutdown(listen_, SHUT_RDWR);
    ::close(listen_);
    acceptor_.join();
    std::lock_guard lock(mu_);
    for (int fd : clients_) ::shutdown(fd, SHUT_RDWR);
    for (auto& t : threads_) t.join();
    for (int fd : clients_) ::close(fd);
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }

  std::atomic<int> connections{0};
  std::vector<std::pair<std::string, std::string>> requests;  // head, body

 private:
  void serve(int fd) {
    std::string buf;
    char chunk[4096];
    for (;;) {
      size_t end;
      while ((end = buf.find("\r\n\r\n")) == std::string::npos) {
        const ssize_t n = ::read(fd, chunk, sizeof chunk);
        if (n <= 0) return;
        buf.append(chunk, static_cast<size_t>(n));
      }
      std::string head = buf.substr(0, end);
      size_t length = 0;
      std::string lower = head;
      for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (auto at = lower.find("content-length:"); at != std::string::npos) {
        length = std::stoul(lower.substr(at + 15));
      }
      while (buf.size() < end + 4 + length) {
        const ssize_t n = ::read(fd, chunk, sizeof chunk);
        if (n <= 0) return;
        buf.append(chunk, static_cast<size_t>(n));
      }
      std::string body = buf.substr(end + 4, length);
      buf.erase(0, end + 4 + length);
      std::string reply;
      {
        std::lock_guard lock(mu_);
        requests.emplace_back(head, body);
        reply = respond_(head, body);
      }
      if (::write(fd, reply.data(), reply.size()) < 0) return;
    }
  }

  Responder respond_;
  int listen_ = -1;
  uint16_t port_ = 0;
  std::thread acceptor_;
  std::mutex mu_;
  std::vector<int> clients_;
  std::vector<std::thread> threads_;
};

std::string reply(int status, const std::string& extra, const std::string& body) {
  return "HTTP/1.1 " + std::to_string(status) +
         " X\r\ncontent-length: " + std::to_string(body.size()) + "\r\n" + extra + "\r\n" + body;
}

service::OutgoingMessage message(const std::string& payload) {
  const std::string secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  const int64_t ts = 1'764'900'000;
  return {"msg_1_tax_registration", ts,
          service::webhook::signature_header(secret, "", "", "msg_1_tax_registration", ts, payload)
              .value(),
          payload};
}

TEST(WebhookTransport, PostsThePayloadWithTheStandardWebhooksHeadersOnOneConnection) {
  TinyServer server([](const std::string&, const std::string&) {
    return reply(200, "webhook-receipt: v1,receipt-signature\r\n", "ok");
  });
  WebhookTransport transport;
  const std::string payload = R"({"type":"registration.birth","data":{"name":"王小明"}})";
  const auto m = message(payload);
  const auto first = transport.post(server.url(), m);
  const auto second = transport.post(server.url(), m);
  EXPECT_EQ(first.http_status, 200) << first.error;
  EXPECT_EQ(second.http_status, 200) << second.error;
  EXPECT_EQ(first.body, "ok");
  EXPECT_EQ(first.receipt, "v1,receipt-signature");
  EXPECT_EQ(server.connections.load(), 1);  // kept alive
  ASSERT_EQ(server.requests.size(), 2u);
  const auto& [head, body] = server.requests[0];
  EXPECT_EQ(body, payload);
  EXPECT_EQ(head.rfind("POST /hook HTTP/1.1", 0), 0u);
  EXPECT_NE(head.find("content-type: application/json"), std::string::npos);
  EXPECT_NE(head.find("webhook-id: msg_1_tax_registration"), std::string::npos);
  EXPECT_NE(head.find("webhook-timestamp: 1764900000"), std::string::npos);
  EXPECT_NE(head.find("webhook-signature: " + m.signature), std::string::npos);
}

TEST(WebhookTransport, ReadsRetryAfterAndKeepsTwoKilobytesOfTheAnswer) {
  TinyServer server([](const std::string&, const std::string&) {
    return reply(503, "Retry-After: 120\r\n", std::string(5000, 'x'));
  });
  WebhookTransport transport;
  const auto a = transport.post(server.url(), message("{}"));
  EXPECT_EQ(a.http_status, 503);
  EXPECT_EQ(a.retry_after_s, 120);
  EXPECT_EQ(a.body.size(), service::NotificationTransport::kMaxResponseBytes);
  EXPECT_FALSE(a.delivered());
}

TEST(WebhookTransport, NoServerIsNoAnswer) {
  uint16_t port = 0;
  {
    TinyServer gone([](const std::string&, const std::string&) { return std::string(); });
    port = static_cast<uint16_t>(std::stoi(gone.url().substr(17)));
  }
  WebhookTransport transport;
  const auto a =
      transport.post("http://127.0.0.1:" + std::to_string(port) + "/hook", message("{}"));
  EXPECT_EQ(a.http_status, 0);
  EXPECT_FALSE(a.error.empty());
}

TEST(WebhookTransport, OnlyHttpAndHttpsAreSpoken) {
  WebhookTransport transport;
  const auto a = transport.post("file:///etc/passwd", message("{}"));
  EXPECT_EQ(a.http_status, 0);
  EXPECT_TRUE(a.body.empty());
}

TEST(RetryAfter, SecondsOrAnHttpDate) {
  EXPECT_EQ(retry_after_seconds("120", 0), 120);
  EXPECT_EQ(retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", 1'445'412'400), 80);
  EXPECT_EQ(retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", 1'445'412'600), 0);
  EXPECT_FALSE(retry_after_seconds("soon", 0).has_value());
  EXPECT_FALSE(retry_after_seconds("", 0).has_value());
}

}  // namespace
}  // namespace huji::notify
