#include "http/server.h"

#include <http_parser.h>
#include <poll.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <thread>

#include <spdlog/spdlog.h>
#include <asio/post.hpp>
#include <asio/steady_timer.hpp>
#include <restinio/all.hpp>

#include "http/accept_guard.h"
#include "http/dispatch.h"
#include "http/request_limits.h"
#include "http/server_traits.h"
#include "service/audit_queue.h"

namespace huji::http {
namespace {

// Raises the soft descriptor limit to the hard one and returns how many connections may be
// open at once: what is left below the soft limit after the descriptors open now (database,
// journal, logs) and a reserve for those opened later — store connections per thread and
// files being sent. config.max_connections (--max-connections) overrides it.
size_t connection_cap(const ServerConfig& config, size_t io_threads) {
  rlimit rl{};
  getrlimit(RLIMIT_NOFILE, &rl);
  const rlim_t soft_before = rl.rlim_cur;
  if (rl.rlim_cur < rl.rlim_max) {
    rlimit raised = rl;
    raised.rlim_cur = rl.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0) rl = raised;
  }
  std::error_code ec;
  size_t in_use = 0;
  for (std::filesystem::directory_iterator it("/proc/self/fd", ec), end; !ec && it != end;
       it.increment(ec)) {
    ++in_use;
  }
  if (ec || in_use == 0) in_use = 32;
  // Refused connections linger a moment after their ticket ended (gated_socket.h).
  const size_t reserve = 32 + 3 * (config.threads + io_threads) + GatedSocket::kMaxLingering;
  const size_t soft = rl.rlim_cur == RLIM_INFINITY ? size_t{1} << 20 : size_t{rl.rlim_cur};
  // An office needs far fewer; each connection may hold a body of up to 6 MiB while it is
  // read, so the default also bounds that memory (about 6 GiB at worst).
  constexpr size_t kDefaultMaxConnections = 1024;
  const size_t automatic = std::min(soft > in_use + reserve ? soft - in_use - reserve : size_t{1},
                                    kDefaultMaxConnections);
  const size_t cap = config.max_connections ? config.max_connections : automatic;
  spdlog::info(
      R"({{"event":"descriptors","soft_limit_before":{},"soft_limit":{},"hard_limit":{},"in_use":{},"max_connections":{}}})",
      soft_before == RLIM_INFINITY ? -1 : static_cast<long long>(soft_before),
      rl.rlim_cur == RLIM_INFINITY ? -1 : static_cast<long long>(rl.rlim_cur),
      rl.rlim_max == RLIM_INFINITY ? -1 : static_cast<long long>(rl.rlim_max), in_use, cap);
  if (cap > automatic) {
    spdlog::warn(
        R"j({{"event":"descriptors","detail":"--max-connections {} is above what the descriptor limit leaves ({}): accepts may fail for want of descriptors (they are retried)"}})j",
        cap, automatic);
  } else if (automatic < 16) {
    spdlog::warn(
        R"j({{"event":"descriptors","detail":"only {} connections fit below the descriptor limit; raise it (ulimit -n, systemd LimitNOFILE)"}})j",
        automatic);
  }
  return cap;
}

// Whether connections wait in the listening socket's backlog.
bool backlog_waiting(int listen_fd) {
  pollfd p{listen_fd, POLLIN, 0};
  return ::poll(&p, 1, 0) == 1 && (p.revents & POLLIN) != 0;
}

// Calls the guard's check() every second until the I/O context stops (the pending wait keeps
// the watch alive).
class ListenerWatch : public std::enable_shared_from_this<ListenerWatch> {
 public:
  ListenerWatch(asio::io_context& io, std::shared_ptr<AcceptGuard> guard,
                const std::atomic<int>& listen_fd)
      : timer_(io), guard_(std::move(guard)), listen_fd_(listen_fd) {}

