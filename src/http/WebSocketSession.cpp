#include "http/WebSocketSession.hpp"

#include <array>

#include "auth/TokenService.hpp"

namespace caseboard::http {

namespace {

using realtime::Frame;
using namespace realtime::close_code;

constexpr std::chrono::seconds kHandshakeTimeout{10};

}  // namespace

WebSocketSession::WebSocketSession(beast::tcp_stream stream, ConnectionSlot slot,
                                   api::WsIdentity identity, ServerContext& context,
                                   SocketGroup& group)
    : socket_(stream.release_socket()),
      slot_(std::move(slot)),
      identity_(std::move(identity)),
      context_(context),
      group_(group),
      reader_(api::WebSocketApi::kMaxMessageBytes),
      expiry_(socket_.get_executor()),
      closeDeadline_(socket_.get_executor()),
      keepAlive_(socket_.get_executor()) {}

void WebSocketSession::start(Request upgrade) {
    asio::co_spawn(
        socket_.get_executor(),
        [self = shared_from_this(), upgrade = std::move(upgrade)]() mutable {
            return self->run(std::move(upgrade));
        },
        asio::detached);
}

asio::awaitable<void> WebSocketSession::run(Request upgrade) {
    cursor_ = group_.add(*this);
    if (co_await handshake(std::move(upgrade))) {
        state_ = State::Open;
        // For writeSome(); asynchronous operations are not affected.
        socket_.non_blocking(true);
        lastHeard_ = std::chrono::steady_clock::now();
        asio::co_spawn(
            socket_.get_executor(), [self = shared_from_this()] { return self->keepAlive(); },
            asio::detached);
        armExpiry();
        flush();
        co_await readLoop();
    }
    closeSocket();
    group_.remove(*this);
}

asio::awaitable<bool> WebSocketSession::handshake(Request upgrade) {
    // Beast checks the upgrade request and answers it; the stream borrows our socket for that.
    websocket::stream<tcp::socket&> ws(socket_);
    websocket::stream_base::timeout timeouts{};
    timeouts.handshake_timeout = kHandshakeTimeout;
    timeouts.idle_timeout = websocket::stream_base::none();
    timeouts.keep_alive_pings = false;
    ws.set_option(timeouts);
    ws.set_option(websocket::stream_base::decorator([](websocket::response_type& response) {
        response.set(bhttp::field::server, "caseboard");
    }));
    auto [ec] = co_await ws.async_accept(upgrade, kAwaitable);
    co_return !ec;
}

asio::awaitable<void> WebSocketSession::readLoop() {
    std::array<char, 4096> buffer{};
    for (;;) {
        auto [ec, n] = co_await socket_.async_read_some(asio::buffer(buffer), kAwaitable);
        if (ec) co_return;
        lastHeard_ = std::chrono::steady_clock::now();
        reader_.append(std::string_view(buffer.data(), n));
        while (auto message = reader_.next()) onMessage(std::move(*message));
    }
}

asio::awaitable<void> WebSocketSession::keepAlive() {
    for (;;) {
        keepAlive_.expires_after(kPingAfter);
        auto [ec] = co_await keepAlive_.async_wait(kAwaitable);
        if (ec || state_ == State::Closed) co_return;
        auto silence = std::chrono::steady_clock::now() - lastHeard_;
        if (silence >= kDropAfter) {
            // A peer this silent will not answer a close frame either.
            closeSocket();
            co_return;
        }
        if (silence >= kPingAfter) sendDirect(Frame::control(Frame::Opcode::Ping, {}));
    }
}

void WebSocketSession::onMessage(WsFrameReader::Message message) {
    using Kind = WsFrameReader::Message::Kind;
    switch (message.kind) {
        case Kind::Text:
            if (!closing_) onText(std::move(message.payload));
            break;
        case Kind::Ping:
            sendDirect(Frame::control(Frame::Opcode::Pong, message.payload));
            break;
        case Kind::Pong:
            break;
        case Kind::Close:
            dropAfterClose_ = true;
            // Either the answer to our close (we are done) or the peer's own: echo its code.
            if (closing_) {
                // If our close frame is still being written, onWritten finishes.
                if (closeWritten_ && inFlight_.empty()) closeSocket();
            } else {
                closeWith(message.code == 0 ? kNormal : message.code);
            }
            break;
        case Kind::Fail:
            dropAfterClose_ = true;
            closeWith(message.code);
            break;
    }
}

void WebSocketSession::onText(std::string text) {
    if (texts_.size() >= kMaxPendingTexts) {
        closeWith(kTryAgainLater);
        return;
    }
    texts_.push_back(std::move(text));
    if (!relaying_) relayNext();
}

// One text at a time, so that a screen's messages reach everyone in the order it sent them.
// Deciding whether this user may broadcast reads the store: not on the I/O thread.
void WebSocketSession::relayNext() {
    relaying_ = true;
    std::string text = std::move(texts_.front());
    texts_.pop_front();
    asio::post(context_.storePool, [self = shared_from_this(), text = std::move(text)] {
        auto reply = self->context_.app.webSocket().onText(self->identity_, text);
        std::shared_ptr<const Frame> frame = reply ? Frame::text(*reply) : nullptr;
        asio::post(self->socket_.get_executor(), [self, frame = std::move(frame)]() mutable {
            self->relaying_ = false;
            if (frame) self->sendDirect(std::move(frame));
            if (!self->texts_.empty()) self->relayNext();
        });
    });
}

void WebSocketSession::armExpiry() {
    auto remaining = std::chrono::seconds(identity_.expiresAt - auth::unixNow());
    expiry_.expires_after(remaining);
    expiry_.async_wait([weak = weak_from_this()](boost::system::error_code ec) {
        if (ec) return;
        if (auto self = weak.lock()) self->closeWith(kPolicyViolation);
    });
}

void WebSocketSession::deliver(std::uint64_t from, std::uint64_t to,
                               const std::vector<FramePtr>& batch) {
    const bool upToDate = state_ == State::Open && !closing_ && cursor_ == from &&
                          inFlight_.empty() && direct_.empty() && !batch.empty();
    if (!upToDate) {
        flush();
        return;
    }
    // The usual case, once per socket per event. The frames are borrowed from the batch, which
    // outlives this call: only a write that has to wait takes a reference of its own.
    buffers_.clear();
    for (const auto& frame : batch) buffers_.push_back(asio::buffer(frame->wire()));
    cursor_ = to;
    const std::size_t total = asio::buffer_size(buffers_);
    auto written = writeSome();
    if (!written || *written == total) return;
    inFlight_.assign(batch.begin(), batch.end());
    sendRestLater(*written);
}

void WebSocketSession::goAway() {
    closeWith(kGoingAway);
}

void WebSocketSession::sendDirect(FramePtr frame) {
    if (state_ == State::Closed || closing_) return;
    direct_.push_back(std::move(frame));
    flush();
}

// Writes everything waiting, kMaxBatch frames per write, unless a write is in progress: its
// completion calls flush again.
void WebSocketSession::flush() {
    while (state_ == State::Open && inFlight_.empty() && !closeWritten_) {
        if (!closing_) gatherBroadcasts();
        while (!direct_.empty() && inFlight_.size() < kMaxBatch) {
            inFlight_.push_back(std::move(direct_.front()));
            direct_.pop_front();
        }
        if (inFlight_.empty()) return;
        buffers_.clear();
        for (const auto& frame : inFlight_) {
            buffers_.push_back(asio::buffer(frame->wire()));
            if (frame->opcode() == Frame::Opcode::Close) closeWritten_ = true;
        }
        if (!sendNow()) return;
        inFlight_.clear();
        if (closeWritten_) finishSending();
    }
}

// The socket usually has room: writing at once saves the asynchronous operation and its
// completion, which at thousands of sockets per event is most of the work outside the kernel.
// True if everything was written now; otherwise the rest is being written asynchronously (the
// frames in inFlight_ stay alive for it), or the connection failed and is closed.
bool WebSocketSession::sendNow() {
    const std::size_t total = asio::buffer_size(buffers_);
    auto written = writeSome();
    if (!written) return false;
    if (*written == total) return true;
    sendRestLater(*written);
    return false;
}

// Writes what the socket takes without waiting; nothing if the connection failed (it is closed).
std::optional<std::size_t> WebSocketSession::writeSome() {
    boost::system::error_code ec;
    std::size_t written = socket_.write_some(buffers_, ec);
    if (ec == asio::error::would_block || ec == asio::error::try_again) return 0;
    if (ec) {
        closeSocket();
        return std::nullopt;
    }
    return written;
}

void WebSocketSession::sendRestLater(std::size_t written) {
    auto first = buffers_.begin();
    while (written > 0 && written >= first->size()) {
        written -= first->size();
        ++first;
    }
    if (written > 0) *first += written;
    buffers_.erase(buffers_.begin(), first);
    asio::async_write(socket_, buffers_,
                      [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                          self->onWritten(ec);
                      });
}

void WebSocketSession::gatherBroadcasts() {
    auto read = context_.hub.log().readAfter(cursor_, kMaxBatch, inFlight_);
    if (read == realtime::FrameLog::Read::Overrun) {
        // Frames this screen has not had are gone: it reconnects and refetches.
        beginClose(kTryAgainLater);
    }
}

void WebSocketSession::onWritten(boost::system::error_code ec) {
    inFlight_.clear();
    if (ec) {
        closeSocket();
    } else if (closeWritten_) {
        finishSending();
    } else {
        flush();
    }
}

// Our close frame is written. When no reply is awaited, send FIN but keep reading until the peer
// closes (or the grace period ends): closing with its bytes unread would reset the connection,
// and the reset can overtake our close frame.
void WebSocketSession::finishSending() {
    boost::system::error_code ignored;
    if (dropAfterClose_) socket_.shutdown(tcp::socket::shutdown_send, ignored);
}

void WebSocketSession::closeWith(std::uint16_t code) {
    if (beginClose(code)) flush();
}

bool WebSocketSession::beginClose(std::uint16_t code) {
    if (state_ == State::Closed || closing_) return false;
    closing_ = code;
    direct_.push_back(Frame::close(code));
    closeDeadline_.expires_after(kCloseGrace);
    closeDeadline_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
        if (!ec) self->closeSocket();
    });
    return true;
}

void WebSocketSession::closeSocket() {
    if (state_ == State::Closed) return;
    state_ = State::Closed;
    boost::system::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
    expiry_.cancel();
    closeDeadline_.cancel();
    keepAlive_.cancel();
    direct_.clear();
}

}  // namespace caseboard::http
