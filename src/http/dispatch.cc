#include "http/dispatch.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <filesystem>
#include <random>
#include <stdexcept>

#include <spdlog/spdlog.h>
#include <asio/post.hpp>

#include "core/json_string.h"
#include "core/utf8.h"
#include "http/json_mapping.h"
#include "http/request_limits.h"
#include "service/errors.h"

namespace huji::http {

namespace {

using nlohmann::json;
using req_t = restinio::request_handle_t;
using status_t = restinio::request_handling_status_t;
using Clock = std::chrono::steady_clock;

// Replaces everything shaped like an ID number with asterisks, so that logs do not become a
// second, unaudited copy of who was looked up: every run of eight or more digits, with the
// one or two letters or digits before it (the national ID, A123456789, and both forms of the
// resident certificate number, AB12345678 and A812345678; in either case — a lookup
// upper-cases what it is given). The path is percent-decoded first (%41123456789 is a lookup
// of A123456789 all the same).
std::string mask_ids(std::string_view path) {
  std::string s = path.find('%') == std::string_view::npos
                      ? std::string(path)
                      : percent_decoded(path).value_or(std::string(path));
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  auto alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  for (size_t i = 0; i < s.size();) {
    size_t end = i;
    while (end < s.size() && digit(s[end])) ++end;
    if (end - i >= 8) {
      size_t begin = i;
      while (begin > 0 && i - begin < 2 && alnum(s[begin - 1])) --begin;
      std::fill(s.begin() + static_cast<long>(begin), s.begin() + static_cast<long>(end), '*');
    }
    i = end > i ? end : i + 1;
  }
  return s;
}

// JSON text of `j`; bytes that are not UTF-8 (a client's path, an exception's message)
// become U+FFFD instead of throwing — an answer or a log line must still leave.
std::string json_text(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

// The same for one string, without building a JSON value (every access log line has one).
std::string json_text(std::string_view s) {
  if (!core::utf8::is_valid(s)) return json_text(json(std::string(s)));
  return core::json_string(s);
}

std::string make_request_id() {
  static std::atomic<uint64_t> counter{0};
  static const uint32_t boot = std::random_device{}();
  char buf[32];
  std::snprintf(buf, sizeof buf, "%08x-%06llx", boot, static_cast<unsigned long long>(++counter));
  return buf;
}

// A request id from the client is kept when it is 1–64 letters, digits, '.', '-' or '_';
// anything else (control characters, spaces, quotes: it goes into logs, audit entries and the
// answer's header) is replaced by one we make.
bool well_formed_request_id(std::string_view id) {
  return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
}

std::string request_id_for(const req_t& req) {
  auto given = req->header().opt_value_of("X-Request-Id");
  if (given && well_formed_request_id(*given)) return std::string(*given);
  return make_request_id();
}

// The client's address: the TCP peer, or — when the peer is a trusted reverse proxy — the
// last address of X-Forwarded-For, the one that proxy appended.
std::string source_address(const req_t& req, const std::vector<std::string>& trusted_proxies) {
  std::string peer = req->remote_endpoint().address().to_string();
  if (std::find(trusted_proxies.begin(), trusted_proxies.end(), peer) == trusted_proxies.end()) {
    return peer;
  }
  const auto forwarded = req->header().opt_value_of("X-Forwarded-For");
  if (!forwarded) return peer;
  std::string_view last(*forwarded);
  if (const size_t comma = last.rfind(','); comma != std::string_view::npos) {
    last.remove_prefix(comma + 1);
  }
  while (!last.empty() && last.front() == ' ') last.remove_prefix(1);
  while (!last.empty() && last.back() == ' ') last.remove_suffix(1);
  return last.empty() || last.size() > 64 ? peer : std::string(last);
}

restinio::http_status_line_t status_line(int code) {
  switch (code) {
    case 200: return restinio::status_ok();
    case 201: return restinio::status_created();
    case 204: return restinio::status_no_content();
    case 400: return restinio::status_bad_request();
    case 401: return restinio::status_unauthorized();
    case 403: return restinio::status_forbidden();
    case 404: return restinio::status_not_found();
    case 409: return restinio::status_conflict();
    case 413: return restinio::status_payload_too_large();
    case 414: return restinio::status_uri_too_long();
    case 415: return restinio::status_unsupported_media_type();
    case 422: return restinio::status_unprocessable_entity();
    case 423: return restinio::status_locked();
    case 429: return restinio::status_too_many_requests();
    case 431: return restinio::status_request_header_fields_too_large();
    case 503: return restinio::status_service_unavailable();
    default: return restinio::status_internal_server_error();
  }
}

std::optional<Method> method_of(const req_t& req) {
  const auto m = req->header().method();
  if (m == restinio::http_method_get()) return Method::kGet;
  if (m == restinio::http_method_post()) return Method::kPost;
  if (m == restinio::http_method_put()) return Method::kPut;
  if (m == restinio::http_method_patch()) return Method::kPatch;
  if (m == restinio::http_method_delete()) return Method::kDelete;
  return std::nullopt;
}

core::Error uri_too_long() {
  return core::Error::uri_too_long("http.uri_too_long", "網址過長（上限 8 KiB）",
                                   "the request's URL is too long (limit 8 KiB)");
}

core::Error headers_too_large() {
  return core::Error::invalid(
      std::string(kHeadersTooLarge), "請求標頭過多或過長（上限 100 個、每個 8 KiB、合計 32 KiB）",
      "too many or too long header fields (limits: 100 fields, 8 KiB each, 32 KiB in all)");
}

core::Error body_too_large(size_t limit) {
  return core::Error::too_large(
      "http.body_too_large", "請求內容過大（上限 " + std::to_string(limit / 1024) + " KiB）",
      "request body too large (limit " + std::to_string(limit / 1024) + " KiB)");
}

core::Error no_such_endpoint() {
  return core::Error::not_found("http.not_found", "查無此網址或方法", "no such endpoint or method");
}

// A request's target and header fields against the dispatcher's limits (request_limits.h):
// the error to answer, or nothing. `each_field_size` calls what it is given with the size of
// each field (name and value).
template <typename Fields>
std::optional<core::Error> check_head(std::string_view target, size_t field_count,
                                      const Fields& each_field_size) {
  if (target.size() > limits::kMaxTarget) return uri_too_long();
  size_t total = 0;
  bool field_too_long = false;
  each_field_size([&](size_t n) {
    field_too_long = field_too_long || n > limits::kMaxHeaderField;
    total += n;
  });
  if (field_count > limits::kMaxHeaderFields || field_too_long || total > limits::kMaxHeaderBytes) {
    return headers_too_large();
  }
  return std::nullopt;
}

std::optional<core::Error> check_head(const restinio::http_request_header_t& h) {
  return check_head(h.request_target(), h.fields_count(), [&h](const auto& add) {
    for (const auto& f : h) add(f.name().size() + f.value().size());
  });
}

std::optional<core::Error> check_head(const SeenHead& h) {
  return check_head(h.target(), h.field_count(), [&h](const auto& add) {
    for (size_t i = 0; i < h.field_count(); ++i) add(h.name(i).size() + h.value(i).size());
  });
}

core::Error internal_error(const service::RequestContext& ctx, const std::exception& ex) {
  spdlog::error(R"({{"request_id":"{}","event":"exception","what":{}}})", ctx.request_id,
                json_text(std::string_view(ex.what())));
  return core::Error::internal("internal",
                               "系統內部錯誤，請洽系統管理員並告知請求編號 " + ctx.request_id,
                               "internal error; report request id " + ctx.request_id);
}

// The headers every answer carries, API and static alike: no MIME sniffing, no framing
// (clickjacking), and no Referer sent anywhere — the front end's URLs may name a person
// (/persons/A123456789), and nothing in huji reads a Referer, so `no-referrer` rather than
// `same-origin`. `csp` is the answer's Content-Security-Policy.
template <typename Response>
void security_headers(Response& resp, const char* csp) {
  resp.append_header("X-Content-Type-Options", "nosniff");
  resp.append_header("Referrer-Policy", "no-referrer");
  resp.append_header("X-Frame-Options", "DENY");
  resp.append_header("Content-Security-Policy", csp);
}

// API answers are data, never a document to render (OWASP's REST headers).
constexpr const char* kApiCsp = "default-src 'none'; frame-ancestors 'none'";
// The front end: its own scripts and styles, images also inline (data:), never framed.
constexpr const char* kAppCsp =
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "frame-ancestors 'none'";

// What the access log names a request by, when not by its own method and path (a refusal's
// stand-in is logged as the request it stands in for).
struct LoggedAs {
  std::string_view method;
  std::string_view path;
};

// Sends `answer` (or its error) with the headers every answer carries, and logs it.
status_t send(const req_t& req, const std::string& request_id, Answer answer, Clock::time_point t0,
              std::optional<LoggedAs> logged_as = std::nullopt) {
  const bool failed = !answer.ok();
  const int64_t retry_after_s = failed ? answer.error().retry_after_s : 0;
  Response out = failed ? Response{http_status(answer.error()), error_json(answer.error()), {}, {}}
                        : std::move(answer).value();
  auto resp = req->create_response(status_line(out.status));
  resp.append_header("X-Request-Id", request_id);
  resp.append_header("Cache-Control", "no-store");
  security_headers(resp, kApiCsp);
  if (retry_after_s > 0) resp.append_header("Retry-After", std::to_string(retry_after_s));
  if (out.raw) {
    resp.append_header(restinio::http_field::content_type, out.raw->first);
    resp.set_body(std::move(out.raw->second));
  } else if (out.status != 204) {
    resp.append_header(restinio::http_field::content_type, "application/json; charset=utf-8");
    resp.set_body(out.json_text ? std::move(*out.json_text) : json_text(out.body));
  }
  const auto us = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - t0).count();
  const auto level = out.status >= 500 ? spdlog::level::err : spdlog::level::info;
  if (spdlog::should_log(level)) {
    // A path is whatever bytes the client sent: json_text logs invalid UTF-8 replaced.
    const LoggedAs as =
        logged_as.value_or(LoggedAs{req->header().method().c_str(), req->header().path()});
    spdlog::log(level, R"({{"request_id":"{}","method":{},"path":{},"status":{},"us":{}{}}})",
                request_id, json_text(as.method), json_text(std::string_view(mask_ids(as.path))),
                out.status, us, failed ? ",\"error\":" + json_text(out.body["error"]["code"]) : "");
  }
  return resp.done();
}

}  // namespace

// One request on its way through a route: what the handler reads, and whether it has been
// answered (a deferred handler answers once, possibly on another thread).
struct Dispatcher::Exchange {
  req_t req;
  PathParams params;
  RequestData data;
  service::RequestContext ctx;
  Clock::time_point t0 = Clock::now();
  std::atomic<bool> answered{false};
};

namespace {

std::string random_prefix() {
  std::random_device rd;
  char buf[64];
  std::snprintf(buf, sizeof buf, "/.refused-%08x%08x%08x%08x/", rd(), rd(), rd(), rd());
  return buf;
}

// The path of a request's target (before its query or fragment).
std::string_view path_of(std::string_view target) {
  return target.substr(0, target.find_first_of("?#"));
}

std::optional<Method> method_named(std::string_view m) {
  for (size_t i = 0; i < kMethodCount; ++i) {
    if (method_name(static_cast<Method>(i)) == m) return static_cast<Method>(i);
  }
  return std::nullopt;
}

}  // namespace

Dispatcher::Dispatcher(const ServerConfig& config, Services& services)
    : config_(config),
      s_(services),
      routes_(api_routes(config, services)),
      refused_prefix_(random_prefix()),
      displays_(services.queue ? std::make_unique<DisplaySockets>(*services.queue) : nullptr),
      workers_(std::max<size_t>(config.threads, 1)) {}

std::optional<std::string> Dispatcher::refuse(const SeenHead& head) const {
  const auto request_id = head.find("X-Request-Id");
  auto refusal = [&](int status, size_t limit = 0) {
    return stand_in(status, limit, head.method(), head.target(), request_id);
  };
  if (auto refused = check_head(head)) return refusal(http_status(*refused));
  // Without a body there is nothing to keep out of memory: dispatch() decides as before.
  if (!head.chunked() && head.content_length().value_or(0) == 0) return std::nullopt;
  const auto method = method_named(head.method());
  auto found = method ? routes_.router().find(*method, path_of(head.target())) : std::nullopt;
  if (!found) return refusal(404);
  const Routes::Route& route = *found->handler;
  if (!route.anonymous && bearer_of(head.find("Authorization").value_or("")).empty()) {
    return refusal(401);
  }
  if (head.content_length().value_or(0) > route.body_limit) return refusal(413, route.body_limit);
  return std::nullopt;
}

std::string Dispatcher::malformed(http_errno error) const {
  return stand_in(error == HPE_HEADER_OVERFLOW ? 431 : 400, 0, "", "", std::nullopt);
}

// The stand-in: a GET of refused_prefix_<status>/<limit>, closing the connection, with the
// client's request id when well-formed and, for the access log, the method and path refused
// (the gate's http_parser let neither carry a line break).
std::string Dispatcher::stand_in(int status, size_t limit, std::string_view method,
                                 std::string_view target,
                                 std::optional<std::string_view> request_id) const {
  std::string s = "GET " + refused_prefix_ + std::to_string(status) + "/" + std::to_string(limit) +
                  " HTTP/1.1\r\nConnection: close\r\n";
  if (request_id && well_formed_request_id(*request_id)) {
    s.append("X-Request-Id: ").append(*request_id).append("\r\n");
  }
  const std::string_view path = path_of(target);
  if (!method.empty() && path.size() <= limits::kMaxTarget) {
    s.append("X-Huji-Refused: ").append(method).append(" ").append(path).append("\r\n");
  }
  s.append("\r\n");
  return s;
}

status_t Dispatcher::answer_refused(const req_t& req) {
  // Answered from the I/O context, not from within this call: RESTinio 0.6.16 may read this
  // request right after finishing the previous answer's write, and an answer with
  // Connection: close given inline there breaks its assertion that nothing closed the
  // connection meanwhile (connection.hpp, init_write_if_necessary).
  if (io_) {
    asio::post(*io_, [this, req] {
      try {
        (void)answer_refused_now(req);
      } catch (const std::exception& ex) {  // nothing may escape a handler of the I/O context
        spdlog::error(R"({{"event":"refusal_exception","what":{}}})",
                      json_text(std::string_view(ex.what())));
      }
    });
    return restinio::request_accepted();
  }
  return answer_refused_now(req);
}

status_t Dispatcher::answer_refused_now(const req_t& req) {
  const std::string_view rest = req->header().path().substr(refused_prefix_.size());
  int status = 400;
  size_t limit = 0;
  const auto slash = rest.find('/');
  std::from_chars(rest.data(), rest.data() + std::min(slash, rest.size()), status);
  if (slash != std::string_view::npos) {
    std::from_chars(rest.data() + slash + 1, rest.data() + rest.size(), limit);
  }
  const core::Error error = [&] {
    switch (status) {
      case 401: return service::errors::unauthenticated();
      case 404: return no_such_endpoint();
      case 413: return body_too_large(limit);
      case 414: return uri_too_long();
      case 431: return headers_too_large();
      default:
        return core::Error::invalid("http.bad_request", "請求格式錯誤（不是有效的 HTTP 請求）",
                                    "malformed HTTP request");
    }
  }();
  const std::string_view refused = req->header().opt_value_of("X-Huji-Refused").value_or("");
  const auto space = refused.find(' ');
  const LoggedAs as{
      refused.substr(0, std::min(space, refused.size())),
      space == std::string_view::npos ? std::string_view() : refused.substr(space + 1)};
  return send(req, request_id_for(req), error, Clock::now(), as);
}

size_t Dispatcher::body_limit() const { return routes_.largest_body_limit() + (size_t{1} << 20); }

void Dispatcher::refuse_new_work() {
  std::unique_lock lock(admit_);
  stopping_ = true;
  if (displays_) displays_->close_all();
}

void Dispatcher::join_workers() {
  std::call_once(joined_, [this] { workers_.join(); });
}

status_t Dispatcher::operator()(const req_t& req) {
  try {
    return dispatch(req);
  } catch (const std::exception& ex) {
    spdlog::error(R"({{"event":"dispatch_exception","what":{}}})",
                  json_text(std::string_view(ex.what())));
    return restinio::request_rejected();
  } catch (...) {
    spdlog::error(R"({"event":"dispatch_exception"})");
    return restinio::request_rejected();
  }
}

status_t Dispatcher::dispatch(const req_t& req) {
  if (req->header().path().starts_with(refused_prefix_)) return answer_refused(req);
  // The request's head is bounded before any work (request_limits.h).
  if (auto refused = check_head(req->header())) return answer_now(req, *refused);
  if (displays_ && DisplaySockets::wanted(req)) {
    return displays_->upgrade(req, [&](const core::Error& e) { return answer_now(req, e); });
  }
  const auto method = method_of(req);
  auto found = method ? routes_.router().find(*method, req->header().path()) : std::nullopt;
  if (!found) return not_matched(req);
  const Routes::Route& route = *found->handler;
  // A body for a route that needs a token is not looked at without one. The gate (refuse())
  // has refused every request announcing one already; this is the same rule for whatever
  // reaches here all the same.
  if (!route.anonymous && !req->body().empty() &&
      bearer_of(req->header().opt_value_of(restinio::http_field::authorization).value_or(""))
          .empty()) {
    return answer_now(req, service::errors::unauthenticated());
  }
  if (req->body().size() > route.body_limit) {  // a chunked body: refused here, not queued
    return answer_now(req, body_too_large(route.body_limit));
  }
  auto ex = std::make_shared<Exchange>();
  ex->req = req;
  ex->params = std::move(found->params);
  const auto& h = req->header();
  ex->data = RequestData{h.query(), req->body(),
                         h.opt_value_of(restinio::http_field::authorization).value_or(""),
                         h.opt_value_of("Idempotency-Key").value_or(""),
                         h.opt_value_of(restinio::http_field::content_type).value_or("")};
  ex->ctx.request_id = request_id_for(req);
  ex->ctx.source_address = source_address(req, config_.trusted_proxies);
  const bool here =
      route.run == Run::kIoThread || (route.run == Run::kLocalReads && s_.store.reads_are_local());
  if (!here) {
    return to_workers(req, [this, &route, ex] { (void)run(route, ex); });
  }
  if (route.run == Run::kIoThread) return run(route, ex);
  // Reads on this thread whose answer waits for an audit entry: admitted like a worker's.
  std::shared_lock admitting(admit_);
  if (stopping_) return busy(req);
  return run(route, ex);
}

status_t Dispatcher::run(const Routes::Route& route, const std::shared_ptr<Exchange>& ex) {
  Request request(ex->data, ex->params, s_.auth, ex->ctx);
  Respond respond = [ex](Answer answer) {
    if (!ex->answered.exchange(true))
      (void)send(ex->req, ex->ctx.request_id, std::move(answer), ex->t0);
  };
  try {
    route.handle(request, respond);
  } catch (const std::exception& e) {
    respond(internal_error(ex->ctx, e));
  } catch (...) {
    respond(internal_error(ex->ctx, std::runtime_error("unknown exception")));
  }
  return restinio::request_accepted();
}

// A handler that may wait — for its write's group commit above all, or on the writer lock —
// runs on the worker pool (config.threads), so that the few I/O threads go on reading
// requests and answering lookups meanwhile; the answer leaves from the worker. Answers 503
// server.busy instead when too many requests are already waiting, when the server is
// stopping, or — without running `work` — when the request waited so long that RESTinio's own
// timeout (handle_request_timeout, 30 s) is near and its client may be gone: a write is then
// not made that nobody would be told about.
template <typename W>
status_t Dispatcher::to_workers(const req_t& req, W work) {
  static constexpr int kMaxQueued = 4096;
  static constexpr std::chrono::seconds kMaxQueueWait{10};
  std::shared_lock admitting(admit_);
  if (stopping_) return busy(req);
  if (queued_.fetch_add(1) >= kMaxQueued) {
    --queued_;
    return busy(req);
  }
  const auto posted = Clock::now();
  struct Unqueue {  // should post() throw, the slot is given back
    std::atomic<int>* n;
    ~Unqueue() {
      if (n) --*n;
    }
  } unqueue{&queued_};
  asio::post(workers_, [this, req, work = std::move(work), posted]() mutable {
    --queued_;
    // Nothing may escape a worker: asio would end the process.
    try {
      if (Clock::now() - posted > kMaxQueueWait) {
        (void)busy(req);
      } else {
        work();
      }
    } catch (const std::exception& ex) {
      spdlog::error(R"({{"event":"worker_exception","what":{}}})",
                    json_text(std::string_view(ex.what())));
    } catch (...) {
      spdlog::error(R"({"event":"worker_exception"})");
    }
  });
  unqueue.n = nullptr;
  return restinio::request_accepted();
}

status_t Dispatcher::answer_now(const req_t& req, const core::Error& error) {
  return send(req, request_id_for(req), error, Clock::now());
}

status_t Dispatcher::busy(const req_t& req) {
  return answer_now(req, core::Error::unavailable("server.busy", "伺服器忙碌中，請稍後再試",
                                                  "the server is busy, try again"));
}

status_t Dispatcher::not_matched(const req_t& req) {
  const std::string path(req->header().path());
  if (path.rfind("/api/", 0) == 0 || config_.web_root.empty() ||
      req->header().method() != restinio::http_method_get()) {
    return answer_now(req, no_such_endpoint());
  }
  return serve_static(req, path);
}

namespace {

const char* content_type(const std::filesystem::path& p) {
  const std::string ext = p.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".json") return "application/json";
  if (ext == ".woff2") return "font/woff2";
  return "application/octet-stream";
}

}  // namespace

