#pragma once

#include <memory>
#include <string>

#include "api/Application.hpp"
#include "http/AllowedHosts.hpp"
#include "http/TrustedProxies.hpp"
#include "realtime/Hub.hpp"

namespace caseboard::http {

struct ServerOptions {
    std::string host = "127.0.0.1";
    unsigned short port = 8000;
    unsigned ioThreads = 1;
    TrustedProxies trustedProxies;
    AllowedHosts allowedHosts{"127.0.0.1", {}};
    unsigned maxConnectionsPerClient = 256;
    // Bytes of memory files kept for large shared bodies (cached lists) at most.
    std::size_t bodyFileBytes = 64 << 20;
};

// The HTTP and WebSocket server: I/O threads, worker pools, the listener and graceful stop on
// SIGTERM/SIGINT. Construction binds the port (and throws if it cannot, or if the open-file limit
// leaves no room for connections); run() serves until a signal arrives and every in-flight
// request has been answered.
class Server {
  public:
    Server(const ServerOptions& options, api::Application& app, realtime::Hub& hub);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    unsigned short port() const;
    void run();

  private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace caseboard::http
