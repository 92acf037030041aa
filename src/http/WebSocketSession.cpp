#include "http/WebSocketSession.hpp"

#include <array>

#include "auth/TokenService.hpp"

namespace caseboard::http {

namespace {

using realtime::Frame;
using namespace realtime::close_code;

constexpr std::chrono::seconds kHandshakeTimeout{10};

// What a frame or text held costs: its bytes, and the object, count and queue slot around them.
std::size_t costOf(std::string_view bytes) {
    constexpr std::size_t kEntryOverhead = 128;
    return bytes.size() + kEntryOverhead;
}

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
      keepAlive_(socket_.get_executor()),
      writeStall_(socket_.get_executor()) {}

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
    // A change that came while the session was checked may have passed this loop before the
    // socket joined it.
    if (context_.app.webSocket().accessChangedSince(identity_)) checkAccessAgain();
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
            dropConnection();
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
            answerPing(message.payload);
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
    textBytes_ += costOf(text);
    texts_.push_back(std::move(text));
    enforceBudget();
    if (!relaying_ && !texts_.empty()) relayNext();
}

// One text at a time, so that a screen's messages reach everyone in the order it sent them.
// Deciding whether this user may broadcast reads the store: not on the I/O thread.
void WebSocketSession::relayNext() {
    relaying_ = true;
    std::string text = std::move(texts_.front());
    texts_.pop_front();
    textBytes_ -= costOf(text);
    asio::post(context_.app.workers().storePool(), [self = shared_from_this(),
                                                    text = std::move(text)] {
        auto reply = self->context_.app.webSocket().onText(self->identity_, text);
        std::shared_ptr<const Frame> frame = reply ? Frame::text(*reply) : nullptr;
        asio::post(self->socket_.get_executor(), [self, frame = std::move(frame)]() mutable {
            self->relaying_ = false;
            if (frame) self->sendDirect(std::move(frame));
            if (!self->texts_.empty()) self->relayNext();
        });
    });
}

// The store is asked rather than the change obeyed: a change can arrive twice, or late (the
// SQLite feed reads back what this server itself did), and must not close a socket opened after
// the user was given access again.
void WebSocketSession::revoke(const domain::AccessChange& change) {
    if (change.ends(identity_.claims.userId, identity_.claims.sessionId)) checkAccessAgain();
}

void WebSocketSession::checkAccessAgain() {
    asio::post(context_.app.workers().storePool(), [self = shared_from_this()] {
        bool allowed = self->context_.app.webSocket().stillAllowed(self->identity_);
        if (allowed) return;
        asio::post(self->socket_.get_executor(), [self] { self->closeWith(kPolicyViolation); });
    });
}

void WebSocketSession::armExpiry() {
    auto remaining = std::chrono::seconds(identity_.claims.expiresAt - auth::unixNow());
    expiry_.expires_after(remaining);
    expiry_.async_wait([weak = weak_from_this()](boost::system::error_code ec) {
        if (ec) return;
        if (auto self = weak.lock()) self->closeWith(kPolicyViolation);
    });
}

void WebSocketSession::deliver(std::uint64_t from, std::uint64_t to,
                               const std::vector<FramePtr>& batch) {
    const bool upToDate = state_ == State::Open && !closing_ && cursor_ == from &&
                          inFlight_.empty() && direct_.empty() && !pong_ && !batch.empty();
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

// Only the answer to the latest ping waits (RFC 6455 §5.5.3 allows it): a peer that pings
// without reading cannot make pongs pile up.
void WebSocketSession::answerPing(std::string_view payload) {
    if (state_ == State::Closed || closing_) return;
    if (pong_) queuedBytes_ -= costOf(pong_->wire());
    pong_ = Frame::control(Frame::Opcode::Pong, payload);
    queuedBytes_ += costOf(pong_->wire());
    enforceBudget();
    flush();
}

void WebSocketSession::sendDirect(FramePtr frame) {
    if (state_ == State::Closed || closing_) return;
    queueDirect(std::move(frame));
    enforceBudget();
    flush();
}

void WebSocketSession::queueDirect(FramePtr frame) {
    queuedBytes_ += costOf(frame->wire());
    direct_.push_back(std::move(frame));
}

// Writes everything waiting, kMaxBatch frames per write, unless a write is in progress: its
// completion calls flush again.
void WebSocketSession::flush() {
    while (state_ == State::Open && inFlight_.empty() && !closeWritten_) {
        if (!closing_) gatherBroadcasts();
        takeQueued();
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

// The frames in inFlight_ are held until the socket takes the rest: counted, and watched for
// progress.
void WebSocketSession::sendRestLater(std::size_t written) {
    skipWritten(written);
    inFlightBytes_ = 0;
    for (const auto& frame : inFlight_) inFlightBytes_ += costOf(frame->wire());
    lastWritten_ = std::chrono::steady_clock::now();
    watchWrite();
    writeRest();
    enforceBudget();
}

void WebSocketSession::skipWritten(std::size_t written) {
    auto first = buffers_.begin();
    while (written > 0 && written >= first->size()) {
        written -= first->size();
        ++first;
    }
    if (written > 0) *first += written;
    buffers_.erase(buffers_.begin(), first);
}

// A write at a time rather than one composed write, so that each bit of progress is seen.
void WebSocketSession::writeRest() {
    socket_.async_write_some(
        buffers_, [self = shared_from_this()](boost::system::error_code ec, std::size_t written) {
            self->onWroteSome(ec, written);
        });
}

void WebSocketSession::onWroteSome(boost::system::error_code ec, std::size_t written) {
    if (!ec) {
        lastWritten_ = std::chrono::steady_clock::now();
        skipWritten(written);
        if (!buffers_.empty()) {
            writeRest();
            return;
        }
    }
    onWritten(ec);
}

// One timer per socket, armed while a write waits for room, rather than one per write: it fires
// kWriteStall after the write's last progress, and only then looks at it again.
void WebSocketSession::watchWrite() {
    if (watchingWrite_) return;
    watchingWrite_ = true;
    writeStall_.expires_at(lastWritten_ + kWriteStall);
    writeStall_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
        self->watchingWrite_ = false;
        if (ec || self->state_ == State::Closed || self->inFlight_.empty()) return;
        if (std::chrono::steady_clock::now() - self->lastWritten_ < kWriteStall) {
            self->watchWrite();
            return;
        }
        // A peer that takes nothing will not take a close frame either.
        self->dropConnection();
    });
}

void WebSocketSession::gatherBroadcasts() {
    auto read = context_.hub.log().readAfter(cursor_, kMaxBatch, inFlight_, kMaxBatchBytes);
    if (read == realtime::FrameLog::Read::Overrun) {
        // Frames this screen has not had are gone: it reconnects and refetches.
        beginClose(kTryAgainLater);
    }
}

// The pong goes before the direct frames: the close frame, when there is one, goes last.
void WebSocketSession::takeQueued() {
    if (pong_) {
        queuedBytes_ -= costOf(pong_->wire());
        inFlight_.push_back(std::move(pong_));
        pong_.reset();
    }
    while (!direct_.empty() && inFlight_.size() < kMaxBatch) {
        queuedBytes_ -= costOf(direct_.front()->wire());
        inFlight_.push_back(std::move(direct_.front()));
        direct_.pop_front();
    }
}

void WebSocketSession::onWritten(boost::system::error_code ec) {
    inFlight_.clear();
    inFlightBytes_ = 0;
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

std::size_t WebSocketSession::heldBytes() const {
    return queuedBytes_ + inFlightBytes_ + textBytes_ + reader_.bufferedBytes();
}

// Called wherever what is held grows. A client this far behind is not reading: what waits for it
// is dropped, and the close frame (1013) goes out if it ever reads again, or the connection is
// dropped after the grace period.
void WebSocketSession::enforceBudget() {
    if (closing_ || heldBytes() <= kMaxHeldBytes) return;
    dropQueued();
    closeWith(kTryAgainLater);
}

void WebSocketSession::dropQueued() {
    direct_.clear();
    pong_.reset();
    queuedBytes_ = 0;
    texts_.clear();
    textBytes_ = 0;
}

bool WebSocketSession::beginClose(std::uint16_t code) {
    if (state_ == State::Closed || closing_) return false;
    closing_ = code;
    queueDirect(Frame::close(code));
    closeDeadline_.expires_after(kCloseGrace);
    closeDeadline_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
        if (!ec) self->closeSocket();
    });
    return true;
}

// A peer that stopped reading would keep what is unsent in the kernel's buffers for minutes
// after a plain close: a reset frees them at once.
void WebSocketSession::dropConnection() {
    boost::system::error_code ignored;
    socket_.set_option(asio::socket_base::linger(true, 0), ignored);
    closeSocket();
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
    writeStall_.cancel();
    dropQueued();
}

}  // namespace caseboard::http
