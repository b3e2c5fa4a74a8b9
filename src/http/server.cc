#include "http/server.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <random>
#include <thread>
#include <asio/post.hpp>
#include <asio/steady_timer.hpp>
#include <asio/thread_pool.hpp>
#include <restinio/all.hpp>
#include <spdlog/spdlog.h>

#include "core/address.h"
#include "core/id_number.h"
#include "core/json_string.h"
#include "core/utf8.h"
#include "http/json_mapping.h"
#include "service/audit_queue.h"

namespace huji::http {

namespace {

using nlohmann::json;
using router_t = restinio::router::express_router_t<>;
using req_t = restinio::request_handle_t;
using status_t = restinio::request_handling_status_t;
using Params = restinio::router::route_params_t;

// RESTinio's express router tries every route's std::regex in turn, which cost a tenth of a
// lookup's CPU. This keeps that router, with every route, as the authority, and in front of it
// one small router per first segment after /api/v1/ ("persons", "registrations", ...) holding
// only that segment's routes: a request usually meets one or two regexes. A request its group
// does not match, or whose path the groups do not know, goes to the complete router, so the
// answer is always the one the complete router gives.
class RouteTable {
 public:
  using handler_t = router_t::actual_request_handler_t;
  using non_matched_t = router_t::non_matched_handler_t;

  void http_get(std::string_view route, handler_t h) { add(restinio::http_method_get(), route, h); }
  void http_post(std::string_view route, handler_t h) {
    add(restinio::http_method_post(), route, h);
  }
  void non_matched_request_handler(non_matched_t h) {
    all_.non_matched_request_handler(std::move(h));
  }

  status_t operator()(req_t req) const {
    if (auto it = groups_.find(group_of(req->header().path())); it != groups_.end()) {
      return (*it->second)(std::move(req));
    }
    return all_(std::move(req));
  }

 private:
  // The segment after "/api/v1/" up to the next '/', or "" for any other path.
  static std::string_view group_of(std::string_view path) {
    constexpr std::string_view kApi = "/api/v1/";
    if (path.substr(0, kApi.size()) != kApi) return {};
    path.remove_prefix(kApi.size());
    return path.substr(0, path.find('/'));
  }

  template <typename Method>
  void add(Method method, std::string_view route, const handler_t& h) {
    all_.add_handler(method, route, h);
    const std::string_view group = group_of(route);
    if (group.empty() || group.find_first_of(":()*?") != std::string_view::npos) return;
    auto& g = groups_[std::string(group)];
    if (!g) {
      g = std::make_unique<router_t>();
      g->non_matched_request_handler([this](req_t req) { return all_(std::move(req)); });
    }
    g->add_handler(method, route, h);
  }