  void start() {
    timer_.expires_after(std::chrono::seconds(1));
    timer_.async_wait([self = shared_from_this()](const asio::error_code& ec) {
      if (ec) return;
      if (const int fd = self->listen_fd_.load(); fd >= 0) {
        self->guard_->check(backlog_waiting(fd));
      }
      self->start();
    });
  }

 private:
  asio::steady_timer timer_;
  std::shared_ptr<AcceptGuard> guard_;
  const std::atomic<int>& listen_fd_;
};

}  // namespace

void run_server(const ServerConfig& config, Services& services,
                const std::function<void(uint16_t)>& on_listening) {
  using Pool =
      restinio::impl::ioctx_on_thread_pool_t<restinio::impl::own_io_context_for_thread_pool_t>;
  const size_t io_threads = config.io_threads
                                ? config.io_threads
                                : std::max<size_t>(std::thread::hardware_concurrency(), 1);
  Pool pool(io_threads);
  // After the pool: destroyed before the I/O context its leftovers might still refer to.
  Dispatcher api(config, services);
  api.answer_refusals_on(pool.io_context());
  // While the server runs (it is destroyed before this).
  GatedSocket::Installing gate_check(api);
  const size_t cap = connection_cap(config, io_threads);
  auto accept_guard = std::make_shared<AcceptGuard>(cap, services.listener_accepting);
  // Lobby displays stay connected: they may not take the last quarter of the connections.
  if (auto* displays = api.displays()) displays->set_cap(std::max<size_t>(cap * 3 / 4, 1));
  // The whole head of a request as http_parser counts it (process-wide; request_limits.h).
  http_parser_set_max_header_size(limits::kHardHead);
  uint16_t bound_port = 0;
  std::atomic<int> listen_fd{-1};
  std::optional<restinio::http_server_t<Traits>> constructed;
  {
    AcceptLimiter::Installing installing(accept_guard);
    constructed.emplace(
        restinio::external_io_context(pool.io_context()),
        restinio::on_thread_pool<Traits>(io_threads)
            .address(config.host)
            .port(config.port)
            .request_handler(DispatchEntry{&api})
            .concurrent_accepts_count(AcceptGuard::kSlots)
            // Waiting for a request (an idle keep-alive connection, or a slow client sending
            // its head or body) holds no thread, only the connection's place under the cap.
            .read_next_http_message_timelimit(std::chrono::seconds(20))
            .handle_request_timeout(std::chrono::seconds(30))
            .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}
                                          .max_url_size(limits::kHardTarget)
                                          .max_field_name_size(limits::kHardFieldName)
                                          .max_field_value_size(limits::kHardFieldValue)
                                          .max_field_count(limits::kHardFields)
                                          .max_body_size(api.body_limit()))
            .acceptor_post_bind_hook([&bound_port, &listen_fd](asio::ip::tcp::acceptor& a) {
              bound_port = a.local_endpoint().port();
              listen_fd = a.native_handle();
            }));
  }
  auto& server = *constructed;
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
    accept_guard->stop();
    listen_fd = -1;
    server.close_async(finish, [&caught, &finish](std::exception_ptr ex) {
      caught = std::move(ex);
      finish();
    });
  });
  // Announced once the acceptor listens (after bind is too early: a client told the port at
  // once could be refused).
  std::make_shared<ListenerWatch>(io, accept_guard, listen_fd)->start();
  server.open_async([&] { on_listening(bound_port); },
                    [&pool, &caught](std::exception_ptr ex) {
                      pool.stop();
                      caught = std::move(ex);
                    });
  pool.start();
  pool.wait();
  // Connections destroyed from here on (with the I/O context) arm no accept.
  accept_guard->stop();
  if (finisher.joinable()) finisher.join();
  // After a failed start, or should anything still run: let it end while the I/O context
  // exists.
  api.join_workers();
  if (services.audit_queue) services.audit_queue->drain();
  if (caught) std::rethrow_exception(caught);
}

}  // namespace huji::http
