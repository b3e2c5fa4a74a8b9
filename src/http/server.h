#ifndef HUJI_HTTP_SERVER_H_
#define HUJI_HTTP_SERVER_H_

// The HTTP edge's transport: RESTinio on a pool of I/O threads, graceful shutdown. Routes are
// in src/http/routes/ (routes.h), their dispatch in dispatch.h; no business rule lives here
// (ARCHITECTURE.md "Request flow").

#include <cstdint>
#include <functional>

#include "http/config.h"

namespace huji::http {

// Runs until SIGINT or SIGTERM. `on_listening` is called with the bound port once accepting.
void run_server(const ServerConfig& config, Services& services,
                const std::function<void(uint16_t)>& on_listening);

}  // namespace huji::http

#endif  // HUJI_HTTP_SERVER_H_
