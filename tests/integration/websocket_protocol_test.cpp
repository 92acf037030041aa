// /ws speaks RFC 6455 correctly after the upgrade: control frames, fragments, and a clear close
// code for every frame a client must not send.
#include "harness/ServerTest.hpp"

#include "common/ClientFrame.hpp"
#include "harness/RawWsClient.hpp"

#include <boost/json.hpp>

namespace caseboard::it {
namespace {

constexpr std::uint8_t kContinuation = 0x0;
constexpr std::uint8_t kText = 0x1;
constexpr std::uint8_t kBinary = 0x2;
constexpr std::uint8_t kClose = 0x8;
constexpr std::uint8_t kPing = 0x9;
constexpr std::uint8_t kPong = 0xA;

class WebSocketProtocolTest : public ServerTest {
  protected:
    std::unique_ptr<RawWsClient> open() {
        auto client = std::make_unique<RawWsClient>(port(), alice().token);
        EXPECT_EQ(client->status(), "HTTP/1.1 101 Switching Protocols");
        return client;
    }

    // The next relayed text this client receives, skipping nothing else.
    static std::string relayedText(RawWsClient& client) {
        auto frame = client.read();
        if (!frame) return "<nothing>";
        if (frame->opcode != kText) return "<opcode " + std::to_string(frame->opcode) + ">";
        auto event = boost::json::parse(frame->payload).as_object();
        if (event.at("action").as_string() != "message") return "<not a message>";
        return std::string(event.at("text").as_string());
    }

    static std::string closePayload(std::uint16_t code) {
        return std::string{static_cast<char>(code >> 8), static_cast<char>(code & 0xff)};
    }
};

TEST_F(WebSocketProtocolTest, PingIsAnsweredWithAPongCarryingItsData) {
    auto client = open();
    client->send(kPing, "are you there");
    auto frame = client->read();
    ASSERT_TRUE(frame);
    EXPECT_EQ(frame->opcode, kPong);
    EXPECT_EQ(frame->payload, "are you there");
}

TEST_F(WebSocketProtocolTest, AFragmentedTextIsRelayedWhole) {
    auto client = open();
    client->send(kText, "theatre 2 ", false);
    client->send(kPing, "between fragments");
    client->send(kContinuation, "is ", false);
    client->send(kContinuation, "free", true);
    auto pong = client->read();
    ASSERT_TRUE(pong);
    EXPECT_EQ(pong->opcode, kPong);
    EXPECT_EQ(relayedText(*client), "theatre 2 is free");
}

TEST_F(WebSocketProtocolTest, AClientsCloseIsEchoedAndTheConnectionEnds) {
    auto client = open();
    client->send(kClose, closePayload(1000) + "done for today");
    EXPECT_EQ(client->readUntilClose(std::chrono::seconds(5)), 1000);
    EXPECT_TRUE(client->waitEnded(std::chrono::seconds(5)));
}

TEST_F(WebSocketProtocolTest, BinaryIsRefusedWith1003) {
    auto client = open();
    client->send(kBinary, std::string("\x00\x01\x02", 3));
    EXPECT_EQ(client->readUntilClose(std::chrono::seconds(5)), 1003);
    EXPECT_TRUE(client->waitEnded(std::chrono::seconds(5)));
}

TEST_F(WebSocketProtocolTest, InvalidUtf8IsRefusedWith1007AndNotRelayed) {
    auto sender = open();
    auto bystander = open();
    sender->send(kText, "caf\xc3");
    EXPECT_EQ(sender->readUntilClose(std::chrono::seconds(5)), 1007);
    bystander->send(kText, "marker");
    EXPECT_EQ(relayedText(*bystander), "marker") << "the invalid text reached another screen";
}

TEST_F(WebSocketProtocolTest, UnmaskedFramesAreRefusedWith1002) {
    auto client = open();
    client->send(kText, "not masked", true, false);
    EXPECT_EQ(client->readUntilClose(std::chrono::seconds(5)), 1002);
    EXPECT_TRUE(client->waitEnded(std::chrono::seconds(5)));
}

TEST_F(WebSocketProtocolTest, AFragmentedMessageOver4KiBIsRefusedWith1009) {
    auto client = open();
    client->send(kText, std::string(4000, 'a'), false);
    client->send(kContinuation, std::string(97, 'a'), true);
    EXPECT_EQ(client->readUntilClose(std::chrono::seconds(5)), 1009);
}

TEST_F(WebSocketProtocolTest, AScreenSendingFasterThanItsTextsAreRelayedIsClosedWith1013) {
    // 600 one-byte texts in one write reach the server in one read: more than the 256 a screen
    // may have waiting to be relayed.
    auto client = open();
    std::string burst;
    for (int i = 0; i < 600; ++i) burst += testing::clientFrame(0x80 | kText, "x");
    client->sendBytes(burst);
    EXPECT_EQ(client->readUntilClose(std::chrono::seconds(10)), 1013);
}

TEST_F(WebSocketProtocolTest, ASilentScreenIsPingedThenDroppedIfItNeverAnswers) {
    // Pinged after 15 s of silence (proxies drop idle sockets after 60 s); a peer silent for
    // 30 s is gone.
    auto client = open();
    auto frame = client->read(std::chrono::seconds(20));
    ASSERT_TRUE(frame) << "no ping after 20 s of silence";
    EXPECT_EQ(frame->opcode, kPing);
    EXPECT_TRUE(client->waitEnded(std::chrono::seconds(25)));
}

}  // namespace
}  // namespace caseboard::it