// Serves web/dist; unknown paths get index.html (the app routes on the client), the public
// pages their own HTML.
status_t Dispatcher::serve_static(const req_t& req, const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path root = fs::weakly_canonical(config_.web_root, ec);
  if (ec)
    return answer_now(req, core::Error::not_found("http.not_found", "查無此檔案", "no such file"));
  // The public pages (no login) are pages of their own: /verify is web/verify.html (document
  // checks), /kiosk the lobby's ticket kiosk, /display the lobby display, /book the citizens'
  // appointment booking (issue 20).
  std::string wanted = path;
  for (const char* page : {"/verify", "/kiosk", "/display", "/book"}) {
    if (path == page || path == std::string(page) + "/") wanted = std::string(page) + ".html";
  }
  fs::path file = fs::weakly_canonical(root / fs::path(wanted).relative_path(), ec);
  // Inside the root by whole components: /x/dist-old is not inside /x/dist.
  const bool inside =
      !ec && std::mismatch(root.begin(), root.end(), file.begin(), file.end()).first == root.end();
  if (!inside || !fs::is_regular_file(file, ec)) {
    file = root / "index.html";
  }
  if (!fs::is_regular_file(file, ec)) {
    auto resp = req->create_response(restinio::status_not_found());
    security_headers(resp, kApiCsp);
    return resp.append_header(restinio::http_field::content_type, "text/plain; charset=utf-8")
        .set_body("web front end not built; run scripts/build.sh\n")
        .done();
  }
  const bool immutable = path.rfind("/assets/", 0) == 0;
  auto resp = req->create_response();
  security_headers(resp, kAppCsp);
  return resp.append_header(restinio::http_field::content_type, content_type(file))
      .append_header("Cache-Control",
                     immutable ? "public, max-age=31536000, immutable" : "no-cache")
      .set_body(restinio::sendfile(file.string()))
      .done();
}

}  // namespace huji::http
