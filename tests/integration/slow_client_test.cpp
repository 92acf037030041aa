// A screen that stops reading must not make the server's memory grow: it is closed with 1013.
#include "harness/RawWsClient.hpp"
#include "harness/ServerTest.hpp"
#include "harness/WsClient.hpp"

#include <chrono>

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
    // Far more than the stalled socket's kernel buffers and the server's bounded queue hold.
    for (int i = 0; i < 4000; ++i) ASSERT_TRUE(sender.sendText(text)) << i;
    auto code = stalled.readUntilClose(std::chrono::seconds(60));
    ASSERT_TRUE(code) << "the stalled screen was never closed";
    EXPECT_EQ(*code, 1013);
    // The server is fine and still serving everyone else.
    EXPECT_EQ(http().get("/healthz").status, 200);
    ASSERT_TRUE(sender.sendText("still here"));
}

}  // namespace
}  // namespace caseboard::it
