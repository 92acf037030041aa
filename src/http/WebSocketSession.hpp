#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
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
    // Closes with 1008 if the change ends this socket's session.
    void revoke(const domain::AccessChange& change) override;

  private:
    static constexpr std::size_t kMaxBatch = SocketGroup::kMaxBatch;
    static constexpr std::size_t kMaxBatchBytes = SocketGroup::kMaxBatchBytes;
    // What the server holds for one socket at most, the kernel's buffers aside: frames waiting or
    // being written (pongs, events, replies, the close frame), texts waiting to be relayed, a
    // partial frame read. A client that does not read reaches it and is closed (1013).
    static constexpr std::size_t kMaxHeldBytes = 1024 * 1024;
    // A closing handshake may take this long before the connection is simply dropped. Reading
    // stops then too: what a peer sends after a close is read only that long, and not kept.
    static constexpr std::chrono::seconds kCloseGrace{1};
    // A write that moves nothing for this long is given up: the connection is dropped.
    static constexpr std::chrono::seconds kWriteStall{30};
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
    void answerPing(std::string_view payload);
    void sendDirect(FramePtr frame);
    void queueDirect(FramePtr frame);
    void flush();
    void gatherBroadcasts();
    void takeQueued();
    bool sendNow();
    std::optional<std::size_t> writeSome();
    void sendRestLater(std::size_t written);
    void skipWritten(std::size_t written);
    void writeRest();
    void onWroteSome(boost::system::error_code ec, std::size_t written);
    void watchWrite();
    void onWritten(boost::system::error_code ec);
    std::size_t heldBytes() const;
    void enforceBudget();
    void dropQueued();
    void finishSending();
    void closeWith(std::uint16_t code);
    // Queues the close frame (nothing is sent after it); false if closing already.
    bool beginClose(std::uint16_t code);
    void closeSocket();
    // Ends the connection with a reset: for a peer that is not reading.
    void dropConnection();
    void armExpiry();
    // On a worker: closes with 1008 unless the session is still live and may read.
    void checkAccessAgain();

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
    FramePtr pong_;                   // the answer to the latest ping, until it is being written
    std::vector<FramePtr> inFlight_;  // the frames of the write in progress
    std::vector<asio::const_buffer> buffers_;
    // What is held, as counted against kMaxHeldBytes.
    std::size_t queuedBytes_ = 0;           // direct_ and pong_
    std::size_t inFlightBytes_ = 0;         // inFlight_, while its write waits for room
    std::size_t textBytes_ = 0;             // texts_
    std::optional<std::uint16_t> closing_;  // our close frame is queued or sent
    bool closeWritten_ = false;             // the close frame is in a write that has started
    // End the TCP connection as soon as our close frame is written: the peer has sent its own
    // close, or the connection failed (RFC 6455 §7.1.7: no reply is awaited then).
    bool dropAfterClose_ = false;
    std::chrono::steady_clock::time_point lastHeard_;
    std::chrono::steady_clock::time_point lastWritten_;  // progress of the write waiting for room
    bool watchingWrite_ = false;
    asio::steady_timer expiry_;
    asio::steady_timer closeDeadline_;
    asio::steady_timer keepAlive_;
    asio::steady_timer writeStall_;
};

}  // namespace caseboard::http
