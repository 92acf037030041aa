#pragma once

#include <memory>

#include "http/Beast.hpp"
#include "http/EventLoops.hpp"
#include "http/ServerContext.hpp"

namespace caseboard::http {

// Accepts connections on the first event loop and gives each an HttpSession on the next loop.
class Listener : public std::enable_shared_from_this<Listener> {
  public:
    // Binds and listens at once, so that a port in use is reported before the server starts.
    Listener(EventLoops& loops, const tcp::endpoint& endpoint, ServerContext& context);

    void start();
    void stop();
    unsigned short port() const { return acceptor_.local_endpoint().port(); }

  private:
    asio::awaitable<void> acceptLoop();

    EventLoops& loops_;
    tcp::acceptor acceptor_;
    ServerContext& context_;
};

}  // namespace caseboard::http
