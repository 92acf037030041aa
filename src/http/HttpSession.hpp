#pragma once

#include <memory>
#include <optional>
#include <string>

#include "http/Beast.hpp"
#include "http/ConnectionSlot.hpp"
#include "http/IdleConnections.hpp"
#include "http/RequestLimits.hpp"
#include "http/ServerContext.hpp"
#include "http/SocketGroup.hpp"

namespace caseboard::http {

// One TCP connection speaking HTTP/1.1: reads requests one after another (keep-alive), hands each
// to the api layer on the lane it asks for, writes the answer, and passes a WebSocket upgrade on
// to a WebSocketSession.
class HttpSession : public std::enable_shared_from_this<HttpSession> {
  public:
    HttpSession(tcp::socket socket, ConnectionSlot slot, ServerContext& context,
                SocketGroup& sockets);
    ~HttpSession();

    void start();
    // Graceful stop: an idle connection closes now, a busy one after its current answer.
    void stop();

  private:
    static constexpr std::chrono::seconds kIdleTimeout{60};
    static constexpr std::chrono::seconds kRequestTimeout{30};
    // Below this, copying a shared body costs less than the second system call to send it.
    static constexpr std::size_t kSendFromFile = 16 * 1024;

    asio::awaitable<void> run();
    // Reads one request; false when the connection is done (closed, timed out or answered
    // with an error already).
    asio::awaitable<bool> readRequest(bhttp::request_parser<bhttp::string_body>& parser);
    // Until a request's header is in, the connection is idle: it may be closed to make room.
    static std::int64_t idleNow();
    void markIdle();
    void markBusy();
    // To make room for a new connection; on any thread.
    void closeIfEvicting();
    // What refuses a request before it is routed, the upgrade too: a Host this server does not
    // answer to (421), or a client holding every connection it may through a proxy (429).
    std::optional<api::ApiResponse> refusalFor(const Request& request);
    asio::awaitable<std::variant<api::WsIdentity, api::ApiResponse>> authorizeUpgrade(
        const Request& request);
    asio::awaitable<api::ApiResponse> respond(Request& request);
    asio::awaitable<bool> write(Request& request, api::ApiResponse response,
                                std::chrono::steady_clock::time_point started,
                                const std::string& requestId);
    asio::awaitable<void> refuse(bhttp::request_parser<bhttp::string_body>& parser, unsigned status,
                                 std::string_view detail);
    void upgrade(Request request, const api::WsIdentity& identity);
    std::string requestIdFor(const Request& request);
    std::string clientAddressOf(const Request& request) const;

    beast::tcp_stream stream_;
    ConnectionSlot slot_;  // handed on with the socket to a WebSocket
    beast::flat_buffer buffer_;
    ServerContext& context_;
    SocketGroup& sockets_;  // of this connection's event loop, should it become a WebSocket
    std::optional<asio::ip::address> peer_;  // empty if the socket could not tell
    std::string clientAddress_;              // of the request being answered
    bool busy_ = false;
    bool stopRequested_ = false;
    IdleConnections::IdleSince idleSince_{IdleConnections::kBusy};
};

}  // namespace caseboard::http