  router_t all_;
  std::map<std::string, std::unique_ptr<router_t>, std::less<>> groups_;
};

struct Traits : public restinio::default_traits_t {
  using request_handler_t = RouteTable;
};

core::Error bad_request(std::string code, std::string zh, std::string en) {
  return core::Error::make(core::ErrorKind::kInvalidArgument, std::move(code), std::move(zh),
                           std::move(en));
}

// Replaces anything shaped like an ID number in a path with a masked form, so that logs do
// not become a second, unaudited copy of who was looked up.
std::string mask_ids(std::string s) {
  for (size_t i = 0; i + 10 <= s.size(); ++i) {
    if (std::isupper(static_cast<unsigned char>(s[i])) &&
        std::all_of(s.begin() + static_cast<long>(i) + 2, s.begin() + static_cast<long>(i) + 10,
                    [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
      for (size_t k = i + 6; k < i + 10; ++k) s[k] = '*';
      i += 9;
    }
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
  std::snprintf(buf, sizeof buf, "%08x-%06llx", boot,
                static_cast<unsigned long long>(++counter));
  return buf;
}

// A request id from the client is kept when it is short and plain; otherwise we make one.
std::string request_id_for(const req_t& req) {
  auto given = req->header().opt_value_of("X-Request-Id");
  if (given && !given->empty() && given->size() <= 64 &&
      std::all_of(given->begin(), given->end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
      })) {
    return std::string(*given);
  }
  return make_request_id();
}

restinio::http_status_line_t status_line(core::ErrorKind kind) {
  switch (http_status(kind)) {
    case 400: return restinio::status_bad_request();
    case 401: return restinio::status_unauthorized();
    case 403: return restinio::status_forbidden();
    case 404: return restinio::status_not_found();
    case 409: return restinio::status_conflict();
    case 413: return restinio::status_payload_too_large();
    case 422: return restinio::status_unprocessable_entity();
    case 423: return restinio::status_locked();
    case 503: return restinio::status_service_unavailable();
    default: return restinio::status_internal_server_error();
  }
}

class Api {
 public:
  Api(const ServerConfig& config, Services& s)
      : config_(config), s_(s), workers_(std::max<size_t>(config.threads, 1)) {}

  // From now on requests for the worker pool are refused (503): the server is stopping.
  // Waits for requests being admitted right now (see admit_), so that everything admitted is
  // seen by the shutdown's join and drain.
  void refuse_new_work() {
    std::unique_lock lock(admit_);
    stopping_ = true;
  }
  // Returns once every handler handed to the worker pool has finished (idempotent).
  void join_workers() {
    std::call_once(joined_, [this] { workers_.join(); });
  }

  std::unique_ptr<RouteTable> routes();

 private:
  // What a handler produces: a JSON body with a status, or an error.
  struct Reply {
    service::RequestContext ctx;
    restinio::http_status_line_t status = restinio::status_ok();
    json body;
    bool failed = false;
    std::optional<std::pair<std::string, std::string>> raw;  // (content type, bytes)
    std::optional<std::string> serialized;  // the JSON body already written, instead of `body`
    void fail(const core::Error& e) {
      failed = true;
      status = status_line(e.kind);
      body = error_json(e);
      serialized.reset();
    }
  };

  static core::Error internal_error(const service::RequestContext& ctx, const std::exception& ex) {
    spdlog::error(R"({{"request_id":"{}","event":"exception","what":{}}})", ctx.request_id,
                  json_text(std::string_view(ex.what())));
    return core::Error::make(core::ErrorKind::kInternal, "internal",
                             "系統內部錯誤，請洽系統管理者並告知請求編號 " + ctx.request_id,
                             "internal error; report request id " + ctx.request_id);
  }

  // A handler that may wait — for its write's group commit above all, or on the writer lock —
  // runs on the worker pool (config.threads), so that the few I/O threads go on reading
  // requests and answering lookups meanwhile; the answer leaves from the worker.
  template <typename F>
  auto wrap(F f, size_t body_limit = 0) {
    return [this, f = std::move(f), body_limit](req_t req, auto params) -> status_t {
      // An oversized body is refused here (413), not held in the queue.
      if (req->body().size() > limit_for(body_limit)) {
        return handle(f, body_limit, req, params);
      }
      return to_workers(std::move(req), [this, f, body_limit, params = std::move(params)](
                                            const req_t& r) { (void)handle(f, body_limit, r, params); });
    };
  }

  // Hands `work` (which answers the request) to the worker pool. Answers 503 server.busy
  // instead when too many requests are already waiting, when the server is stopping, or —
  // without running `work` — when the request waited so long that RESTinio's own timeout
  // (handle_request_timeout, 30 s) is near and its client may be gone: a write is then not
  // made that nobody would be told about.
  static constexpr int kMaxQueued = 4096;
  static constexpr std::chrono::seconds kMaxQueueWait{10};

  template <typename W>
  status_t to_workers(req_t req, W work) {
    std::shared_lock admitting(admit_);
    if (stopping_) return busy(req);
    if (queued_.fetch_add(1) >= kMaxQueued) {
      --queued_;
      return busy(req);
    }
    const auto posted = std::chrono::steady_clock::now();
    struct Unqueue {  // should post() throw, the slot is given back
      std::atomic<int>* n;
      ~Unqueue() { if (n) --*n; }
    } unqueue{&queued_};
    asio::post(workers_, [this, req = std::move(req), work = std::move(work), posted]() mutable {
      --queued_;
      // Nothing may escape a worker: asio would end the process.
      try {
        if (std::chrono::steady_clock::now() - posted > kMaxQueueWait) {
          (void)busy(req);
        } else {
          work(req);
        }
      } catch (const std::exception& ex) {
        spdlog::error(R"({{"event":"worker_exception","what":{}}})",
                      json_text(std::string_view(ex.what())));
      } catch (...) {
        spdlog::error(R"({{"event":"worker_exception"}})");
      }
    });
    unqueue.n = nullptr;
    return restinio::request_accepted();
  }

  // Answers `error` now, before any handler ran.
  status_t answer_error(const req_t& req, const core::Error& error) {
    Reply out;
    out.ctx.request_id = request_id_for(req);
    out.fail(error);
    return send(req, out, std::chrono::steady_clock::now());
  }

  status_t busy(const req_t& req) {
    return answer_error(req, core::Error::make(core::ErrorKind::kUnavailable, "server.busy",
                                               "伺服器忙碌中，請稍後再試",
                                               "the server is busy, try again"));
  }

  // Pure computation, no store: answered on the I/O thread, no hand-over.
  template <typename F>
  auto wrap_inline(F f) {
    return [this, f = std::move(f)](req_t req, auto params) -> status_t {
      return handle(f, 0, req, params);
    };
  }

  // A route's body limit: its own, or the JSON default.
  size_t limit_for(size_t body_limit) const {
    return body_limit ? body_limit : config_.max_json_body;
  }

  template <typename F, typename P>
  status_t handle(const F& f, size_t body_limit, const req_t& req, const P& params) {
    const size_t limit = limit_for(body_limit);
    const auto t0 = std::chrono::steady_clock::now();
    Reply out;
    out.ctx.request_id = request_id_for(req);
    try {
      if (req->body().size() > limit) {
        out.fail(core::Error::make(core::ErrorKind::kPayloadTooLarge, "http.body_too_large",
                                   "請求內容過大（上限 " + std::to_string(limit / 1024) +
                                       " KiB）",
                                   "request body too large (limit " +
                                       std::to_string(limit / 1024) + " KiB)"));
      } else {
        f(req, params, out);
      }
    } catch (const std::exception& ex) {
      out.fail(internal_error(out.ctx, ex));
    }
    return send(req, out, t0);
  }

  status_t send(const req_t& req, Reply& out, std::chrono::steady_clock::time_point t0) {
    auto resp = req->create_response(out.status);
    resp.append_header("X-Request-Id", out.ctx.request_id);
    resp.append_header("Cache-Control", "no-store");
    resp.append_header("X-Content-Type-Options", "nosniff");
    resp.append_header("Referrer-Policy", "no-referrer");
    // Compare raw codes: RESTinio 0.6.16's http_status_code_t::operator!= always yields false.
    if (out.raw && !out.failed) {
      resp.append_header(restinio::http_field::content_type, out.raw->first);
      resp.set_body(std::move(out.raw->second));
    } else if (out.status.status_code().raw_code() != 204) {
      resp.append_header(restinio::http_field::content_type, "application/json; charset=utf-8");
      resp.set_body(out.serialized ? std::move(*out.serialized)
                                   : json_text(out.body));
    }
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(
                        std::chrono::steady_clock::now() - t0).count();
    const unsigned code = out.status.status_code().raw_code();
    auto level = code >= 500 ? spdlog::level::err : spdlog::level::info;
    if (spdlog::should_log(level)) {
      // A path is whatever bytes the client sent: json_text logs invalid UTF-8 replaced.
      spdlog::log(level,
                  R"({{"request_id":"{}","method":"{}","path":{},"status":{},"us":{}{}}})",
                  out.ctx.request_id, req->header().method().c_str(),
                  json_text(std::string_view(mask_ids(std::string(req->header().path())))), code, us,
                  out.failed ? ",\"error\":" + json_text(out.body["error"]["code"]) : "");
    }
    return resp.done();
  }

  static core::Result<json> json_body(const req_t& req) {
    auto j = json::parse(req->body(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      return bad_request("http.bad_json", "請求內容須為 JSON 物件", "the body must be a JSON object");
    }
    return j;
  }

  static core::Result<restinio::query_string_params_t> query(const req_t& req) {
    auto q = restinio::try_parse_query<restinio::parse_query_traits::javascript_compatible>(
        req->header().query());
    if (!q) {
      return bad_request("http.bad_query", "查詢字串格式錯誤", "malformed query string");
    }
    return std::move(*q);
  }

  static std::optional<int> to_int(std::string_view s) {
    if (s.empty() || s.size() > 9) return std::nullopt;
    int v = 0;
    bool neg = false;
    size_t i = 0;
    if (s[0] == '-') { neg = true; i = 1; }
    if (i == s.size()) return std::nullopt;
    for (; i < s.size(); ++i) {
      if (s[i] < '0' || s[i] > '9') return std::nullopt;
      v = v * 10 + (s[i] - '0');
    }
    return neg ? -v : v;
  }

  static std::string bearer(const req_t& req) {
    auto h = req->header().opt_value_of(restinio::http_field::authorization);
    if (!h) return "";
    std::string_view v = *h;
    constexpr std::string_view kPrefix = "Bearer ";
    if (v.size() <= kPrefix.size() || v.substr(0, kPrefix.size()) != kPrefix) return "";
    return std::string(v.substr(kPrefix.size()));
  }

  static std::string idem_key(const req_t& req) {
    auto h = req->header().opt_value_of("Idempotency-Key");
    return h ? std::string(*h) : std::string();
  }

  // A JSON member as text: strings as they are, numbers and booleans spelled out.
  static std::optional<std::string> text_of(const json& j, const char* key) {
    if (!j.is_object() || !j.contains(key)) return std::nullopt;
    const json& v = j[key];
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
    if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
    return std::nullopt;
  }

  static core::Result<int64_t> path_id(const Params& params, const char* name) {
    auto v = to_int(params[name]);
    if (!v || *v <= 0) {
      return bad_request("http.bad_id", "網址中的編號格式錯誤", "malformed id in the path");
    }
    return static_cast<int64_t>(*v);
  }

  static std::string iso_time(int64_t ms) {
    std::time_t t = static_cast<std::time_t>(ms / 1000);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
  }

  template <typename F>
  void calendar_query(const req_t& req, Reply& out, const char* count_name, F compute) {
    auto q = query(req);
    if (!q.ok()) return out.fail(q.error());
    auto from_text = q->get_param("from");
    auto n_text = q->get_param(count_name);
    if (!from_text || !n_text) {
      return out.fail(bad_request("calendar.params",
                                  std::string("請提供 from（YYYY-MM-DD）與 ") + count_name + " 參數",
                                  std::string("from (YYYY-MM-DD) and ") + count_name +
                                      " are required"));
    }
    auto from = core::Date::parse_iso(*from_text);
    if (!from.ok()) return out.fail(from.error());
    auto n = to_int(*n_text);
    if (!n || *n < 0 || *n > 3650) {
      return out.fail(bad_request("calendar.count", std::string(count_name) + " 須為 0–3650 的整數",
                                  std::string(count_name) + " must be a whole number 0-3650"));
    }
    auto due = compute(*from, *n);
    if (!due.ok()) return out.fail(due.error());
    out.body = {{"due", due->to_iso()}, {"due_roc", due->to_roc()}};
  }

  status_t not_matched(req_t req) {
    const std::string path(req->header().path());
    if (path.rfind("/api/", 0) == 0 || config_.web_root.empty() ||
        req->header().method() != restinio::http_method_get()) {
      return answer_error(req, core::Error::make(core::ErrorKind::kNotFound, "http.not_found",
                                                 "查無此網址或方法",
                                                 "no such endpoint or method"));
    }
    return serve_static(req, path);
  }

  static const char* content_type(const std::filesystem::path& p) {
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

  // Serves web/dist; unknown paths get index.html (the app routes on the client).
  status_t serve_static(const req_t& req, const std::string& path) {
    namespace fs = std::filesystem;
    const fs::path root = fs::weakly_canonical(config_.web_root);
    fs::path file = fs::weakly_canonical(root / fs::path(path).relative_path());
    const std::string r = root.string();
    std::error_code ec;
    if (file.string().compare(0, r.size(), r) != 0 || !fs::is_regular_file(file, ec)) {
      file = root / "index.html";
    }
    if (!fs::is_regular_file(file, ec)) {
      return req->create_response(restinio::status_not_found())
          .append_header(restinio::http_field::content_type, "text/plain; charset=utf-8")
          .set_body("web front end not built; run scripts/build.sh\n")
          .done();
    }
    const bool immutable = path.rfind("/assets/", 0) == 0;
    return req->create_response()
        .append_header(restinio::http_field::content_type, content_type(file))
        .append_header("Cache-Control", immutable ? "public, max-age=31536000, immutable"
                                                  : "no-cache")
        .append_header("X-Content-Type-Options", "nosniff")
        .append_header("Content-Security-Policy",
                       "default-src 'self'; img-src 'self' data:; style-src 'self' "
                       "'unsafe-inline'; frame-ancestors 'none'")
        .set_body(restinio::sendfile(file.string()))
        .done();
  }

  // GET /api/v1/persons/{id}: always answers (now or once the audit entry is durable).
  void person_lookup(const req_t& req, const Params& params) {
    const auto t0 = std::chrono::steady_clock::now();
    auto out = std::make_shared<Reply>();
    out->ctx.request_id = request_id_for(req);
    try {
      auto actor = s_.auth.authenticate(bearer(req));
      if (!actor.ok()) return out->fail(actor.error()), (void)send(req, *out, t0);
      auto q = query(req);
      if (!q.ok()) return out->fail(q.error()), (void)send(req, *out, t0);
      std::string purpose(q->get_param("purpose").value_or(""));
      const std::string view(q->get_param("view").value_or("full"));
      if (view != "full" && view != "summary") {
        out->fail(bad_request("person.view_invalid", "view 須為 full 或 summary",
                              "view must be full or summary"));
        (void)send(req, *out, t0);
        return;
      }
      s_.persons.lookup_async(
          *actor, out->ctx, std::string(params["id"]), purpose,
          view == "summary" ? service::PersonViewKind::kSummary : service::PersonViewKind::kFull,
          [this, req, out, t0](core::Result<service::PersonView> v) {
            // Written here, on the reading thread, not on the audit queue's.
            if (v.ok()) {
              out->serialized = person_view_text(*v);
            } else {
              out->fail(v.error());
            }
            return [this, req, out, t0](core::Status durable) {
              if (!durable.ok()) out->fail(durable.error());
              send(req, *out, t0);
            };
          });
    } catch (const std::exception& ex) {
      out->fail(internal_error(out->ctx, ex));
      (void)send(req, *out, t0);
    }
  }

  const ServerConfig& config_;
  Services& s_;
  asio::thread_pool workers_;
  std::atomic<int> queued_{0};         // handed to workers_, not yet started
  // Held shared while a request is checked against stopping_ and handed on (to a worker, or
  // as a lookup to the audit queue); refuse_new_work() takes it exclusively.
  std::shared_mutex admit_;
  std::atomic<bool> stopping_{false};
  std::once_flag joined_;
};

std::unique_ptr<RouteTable> Api::routes() {
  auto r = std::make_unique<RouteTable>();
  r->http_get("/healthz", wrap_inline([this](const req_t&, const Params&, Reply& out) {
    out.body = {{"status", "ok"}, {"schema_version", s_.store.schema_version()}};
  }));
  r->http_post("/api/v1/auth/login", wrap([this](const req_t& req, const Params&, Reply& out) {
    auto body = json_body(req);
    if (!body.ok()) return out.fail(body.error());
    const json& b = *body;
    if (!b.contains("username") || !b["username"].is_string() || !b.contains("password") ||
        !b["password"].is_string()) {
      return out.fail(bad_request("auth.bad_request", "請提供帳號與密碼",
                                  "username and password are required"));
    }
    auto r = s_.auth.login(b["username"].get<std::string>(), b["password"].get<std::string>(),
                           out.ctx);
    if (!r.ok()) return out.fail(r.error());
    out.body = {{"token", r->token},
                {"expires_at", iso_time(r->expires_ms)},
                {"user", actor_json(r->actor)}};
  }));
  r->http_post("/api/v1/auth/logout", wrap([this](const req_t& req, const Params&, Reply& out) {
    auto st = s_.auth.logout(bearer(req), out.ctx);
    if (!st.ok()) return out.fail(st.error());
    out.status = restinio::status_no_content();
  }));
  r->http_get("/api/v1/auth/me", wrap([this](const req_t& req, const Params&, Reply& out) {
    auto actor = s_.auth.authenticate(bearer(req));
    if (!actor.ok()) return out.fail(actor.error());
    out.body = {{"user", actor_json(*actor)}};
  }));
  r->http_get("/api/v1/id-numbers/:value",
              wrap_inline([](const req_t&, const Params& params, Reply& out) {
    std::string value(params["value"]);
    out.body = id_check_json(core::IdNumber::parse(value));
  }));
  r->http_get("/api/v1/addresses/parse", wrap_inline([](const req_t& req, const Params&, Reply& out) {
    auto q = query(req);
    if (!q.ok()) return out.fail(q.error());
    auto text = q->get_param("text");
    if (!text) {
      return out.fail(bad_request("address.text_required", "請提供 text 參數（地址）",
                                  "the text parameter (an address) is required"));
    }
    auto a = core::Address::parse(std::string(*text));
    if (!a.ok()) {
      core::Error e = a.error();
      e.kind = core::ErrorKind::kUnprocessable;
      return out.fail(e);
    }
    out.body = address_json(*a);
  }));
  r->http_get("/api/v1/calendar/due-date",
              wrap_inline([this](const req_t& req, const Params&, Reply& out) {
    calendar_query(req, out, "working-days", [this](core::Date from, int n) {
      return s_.calendar.due_date(from, n);
    });
  }));
  r->http_get("/api/v1/calendar/deadline",
              wrap_inline([this](const req_t& req, const Params&, Reply& out) {
    calendar_query(req, out, "days", [this](core::Date from, int n) {
      return s_.calendar.deadline(from, n);
    });
  }));
  // Answered asynchronously: the reads and the answer are done at once, the audit queue lets
  // the answer out once the lookup's audit entry is durable; no thread waits for the fsync.
  // With an embedded store the reads run on the I/O thread; with a database server (each
  // read a round trip) on a worker.
  r->http_get("/api/v1/persons/:id", [this](req_t req, Params params) -> status_t {
    if (s_.store.reads_are_local()) {
      std::shared_lock admitting(admit_);
      if (stopping_) return busy(req);
      person_lookup(req, params);
    } else {
      return to_workers(std::move(req), [this, params = std::move(params)](const req_t& r) {
        person_lookup(r, params);
      });
    }
    return restinio::request_accepted();
  });
  r->http_get("/api/v1/audit", wrap([this](const req_t& req, const Params&, Reply& out) {
    auto actor = s_.auth.authenticate(bearer(req));
    if (!actor.ok()) return out.fail(actor.error());
    auto q = query(req);
    if (!q.ok()) return out.fail(q.error());
    service::AuditQuery aq;
    if (auto v = q->get_param("subject")) aq.subject_id = std::string(*v);
    if (auto v = q->get_param("user")) aq.username = std::string(*v);
    if (auto v = q->get_param("day")) {
      auto d = core::Date::parse_iso(*v);
      if (!d.ok()) return out.fail(d.error());
      // A day in Taiwan time (UTC+8).
      aq.from_ms = (d->days_since_epoch() * 86'400 - 8 * 3600) * 1000;
      aq.to_ms = *aq.from_ms + 86'400'000;
    }
    if (auto v = q->get_param("limit")) aq.limit = to_int(*v).value_or(-1);
    if (auto v = q->get_param("before")) aq.before_seq = to_int(*v).value_or(0);
    auto entries = s_.audit.list(*actor, out.ctx, aq);
    if (!entries.ok()) return out.fail(entries.error());
    json arr = json::array();
    for (const auto& e : *entries) arr.push_back(audit_entry_json(e));
    out.body = {{"entries", std::move(arr)}};
  }));
  r->http_post("/api/v1/registrations", wrap([this](const req_t& req, const Params&, Reply& out) {
    auto actor = s_.auth.authenticate(bearer(req));
    if (!actor.ok()) return out.fail(actor.error());
    auto body = json_body(req);
    if (!body.ok()) return out.fail(body.error());
    const json& b = *body;
    service::SubmitInput in;
    in.type = text_of(b, "type").value_or("");
    in.event_date = text_of(b, "event_date").value_or("");
    in.subject_id = text_of(b, "subject_id").value_or("");
    if (b.contains("fields")) {
      if (!b["fields"].is_object()) {
        return out.fail(bad_request("registration.fields", "fields 須為物件",
                                    "fields must be an object"));
      }
      for (auto& [k, v] : b["fields"].items()) {
        auto t = text_of(b["fields"], k.c_str());
        if (!t) {
          return out.fail(bad_request("registration.fields", "欄位 " + k + " 須為文字或數字",
                                      "field " + k + " must be text or a number"));
        }
        in.fields[k] = *t;
      }
    }
    if (b.contains("applicant") && b["applicant"].is_object()) {
      const json& a = b["applicant"];
      in.applicant = {text_of(a, "name").value_or(""), text_of(a, "id_number").value_or(""),
                      text_of(a, "relation").value_or(""),
                      text_of(a, "identity_check").value_or("")};
    }
    auto r = s_.registrations.submit(*actor, out.ctx, in, idem_key(req));
    if (!r.ok()) return out.fail(r.error());
    out.status = restinio::status_created();
    out.body = {{"application", application_json(*r)}};
  }));
  r->http_get("/api/v1/registrations", wrap([this](const req_t& req, const Params&, Reply& out) {
    auto actor = s_.auth.authenticate(bearer(req));
    if (!actor.ok()) return out.fail(actor.error());
    auto q = query(req);
    if (!q.ok()) return out.fail(q.error());
    std::optional<std::string> status;
    if (auto v = q->get_param("status")) status = std::string(*v);
    std::optional<core::Date> day;
    if (auto v = q->get_param("day")) {
      auto d = core::Date::parse_iso(*v);
      if (!d.ok()) return out.fail(d.error());
      day = *d;
    }
    auto r = s_.registrations.list(*actor, out.ctx, status, day);
    if (!r.ok()) return out.fail(r.error());
    json arr = json::array();
    for (const auto& a : *r) arr.push_back(application_json(a));
    out.body = {{"applications", std::move(arr)}};
  }));
  r->http_get("/api/v1/registrations/sampling",
              wrap([this](const req_t& req, const Params&, Reply& out) {
    auto actor = s_.auth.authenticate(bearer(req));
    if (!actor.ok()) return out.fail(actor.error());
    auto q = query(req);
    if (!q.ok()) return out.fail(q.error());
    auto d = core::Date::parse_iso(q->get_param("day").value_or(""));
    if (!d.ok()) return out.fail(d.error());
    int percent = to_int(q->get_param("percent").value_or("10")).value_or(-1);
    auto r = s_.registrations.sampling_candidates(*actor, out.ctx, *d, percent);
    if (!r.ok()) return out.fail(r.error());
    json arr = json::array();
    for (const auto& a : *r) arr.push_back(application_json(a));
    out.body = {{"applications", std::move(arr)}};
  }));
  r->http_get(R"(/api/v1/registrations/:id(\d+))",
              wrap([this](const req_t& req, const Params& params, Reply& out) {
    auto actor = s_.auth.authenticate(bearer(req));
    if (!actor.ok()) return out.fail(actor.error());
    auto id = path_id(params, "id");
    if (!id.ok()) return out.fail(id.error());
    auto r = s_.registrations.get(*actor, out.ctx, *id);
    if (!r.ok()) return out.fail(r.error());
    out.body = {{"application", application_json(*r)}};
  }));
  r->http_post(R"(/api/v1/registrations/:id(\d+)/review)",
               wrap([this](const req_t& req, const Params& params, Reply& out) {
    auto actor = s_.auth.authenticate(bearer(req));
    if (!actor.ok()) return out.fail(actor.error());
    auto id = path_id(params, "id");
    if (!id.ok()) return out.fail(id.error());
    auto body = json_body(req);
    if (!body.ok()) return out.fail(body.error());
    const json& b = *body;
    const std::string decision = text_of(b, "decision").value_or("");
    if (decision != "approve" && decision != "reject") {
      return out.fail(bad_request("registration.decision", "decision 須為 approve 或 reject",
                                  "decision must be approve or reject"));
    }
    service::ReviewInput in;
    in.approve = decision == "approve";
    in.note = text_of(b, "note").value_or("");
    if (b.contains("fine") && !b["fine"].is_null()) {
      // A whole number of NT$ that fits an int: 4294967996 must not wrap round to 700.
      const json& f = b["fine"];
      const bool whole = f.is_number_integer() && f.get<int64_t>() >= -1'000'000 &&
                         f.get<int64_t>() <= 1'000'000;
      if (!whole) {
        return out.fail(bad_request("registration.fine_invalid", "罰鍰須為整數金額（新臺幣元）",
                                    "fine must be a whole number of NT$"));
      }
      in.fine = static_cast<int>(f.get<int64_t>());
    }
    in.version = b.contains("version") && b["version"].is_number_integer()
                     ? b["version"].get<int64_t>() : -1;
    auto r = s_.registrations.review(*actor, out.ctx, *id, in, idem_key(req));
    if (!r.ok()) return out.fail(r.error());
    out.body = {{"application", application_json(*r)}};
  }));
  r->http_post(R"(/api/v1/registrations/:id(\d+)/sample)",
               wrap([this](const req_t& req, const Params& params, Reply& out) {
    auto actor = s_.auth.authenticate(bearer(req));
    if (!actor.ok()) return out.fail(actor.error());
    auto id = path_id(params, "id");
    if (!id.ok()) return out.fail(id.error());
    auto body = json_body(req);
    if (!body.ok()) return out.fail(body.error());
    const json& b = *body;
    int64_t version = b.contains("version") && b["version"].is_number_integer()
                          ? b["version"].get<int64_t>() : -1;
    auto r = s_.registrations.sample(*actor, out.ctx, *id, text_of(b, "result").value_or(""),
                                     text_of(b, "reason").value_or(""), version);
    if (!r.ok()) return out.fail(r.error());
    out.body = {{"application", application_json(*r)}};
  }));
  r->http_post(R"(/api/v1/registrations/:id(\d+)/documents)",
               wrap([this](const req_t& req, const Params& params, Reply& out) {
    auto actor = s_.auth.authenticate(bearer(req));
    if (!actor.ok()) return out.fail(actor.error());
    auto id = path_id(params, "id");
    if (!id.ok()) return out.fail(id.error());
    auto q = query(req);
    if (!q.ok()) return out.fail(q.error());
    std::string mime(req->header().get_field_or(restinio::http_field::content_type, ""));
    if (auto semi = mime.find(';'); semi != std::string::npos) mime.resize(semi);
    auto r = s_.registrations.attach(*actor, out.ctx, *id,
                                     std::string(q->get_param("filename").value_or("")), mime,
                                     std::string(req->body()), idem_key(req));
    if (!r.ok()) return out.fail(r.error());
    out.status = restinio::status_created();
    out.body = {{"document", document_json(*r)}};
  }, config_.max_document_body));
  r->http_get(R"(/api/v1/registrations/:id(\d+)/documents/:doc(\d+))",
              wrap([this](const req_t& req, const Params& params, Reply& out) {
    auto actor = s_.auth.authenticate(bearer(req));
    if (!actor.ok()) return out.fail(actor.error());
    auto id = path_id(params, "id");
    auto doc = path_id(params, "doc");
    if (!id.ok()) return out.fail(id.error());
    if (!doc.ok()) return out.fail(doc.error());
    auto r = s_.registrations.document(*actor, out.ctx, *id, *doc);
    if (!r.ok()) return out.fail(r.error());
    out.raw = std::make_pair(r->mime, std::move(r->content));
  }));
  r->http_get("/api/v1/households/:no", wrap([this](const req_t& req, const Params& params,
                                                   Reply& out) {
    auto actor = s_.auth.authenticate(bearer(req));
    if (!actor.ok()) return out.fail(actor.error());
    auto q = query(req);
    if (!q.ok()) return out.fail(q.error());
    std::string purpose(q->get_param("purpose").value_or(""));
    auto v = s_.persons.household(*actor, out.ctx, std::string(params["no"]), purpose);
    if (!v.ok()) return out.fail(v.error());
    out.body = {{"household", household_view_json(*v)}};
  }));
  r->http_get("/api/v1/door-plates/:id/persons", wrap([this](const req_t& req,
                                                             const Params& params,
                                                             Reply& out) {
    auto actor = s_.auth.authenticate(bearer(req));
    if (!actor.ok()) return out.fail(actor.error());
    auto q = query(req);
    if (!q.ok()) return out.fail(q.error());
    auto id = path_id(params, "id");
    if (!id.ok()) return out.fail(id.error());
    std::string purpose(q->get_param("purpose").value_or(""));
    auto v = s_.persons.at_door_plate(*actor, out.ctx, *id, purpose);
    if (!v.ok()) return out.fail(v.error());
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& h : *v) arr.push_back(household_view_json(h));
    out.body = {{"door_plate_id", *id}, {"households", std::move(arr)}};
  }));
  r->http_get("/api/v1/statistics/age-bands", wrap([this](const req_t& req, const Params&,
                                                         Reply& out) {
    auto actor = s_.auth.authenticate(bearer(req));
    if (!actor.ok()) return out.fail(actor.error());
    auto q = query(req);
    if (!q.ok()) return out.fail(q.error());
    core::Date on = s_.clock.today_taipei();
    if (auto d = q->get_param("on")) {
      auto parsed = core::Date::parse_iso(*d);
      if (!parsed.ok()) return out.fail(parsed.error());
      on = *parsed;
    }
    auto b = s_.persons.age_bands(*actor, std::string(q->get_param("office").value_or("")), on);
    if (!b.ok()) return out.fail(b.error());
    nlohmann::json villages = nlohmann::json::array();
    for (const auto& v : b->villages) {
      villages.push_back({{"village", v.village}, {"male", v.male}, {"female", v.female},
                          {"total", v.total}});
    }
    nlohmann::json labels = nlohmann::json::array();
    for (int i = 0; i < service::AgeBands::kBands; ++i) {
      labels.push_back(i + 1 < service::AgeBands::kBands
                           ? std::to_string(i * 5) + "-" + std::to_string(i * 5 + 4)
                           : std::to_string(i * 5) + "+");
    }
    out.body = {{"office_code", b->office_code}, {"on", b->on.to_iso()},
                {"bands", std::move(labels)}, {"villages", std::move(villages)}};
  }));
  r->http_get("/api/v1/kpi/registration-correctness",
              wrap([this](const req_t& req, const Params&, Reply& out) {
    auto actor = s_.auth.authenticate(bearer(req));
    if (!actor.ok()) return out.fail(actor.error());
    auto q = query(req);
    if (!q.ok()) return out.fail(q.error());
    auto from = core::Date::parse_iso(q->get_param("from").value_or(""));
    if (!from.ok()) return out.fail(from.error());
    auto to = core::Date::parse_iso(q->get_param("to").value_or(""));
    if (!to.ok()) return out.fail(to.error());
    auto c = s_.registrations.correctness(*actor, *from, *to);
    if (!c.ok()) return out.fail(c.error());
    out.body = {{"from", from->to_iso()}, {"to", to->to_iso()}, {"received", c->received},
                {"sampled", c->sampled},  {"erroneous", c->erroneous}, {"rate", c->rate}};
  }));
  r->http_post("/api/v1/nationality-cases", wrap([this](const req_t& req, const Params&,
                                                       Reply& out) {
    auto actor = s_.auth.authenticate(bearer(req));
    if (!actor.ok()) return out.fail(actor.error());
    auto body = json_body(req);
    if (!body.ok()) return out.fail(body.error());
    const json& b = *body;
    service::NewNationalityCase in{text_of(b, "kind").value_or(""),
                                   text_of(b, "person_name").value_or(""),
                                   text_of(b, "id_number").value_or(""),
                                   text_of(b, "approval_letter_date").value_or("")};
    auto r = s_.nationality.open(*actor, out.ctx, in, idem_key(req));
    if (!r.ok()) return out.fail(r.error());
    out.status = restinio::status_created();
    out.body = {{"case", nationality_case_json(*r)}};
  }));
  r->http_get("/api/v1/nationality-cases", wrap([this](const req_t& req, const Params&,
                                                      Reply& out) {
    auto actor = s_.auth.authenticate(bearer(req));
    if (!actor.ok()) return out.fail(actor.error());
    auto r = s_.nationality.list(*actor, out.ctx);
    if (!r.ok()) return out.fail(r.error());
    json arr = json::array();
    for (const auto& c : *r) arr.push_back(nationality_case_json(c));
    out.body = {{"cases", std::move(arr)}};
  }));
  r->http_post(R"(/api/v1/nationality-cases/:id(\d+)/record)",
               wrap([this](const req_t& req, const Params& params, Reply& out) {
    auto actor = s_.auth.authenticate(bearer(req));
    if (!actor.ok()) return out.fail(actor.error());
    auto id = path_id(params, "id");
    if (!id.ok()) return out.fail(id.error());
    auto body = json_body(req);
    if (!body.ok()) return out.fail(body.error());
    const json& b = *body;
    int64_t version = b.contains("version") && b["version"].is_number_integer()
                          ? b["version"].get<int64_t>() : -1;
    auto r = s_.nationality.record(*actor, out.ctx, *id, text_of(b, "what").value_or(""),
                                   text_of(b, "on").value_or(""), version);
    if (!r.ok()) return out.fail(r.error());
    out.body = {{"case", nationality_case_json(*r)}};
  }));
  r->http_post("/api/v1/naturalization-tests", wrap([this](const req_t& req, const Params&,
                                                          Reply& out) {
    auto actor = s_.auth.authenticate(bearer(req));
    if (!actor.ok()) return out.fail(actor.error());
    auto body = json_body(req);
    if (!body.ok()) return out.fail(body.error());
    const json& b = *body;
    service::NewNaturalizationTest t;
    if (b.contains("case_id") && b["case_id"].is_number_integer()) {
      t.case_id = b["case_id"].get<int64_t>();
    }
    t.candidate_name = text_of(b, "candidate_name").value_or("");
    t.slot_date = text_of(b, "slot_date").value_or("");
    t.slot_time = text_of(b, "slot_time").value_or("");
    auto r = s_.nationality.book_test(*actor, out.ctx, t, idem_key(req));
    if (!r.ok()) return out.fail(r.error());
    out.status = restinio::status_created();
    out.body = {{"booking", naturalization_test_json(*r)}};
  }));
  r->http_get("/api/v1/naturalization-tests", wrap([this](const req_t& req, const Params&,
                                                         Reply& out) {
    auto actor = s_.auth.authenticate(bearer(req));
    if (!actor.ok()) return out.fail(actor.error());
    auto r = s_.nationality.tests(*actor, out.ctx);
    if (!r.ok()) return out.fail(r.error());
    json arr = json::array();
    for (const auto& t : *r) arr.push_back(naturalization_test_json(t));
    out.body = {{"bookings", std::move(arr)}};
  }));
  r->non_matched_request_handler([this](req_t req) { return not_matched(std::move(req)); });
  return r;
}

}  // namespace

void run_server(const ServerConfig& config, Services& services,
                const std::function<void(uint16_t)>& on_listening) {
  using Pool = restinio::impl::ioctx_on_thread_pool_t<
      restinio::impl::own_io_context_for_thread_pool_t>;
  const size_t io_threads =
      config.io_threads ? config.io_threads
                        : std::max<size_t>(std::thread::hardware_concurrency(), 1);
  Pool pool(io_threads);
  // After the pool: destroyed before the I/O context its leftovers might still refer to.
  Api api(config, services);
  uint16_t bound_port = 0;
  restinio::http_server_t<Traits> server{
      restinio::external_io_context(pool.io_context()),
      restinio::on_thread_pool<Traits>(io_threads)
          .address(config.host)
          .port(config.port)
          .request_handler(api.routes())
          .read_next_http_message_timelimit(std::chrono::seconds(60))
          .handle_request_timeout(std::chrono::seconds(30))
          .incoming_http_msg_limits(
              restinio::incoming_http_msg_limits_t{}.max_body_size(config.max_transport_body))
          .acceptor_post_bind_hook([&bound_port](asio::ip::tcp::acceptor& a) {
            bound_port = a.local_endpoint().port();
          })};
  // SIGINT and SIGTERM (systemd's stop, docker stop) both close the server gracefully: no
  // new connections, requests in flight finish, then the store closes (the WAL checkpointed).
  std::exception_ptr caught;
  std::thread finisher;
  // Set when run_server returns: the grace timer below then ends quietly.
  auto returned = std::make_shared<std::atomic<bool>>(false);
  struct SetOnReturn {
    std::shared_ptr<std::atomic<bool>> flag;
    ~SetOnReturn() { *flag = true; }
  } set_on_return{returned};
  auto& io = server.io_context();
  // Requests already with a worker, and lookups waiting for their audit entry, are answered
  // before the I/O threads stop (their answers leave through them): join the workers, drain
  // the audit queue, then let the I/O threads run what those queued — and a moment more for
  // writes that take several turns — before stopping them.
  auto finish = [&] {
    finisher = std::thread([&] {
      api.join_workers();
      if (services.audit_queue) services.audit_queue->drain();
      asio::post(io, [&io] {
        auto timer = std::make_shared<asio::steady_timer>(io, std::chrono::milliseconds(250));
        timer->async_wait([&io, timer](const asio::error_code&) { io.stop(); });
      });
    });
  };
  asio::signal_set stop_signals{io, SIGINT, SIGTERM};
  stop_signals.async_wait([&](const asio::error_code& ec, int) {
    if (ec) return;
    spdlog::info(R"({"event":"stopping"})");
    // A handler that never returns must not keep the process alive: every acknowledged
    // write is already durable, so after a grace period the process simply ends.
    std::thread([returned] {
      for (int i = 0; i < 100; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        if (*returned) return;
      }
      spdlog::warn(R"({"event":"stop_timeout","detail":"requests still running after 10 s"})");
      spdlog::default_logger()->flush();
      std::_Exit(0);
    }).detach();
    api.refuse_new_work();
    server.close_async(finish, [&caught, &finish](std::exception_ptr ex) {
      caught = ex;
      finish();
    });
  });
  // Announced once the acceptor listens (after bind is too early: a client told the port at
  // once could be refused).
  server.open_async([&] { on_listening(bound_port); },
                    [&pool, &caught](std::exception_ptr ex) {
                      pool.stop();
                      caught = ex;
                    });
  pool.start();
  pool.wait();
  if (finisher.joinable()) finisher.join();
  // After a failed start, or should anything still run: let it end while the I/O context
  // exists.
  api.join_workers();
  if (services.audit_queue) services.audit_queue->drain();
  if (caught) std::rethrow_exception(caught);
}

}  // namespace huji::http
