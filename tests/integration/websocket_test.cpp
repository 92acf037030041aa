// WebSocket /ws: authentication, Origin, broadcast of changes, relayed client text, limits,
// shutdown.
#include "harness/ServerTest.hpp"

#include "harness/Events.hpp"
#include "harness/Jwt.hpp"
#include "harness/WsClient.hpp"

#include <csignal>
#include <thread>

namespace caseboard::it {
namespace {

using boost::json::object;

class WebSocketTest : public ServerTest {
  protected:
    // A connected client for `token` (fails the test if the upgrade is refused).
    std::unique_ptr<WsClient> connect(const std::string& token, bool inHeader = false) {
        auto ws = std::make_unique<WsClient>(port());
        WsOptions options;
        options.token = token;
        options.tokenInHeader = inHeader;
        EXPECT_TRUE(ws->connect(options)) << "upgrade refused: HTTP " << ws->handshakeStatus()
                                          << " " << ws->handshakeBody() << ws->handshakeError();
        // Only then is it certain to receive broadcasts (see
        // EventsReachASocketRightAfterItsUpgrade).
        EXPECT_TRUE(ws->waitSubscribed()) << "the socket never received its own relayed text";
        return ws;
    }
    // Status of a refused upgrade (101 if it was accepted).
    int upgradeStatus(const WsOptions& options) {
        WsClient ws(port());
        return ws.connect(options) ? 101 : ws.handshakeStatus();
    }
    std::string marker() { return "marker-" + uniqueSuffix(); }
};

TEST_F(WebSocketTest, TwoClientsReceiveCreateUpdateDeleteExactlyOnce) {
    const auto bob = users().create("bob");
    auto mine = connect(alice().token);
    auto theirs = connect(bob.token, true);
    const auto created =
        createCase(alice().token, object{{"name", "John Doe"}, {"section", uniqueSection()}});
    const std::string id = str(created, "id");
    ASSERT_EQ(
        http().patchJson("/cases/" + id, object{{"outcome", "Scheduled"}}, alice().token).status,
        200);
    ASSERT_EQ(http().del("/cases/" + id, alice().token).status, 200);
    const std::string stop = marker();
    ASSERT_TRUE(mine->sendText(stop));

    for (auto* ws : {mine.get(), theirs.get()}) {
        const char* who = ws == mine.get() ? "author" : "other user";
        const auto events = Events::untilMarker(*ws, stop);
        EXPECT_EQ(Events::count(events, "create", id), 1u)
            << who << ": " << Events::describe(events);
        EXPECT_EQ(Events::count(events, "update", id), 1u)
            << who << ": " << Events::describe(events);
        EXPECT_EQ(Events::count(events, "delete", id), 1u)
            << who << ": " << Events::describe(events);
        EXPECT_EQ(events.size(), 3u) << who << ": " << Events::describe(events);

        const auto create = Events::find(events, "create", id);
        ASSERT_TRUE(create.contains("data")) << who << ": " << Events::describe(events);
        EXPECT_EQ(create.at("data"), boost::json::value(created)) << who;
        const auto update = Events::find(events, "update", id);
        ASSERT_TRUE(update.contains("data")) << who << ": " << Events::describe(events);
        EXPECT_EQ(str(update.at("data"), "outcome"), "Scheduled") << who;
        EXPECT_EQ(update.at("data").at("version"), 2) << who;
        EXPECT_EQ(str(update.at("data"), "id"), id) << who;
    }
}

TEST_F(WebSocketTest, EventsArriveInTheOrderOfTheChanges) {
    auto ws = connect(alice().token);
    const std::string id = str(createCase(alice().token, "A", uniqueSection()), "id");
    ASSERT_EQ(http().patchJson("/cases/" + id, object{{"outcome", "1"}}, alice().token).status,
              200);
    ASSERT_EQ(http().patchJson("/cases/" + id, object{{"outcome", "2"}}, alice().token).status,
              200);
    ASSERT_EQ(http().del("/cases/" + id, alice().token).status, 200);
    const auto events = Events::until(*ws, "delete", 1);
    ASSERT_EQ(events.size(), 4u) << Events::describe(events);
    EXPECT_EQ(str(events[0], "action"), "create");
    EXPECT_EQ(str(events[1].at("data"), "outcome"), "1");
    EXPECT_EQ(str(events[2].at("data"), "outcome"), "2");
    EXPECT_EQ(str(events[3], "action"), "delete");
}

TEST_F(WebSocketTest, EventsAreSentOnlyAfterTheChangeIsVisible) {
    // The change is made on another thread; as soon as its event arrives, another user's read
    // must already see it.
    auto ws = connect(alice().token);
    const auto bob = users().create("bob");
    const std::string section = uniqueSection();
    for (int i = 0; i < 5; ++i) {
        std::thread creator([&] {
            HttpClient(port()).postJson("/cases/", object{{"name", "A"}, {"section", section}},
                                        alice().token);
        });
        const auto created = ws->readJson();
        ASSERT_TRUE(created.has_value());
        const std::string id = str(*created, "case");
        const auto seen = http().get("/cases/" + id, bob.token);
        creator.join();
        ASSERT_EQ(str(*created, "action"), "create");
        EXPECT_EQ(seen.status, 200) << "create event before commit";

        std::thread deleter([&] { HttpClient(port()).del("/cases/" + id, alice().token); });
        const auto deleted = ws->readJson();
        ASSERT_TRUE(deleted.has_value());
        const auto gone = http().get("/cases/" + id, bob.token);
        deleter.join();
        ASSERT_EQ(str(*deleted, "action"), "delete");
        EXPECT_EQ(gone.status, 404) << "delete event before commit";
    }
}

TEST_F(WebSocketTest, EventsReachASocketRightAfterItsUpgrade) {
    // Once the server has answered 101 the client is connected: what is broadcast right after
    // must reach it. Repeated because a registration race only shows some of the time.
    auto sender = connect(alice().token);
    for (int i = 0; i < 40; ++i) {
        WsClient fresh(port());
        ASSERT_TRUE(fresh.connect(WsOptions::withToken(alice().token)));
        const std::string text = "right after upgrade " + std::to_string(i);
        ASSERT_TRUE(sender->sendText(text));
        const auto message = fresh.readJson(std::chrono::seconds(2));
        ASSERT_TRUE(message.has_value())
            << "attempt " << i << ": a message relayed right after the upgrade never arrived";
        EXPECT_EQ(str(*message, "text"), text);
        ASSERT_TRUE(sender->readText().has_value());  // its own copy
    }
}

TEST_F(WebSocketTest, EveryConnectionOfTheAuthorReceivesTheEvent) {
    auto first = connect(alice().token);
    auto second = connect(alice().token);
    const std::string id = str(createCase(alice().token, "A", uniqueSection()), "id");
    for (auto* ws : {first.get(), second.get()}) {
        const auto events = Events::until(*ws, "create", 1);
        EXPECT_EQ(Events::count(events, "create", id), 1u) << Events::describe(events);
    }
}

TEST_F(WebSocketTest, EmptyPatchBroadcastsNothing) {
    auto ws = connect(alice().token);
    const std::string id = str(createCase(alice().token, "A", uniqueSection()), "id");
    ASSERT_EQ(Events::count(Events::until(*ws, "create", 1), "create", id), 1u);
    ASSERT_EQ(http().patchJson("/cases/" + id, object{}, alice().token).status, 200);
    const std::string stop = marker();
    ASSERT_TRUE(ws->sendText(stop));
    const auto events = Events::untilMarker(*ws, stop);
    EXPECT_TRUE(events.empty()) << Events::describe(events);
}

TEST_F(WebSocketTest, RefusedChangesBroadcastNothing) {
    auto ws = connect(alice().token);
    const std::string id = str(createCase(alice().token, "A", uniqueSection()), "id");
    ASSERT_EQ(Events::count(Events::until(*ws, "create", 1), "create", id), 1u);
    EXPECT_EQ(http()
                  .patchJson("/cases/" + id, object{{"outcome", "x"}}, alice().token,
                             {{"If-Match", "\"7\""}})
                  .status,
              412);
    EXPECT_EQ(http().patchJson("/cases/" + id, object{{"name", ""}}, alice().token).status, 422);
    EXPECT_EQ(
        http().postJson("/cases/", object{{"name", ""}, {"section", "s"}}, alice().token).status,
        422);
    EXPECT_EQ(http().del("/cases/" + randomUuidV4(), alice().token).status, 404);
    const std::string stop = marker();
    ASSERT_TRUE(ws->sendText(stop));
    const auto events = Events::untilMarker(*ws, stop);
    EXPECT_TRUE(events.empty()) << Events::describe(events);
}

TEST_F(WebSocketTest, MissingTokenIsRefusedWith401) {
    EXPECT_EQ(upgradeStatus({}), 401);
}

TEST_F(WebSocketTest, InvalidTokenIsRefusedWith401) {
    WsOptions options;
    options.token = "not-a-jwt";
    EXPECT_EQ(upgradeStatus(options), 401);
    options.token = Jwt::tamperSignature(alice().token);
    EXPECT_EQ(upgradeStatus(options), 401);
    options.tokenInHeader = true;
    EXPECT_EQ(upgradeStatus(options), 401);
}

TEST_F(WebSocketTest, AnUpgradeAnywhereButWsIsNotFound) {
    for (const char* path : {"/cases", "/cases/", "/foo", "/", "/ws/more", "/wss", "/ws//"}) {
        WsClient ws(port());
        WsOptions options = WsOptions::withToken(alice().token);
        options.path = path;
        EXPECT_FALSE(ws.connect(options)) << path << " opened a socket";
        EXPECT_EQ(ws.handshakeStatus(), 404) << path;
        HttpResponse refusal{ws.handshakeStatus(), {}, ws.handshakeBody(), {}};
        EXPECT_EQ(str(refusal.json(), "detail"), "Not found") << path << ": " << ws.handshakeBody();
    }
    // Refused before the token is looked at.
    WsOptions anonymous;
    anonymous.path = "/foo";
    EXPECT_EQ(upgradeStatus(anonymous), 404);
}

TEST_F(WebSocketTest, TheUpgradeIsAcceptedOnWsWithOrWithoutATrailingSlash) {
    for (const char* path : {"/ws", "/ws/"}) {
        WsOptions options = WsOptions::withToken(alice().token);
        options.path = path;
        EXPECT_EQ(upgradeStatus(options), 101) << path;
    }
}

TEST_F(WebSocketTest, BearerHeaderOnTheUpgradeWorks) {
    auto ws = connect(alice().token, true);
    const std::string id = str(createCase(alice().token, "A", uniqueSection()), "id");
    EXPECT_EQ(Events::count(Events::until(*ws, "create", 1), "create", id), 1u);
}

TEST_F(WebSocketTest, ForeignOriginIsRefusedWith403) {
    WsOptions options;
    options.token = alice().token;
    options.origin = "http://evil.example";
    EXPECT_EQ(upgradeStatus(options), 403);
    options.origin = "http://127.0.0.1:1";  // same host, another port: another origin
    EXPECT_EQ(upgradeStatus(options), 403);
}

TEST_F(WebSocketTest, ServersOwnOriginIsAccepted) {
    WsOptions options;
    options.token = alice().token;
    options.origin = server().origin();
    EXPECT_EQ(upgradeStatus(options), 101);
}

TEST_F(WebSocketTest, NoOriginIsAccepted) {
    WsOptions options;
    options.token = alice().token;
    EXPECT_EQ(upgradeStatus(options), 101);
}

TEST_F(WebSocketTest, ClientTextIsRelayedToEveryoneWrapped) {
    const auto bob = users().create("bob");
    auto sender = connect(alice().token);
    auto other = connect(bob.token);
    ASSERT_TRUE(sender->sendText("theatre 2 is free"));
    for (auto* ws : {sender.get(), other.get()}) {
        const auto message = ws->readJson();
        ASSERT_TRUE(message.has_value()) << "nothing relayed";
        EXPECT_EQ(*message, (boost::json::value{{"action", "message"},
                                                {"from", alice().email},
                                                {"text", "theatre 2 is free"}}));
    }
}

TEST_F(WebSocketTest, ClientCannotForgeAnEvent) {
    const auto bob = users().create("bob");
    auto sender = connect(alice().token);
    auto other = connect(bob.token);
    const std::string forged = R"({"action":"delete","case":"x"})";
    ASSERT_TRUE(sender->sendText(forged));
    const auto message = other->readJson();
    ASSERT_TRUE(message.has_value());
    EXPECT_EQ(str(*message, "action"), "message");
    EXPECT_EQ(str(*message, "from"), alice().email);
    EXPECT_EQ(str(*message, "text"), forged);
}

TEST_F(WebSocketTest, MessageOf4KiBIsRelayed) {
    auto ws = connect(alice().token);
    const std::string text(4096, 'm');
    ASSERT_TRUE(ws->sendText(text));
    const auto message = ws->readJson();
    ASSERT_TRUE(message.has_value())
        << "closed with " << ws->waitClosed(std::chrono::milliseconds(100)).value_or(-1);
    EXPECT_EQ(str(*message, "text"), text);
}

TEST_F(WebSocketTest, MessageOver4KiBClosesWith1009) {
    auto big = connect(alice().token);
    auto bystander = connect(alice().token);
    ASSERT_TRUE(big->sendText(std::string(4097, 'm')));
    EXPECT_EQ(big->waitClosed(), 1009);
    // The other connection is unaffected and nothing was relayed.
    const std::string stop = marker();
    ASSERT_TRUE(bystander->sendText(stop));
    const auto events = Events::untilMarker(*bystander, stop);
    EXPECT_TRUE(events.empty()) << Events::describe(events);
}

TEST_F(WebSocketTest, SigtermClosesSocketsWith1001AndExits0) {
    auto first = connect(alice().token);
    auto second = connect(alice().token);
    server().signal(SIGTERM);
    EXPECT_EQ(first->waitClosed(std::chrono::seconds(10)), 1001);
    EXPECT_EQ(second->waitClosed(std::chrono::seconds(10)), 1001);
    EXPECT_EQ(server().waitExit(std::chrono::seconds(10)), 0);
}

TEST_F(WebSocketTest, SigtermRightAfterUpgradeStillClosesWith1001) {
    // A socket whose upgrade has just been answered with 101 is a connected client too.
    std::vector<std::unique_ptr<WsClient>> sockets;
    for (int i = 0; i < 5; ++i) {
        sockets.push_back(connect(alice().token));
    }
    server().signal(SIGTERM);
    const auto start = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < sockets.size(); ++i) {
        EXPECT_EQ(sockets[i]->waitClosed(std::chrono::seconds(10)), 1001) << "socket " << i;
    }
    EXPECT_EQ(server().waitExit(std::chrono::seconds(10)), 0);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5))
        << "shutdown waited for a socket it had not closed";
}

