#include "http/Listener.hpp"

#include <spdlog/spdlog.h>

#include "http/HttpSession.hpp"

namespace caseboard::http {

Listener::Listener(EventLoops& loops, const tcp::endpoint& endpoint, ServerContext& context)
    : loops_(loops), acceptor_(loops.first()), context_(context) {
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(asio::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(asio::socket_base::max_listen_connections);
}

void Listener::start() {
    asio::co_spawn(
        acceptor_.get_executor(), [self = shared_from_this()] { return self->acceptLoop(); },
        asio::detached);
}

void Listener::stop() {
    asio::post(acceptor_.get_executor(), [self = shared_from_this()] {
        boost::system::error_code ec;
        self->acceptor_.close(ec);
    });
}

asio::awaitable<void> Listener::acceptLoop() {
    for (;;) {
        auto loop = loops_.nextForConnection();
        auto [ec, socket] = co_await acceptor_.async_accept(loop.io, kAwaitable);
        if (ec == asio::error::operation_aborted || !acceptor_.is_open()) co_return;
        if (ec) {
            co_await recoverFrom(ec);
            continue;
        }
        failing_ = false;
        auto peer = socket.remote_endpoint(ec);
        if (ec) continue;  // gone already
        auto slot = context_.gate.admit(peer.address());
        if (!slot) continue;  // the socket closes here, before anything is read from it
        socket.set_option(tcp::no_delay(true), ec);
        std::make_shared<HttpSession>(std::move(socket), std::move(*slot), context_, loop.sockets)
            ->start();
    }
}

asio::awaitable<void> Listener::recoverFrom(const boost::system::error_code& ec) {
    // Once per episode: a connection waiting in the backlog makes every retry fail alike.
    if (!failing_) spdlog::warn("accept failed: {}; closing idle connections", ec.message());
    failing_ = true;
    context_.gate.idleConnections().closeOldest();
    asio::steady_timer pause(acceptor_.get_executor(), kAcceptRetry);
    co_await pause.async_wait(kAwaitable);
}

}  // namespace caseboard::http
