#include "harness/RawWsClient.hpp"

#include "common/ClientFrame.hpp"

#include <poll.h>
#include <sys/socket.h>

#include <cerrno>
#include <stdexcept>

namespace caseboard::it {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

RawWsClient::RawWsClient(unsigned short port, const std::string& token, int receiveBufferBytes)
    : socket_(io_) {
    socket_.open(tcp::v4());
    if (receiveBufferBytes > 0) {
        socket_.set_option(asio::socket_base::receive_buffer_size(receiveBufferBytes));
    }
    socket_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    std::string upgrade = "GET /ws?token=" + token +
                          " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                          "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                          "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                          "Sec-WebSocket-Version: 13\r\n\r\n";
    asio::write(socket_, asio::buffer(upgrade));
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    std::size_t end;
    while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
        if (!fill(buffer_.size() + 1, deadline)) throw std::runtime_error("no upgrade response");
    }
    std::string head = take(end + 4);
    status_ = head.substr(0, head.find("\r\n"));
}

void RawWsClient::send(std::uint8_t opcode, const std::string& payload, bool fin, bool masked) {
    sendBytes(testing::clientFrame(static_cast<std::uint8_t>((fin ? 0x80 : 0) | opcode), payload,
                                   masked));
}

void RawWsClient::sendBytes(const std::string& bytes) {
    asio::write(socket_, asio::buffer(bytes));
}

bool RawWsClient::trySendBytes(const std::string& bytes, std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    std::size_t sent = 0;
    while (sent < bytes.size() && !ended_) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) return false;
        pollfd writable{socket_.native_handle(), POLLOUT, 0};
        if (::poll(&writable, 1, static_cast<int>(left.count())) <= 0) return false;
        ssize_t n = ::send(socket_.native_handle(), bytes.data() + sent, bytes.size() - sent,
                           MSG_DONTWAIT | MSG_NOSIGNAL);
        if (n > 0) {
            sent += static_cast<std::size_t>(n);
        } else if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
            ended_ = true;
        }
    }
    return sent == bytes.size();
}

std::optional<RawWsClient::Frame> RawWsClient::read(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    if (!fill(2, deadline)) return std::nullopt;
    const auto opcode = static_cast<std::uint8_t>(buffer_[0] & 0x0f);
    std::uint64_t length = static_cast<unsigned char>(buffer_[1]) & 0x7f;
    std::size_t header = 2 + (length == 126 ? 2 : length == 127 ? 8 : 0);
    if (!fill(header, deadline)) return std::nullopt;
    if (header > 2) {
        length = 0;
        for (std::size_t i = 2; i < header; ++i) {
            length = length << 8 | static_cast<unsigned char>(buffer_[i]);
        }
    }
    if (!fill(header + length, deadline)) return std::nullopt;
    take(header);
    return Frame{opcode, take(length)};
}

std::optional<int> RawWsClient::readUntilClose(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        auto frame = read(left);
        if (!frame) return std::nullopt;
        if (frame->opcode != 0x8) continue;
        if (frame->payload.size() < 2) return 0;
        return static_cast<unsigned char>(frame->payload[0]) << 8 |
               static_cast<unsigned char>(frame->payload[1]);
    }
    return std::nullopt;
}

bool RawWsClient::waitReset(std::chrono::milliseconds timeout) {
    // A reset reports POLLERR; asking for no event means data waiting to be read wakes nothing.
    pollfd watched{socket_.native_handle(), 0, 0};
    if (::poll(&watched, 1, static_cast<int>(timeout.count())) <= 0) return false;
    if ((watched.revents & POLLERR) == 0) return false;
    ended_ = true;
    return true;
}

bool RawWsClient::waitEnded(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (fill(buffer_.size() + 1, deadline)) buffer_.clear();
    return ended_;
}

// Reads until the buffer holds n bytes; false at the deadline or when the connection ends.
bool RawWsClient::fill(std::size_t n, std::chrono::steady_clock::time_point deadline) {
    char chunk[4096];
    while (buffer_.size() < n) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) return false;
        pollfd readable{socket_.native_handle(), POLLIN, 0};
        if (::poll(&readable, 1, static_cast<int>(left.count())) <= 0) return false;
        boost::system::error_code ec;
        std::size_t got = socket_.read_some(asio::buffer(chunk), ec);
        if (ec) {
            ended_ = true;
            return false;
        }
        buffer_.append(chunk, got);
    }
    return true;
}

std::string RawWsClient::take(std::size_t n) {
    std::string bytes = buffer_.substr(0, n);
    buffer_.erase(0, n);
    return bytes;
}

}  // namespace caseboard::it
