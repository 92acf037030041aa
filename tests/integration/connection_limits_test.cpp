// Connections per client address and in all: one client cannot take every descriptor, and a
// health check from elsewhere is still answered.
#include "harness/RawConnection.hpp"
#include "harness/ServerTest.hpp"

#include <string>
#include <thread>
#include <vector>

namespace caseboard::it {

namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

// A connection refused for its client's share is closed at once; an admitted one stays open.
constexpr milliseconds kClosedAtOnce{2000};
constexpr milliseconds kStaysOpen{300};

std::vector<RawConnection> openConnections(unsigned short port, const std::string& from,
                                           std::size_t count) {
    std::vector<RawConnection> connections;
    for (std::size_t i = 0; i < count; ++i) {
        connections.emplace_back(port, from);
        EXPECT_TRUE(connections.back().connected()) << "connection " << i << " from " << from;
    }
    return connections;
}

int healthFrom(unsigned short port, const std::string& from) {
    RawConnection connection(port, from);
    connection.send(getRequest("/healthz", "127.0.0.1"));
    return statusOf(connection.readResponse());
}

// The server notices a connection has gone when its read fails: a moment after the client closed.
// Tries (bounded) until a new connection with `request` gets `status`.
bool admittedAgain(unsigned short port, const std::string& from, const std::string& request,
                   int status) {
    for (int attempt = 0; attempt < 50; ++attempt) {
        RawConnection connection(port, from);
        connection.send(request);
        if (statusOf(connection.readResponse(seconds(2))) == status) return true;
        std::this_thread::sleep_for(milliseconds(100));
    }
    return false;
}

std::string upgradeRequest(const std::string& token) {
    return "GET /ws?token=" + token +
           " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
           "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
}

}  // namespace

class ConnectionLimitTest : public ServerTest {};

TEST_F(ConnectionLimitTest, ConnectionBeyondTheClientsShareIsClosedAtOnce) {
    auto held = openConnections(port(), "127.0.0.2", 256);
    RawConnection extra(port(), "127.0.0.2");
    ASSERT_TRUE(extra.connected());
    EXPECT_TRUE(extra.endedWithin(kClosedAtOnce)) << "the 257th connection stayed open";
    // Another address is another client; the ones admitted are served.
    EXPECT_EQ(healthFrom(port(), "127.0.0.3"), 200);
    held.back().send(getRequest("/healthz", "127.0.0.1"));
    EXPECT_EQ(statusOf(held.back().readResponse()), 200);
    // A closed connection gives its place back.
    held.pop_back();
    EXPECT_TRUE(admittedAgain(port(), "127.0.0.2", getRequest("/healthz", "127.0.0.1"), 200));
}

class SmallConnectionLimitTest : public ServerTest {
  protected:
    ServerOptions options() const override {
        return {{}, {{"CASEBOARD_MAX_CONNECTIONS_PER_CLIENT", "4"}}};
    }
};

TEST_F(SmallConnectionLimitTest, WebSocketsCountAsConnections) {
    const std::string token = alice().token;
    std::vector<RawConnection> sockets;
    for (int i = 0; i < 2; ++i) {
        sockets.emplace_back(port(), "127.0.0.2");
        sockets.back().send(upgradeRequest(token));
        ASSERT_EQ(statusOf(sockets.back().readResponse()), 101);
    }
    auto idle = openConnections(port(), "127.0.0.2", 2);
    EXPECT_FALSE(idle.back().endedWithin(kStaysOpen));
    RawConnection fifth(port(), "127.0.0.2");
    EXPECT_TRUE(fifth.endedWithin(kClosedAtOnce)) << "a fifth connection was let in";
    // A WebSocket that ends gives its place back.
    sockets.pop_back();
    EXPECT_TRUE(admittedAgain(port(), "127.0.0.2", upgradeRequest(token), 101));
}

class ProxiedConnectionLimitTest : public ServerTest {
  protected:
    ServerOptions options() const override {
        return {{"--trusted-proxy", "127.0.0.1", "--max-connections-per-client", "4"}, {}};
    }
};

TEST_F(ProxiedConnectionLimitTest, ProxyConnectionsCountForTheClientTheyCarry) {
    auto forwardedFor = [](const std::string& client) {
        return "X-Forwarded-For: " + client + "\r\n";
    };
    // The proxy carries many clients: more connections than one client's share are fine.
    std::vector<RawConnection> proxied;
    for (int i = 0; i < 10; ++i) {
        proxied.emplace_back(port(), "127.0.0.1");
        proxied.back().send(
            getRequest("/healthz", "board.example", forwardedFor("10.0.0." + std::to_string(i))));
        EXPECT_EQ(statusOf(proxied.back().readResponse()), 200) << "client " << i;
    }
    // One client behind it gets its share, and no more.
    std::vector<RawConnection> sameClient;
    for (int i = 0; i < 4; ++i) {
        sameClient.emplace_back(port(), "127.0.0.1");
        sameClient.back().send(getRequest("/healthz", "board.example", forwardedFor("10.9.9.9")));
        EXPECT_EQ(statusOf(sameClient.back().readResponse()), 200) << "connection " << i;
    }
    RawConnection fifth(port(), "127.0.0.1");
    fifth.send(getRequest("/healthz", "board.example", forwardedFor("10.9.9.9")));
    std::string refused = fifth.readResponse();
    EXPECT_EQ(statusOf(refused), 429);
    EXPECT_NE(refused.find("\"detail\""), std::string::npos) << refused;
    EXPECT_TRUE(fifth.endedWithin(kClosedAtOnce));
}

class LowDescriptorLimitTest : public ServerTest {
  protected:
    ServerOptions options() const override {
        ServerOptions options;
        options.openFileLimit = 256;
        return options;
    }
};

TEST_F(LowDescriptorLimitTest, HealthCheckIsAnsweredWhenConnectionsFillTheDescriptors) {
    // Far more connections than 256 descriptors hold, from ten clients within their share.
    std::vector<std::vector<RawConnection>> clients;
    for (int i = 2; i < 12; ++i) {
        clients.push_back(openConnections(port(), "127.0.0." + std::to_string(i), 40));
    }
    // While the burst is still being accepted, a new connection may find no idle one to take
    // the place of yet; once it is in, health checks are answered every time.
    EXPECT_TRUE(admittedAgain(port(), "127.0.0.20", getRequest("/healthz", "127.0.0.1"), 200));
    for (int attempt = 0; attempt < 3; ++attempt) {
        EXPECT_EQ(healthFrom(port(), "127.0.0.20"), 200) << "attempt " << attempt;
    }
    EXPECT_TRUE(server().running());
    // It stopped taking connections before the descriptors ran out, rather than failing.
    EXPECT_EQ(server().log().find("accept failed"), std::string::npos);
}

}  // namespace caseboard::it
