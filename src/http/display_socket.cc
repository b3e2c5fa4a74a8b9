#include "http/display_socket.h"

#include <charconv>
#include <utility>
#include <vector>

#include <spdlog/spdlog.h>
#include <restinio/websocket/websocket.hpp>

#include "http/server_traits.h"

namespace huji::http {

namespace rws = restinio::websocket::basic;
using Clock = std::chrono::steady_clock;
using status_t = restinio::request_handling_status_t;
using Text = std::shared_ptr<const std::string>;

namespace {

constexpr std::string_view kPath = "/api/v1/queue/display";

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now().time_since_epoch())
      .count();
}

// The text as a WebSocket message, sharing its bytes with every other display's.
// A display whose close has begun throws; it is being removed, and a call's publisher must
// not see the exception.
void send_text(rws::ws_t& ws, const Text& text) noexcept {
  try {
    ws.send_message(rws::final_frame, rws::opcode_t::text_frame, restinio::writable_item_t{text});
  } catch (const std::exception&) {
  }
}

void send_control(rws::ws_t& ws, rws::opcode_t opcode, std::string payload) noexcept {
  try {
    ws.send_message(rws::final_frame, opcode, restinio::writable_item_t{std::move(payload)});
  } catch (const std::exception&) {
  }
}

core::Error bad_query() {
  return core::Error::invalid("queue.display_query", "office 須為 8 位數字，after 須為非負整數",
                              "office must be 8 digits and after a non-negative integer");
}

}  // namespace

// One connected display. `mu` orders what is sent to it: the replay, then the calls held
// while it was read, then the live calls.
struct DisplaySockets::Display {
  std::mutex mu;
  rws::ws_handle_t ws;
  std::string office;
  int64_t id = 0;
  bool live = false;
  int64_t last_sent = 0;                       // the largest call seq sent
  std::vector<std::pair<int64_t, Text>> held;  // published before `live`
  std::atomic<int64_t> last_heard_ms{now_ms()};

  // Sends a call unless one at or after its seq was sent already (mu held).
  void send_call(int64_t seq, const Text& text) {
    if (seq <= last_sent || !ws) return;
    last_sent = seq;
    send_text(*ws, text);
  }
};

DisplaySockets::~DisplaySockets() {
  close_all();
  std::lock_guard lock(subscribe_mu_);
  for (const auto& [office, id] : subscribed_) queue_.hub().unsubscribe(office, id);
}

bool DisplaySockets::wanted(const restinio::request_handle_t& req) {
  const auto& h = req->header();
  if (h.method() != restinio::http_method_get() || h.path() != kPath) return false;
  const auto upgrade = h.opt_value_of(restinio::http_field::upgrade);
  if (!upgrade) return false;
  std::string lower(*upgrade);
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower == "websocket";
}

status_t DisplaySockets::upgrade(const restinio::request_handle_t& req,
                                 const std::function<status_t(const core::Error&)>& error) {
  if (closed_) {
    return error(core::Error::unavailable("server.busy", "伺服器忙碌中，請稍後再試",
                                          "the server is busy, try again"));
  }
  const auto& h = req->header();
  if (!h.has_field(restinio::http_field::sec_websocket_key) ||
      h.get_field_or(restinio::http_field::sec_websocket_version, "") != "13") {
    return error(core::Error::invalid("queue.websocket", "須以 WebSocket（第 13 版）連線",
                                      "connect with a WebSocket (version 13)"));
  }
  std::string requested;
  int64_t after = -1;
  try {
    const auto query = restinio::parse_query(h.query());
    if (const auto o = query.get_param("office")) requested = std::string(*o);
    if (const auto a = query.get_param("after")) {
      int64_t v = -1;
      const auto [end, ec] = std::from_chars(a->data(), a->data() + a->size(), v);
      if (ec != std::errc() || end != a->data() + a->size() || v < 0) return error(bad_query());
      after = v;
    }
  } catch (const std::exception&) {
    return error(bad_query());
  }
  if (!requested.empty() &&
      (requested.size() != 8 || requested.find_first_not_of("0123456789") != std::string::npos)) {
    return error(bad_query());
  }
  auto office = queue_.public_office(requested);
  if (!office.ok()) return error(office.error());
  if (count() >= cap_) {
    return error(core::Error::unavailable("queue.displays_full", "已連線的叫號看板過多",
                                          "too many lobby displays are connected"));
  }

  auto d = std::make_shared<Display>();
  d->office = *office;
  std::weak_ptr<Display> weak = d;
  d->ws = rws::upgrade<Traits>(
      *req, rws::activation_t::delayed,
      [this, weak](const rws::ws_handle_t& ws, const rws::message_handle_t& m) {
        auto display = weak.lock();
        if (display) display->last_heard_ms = now_ms();
        switch (m->opcode()) {
          case rws::opcode_t::ping_frame:
            send_control(*ws, rws::opcode_t::pong_frame, m->payload());
            break;
          case rws::opcode_t::connection_close_frame:
            // Answered (RESTinio then closes the socket) unless RESTinio closed it itself.
            if (display) {
              // Sending the close detaches the connection from `ws` (RESTinio closes it).
              send_control(*ws, rws::opcode_t::connection_close_frame,
                           rws::status_code_to_bin(rws::status_code_t::normal_closure));
              remove(display->office, display->id);
            }
            break;
          default:  // a display has nothing to say: text, binary and pongs are only signs of life
            break;
        }
      });
  subscribe_office(d->office);
  {
    std::lock_guard lock(mu_);
    d->id = ++next_id_;
    displays_[d->office][d->id] = d;
  }
  activate(*d->ws);

  // Subscribed before the snapshot is read: every call after it is held meanwhile.
  auto fail = [&](const core::Error& e) {
    spdlog::warn(R"({{"event":"display_replay_failed","code":"{}"}})", e.code);
    {
      std::lock_guard lock(d->mu);
      if (d->ws) {
        send_control(*d->ws, rws::opcode_t::connection_close_frame,
                     rws::status_code_to_bin(rws::status_code_t::unexpected_condition));
      }
    }
    remove(d->office, d->id);
    return restinio::request_accepted();
  };
  auto snapshot = queue_.display_snapshot(d->office, kRecent);
  if (!snapshot.ok()) return fail(snapshot.error());
  std::vector<std::pair<int64_t, Text>> replay;
  for (int64_t cursor = after; cursor >= 0 && cursor < snapshot->seq;) {
    auto page = queue_.display_events_after(d->office, cursor, kReplayPage);
    if (!page.ok()) return fail(page.error());
    if (page->empty()) break;
    for (const auto& e : *page) {
      if (e.display_seq > snapshot->seq) break;
      replay.emplace_back(e.display_seq,
                          std::make_shared<const std::string>(service::display_message(e)));
    }
    cursor = page->back().display_seq;
  }
  std::lock_guard lock(d->mu);
  if (!d->ws) return restinio::request_accepted();  // closed meanwhile
  send_text(*d->ws, std::make_shared<const std::string>(service::snapshot_message(*snapshot)));
  // Without ?after the snapshot is where the display starts: nothing before it is a call.
  d->last_sent = after >= 0 ? std::min(after, snapshot->seq) : snapshot->seq;
  for (const auto& [seq, text] : replay) d->send_call(seq, text);
  d->last_sent = std::max(d->last_sent, snapshot->seq);
  for (const auto& [seq, text] : d->held) d->send_call(seq, text);
  d->held.clear();
  d->held.shrink_to_fit();
  d->live = true;
  return restinio::request_accepted();
}

