#pragma once

#include <memory>
#include <optional>

#include "http/Beast.hpp"
#include "http/ConnectionSlot.hpp"
#include "http/EventLoops.hpp"
#include "http/ServerContext.hpp"

namespace caseboard::http {

// Accepts connections on the first event loop and gives each an HttpSession on the next loop.
// A connection beyond its client's share, or beyond what the descriptors allow when no idle
// connection can make room, is closed at once.
class Listener : public std::enable_shared_from_this<Listener> {
  public:
    // Binds and listens at once, so that a port in use is reported before the server starts.
    Listener(EventLoops& loops, const tcp::endpoint& endpoint, ServerContext& context);

    void start();
    void stop();
    unsigned short port() const { return acceptor_.local_endpoint().port(); }

  private:
    // After accept itself failed (out of descriptors after all, out of memory): time for
    // connections to close before the next try, instead of failing again at once.
    static constexpr std::chrono::milliseconds kAcceptRetry{100};

    asio::awaitable<void> acceptLoop();
    asio::awaitable<void> recoverFrom(const boost::system::error_code& ec);

    EventLoops& loops_;
    tcp::acceptor acceptor_;
    ServerContext& context_;
    bool failing_ = false;  // accept has failed since the last connection came in
};

}  // namespace caseboard::http
