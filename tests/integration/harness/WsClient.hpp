#pragma once

#include <boost/json.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace caseboard::it {

struct WsOptions {
    std::string token;                  // sent as ?token= unless tokenInHeader
    bool tokenInHeader = false;         // send "Authorization: Bearer <token>" instead
    std::optional<std::string> origin;  // Origin header, if any
    std::string path = "/ws";

    // The common case: the token as ?token=, no Origin.
    static WsOptions withToken(std::string token) {
        WsOptions options;
        options.token = std::move(token);
        return options;
    }
};

// A WebSocket client whose every wait is bounded. After a successful handshake a background
// thread keeps reading and queues text messages; the close code (if the server closed) is kept.
class WsClient {
  public:
    explicit WsClient(unsigned short port);
    ~WsClient();
    WsClient(const WsClient&) = delete;
    WsClient& operator=(const WsClient&) = delete;

    // Performs the upgrade. Returns true on 101; otherwise handshakeStatus() has the HTTP status
    // of the refusal (0 if no response came) and handshakeBody() its body.
    bool connect(const WsOptions& options,
                 std::chrono::milliseconds timeout = std::chrono::seconds(10));
    int handshakeStatus() const;
    const std::string& handshakeBody() const;
    const std::string& handshakeError() const;

    // Next text message, or nullopt if none arrived in time (or the socket closed first).
    std::optional<std::string> readText(
        std::chrono::milliseconds timeout = std::chrono::seconds(5));
    // Next message parsed as JSON (nullopt on timeout; JSON null if it does not parse).
    std::optional<boost::json::value> readJson(
        std::chrono::milliseconds timeout = std::chrono::seconds(5));

    // Sends a text frame; false if it could not be written in time.
    bool sendText(const std::string& text,
                  std::chrono::milliseconds timeout = std::chrono::seconds(5));
    // Initiates a normal close (1000).
    void close(std::chrono::milliseconds timeout = std::chrono::seconds(5));

    // Sends a probe text and waits until the server relays it back to this socket, which proves
    // the socket is subscribed to broadcasts. Relayed probes (from any client) are never queued
    // for readText(), so probes do not disturb what tests read.
    bool waitSubscribed(std::chrono::milliseconds timeout = std::chrono::seconds(5));

    // Waits until the connection is closed; returns the close code the server sent
    // (nullopt if it did not close in time; 0 if it ended without a close frame).
    std::optional<int> waitClosed(std::chrono::milliseconds timeout = std::chrono::seconds(5));
    bool isClosed() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace caseboard::it
