#pragma once

#include <boost/asio.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace caseboard::it {

// A WebSocket client that writes and reads frames byte by byte, to send what a well-behaved
// library never would (unmasked or binary frames, bad UTF-8, fragments) and to see exactly what
// the server answers. Every read is bounded by a deadline.
class RawWsClient {
  public:
    struct Frame {
        std::uint8_t opcode;
        std::string payload;
    };

    // Connects and sends the upgrade; status() is the response's status line.
    RawWsClient(unsigned short port, const std::string& token, int receiveBufferBytes = 0);

    const std::string& status() const { return status_; }

    // Writes one frame with FIN set as given, masked unless told otherwise.
    void send(std::uint8_t opcode, const std::string& payload, bool fin = true, bool masked = true);
    // Writes bytes as they are, in one write (several frames at once, say).
    void sendBytes(const std::string& bytes);
    // Writes bytes as they are, waiting at most `timeout` for room; false if they could not all
    // be written in time or the connection failed (then ended() is true).
    bool trySendBytes(const std::string& bytes, std::chrono::milliseconds timeout);
    // The next frame, or nothing if none came in time or the connection ended.
    std::optional<Frame> read(std::chrono::milliseconds timeout = std::chrono::seconds(5));
    // Reads frames until a close frame (its code, 0 if it has none) or the deadline (nothing).
    std::optional<int> readUntilClose(std::chrono::milliseconds timeout);
    // True once the server has ended the TCP connection (within the timeout).
    bool waitEnded(std::chrono::milliseconds timeout);
    // True if the server resets the connection within the timeout. Reads nothing, so that a
    // client that has stopped reading can tell a reset from a close stuck behind unread data.
    bool waitReset(std::chrono::milliseconds timeout);
    // True if a read or write has found the connection ended.
    bool ended() const { return ended_; }

  private:
    bool fill(std::size_t n, std::chrono::steady_clock::time_point deadline);
    std::string take(std::size_t n);

    boost::asio::io_context io_;
    boost::asio::ip::tcp::socket socket_;
    std::string buffer_;
    std::string status_;
    bool ended_ = false;
};

}  // namespace caseboard::it
