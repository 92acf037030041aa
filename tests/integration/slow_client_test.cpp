// A screen that stops reading must not make the server's memory grow: it is closed with 1013.
#include "harness/ServerTest.hpp"
#include "harness/WsClient.hpp"

#include <boost/asio.hpp>

#include <chrono>

namespace caseboard::it {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

// A WebSocket client that completes the handshake and then reads nothing until told to, with a
// small receive buffer so that the server's side fills up quickly.
class StalledScreen {
  public:
    StalledScreen(unsigned short port, const std::string& token) : socket_(io_) {
        socket_.open(tcp::v4());
        socket_.set_option(asio::socket_base::receive_buffer_size(4096));
        socket_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
        std::string upgrade = "GET /ws?token=" + token +
                              " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                              "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                              "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                              "Sec-WebSocket-Version: 13\r\n\r\n";
        asio::write(socket_, asio::buffer(upgrade));
        asio::read_until(socket_, buffer_, "\r\n\r\n");
        std::string head(asio::buffers_begin(buffer_.data()), asio::buffers_end(buffer_.data()));
        status_ = head.substr(0, head.find("\r\n"));
        buffer_.consume(head.find("\r\n\r\n") + 4);
    }

    const std::string& status() const { return status_; }

    // Reads frames until a close frame (its code) or the deadline (nothing).
    std::optional<int> drainUntilClose(std::chrono::seconds limit) {
        auto deadline = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < deadline) {
            auto opcode = readByte() & 0x0f;
            std::uint64_t length = readByte() & 0x7f;
            if (length == 126) length = (readByte() << 8) | readByte();
            if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; ++i) length = (length << 8) | readByte();
            }
            std::string payload = readBytes(length);
            if (opcode == 0x8) {
                if (payload.size() < 2) return 0;
                return (static_cast<unsigned char>(payload[0]) << 8) |
                       static_cast<unsigned char>(payload[1]);
            }
        }
        return std::nullopt;
    }

  private:
    std::uint64_t readByte() { return static_cast<unsigned char>(readBytes(1)[0]); }
    std::string readBytes(std::size_t n) {
        if (buffer_.size() < n)
            asio::read(socket_, buffer_, asio::transfer_exactly(n - buffer_.size()));
        std::string bytes(asio::buffers_begin(buffer_.data()),
                          asio::buffers_begin(buffer_.data()) + n);
        buffer_.consume(n);
        return bytes;
    }

    asio::io_context io_;
    tcp::socket socket_;
    asio::streambuf buffer_;
    std::string status_;
};

class SlowClientTest : public ServerTest {};

TEST_F(SlowClientTest, AScreenThatStopsReadingIsClosedWith1013) {
    StalledScreen stalled(port(), alice().token);
    ASSERT_EQ(stalled.status(), "HTTP/1.1 101 Switching Protocols");
    WsClient sender(port());
    ASSERT_TRUE(sender.connect(WsOptions::withToken(alice().token)));
    const std::string text(4000, 'x');
    // Far more than the stalled socket's kernel buffers and the server's bounded queue hold.
    for (int i = 0; i < 4000; ++i) ASSERT_TRUE(sender.sendText(text)) << i;
    auto code = stalled.drainUntilClose(std::chrono::seconds(60));
    ASSERT_TRUE(code) << "the stalled screen was never closed";
    EXPECT_EQ(*code, 1013);
    // The server is fine and still serving everyone else.
    EXPECT_EQ(http().get("/healthz").status, 200);
    ASSERT_TRUE(sender.sendText("still here"));
}

}  // namespace
}  // namespace caseboard::it
