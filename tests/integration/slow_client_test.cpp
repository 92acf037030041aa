// A screen that stops reading must not make the server's memory grow: it is closed with 1013.
#include "harness/RawWsClient.hpp"
#include "harness/ServerTest.hpp"
#include "harness/WsClient.hpp"

#include <boost/json.hpp>

#include <chrono>
#include <thread>

namespace caseboard::it {
namespace {

class SlowClientTest : public ServerTest {};

TEST_F(SlowClientTest, AScreenThatStopsReadingIsClosedWith1013) {
    // Reads nothing until told to, with a small receive buffer so that the server's side fills
    // up quickly.
    RawWsClient stalled(port(), alice().token, 4096);
    ASSERT_EQ(stalled.status(), "HTTP/1.1 101 Switching Protocols");
    WsClient sender(port());
    ASSERT_TRUE(sender.connect(WsOptions::withToken(alice().token)));
    const std::string text(4000, 'x');
    // Far more than the stalled socket's kernel buffers and the hub's log hold, sent in chunks
    // that the sender waits to see relayed (a screen may have only so many texts waiting).
    for (int chunk = 0; chunk < 20; ++chunk) {
        for (int i = 0; i < 199; ++i) ASSERT_TRUE(sender.sendText(text)) << chunk << "/" << i;
        const std::string endOfChunk = "end of chunk " + std::to_string(chunk);
        ASSERT_TRUE(sender.sendText(endOfChunk));
        bool relayed = false;
        for (int read = 0; read < 400 && !relayed; ++read) {
            auto echo = sender.readText(std::chrono::seconds(10));
            ASSERT_TRUE(echo) << "chunk " << chunk << " was not relayed";
            relayed = echo->find(endOfChunk) != std::string::npos;
        }
        ASSERT_TRUE(relayed) << "chunk " << chunk;
    }
    auto code = stalled.readUntilClose(std::chrono::seconds(60));
    ASSERT_TRUE(code) << "the stalled screen was never closed";
    EXPECT_EQ(*code, 1013);
    // The server is fine and still serving everyone else.
    EXPECT_EQ(http().get("/healthz").status, 200);
    ASSERT_TRUE(sender.sendText("still here"));
}

TEST_F(SlowClientTest, AScreenThatReadsLateGetsEveryMessageIntactAndInOrder) {
    // Far more than the kernel's buffers hold, far less than the hub keeps: the server writes
    // part of a batch, waits for room, and resumes exactly where it stopped.
    RawWsClient late(port(), alice().token, 4096);
    ASSERT_EQ(late.status(), "HTTP/1.1 101 Switching Protocols");
    WsClient sender(port());
    ASSERT_TRUE(sender.connect(WsOptions::withToken(alice().token)));
    constexpr int kMessages = 200;
    for (int i = 0; i < kMessages; ++i) {
        ASSERT_TRUE(sender.sendText(std::to_string(i) + ":" + std::string(3000, 'a' + i % 26)));
    }
    std::this_thread::sleep_for(std::chrono::seconds(1));
    for (int i = 0; i < kMessages; ++i) {
        auto frame = late.read(std::chrono::seconds(10));
        ASSERT_TRUE(frame) << "message " << i << " never arrived";
        ASSERT_EQ(frame->opcode, 0x1);
        auto event = boost::json::parse(frame->payload).as_object();
        EXPECT_EQ(event.at("text").as_string(),
                  std::to_string(i) + ":" + std::string(3000, 'a' + i % 26));
    }
}

}  // namespace
}  // namespace caseboard::it
