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
            // Out of file descriptors and the like: wait a moment rather than spin.
            spdlog::warn("accept failed: {}", ec.message());
            asio::steady_timer pause(acceptor_.get_executor(), std::chrono::milliseconds(50));
            co_await pause.async_wait(kAwaitable);
            continue;
        }
        socket.set_option(tcp::no_delay(true), ec);
        std::make_shared<HttpSession>(std::move(socket), context_, loop.sockets)->start();
    }
}

}  // namespace caseboard::http
