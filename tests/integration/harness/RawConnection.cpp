#include "harness/RawConnection.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <utility>

namespace caseboard::it {

namespace {

sockaddr_in loopback(const std::string& address, unsigned short port) {
    sockaddr_in endpoint{};
    endpoint.sin_family = AF_INET;
    endpoint.sin_port = htons(port);
    ::inet_pton(AF_INET, address.c_str(), &endpoint.sin_addr);
    return endpoint;
}

bool readable(int fd, std::chrono::steady_clock::time_point deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd poller{fd, POLLIN, 0};
    return ::poll(&poller, 1, static_cast<int>(left.count())) > 0;
}

std::size_t contentLength(const std::string& head) {
    for (const char* name : {"\r\nContent-Length: ", "\r\ncontent-length: "}) {
        auto at = head.find(name);
        if (at != std::string::npos) return std::strtoul(head.c_str() + at + 18, nullptr, 10);
    }
    return 0;
}

}  // namespace

RawConnection::RawConnection(unsigned short port, const std::string& fromAddress,
                             int receiveBufferBytes) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return;
    if (receiveBufferBytes > 0) {
        ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &receiveBufferBytes, sizeof receiveBufferBytes);
    }
    auto source = loopback(fromAddress, 0);
    auto server = loopback("127.0.0.1", port);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&source), sizeof source) != 0 ||
        ::connect(fd, reinterpret_cast<sockaddr*>(&server), sizeof server) != 0) {
        ::close(fd);
        return;
    }
    fd_ = fd;
}

RawConnection::~RawConnection() {
    if (fd_ >= 0) ::close(fd_);
}

RawConnection::RawConnection(RawConnection&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), buffered_(std::move(other.buffered_)) {}

bool RawConnection::send(const std::string& bytes) {
    std::size_t sent = 0;
    while (fd_ >= 0 && sent < bytes.size()) {
        ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) return false;
        sent += static_cast<std::size_t>(n);
    }
    return fd_ >= 0;
}

std::string RawConnection::readResponse(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    char chunk[4096];
    for (;;) {
        auto headEnd = buffered_.find("\r\n\r\n");
        if (headEnd != std::string::npos) {
            std::size_t total = headEnd + 4 + contentLength(buffered_.substr(0, headEnd + 2));
            if (buffered_.size() >= total) {
                std::string response = buffered_.substr(0, total);
                buffered_.erase(0, total);
                return response;
            }
        }
        if (fd_ < 0 || !readable(fd_, deadline)) return "";
        ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
        if (n <= 0) return "";
        buffered_.append(chunk, static_cast<std::size_t>(n));
    }
}

bool RawConnection::endedWithin(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    char chunk[4096];
    while (fd_ >= 0 && readable(fd_, deadline)) {
        ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
        if (n <= 0) return true;
    }
    return false;
}

int statusOf(const std::string& response) {
    if (!response.starts_with("HTTP/1.1 ")) return 0;
    return std::atoi(response.c_str() + 9);
}

std::string getRequest(const std::string& target, const std::string& host,
                       const std::string& extraHeaders) {
    return "GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\n" + extraHeaders + "\r\n";
}

}  // namespace caseboard::it
