// The Host header on a server bound to loopback: a page on another site whose name resolves to
// 127.0.0.1 (DNS rebinding) must not reach the board.
#include "harness/RawConnection.hpp"
#include "harness/ServerTest.hpp"

#include <string>
#include <vector>

namespace caseboard::it {

namespace {

std::string getWithHost(unsigned short port, const std::string& host,
                        const std::string& from = "127.0.0.1") {
    RawConnection connection(port, from);
    connection.send(getRequest("/healthz", host));
    return connection.readResponse();
}

}  // namespace

class HostCheckTest : public ServerTest {};

TEST_F(HostCheckTest, ForeignHostIsMisdirected) {
    for (const std::string& host :
         std::vector<std::string>{"evil.example", "evil.example:" + std::to_string(port()),
                                  "127.0.0.1.evil.example", "localhost.evil.example:80"}) {
        std::string response = getWithHost(port(), host);
        EXPECT_EQ(statusOf(response), 421) << host;
        EXPECT_NE(response.find("{\"detail\":"), std::string::npos) << response;
    }
}

TEST_F(HostCheckTest, LoopbackNamesAreServedWithAnyPort) {
    for (const std::string& host :
         std::vector<std::string>{"localhost", "LocalHost:8000", "127.0.0.1",
                                  "127.0.0.1:" + std::to_string(port()), "[::1]", "[::1]:443"}) {
        EXPECT_EQ(statusOf(getWithHost(port(), host)), 200) << host;
    }
}

TEST_F(HostCheckTest, WebSocketUpgradeWithForeignHostIsRefused) {
    const std::string token = alice().token;
    auto upgrade = [&](const std::string& host) {
        RawConnection connection(port());
        connection.send("GET /ws?token=" + token + " HTTP/1.1\r\nHost: " + host +
                        "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        "Sec-WebSocket-Version: 13\r\n\r\n");
        return statusOf(connection.readResponse());
    };
    EXPECT_EQ(upgrade("evil.example:" + std::to_string(port())), 421);
    EXPECT_EQ(upgrade("localhost:" + std::to_string(port())), 101);
}

class AllowedHostsTest : public ServerTest {
  protected:
    ServerOptions options() const override {
        return {{"--allowed-hosts", "board.example, Ward.Example:9000"}, {}};
    }
};

TEST_F(AllowedHostsTest, NamedHostsAreServed) {
    EXPECT_EQ(statusOf(getWithHost(port(), "board.example")), 200);
    EXPECT_EQ(statusOf(getWithHost(port(), "board.example:8443")), 200);
    EXPECT_EQ(statusOf(getWithHost(port(), "ward.example:9000")), 200);
    EXPECT_EQ(statusOf(getWithHost(port(), "ward.example:9001")), 421);
    EXPECT_EQ(statusOf(getWithHost(port(), "evil.example")), 421);
    EXPECT_EQ(statusOf(getWithHost(port(), "localhost")), 200);
}

class EnvironmentAllowedHostsTest : public ServerTest {
  protected:
    ServerOptions options() const override {
        return {{}, {{"CASEBOARD_ALLOWED_HOSTS", "board.example"}}};
    }
};

TEST_F(EnvironmentAllowedHostsTest, VariableNamesHosts) {
    EXPECT_EQ(statusOf(getWithHost(port(), "board.example")), 200);
    EXPECT_EQ(statusOf(getWithHost(port(), "evil.example")), 421);
}

class ProxiedHostTest : public ServerTest {
  protected:
    ServerOptions options() const override { return {{"--trusted-proxy", "127.0.0.1"}, {}}; }
};

TEST_F(ProxiedHostTest, TrustedProxyIsExempt) {
    EXPECT_EQ(statusOf(getWithHost(port(), "board.example", "127.0.0.1")), 200);
    EXPECT_EQ(statusOf(getWithHost(port(), "board.example", "127.0.0.2")), 421);
}

}  // namespace caseboard::it
