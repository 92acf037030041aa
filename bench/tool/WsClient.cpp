#include "tool/WsClient.hpp"

#include <openssl/evp.h>
#include <openssl/sha.h>

#include <boost/asio/write.hpp>

#include <array>
#include <cstring>
#include <random>

namespace bench {

namespace http = beast::http;
using tcp = boost::asio::ip::tcp;

namespace {

// Frames larger than this are refused: the server's events are a few hundred bytes.
constexpr std::size_t kMaxFrame = 1 << 20;
constexpr std::size_t kInitialBuffer = 2048;

std::string base64(const unsigned char* data, std::size_t size) {
    std::string out(4 * ((size + 2) / 3), '\0');
    int n =
        EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data, static_cast<int>(size));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

std::string randomKey() {
    static std::mt19937_64 random{std::random_device{}()};
    std::array<unsigned char, 16> bytes{};
    for (auto& b : bytes) b = static_cast<unsigned char>(random());
    return base64(bytes.data(), bytes.size());
}

// RFC 6455 §4.2.2: base64(SHA-1(key + the protocol's GUID)).
std::string acceptFor(const std::string& key) {
    std::string text = key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    std::array<unsigned char, SHA_DIGEST_LENGTH> digest{};
    SHA1(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest.data());
    return base64(digest.data(), digest.size());
}

}  // namespace

WsClient::WsClient(WsClientEvents& events, boost::asio::io_context& io, const WsTarget& target,
                   std::uint32_t index)
    : events_(events),
      io_(io),
      target_(target),
      index_(index),
      stream_(io),
      socket_(io.get_executor()) {}

void WsClient::start() {
    stream_.expires_after(target_.connectTimeout);
    stream_.async_connect(target_.endpoint, [this](beast::error_code ec) {
        if (ec) {
            events_.onConnectFailed(index_, ec, 0);
            return;
        }
        beast::error_code ignored;
        stream_.socket().set_option(tcp::no_delay(true), ignored);
        key_ = randomKey();
        upgrade_ = {http::verb::get, target_.target, 11};
        upgrade_.set(http::field::host, target_.host);
        upgrade_.set(http::field::upgrade, "websocket");
        upgrade_.set(http::field::connection, "Upgrade");
        upgrade_.set(http::field::sec_websocket_key, key_);
        upgrade_.set(http::field::sec_websocket_version, "13");
        if (!target_.bearer.empty())
            upgrade_.set(http::field::authorization, "Bearer " + target_.bearer);
        http::async_write(stream_, upgrade_,
                          [this](beast::error_code ec2, std::size_t) { onUpgradeSent(ec2); });
    });
}

void WsClient::onUpgradeSent(beast::error_code ec) {
    if (ec) {
        events_.onConnectFailed(index_, ec, 0);
        return;
    }
    http::async_read(stream_, handshakeBuffer_, answer_,
                     [this](beast::error_code ec2, std::size_t) { onUpgradeAnswered(ec2); });
}

void WsClient::onUpgradeAnswered(beast::error_code ec) {
    const auto& answer = answer_.get();
    if (ec || answer.result() != http::status::switching_protocols ||
        !beast::iequals(answer[http::field::upgrade], "websocket") ||
        answer[http::field::sec_websocket_accept] != acceptFor(key_)) {
        events_.onConnectFailed(index_, ec ? ec : beast::error_code(http::error::bad_value),
                                ec ? 0 : answer.result_int());
        return;
    }
    // The socket is ours from here, with whatever the server sent after its 101.
    stream_.expires_never();
    socket_.assign(tcp::v4(), stream_.release_socket().release());
    auto early = handshakeBuffer_.cdata();
    buffer_.resize(std::max(kInitialBuffer, early.size() * 2));
    std::memcpy(buffer_.data(), early.data(), early.size());
    filled_ = early.size();
    handshakeBuffer_ = {};
    events_.onConnected(index_);
    if (takeFrames()) read();
}

void WsClient::read() {
    if (filled_ == buffer_.size()) buffer_.resize(buffer_.size() * 2);
    socket_.async_read_some(boost::asio::buffer(buffer_.data() + filled_, buffer_.size() - filled_),
                            [this](beast::error_code ec, std::size_t bytes) { onRead(ec, bytes); });
}

void WsClient::onRead(beast::error_code ec, std::size_t bytes) {
    if (done_) return;
    if (ec) {
        fail(ec == boost::asio::error::eof ? "closed without a close frame" : "read failed");
        return;
    }
    filled_ += bytes;
    if (takeFrames()) read();
}

bool WsClient::takeFrames() {
    const auto at = std::chrono::steady_clock::now();
    std::size_t offset = 0;
    for (;;) {
        const auto* p = reinterpret_cast<const unsigned char*>(buffer_.data() + offset);
        const std::size_t available = filled_ - offset;
        if (available < 2) break;
        const bool fin = p[0] & 0x80;
        const unsigned opcode = p[0] & 0x0f;
        if ((p[0] & 0x70) != 0 || (p[1] & 0x80) != 0) {
            fail("reserved bits or a mask in a server frame");
            return false;
        }
        std::size_t header = 2;
        std::uint64_t length = p[1] & 0x7f;
        if (length == 126) {
            header = 4;
            if (available < header) break;
            length = (std::uint64_t{p[2]} << 8) | p[3];
        } else if (length == 127) {
            header = 10;
            if (available < header) break;
            length = 0;
            for (int i = 0; i < 8; ++i) length = (length << 8) | p[2 + i];
        }
        if (length > kMaxFrame) {
            fail("frame too large");
            return false;
        }
        if (available < header + length) {
            // Room for the whole frame, so that the next reads complete it.
            if (buffer_.size() < header + length) buffer_.resize(header + length);
            break;
        }
        std::string_view payload(buffer_.data() + offset + header, length);
        offset += header + length;
        if (!fin || opcode == 0x0 || opcode == 0x2) {
            fail("fragmented or binary frame (the server sends whole text frames)");
            return false;
        }
        if (opcode == 0x1) {
            events_.onMessage(index_, payload, at);
        } else if (opcode == 0x8) {
            unsigned code = payload.size() >= 2 ? (static_cast<unsigned char>(payload[0]) << 8 |
                                                   static_cast<unsigned char>(payload[1]))
                                                : 0;
            fail("closed by the server", code);
            return false;
        } else if (opcode == 0x9) {
            pong(payload);
        }
    }
    std::memmove(buffer_.data(), buffer_.data() + offset, filled_ - offset);
    filled_ -= offset;
    return true;
}

// The server pings a silent client; one pong in flight is enough to show it is alive.
void WsClient::pong(std::string_view payload) {
    if (pongInFlight_ || payload.size() > 125) return;
    // A client's frames are masked (RFC 6455 §5.3); a zero mask leaves the payload as it is.
    pongFrame_.assign(
        {static_cast<char>(0x8A), static_cast<char>(0x80 | payload.size()), 0, 0, 0, 0});
    pongFrame_.append(payload);
    pongInFlight_ = true;
    boost::asio::async_write(socket_, boost::asio::buffer(pongFrame_),
                             [this](beast::error_code, std::size_t) { pongInFlight_ = false; });
}

void WsClient::fail(std::string_view why, unsigned closeCode) {
    if (done_) return;
    done_ = true;
    events_.onClosed(index_, why, closeCode);
    close();
}

void WsClient::close() {
    done_ = true;
    beast::error_code ignored;
    stream_.socket().close(ignored);
    socket_.close(ignored);
}

}  // namespace bench
