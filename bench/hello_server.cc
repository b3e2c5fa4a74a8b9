// The raw limit for docs/PERFORMANCE.md: RESTinio answering "hello" with the same thread pool
// and router type as huji, no storage, no JSON.   usage: hello_server PORT [THREADS]
#include <cstdlib>
#include <restinio/all.hpp>

int main(int argc, char** argv) {
  using router_t = restinio::router::express_router_t<>;
  struct Traits : public restinio::default_traits_t {
    using request_handler_t = router_t;
  };
  const auto port = static_cast<uint16_t>(argc > 1 ? std::atoi(argv[1]) : 8081);
  const auto threads = static_cast<size_t>(argc > 2 ? std::atoi(argv[2]) : 8);
  auto router = std::make_unique<router_t>();
  router->http_get("/hello", [](auto req, auto) {
    return req->create_response()
        .append_header(restinio::http_field::content_type, "text/plain")
        .set_body("hello")
        .done();
  });
  restinio::run(restinio::on_thread_pool<Traits>(threads)
                    .address("127.0.0.1")
                    .port(port)
                    .request_handler(std::move(router)));
}
