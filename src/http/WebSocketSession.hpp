#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api/WebSocketApi.hpp"
#include "http/Beast.hpp"
#include "http/ConnectionSlot.hpp"
#include "http/ServerContext.hpp"
#include "http/SocketGroup.hpp"
#include "http/WsFrameReader.hpp"
#include "realtime/Frame.hpp"

namespace caseboard::http {

// One accepted WebSocket. Beast answers the upgrade; after it, this class speaks the frames
// itself, because fan-out needs what Beast's stream cannot do: write the hub's shared frames as
// they are, and everything a slow screen has missed in one write (a send per frame per socket
// was the bound of the 10,000-socket benchmark). Everything runs on the socket's event loop (one
// thread); broadcasts come from the loop's SocketGroup.
class WebSocketSession final : public SocketGroup::Member,
                               public std::enable_shared_from_this<WebSocketSession> {
  public:
    using FramePtr = SocketGroup::FramePtr;

    // `slot`: the connection as ConnectionLimits counts it, until this session is gone.
    WebSocketSession(beast::tcp_stream stream, ConnectionSlot slot, api::WsIdentity identity,
                     ServerContext& context, SocketGroup& group);

    void start(Request upgrade);

    // A socket that has written everything up to `from` writes the batch as it is.
    void deliver(std::uint64_t from, std::uint64_t to, const std::vector<FramePtr>& batch) override;
    // Closes with 1001.
    void goAway() override;

  private:
    static constexpr std::size_t kMaxBatch = SocketGroup::kMaxBatch;
    // A closing handshake may take this long before the connection is simply dropped.
    static constexpr std::chrono::seconds kCloseGrace{5};
    // Pinged after 15 s of silence, dropped after 30 s: keeps proxies (which drop idle sockets
    // after 60 s) from cutting the connection, and finds dead screens.
    static constexpr std::chrono::seconds kPingAfter{15};
    static constexpr std::chrono::seconds kDropAfter{30};
    // Texts received but not yet relayed: a screen sending faster than that is closed (1013).
    static constexpr std::size_t kMaxPendingTexts = 256;

    asio::awaitable<void> run(Request upgrade);
    asio::awaitable<bool> handshake(Request upgrade);
    asio::awaitable<void> readLoop();
    asio::awaitable<void> keepAlive();
    void onMessage(WsFrameReader::Message message);
    void onText(std::string text);
    void relayNext();
    void sendDirect(FramePtr frame);
    void flush();
    void gatherBroadcasts();
    bool sendNow();
    std::optional<std::size_t> writeSome();
    void sendRestLater(std::size_t written);
    void onWritten(boost::system::error_code ec);
    void finishSending();
    void closeWith(std::uint16_t code);
    // Queues the close frame (nothing is sent after it); false if closing already.
    bool beginClose(std::uint16_t code);
    void closeSocket();
    void armExpiry();

    tcp::socket socket_;
    ConnectionSlot slot_;
    api::WsIdentity identity_;
    ServerContext& context_;
    SocketGroup& group_;
    WsFrameReader reader_;
    // Handshaking: joined the hub (so that nothing broadcast after our 101 is missed), nothing
    // is written until the handshake is done. Open: reading and writing. Closed: socket closed.
    enum class State { Handshaking, Open, Closed };
    State state_ = State::Handshaking;
    std::uint64_t cursor_ = 0;       // the last broadcast frame taken from the hub's log
    std::deque<std::string> texts_;  // received, waiting for the one being relayed
    bool relaying_ = false;
    std::deque<FramePtr> direct_;     // frames for this socket alone: replies, pings, close
    std::vector<FramePtr> inFlight_;  // the frames of the write in progress
    std::vector<asio::const_buffer> buffers_;
    std::optional<std::uint16_t> closing_;  // our close frame is queued or sent
    bool closeWritten_ = false;             // the close frame is in a write that has started
    // End the TCP connection as soon as our close frame is written: the peer has sent its own
    // close, or the connection failed (RFC 6455 §7.1.7: no reply is awaited then).
    bool dropAfterClose_ = false;
    std::chrono::steady_clock::time_point lastHeard_;
    asio::steady_timer expiry_;
    asio::steady_timer closeDeadline_;
    asio::steady_timer keepAlive_;
};

}  // namespace caseboard::http
