#pragma once

#include <deque>
#include <memory>
#include <optional>
#include <string>

#include "api/WebSocketApi.hpp"
#include "http/Beast.hpp"
#include "http/ServerContext.hpp"
#include "realtime/Subscriber.hpp"

namespace caseboard::http {

// One accepted WebSocket. Reads the screen's text and relays it; writes the hub's messages one at a
// time from a bounded queue (Beast allows one write in flight). Everything runs on the socket's
// strand; the hub only posts to it.
class WebSocketSession final : public realtime::Subscriber,
                               public std::enable_shared_from_this<WebSocketSession> {
  public:
    WebSocketSession(beast::tcp_stream stream, api::WsIdentity identity, ServerContext& context);

    void start(Request upgrade);

    void deliver(std::shared_ptr<const std::string> message) override;
    void goAway() override;

  private:
    // A screen that falls this far behind is closed (1013) to reconnect and refetch, instead of
    // letting its queue grow without bound.
    static constexpr std::size_t kMaxQueued = 1024;
    // How long a closing handshake may take before the connection is simply dropped.
    static constexpr std::chrono::seconds kCloseGrace{5};

    asio::awaitable<void> run(Request upgrade);
    void configure();
    void onText(std::string text);
    void enqueue(std::shared_ptr<const std::string> message);
    void writeNext();
    void onWritten(boost::system::error_code ec);
    void closeWith(websocket::close_code code);
    void sendClose();
    void armExpiry();

    websocket::stream<beast::tcp_stream> ws_;
    api::WsIdentity identity_;
    ServerContext& context_;
    std::deque<std::shared_ptr<const std::string>> queue_;
    // Handshaking: joined the hub (so that nothing sent after our 101 is missed), messages queue
    // until the handshake is done. Open: reading and writing. Closed: gone from the hub.
    enum class State { Handshaking, Open, Closed };
    State state_ = State::Handshaking;
    bool writing_ = false;
    std::optional<websocket::close_code> closing_;
    asio::steady_timer expiry_;
    asio::steady_timer closeDeadline_;
};

}  // namespace caseboard::http
