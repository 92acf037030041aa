// HttpsClient's bounds, against a raw TCP server on 127.0.0.1 that answers what each test says.
#include "oidc/HttpsClient.hpp"
#include "oidc/OidcError.hpp"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <functional>
#include <stdexcept>
#include <thread>

namespace caseboard::it {
namespace {

using namespace std::chrono_literals;
using oidc::HttpsClient;
using oidc::OidcError;
using Clock = std::chrono::steady_clock;

// Accepts one connection, reads the request head, sends `answer` (nothing if empty) and keeps
// the connection until the client closes it or 5 s pass.
class OneShotServer {
  public:
    explicit OneShotServer(std::string answer) : answer_(std::move(answer)) {
        listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        if (listener_ < 0 ||
            ::bind(listener_, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
            ::listen(listener_, 1) != 0 ||
            ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
            throw std::runtime_error("cannot listen on 127.0.0.1");
        }
        port_ = ntohs(address.sin_port);
        thread_ = std::thread([this] { serve(); });
    }
    ~OneShotServer() {
        thread_.join();
        ::close(listener_);
    }

    unsigned short port() const { return port_; }
    std::string url(const std::string& scheme = "http") const {
        return scheme + "://127.0.0.1:" + std::to_string(port_) + "/x";
    }

  private:
    void serve() {
        pollfd ready{listener_, POLLIN, 0};
        if (::poll(&ready, 1, 5000) != 1) return;
        const int connection = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
        if (connection < 0) return;
        std::string request;
        char buffer[4096];
        // A TLS client hello (first byte 0x16) has no blank line to wait for.
        while (request.find("\r\n\r\n") == std::string::npos && request.size() < 65536 &&
               !request.starts_with('\x16')) {
            pollfd readable{connection, POLLIN, 0};
            if (::poll(&readable, 1, 5000) != 1) break;
            const ssize_t got = ::read(connection, buffer, sizeof buffer);
            if (got <= 0) break;
            request.append(buffer, static_cast<std::size_t>(got));
        }
        for (std::size_t sent = 0; sent < answer_.size();) {
            const ssize_t wrote =
                ::send(connection, answer_.data() + sent, answer_.size() - sent, MSG_NOSIGNAL);
            if (wrote <= 0) break;
            sent += static_cast<std::size_t>(wrote);
        }
        pollfd closed{connection, POLLIN, 0};
        ::poll(&closed, 1, 5000);
        ::close(connection);
    }

    std::string answer_;
    int listener_ = -1;
    unsigned short port_ = 0;
    std::thread thread_;
};

int statusOfFailure(const std::function<void()>& call) {
    try {
        call();
    } catch (const OidcError& error) {
        return error.status();
    }
    return 0;
}

TEST(HttpsClientTest, ReturnsTheAnswer) {
    OneShotServer server("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
    const auto response = HttpsClient("").get(server.url());
    EXPECT_EQ(response.status, 200u);
    EXPECT_EQ(response.body, "{}");
}

TEST(HttpsClientTest, DoesNotFollowRedirects) {
    OneShotServer server(
        "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:9/elsewhere\r\nContent-Length: "
        "0\r\n\r\n");
    EXPECT_EQ(HttpsClient("").get(server.url()).status, 302u);
}

TEST(HttpsClientTest, RefusesABodyOverTheLimit) {
    const std::string big(1024 * 1024 + 1, 'x');
    OneShotServer server("HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(big.size()) +
                         "\r\n\r\n" + big);
    EXPECT_EQ(statusOfFailure([&] { HttpsClient("").get(server.url()); }), 503);
}

TEST(HttpsClientTest, GivesUpOnASilentServerAtTheDeadline) {
    OneShotServer server("");
    const auto started = Clock::now();
    EXPECT_EQ(statusOfFailure([&] { HttpsClient("", {300ms, 1024}).get(server.url()); }), 503);
    EXPECT_LT(Clock::now() - started, 2s);
}

TEST(HttpsClientTest, SpeaksTlsToHttpsUrls) {
    // A plain-HTTP answer to a TLS client hello is no handshake: refused, not read as HTTP.
    OneShotServer server("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
    EXPECT_EQ(statusOfFailure([&] { HttpsClient("").get(server.url("https")); }), 503);
}

TEST(HttpsClientTest, RefusesPlainHttpBeyondLoopbackWithoutConnecting) {
    const auto started = Clock::now();
    EXPECT_EQ(statusOfFailure([] { HttpsClient("").get("http://192.0.2.1/"); }), 503);
    EXPECT_LT(Clock::now() - started, 1s);
}

TEST(HttpsClientTest, AnUnreachableProviderIs503) {
    unsigned short port = 0;
    {
        OneShotServer gone("HTTP/1.1 204 No Content\r\n\r\n");
        port = gone.port();
        HttpsClient("").get(gone.url());
    }
    EXPECT_EQ(statusOfFailure(
                  [&] { HttpsClient("").get("http://127.0.0.1:" + std::to_string(port) + "/x"); }),
              503);
}

}  // namespace
}  // namespace caseboard::it
