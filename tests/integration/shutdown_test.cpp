// Stopping while work is still in flight: the event loops are cut after the grace period, and
// what they still held is destroyed then. It must not touch anything already destroyed.
#include "harness/RawConnection.hpp"
#include "harness/RawWsClient.hpp"
#include "harness/ServerTest.hpp"

#include <csignal>
#include <memory>
#include <thread>
#include <vector>

namespace caseboard::it {

class ShutdownTest : public ServerTest {};

TEST_F(ShutdownTest, SigtermWithAStalledWriteAndOpenWebSocketsExitsCleanly) {
    const std::string token = alice().token;
    std::vector<std::unique_ptr<RawWsClient>> screens;
    for (int i = 0; i < 3; ++i) screens.push_back(std::make_unique<RawWsClient>(port(), token));
    // A client that asks for far more than the socket buffers hold and never reads: its answer
    // is still being written when the grace period ends.
    RawConnection stalled(port(), "127.0.0.1", 4096);
    std::string requests;
    for (int i = 0; i < 300; ++i) requests += getRequest("/openapi.json", "127.0.0.1");
    ASSERT_TRUE(stalled.send(requests));
    std::this_thread::sleep_for(std::chrono::milliseconds(500));

    server().signal(SIGTERM);
    EXPECT_EQ(server().waitExit(std::chrono::seconds(30)), 0);
}

}  // namespace caseboard::it
