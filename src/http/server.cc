#include "http/server.h"

#include <atomic>
#include <chrono>
#include <csignal>
#include <thread>

#include <spdlog/spdlog.h>
#include <asio/post.hpp>
#include <asio/steady_timer.hpp>
#include <restinio/all.hpp>

#include "http/dispatch.h"
#include "service/audit_queue.h"

namespace huji::http {

namespace {

struct Traits : public restinio::default_traits_t {
  using request_handler_t = DispatchEntry;
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
  uint16_t bound_port = 0;
  restinio::http_server_t<Traits> server{
      restinio::external_io_context(pool.io_context()),
      restinio::on_thread_pool<Traits>(io_threads)
          .address(config.host)
          .port(config.port)
          .request_handler(DispatchEntry{&api})
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
      caught = std::move(ex);
      finish();
    });
  });
  // Announced once the acceptor listens (after bind is too early: a client told the port at
  // once could be refused).
  server.open_async([&] { on_listening(bound_port); },
                    [&pool, &caught](std::exception_ptr ex) {
                      pool.stop();
                      caught = std::move(ex);
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
