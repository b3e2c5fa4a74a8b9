// huji agency-sim: a receiving agency for tests and for an agency's integrator. It listens for
// Standard Webhooks deliveries (POST, any path), checks each one's signature and timestamp
// (401 otherwise), and writes every accepted message once, by its webhook-id, as one JSON line
// to --out, made durable (fdatasync) before it answers 2xx. A message delivered again (the
// sender never saw the answer) is answered 2xx so the sender stops, not written again, and
// noted in --out.duplicates with whether its body was byte-identical. At start it reads --out
// back, so a simulator killed with -9 and restarted still writes each id once.
//
// Faults for tests: --fail-rate answers a random status of --fail-status (500, 502, 429) before
// writing anything, --delay-ms waits before handling each request, --down-for-s refuses
// connections for its first seconds, --answer-status answers every signed request with a fixed
// status. With --receipt-key each 2xx carries a signed receipt (header webhook-receipt).
// GET /stats tells this process's counts.

#include <fcntl.h>
#include <unistd.h>

#include <asio/steady_timer.hpp>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <restinio/all.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "cli/command.h"
#include "service/crypto.h"
#include "service/webhook_signature.h"

namespace huji::cli {

namespace {

struct AgencySimOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 0;
  std::vector<std::string> secrets;      // whsec_ (v1); several while the sender rotates
  std::vector<std::string> public_keys;  // whpk_ (v1a)
  std::string out;
  double fail_rate = 0;
  std::vector<int> fail_statuses = {500, 502, 429};
  int delay_ms = 0;
  int down_for_s = 0;
  int64_t tolerance_s = 300;  // Standard Webhooks: reject timestamps further off than this
  int answer_status = 0;      // 0: answer as a receiver does
  int retry_after_s = 1;      // Retry-After of an injected 429
  std::string receipt_key;    // whsk_: sign a receipt header (webhook-receipt) per 2xx
  uint64_t seed = 0;          // 0: a random seed
  size_t threads = 4;
};

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

core::Error file_error(const std::string& path, const std::string& what) {
  return core::Error::unavailable("agency_sim.file", "無法寫入或讀取 " + path,
                                  what + " " + path + ": " + std::strerror(errno));
}

// The accepted messages in --out, one JSON line per webhook-id. REQUIRES nothing: accept() and
// the counts lock.
class MessageLog {
 public:
  enum class Outcome { kWritten, kDuplicate };

  // Opens (or creates) the file and reads back the ids it holds. A last line without its
  // newline (the machine stopped mid-write, never acknowledged) is cut off.
  static core::Result<std::unique_ptr<MessageLog>> open(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0) return file_error(path, "cannot open");
    auto log = std::unique_ptr<MessageLog>(new MessageLog(path, fd));
    std::string text;
    char buf[1 << 16];
    for (ssize_t n; (n = ::pread(fd, buf, sizeof buf, static_cast<off_t>(text.size()))) != 0;) {
      if (n < 0) return file_error(path, "cannot read");
      text.append(buf, static_cast<size_t>(n));
    }
    size_t start = 0;
    for (size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
      const auto line =
          nlohmann::json::parse(text.begin() + static_cast<ptrdiff_t>(start),
                                text.begin() + static_cast<ptrdiff_t>(end), nullptr, false);
      if (!line.is_object() || !line.contains("id") || !line["id"].is_string()) {
        return core::Error::invalid(
            "agency_sim.file_format",
            path + " 第 " + std::to_string(log->digests_.size() + 1) + " 行不是模擬機關寫的訊息",
            path + " has a line that is not a message this simulator wrote");
      }
      log->digests_[line["id"].get<std::string>()] = line.value("body_sha256", "");
    }
    if (start < text.size()) {
      if (::ftruncate(fd, static_cast<off_t>(start)) != 0) return file_error(path, "cannot cut");
      std::cerr << "huji agency-sim: cut an unfinished last line off " << path << "\n";
    }
    return log;
  }

  ~MessageLog() {
    ::close(fd_);
    if (duplicates_fd_ >= 0) ::close(duplicates_fd_);
  }
  MessageLog(const MessageLog&) = delete;
  MessageLog& operator=(const MessageLog&) = delete;

