#include "http/WebSocketSession.hpp"

#include <spdlog/spdlog.h>

#include "auth/TokenService.hpp"

namespace caseboard::http {

WebSocketSession::WebSocketSession(beast::tcp_stream stream, api::WsIdentity identity,
                                   ServerContext& context)
    : ws_(std::move(stream)),
      identity_(std::move(identity)),
      context_(context),
      expiry_(ws_.get_executor()),
      closeDeadline_(ws_.get_executor()) {}

void WebSocketSession::start(Request upgrade) {
    asio::co_spawn(
        ws_.get_executor(),
        [self = shared_from_this(), upgrade = std::move(upgrade)]() mutable {
            return self->run(std::move(upgrade));
        },
        asio::detached);
}

void WebSocketSession::configure() {
    // Pings every 15 s of silence and drops a peer that stays silent for 30 s: keeps proxies
    // (which drop idle sockets after 60 s) from cutting the connection and finds dead screens.
    websocket::stream_base::timeout timeouts{};
    timeouts.handshake_timeout = std::chrono::seconds(10);
    timeouts.idle_timeout = std::chrono::seconds(30);
    timeouts.keep_alive_pings = true;
    ws_.set_option(timeouts);
    ws_.set_option(websocket::stream_base::decorator([](websocket::response_type& response) {
        response.set(bhttp::field::server, "caseboard");
    }));
    ws_.read_message_max(api::WebSocketApi::kMaxMessageBytes);
}

asio::awaitable<void> WebSocketSession::run(Request upgrade) {
    configure();
    context_.hub.join(shared_from_this());
    auto [acceptError] = co_await ws_.async_accept(upgrade, kAwaitable);
    if (acceptError) {
        state_ = State::Closed;
        context_.hub.leave(this);
        co_return;
    }
    state_ = State::Open;
    if (closing_) {
        sendClose();
    } else if (!queue_.empty()) {
        writeNext();
    }
    armExpiry();
    beast::flat_buffer buffer;
    for (;;) {
        auto [ec, n] = co_await ws_.async_read(buffer, kAwaitable);
        if (ec) break;
        if (!ws_.got_text()) {
            closeWith(websocket::close_code::unknown_data);
            break;
        }
        onText(beast::buffers_to_string(buffer.data()));
        buffer.consume(buffer.size());
    }
    state_ = State::Closed;
    context_.hub.leave(this);
    expiry_.cancel();
}

void WebSocketSession::onText(std::string text) {
    // Deciding whether this user may broadcast reads the store: not on the I/O thread.
    asio::post(context_.storePool, [self = shared_from_this(), text = std::move(text)] {
        auto reply = self->context_.app.webSocket().onText(self->identity_, text);
        if (reply) self->deliver(std::make_shared<const std::string>(std::move(*reply)));
    });
}

void WebSocketSession::armExpiry() {
    auto remaining = std::chrono::seconds(identity_.expiresAt - auth::unixNow());
    expiry_.expires_after(remaining);
    expiry_.async_wait([weak = weak_from_this()](boost::system::error_code ec) {
        if (ec) return;
        if (auto self = weak.lock()) self->closeWith(websocket::close_code::policy_error);
    });
}

void WebSocketSession::deliver(std::shared_ptr<const std::string> message) {
    asio::post(ws_.get_executor(),
               [self = shared_from_this(), message = std::move(message)]() mutable {
                   self->enqueue(std::move(message));
               });
}

void WebSocketSession::goAway() {
    asio::post(ws_.get_executor(),
               [self = shared_from_this()] { self->closeWith(websocket::close_code::going_away); });
}

void WebSocketSession::enqueue(std::shared_ptr<const std::string> message) {
    if (state_ == State::Closed || closing_) return;
    if (queue_.size() >= kMaxQueued) {
        closeWith(websocket::close_code::try_again_later);
        return;
    }
    queue_.push_back(std::move(message));
    if (state_ == State::Open && !writing_) writeNext();
}

void WebSocketSession::writeNext() {
    writing_ = true;
    ws_.text(true);
    ws_.async_write(asio::buffer(*queue_.front()),
                    [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                        self->onWritten(ec);
                    });
}

void WebSocketSession::onWritten(boost::system::error_code ec) {
    writing_ = false;
    if (!queue_.empty()) queue_.pop_front();
    if (ec) {
        queue_.clear();
        return;
    }
    if (closing_) {
        sendClose();
    } else if (!queue_.empty()) {
        writeNext();
    }
}

void WebSocketSession::closeWith(websocket::close_code code) {
    if (state_ == State::Closed || closing_) return;
    closing_ = code;
    // Keep only the frame being written: nothing else is sent after the close frame.
    if (queue_.size() > 1) queue_.erase(queue_.begin() + 1, queue_.end());
    closeDeadline_.expires_after(kCloseGrace);
    closeDeadline_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
        if (!ec) beast::get_lowest_layer(self->ws_).close();
    });
    if (state_ == State::Open && !writing_) sendClose();
}

void WebSocketSession::sendClose() {
    ws_.async_close(*closing_, [self = shared_from_this()](boost::system::error_code) {
        self->closeDeadline_.cancel();
    });
}

}  // namespace caseboard::http