class AllowedOriginsTest : public WebSocketTest {
  protected:
    ServerOptions options() const override {
        return {{"--allowed-origins", "http://board.example,https://b.example"}, {}};
    }
};

TEST_F(AllowedOriginsTest, ListedOriginsAreAcceptedOthersRefused) {
    WsOptions options;
    options.token = alice().token;
    options.origin = "http://board.example";
    EXPECT_EQ(upgradeStatus(options), 101);
    options.origin = "https://b.example";
    EXPECT_EQ(upgradeStatus(options), 101);
    options.origin = server().origin();
    EXPECT_EQ(upgradeStatus(options), 101);
    options.origin = "http://evil.example";
    EXPECT_EQ(upgradeStatus(options), 403);
}

class ExpiringTokenWsTest : public WebSocketTest {
  protected:
    ServerOptions options() const override { return {{"--token-ttl", "1"}, {}}; }
};

TEST_F(ExpiringTokenWsTest, ExpiredTokenIsRefusedWith401) {
    const std::string token = alice().token;
    std::this_thread::sleep_for(std::chrono::milliseconds(2100));
    WsOptions options;
    options.token = token;
    EXPECT_EQ(upgradeStatus(options), 401);
}

class TokenLifetimeWsTest : public WebSocketTest {
  protected:
    ServerOptions options() const override { return {{"--token-ttl", "3"}, {}}; }
};

TEST_F(TokenLifetimeWsTest, SocketIsClosedWith1008WhenItsTokenExpires) {
    auto ws = connect(alice().token);
    EXPECT_EQ(ws->waitClosed(std::chrono::seconds(8)), 1008);
}

}  // namespace
}  // namespace caseboard::it