  // Writes the message (its body's SHA-256 hex `digest`) unless its id is in the file already;
  // durable when this returns.
  core::Result<Outcome> accept(const std::string& id, int64_t timestamp_s, const std::string& path,
                               const std::string& body, const std::string& digest,
                               int64_t received) {
    std::lock_guard lock(mu_);
    if (const auto seen = digests_.find(id); seen != digests_.end()) {
      ++duplicates_;
      const nlohmann::json note = {
          {"id", id}, {"received_ms", received}, {"same_body", seen->second == digest}};
      append(duplicates_fd(), note.dump() + "\n");
      return Outcome::kDuplicate;
    }
    nlohmann::json line = {{"id", id},
                           {"timestamp", timestamp_s},
                           {"received_ms", received},
                           {"path", path},
                           {"body_sha256", digest}};
    auto parsed = nlohmann::json::parse(body, nullptr, false);
    if (parsed.is_discarded()) {
      line["body_text"] = body;
    } else {
      line["body"] = std::move(parsed);
    }
    if (!append(fd_, line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n") ||
        ::fdatasync(fd_) != 0) {
      return file_error(path_, "cannot write");
    }
    digests_.emplace(id, digest);
    return Outcome::kWritten;
  }

  nlohmann::json counts() {
    std::lock_guard lock(mu_);
    return {{"messages", digests_.size()}, {"duplicates", duplicates_}};
  }

 private:
  MessageLog(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}

  static bool append(int fd, const std::string& text) {
    for (size_t done = 0; done < text.size();) {
      const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      done += static_cast<size_t>(n);
    }
    return true;
  }

  // --out.duplicates, opened with the first duplicate (not synced: a note for the tests).
  int duplicates_fd() {
    if (duplicates_fd_ < 0) {
      duplicates_fd_ =
          ::open((path_ + ".duplicates").c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    }
    return duplicates_fd_;
  }

  const std::string path_;
  const int fd_;
  int duplicates_fd_ = -1;
  std::mutex mu_;
  std::unordered_map<std::string, std::string> digests_;  // webhook-id → SHA-256 of the body
  uint64_t duplicates_ = 0;
};

using Request = restinio::request_handle_t;

void answer(const Request& req, int status, const nlohmann::json& body,
            const std::string& retry_after = "", const std::string& receipt = "") {
  auto response = req->create_response(restinio::http_status_line_t{
      restinio::http_status_code_t{static_cast<uint16_t>(status)}, status < 300 ? "OK" : "Error"});
  response.append_header(restinio::http_field::content_type, "application/json");
  if (!retry_after.empty()) response.append_header(restinio::http_field::retry_after, retry_after);
  if (!receipt.empty()) response.append_header("webhook-receipt", receipt);
  response.set_body(body.dump()).done();
}

void refuse(const Request& req, const std::string& code, const std::string& zh,
            const std::string& en) {
  answer(req, 401, {{"error", {{"code", code}, {"message_zh", zh}, {"message_en", en}}}});
}

// Handles each request on the server's I/O threads.
class Simulator {
 public:
  Simulator(const AgencySimOptions& o, MessageLog& log, asio::io_context& io)
      : o_(o),
        keys_{o.secrets, o.public_keys},
        log_(log),
        io_(io),
        random_(o.seed ? o.seed : std::random_device{}()) {}

  restinio::request_handling_status_t handle(const Request& req) {
    if (req->header().method() == restinio::http_method_get() && req->header().path() == "/stats") {
      auto counts = log_.counts();
      std::lock_guard lock(mu_);
      counts["rejected"] = rejected_;
      counts["failed"] = failed_;
      answer(req, 200, counts);
      return restinio::request_accepted();
    }
    if (req->header().method() != restinio::http_method_post()) {
      answer(req, 405, {{"error", {{"code", "agency_sim.method"}}}});
      return restinio::request_accepted();
    }
    if (o_.delay_ms <= 0) {
      receive(req);
      return restinio::request_accepted();
    }
    auto timer = std::make_shared<asio::steady_timer>(io_, std::chrono::milliseconds(o_.delay_ms));
    timer->async_wait([this, req, timer](const asio::error_code&) { receive(req); });
    return restinio::request_accepted();
  }

 private:
  void receive(const Request& req) {
    const auto& h = req->header();
    const std::string id = h.get_field_or("webhook-id", "");
    const std::string timestamp = h.get_field_or("webhook-timestamp", "");
    const std::string signature = h.get_field_or("webhook-signature", "");
    if (id.empty() || timestamp.empty() || signature.empty()) {
      count_rejected();
      return refuse(req, "webhook.headers_missing",
                    "缺少 webhook-id、webhook-timestamp 或 webhook-signature",
                    "webhook-id, webhook-timestamp or webhook-signature is missing");
    }
    int64_t ts = 0;
    try {
      size_t used = 0;
      ts = std::stoll(timestamp, &used);
      if (used != timestamp.size()) throw std::invalid_argument(timestamp);
    } catch (const std::exception&) {
      count_rejected();
      return refuse(req, "webhook.timestamp_invalid", "webhook-timestamp 不是秒數",
                    "webhook-timestamp is not a number of seconds");
    }
    if (std::abs(now_ms() / 1000 - ts) > o_.tolerance_s) {
      count_rejected();
      return refuse(
          req, "webhook.timestamp_tolerance", "webhook-timestamp 超出容許範圍",
          "webhook-timestamp is outside the tolerance of " + std::to_string(o_.tolerance_s) + " s");
    }
    if (!service::webhook::verify(keys_, id, ts, req->body(), signature)) {
      count_rejected();
      return refuse(req, "webhook.signature_invalid", "簽章不符",
                    "no signature matches the configured secrets or public keys");
    }
    if (o_.answer_status) return answer(req, o_.answer_status, {{"id", id}});
    if (const int status = injected_failure()) {
      return answer(req, status, {{"error", {{"code", "agency_sim.injected"}}}},
                    status == 429 ? std::to_string(o_.retry_after_s) : "");
    }
    const std::string digest = service::sha256_hex(req->body());
    const int64_t received = now_ms();
    auto outcome = log_.accept(id, ts, std::string{h.path()}, req->body(), digest, received);
    if (!outcome.ok()) {
      std::cerr << "huji agency-sim: " << outcome.error().message_en << "\n";
      return answer(req, 500, {{"error", {{"code", outcome.error().code}}}});
    }
    answer(req, 200, {{"id", id}, {"duplicate", *outcome == MessageLog::Outcome::kDuplicate}}, "",
           receipt(id, received, digest));
  }

  // The signed receipt (--receipt-key): "t=<received_ms> sha256=<body's SHA-256 hex>
  // v1a,<Ed25519 signature of <webhook-id>.<received_ms>.<SHA-256 hex>>"; "" without a key.
  std::string receipt(const std::string& id, int64_t received, const std::string& digest) const {
    if (o_.receipt_key.empty()) return "";
    auto signature = service::webhook::sign_v1a(o_.receipt_key, id, received, digest);
    if (!signature.ok()) return "";
    return "t=" + std::to_string(received) + " sha256=" + digest + " " + *signature;
  }

  // A status of --fail-status with probability --fail-rate, else 0.
  int injected_failure() {
    if (o_.fail_rate <= 0 || o_.fail_statuses.empty()) return 0;
    std::lock_guard lock(mu_);
    if (std::uniform_real_distribution<double>(0, 1)(random_) >= o_.fail_rate) return 0;
    ++failed_;
    return o_.fail_statuses[std::uniform_int_distribution<size_t>(
        0, o_.fail_statuses.size() - 1)(random_)];
  }

  void count_rejected() {
    std::lock_guard lock(mu_);
    ++rejected_;
  }

  const AgencySimOptions& o_;
  const service::webhook::VerifyKeys keys_;
  MessageLog& log_;
  asio::io_context& io_;
  std::mutex mu_;  // guards what follows
  std::mt19937_64 random_;
  uint64_t rejected_ = 0;
  uint64_t failed_ = 0;
};

core::Result<bool> check_keys(const AgencySimOptions& o) {
  if (o.secrets.empty() && o.public_keys.empty()) {
    return core::Error::invalid("agency_sim.keys", "請給 --secret 或 --public-key",
                                "give --secret (whsec_…) or --public-key (whpk_…)");
  }
  for (const auto& s : o.secrets) {
    if (!service::webhook::sign_v1(s, "check", 0, "").ok()) {
      return core::Error::invalid("agency_sim.secret", "--secret 須為 whsec_ 形式",
                                  "--secret must be whsec_<base64>: " + s);
    }
  }
  if (!o.receipt_key.empty() && !service::webhook::public_key_of(o.receipt_key).ok()) {
    return core::Error::invalid("agency_sim.receipt_key", "--receipt-key 須為 whsk_ 形式",
                                "--receipt-key must be whsk_<base64 of 64 bytes>");
  }
  for (const auto& k : o.public_keys) {
    auto raw = service::webhook::unbase64(k.starts_with("whpk_") ? k.substr(5) : "");
    if (!raw.ok() || raw->size() != 32) {
      return core::Error::invalid("agency_sim.public_key", "--public-key 須為 whpk_ 形式",
                                  "--public-key must be whpk_<base64 of 32 bytes>: " + k);
    }
  }
  return true;
}

// Traits: the default (a thread pool, no RESTinio log on stdout).
using Traits = restinio::default_traits_t;

int run_agency_sim(const AgencySimOptions& o) {
  if (auto keys = check_keys(o); !keys.ok()) return fail(keys.error());
  auto log = MessageLog::open(o.out);
  if (!log.ok()) return fail(log.error());
  std::cerr << "huji agency-sim: " << (*log)->counts()["messages"] << " messages already in "
            << o.out << "\n";
  // Down: connections are refused (nothing listens) until the time is up.
  if (o.down_for_s > 0) std::this_thread::sleep_for(std::chrono::seconds(o.down_for_s));

  restinio::impl::ioctx_on_thread_pool_t<restinio::impl::own_io_context_for_thread_pool_t> pool(
      std::max<size_t>(o.threads, 1));
  Simulator sim(o, **log, pool.io_context());
  uint16_t bound_port = 0;
  restinio::http_server_t<Traits> server(
      restinio::external_io_context(pool.io_context()),
      restinio::on_thread_pool<Traits>(std::max<size_t>(o.threads, 1))
          .address(o.host)
          .port(o.port)
          .request_handler([&sim](const Request& req) { return sim.handle(req); })
          .acceptor_post_bind_hook([&bound_port](asio::ip::tcp::acceptor& a) {
            bound_port = a.local_endpoint().port();
          }));
  std::exception_ptr caught;
  // Announced once the acceptor listens, in `huji serve`'s words (tests read the port).
  server.open_async(
      [&] {
        std::cout << "huji agency-sim listening on http://" << o.host << ":" << bound_port << "/"
                  << std::endl;
      },
      [&](std::exception_ptr ex) {
        caught = std::move(ex);
        pool.stop();
      });
  pool.start();
  pool.wait();
  if (caught) {
    try {
      std::rethrow_exception(caught);
    } catch (const std::exception& ex) {
      return fail(core::Error::unavailable("agency_sim.listen", "無法監聽",
                                           std::string("cannot listen: ") + ex.what()));
    }
  }
  return 0;
}

}  // namespace

Command add_agency_sim_command(CLI::App& app) {
  auto o = std::make_shared<AgencySimOptions>();
  auto* cmd =
      app.add_subcommand("agency-sim",
                         "a receiving agency for tests: verifies Standard Webhooks deliveries and "
                         "writes each message once to a file");
  cmd->add_option("--host", o->host, "listen address")->capture_default_str();
  cmd->add_option("--port", o->port, "listen port (0: any free port)")->capture_default_str();
  cmd->add_option("--secret", o->secrets,
                  "whsec_ secret whose v1 signatures are accepted (repeat while rotating)");
  cmd->add_option("--public-key", o->public_keys,
                  "whpk_ public key whose v1a signatures are accepted (repeatable)");
  cmd->add_option("--out", o->out, "the file of accepted messages, one JSON line each")->required();
  cmd->add_option("--fail-rate", o->fail_rate,
                  "probability of answering a --fail-status instead of accepting")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--fail-status", o->fail_statuses, "the statuses of injected failures")
      ->delimiter(',')
      ->capture_default_str();
  cmd->add_option("--delay-ms", o->delay_ms, "wait before handling each request")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--down-for-s", o->down_for_s, "refuse connections for the first seconds")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--tolerance-s", o->tolerance_s,
                  "reject webhook-timestamps further than this from now")
      ->capture_default_str();
  cmd->add_option("--answer-status", o->answer_status,
                  "answer every correctly signed request with this status (nothing written)")
      ->check(CLI::Range(100, 599));
  cmd->add_option("--retry-after-s", o->retry_after_s, "the Retry-After of an injected 429")
      ->capture_default_str();
  cmd->add_option("--receipt-key", o->receipt_key,
                  "whsk_ key that signs a receipt (header webhook-receipt) with each 2xx");
  cmd->add_option("--seed", o->seed, "seed of the injected failures (0: random)");
  cmd->add_option("--threads", o->threads, "I/O threads")->capture_default_str();
  return {cmd, [o](CommandContext&) { return run_agency_sim(*o); }, false};
}

}  // namespace huji::cli