void DisplaySockets::subscribe_office(const std::string& office) {
  std::lock_guard lock(subscribe_mu_);
  if (subscribed_.contains(office)) return;
  subscribed_[office] = queue_.hub().subscribe(
      office, [this, office](const std::string& text, int64_t seq) { on_call(office, text, seq); });
}

// On the publishing thread, the office's queue lock held: only queues writes.
void DisplaySockets::on_call(const std::string& office, const std::string& text, int64_t seq) {
  const Text shared = std::make_shared<const std::string>(text);
  std::lock_guard lock(mu_);
  auto it = displays_.find(office);
  if (it == displays_.end()) return;
  for (auto& [id, d] : it->second) {
    std::lock_guard display_lock(d->mu);
    if (d->live) {
      d->send_call(seq, shared);
    } else {
      d->held.emplace_back(seq, shared);
    }
  }
}

void DisplaySockets::remove(const std::string& office, int64_t id) {
  std::shared_ptr<Display> d;
  {
    std::lock_guard lock(mu_);
    auto it = displays_.find(office);
    if (it == displays_.end()) return;
    auto found = it->second.find(id);
    if (found == it->second.end()) return;
    d = std::move(found->second);
    it->second.erase(found);
  }
  rws::ws_handle_t ws;
  {
    std::lock_guard lock(d->mu);
    ws = std::move(d->ws);
  }
  if (ws) ws->shutdown();
}

size_t DisplaySockets::count() const {
  std::lock_guard lock(mu_);
  size_t n = 0;
  for (const auto& [office, displays] : displays_) n += displays.size();
  return n;
}

void DisplaySockets::start_pings(asio::io_context& io) {
  timer_ = std::make_shared<asio::steady_timer>(io);
  arm_pings(timer_);
}

// The handler holds the timer: it lives while a wait is pending (the I/O context ends it).
void DisplaySockets::arm_pings(const std::shared_ptr<asio::steady_timer>& timer) {
  timer->expires_after(kPingEvery);
  timer->async_wait([this, timer](const asio::error_code& ec) {
    if (ec || closed_) return;
    ping_round();
    arm_pings(timer);
  });
}

void DisplaySockets::ping_round() {
  std::vector<std::pair<std::string, int64_t>> silent;
  const int64_t now = now_ms();
  {
    std::lock_guard lock(mu_);
    for (auto& [office, displays] : displays_) {
      for (auto& [id, d] : displays) {
        if (now - d->last_heard_ms > std::chrono::milliseconds(kSilentFor).count()) {
          silent.emplace_back(office, id);
          continue;
        }
        std::lock_guard display_lock(d->mu);
        if (d->ws) send_control(*d->ws, rws::opcode_t::ping_frame, "");
      }
    }
  }
  for (const auto& [office, id] : silent) remove(office, id);
}

void DisplaySockets::close_all() {
  closed_ = true;
  std::map<std::string, std::map<int64_t, std::shared_ptr<Display>>> all;
  {
    std::lock_guard lock(mu_);
    all.swap(displays_);
  }
  for (auto& [office, displays] : all) {
    for (auto& [id, d] : displays) {
      std::lock_guard lock(d->mu);
      if (!d->ws) continue;
      send_control(*d->ws, rws::opcode_t::connection_close_frame,
                   rws::status_code_to_bin(rws::status_code_t::going_away));
      d->ws.reset();
    }
  }
}

}  // namespace huji::http
