// A WebSocket client that does not read, or keeps sending after a close, cannot make the server
// hold more than a little memory for it, nor keep its socket for long.
#include "harness/ServerTest.hpp"

#include "common/ClientFrame.hpp"
#include "harness/ProcessMemory.hpp"
#include "harness/RawWsClient.hpp"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <thread>

namespace caseboard::it {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr std::uint8_t kText = 0x1;
constexpr std::uint8_t kClose = 0x8;
constexpr std::uint8_t kPing = 0x9;
constexpr std::uint8_t kPong = 0xA;

constexpr std::size_t kMiB = 1024 * 1024;
// What the server may hold for one socket.
constexpr std::size_t kSocketBudget = kMiB;
// Far above that, far below what the attacks below cost without limits.
constexpr std::size_t kMemoryBound = 64 * kMiB;
// What may stay resident once the socket is gone.
constexpr std::size_t kLeftoverBound = 16 * kMiB;

// The most a TCP send buffer grows to by itself (the server sets none): what the kernel holds
// for a client that does not read, before the server's own budget comes into play.
std::size_t kernelSendBufferMax() {
    std::ifstream limits("/proc/sys/net/ipv4/tcp_wmem");
    std::size_t least = 0, initial = 0, most = 0;
    if (limits >> least >> initial >> most) return most;
    return 4 * kMiB;
}

// Pings of 125 bytes numbered from 0, as "<number>....": 127 bytes for each pong.
std::string pings(std::size_t count) {
    std::string frames;
    for (std::size_t i = 0; i < count; ++i) {
        std::string payload = std::to_string(i);
        payload.resize(125, '.');
        frames += testing::clientFrame(0x80 | kPing, payload);
    }
    return frames;
}

int wholeSeconds(Clock::duration duration) {
    return static_cast<int>(std::chrono::duration_cast<std::chrono::seconds>(duration).count());
}

class WebSocketLimitsTest : public ServerTest {
  protected:
    struct Flood {
        std::size_t peak = 0;  // the most the server held above the baseline
        int bursts = 0;        // written whole
        Clock::duration lasted{};
    };

    std::size_t resident() {
        return static_cast<std::size_t>(std::max(residentKib(server().pid()), 0L)) * 1024;
    }
    std::size_t above(std::size_t baseline) { return resident() - std::min(resident(), baseline); }

    std::unique_ptr<RawWsClient> openNonReading(const std::string& token) {
        // A small receive buffer, so that the server's writes stall soon.
        auto client = std::make_unique<RawWsClient>(port(), token, 4096);
        EXPECT_EQ(client->status(), "HTTP/1.1 101 Switching Protocols");
        return client;
    }

    // Sends `burst` every `pause` until the server ends the connection or `limit` passes,
    // reading nothing, and watches the server's memory meanwhile. Stops early once the server
    // holds more than kMemoryBound above `baseline`: a server without limits would take the
    // machine.
    Flood flood(RawWsClient& client, const std::string& burst, std::size_t baseline,
                Clock::duration limit, std::chrono::milliseconds pause) {
        Flood flood;
        const auto started = Clock::now();
        while (Clock::now() - started < limit && !client.ended()) {
            if (client.trySendBytes(burst, 1s)) ++flood.bursts;
            flood.peak = std::max(flood.peak, above(baseline));
            if (kResidentSizeIsMeaningful && flood.peak > kMemoryBound) break;
            std::this_thread::sleep_for(pause);
        }
        flood.lasted = Clock::now() - started;
        return flood;
    }

    void expectHeldLittle(const Flood& flood, const char* what) {
        if (!kResidentSizeIsMeaningful) return;
        EXPECT_LT(flood.peak, kMemoryBound)
            << what << ": the server grew by " << flood.peak / kMiB << " MiB";
    }

    // Once nothing is left of the socket, nothing of what it cost stays either.
    void expectMemoryGivenBack(std::size_t baseline) {
        if (!kResidentSizeIsMeaningful) return;
        std::this_thread::sleep_for(2s);
        EXPECT_LT(above(baseline), kLeftoverBound)
            << "the server still holds " << above(baseline) / kMiB << " MiB";
    }
};

TEST_F(WebSocketLimitsTest, APingingClientThatNeverReadsHoldsLittleAndIsDroppedWhenWritesStall) {
    // Its pings keep it from looking silent; its pongs fill the kernel's buffers, after which
    // the server's write to it makes no progress, and 30 s later the server gives up.
    auto client = openNonReading(alice().token);
    const std::size_t baseline = resident();
    std::string burst;
    for (int i = 0; i < 512; ++i)
        burst += testing::clientFrame(0x80 | kPing, std::string(125, 'p'));
    const Flood flood = this->flood(*client, burst, baseline, 50s, 10ms);
    expectHeldLittle(flood, "the server queued the pongs of a client that never reads");
    EXPECT_TRUE(client->ended()) << "the socket was still open after " << wholeSeconds(flood.lasted)
                                 << " s, most of them with writes that made no progress";
    expectMemoryGivenBack(baseline);
}

TEST_F(WebSocketLimitsTest, AClientThatStopsReadingAndSendingIsResetSoItsBuffersGoToo) {
    // Pings until neither side's buffers take more, then silence: the server's last pong waits
    // for room that never comes. A plain close would leave that data (and the close behind it)
    // in the kernel for minutes; the server resets the connection instead.
    auto client = openNonReading(alice().token);
    const std::string burst = pings(512);
    const auto started = Clock::now();
    while (Clock::now() - started < 10s && client->trySendBytes(burst, 1s)) {
    }
    ASSERT_FALSE(client->ended()) << "the server ended the connection while it was answered";
    EXPECT_TRUE(client->waitReset(45s))
        << "the connection was not reset within 45 s of the server's writes stalling";
}

TEST_F(WebSocketLimitsTest, OnlyTheAnswerToTheLatestPingWaitsForAClientThatDoesNotRead) {
    // Far more pongs than the kernel's buffers hold: the server writes what fits, then keeps
    // only the newest.
    auto client = openNonReading(alice().token);
    const std::size_t count = 3 * kernelSendBufferMax() / 127;
    ASSERT_TRUE(client->trySendBytes(pings(count), 60s));
    std::size_t pongs = 0;
    std::string last;
    while (auto frame = client->read(2s)) {
        ASSERT_EQ(frame->opcode, kPong);
        ++pongs;
        last = frame->payload.substr(0, frame->payload.find('.'));
    }
    EXPECT_LT(pongs, count) << "every pong was queued for a client that was not reading";
    EXPECT_EQ(last, std::to_string(count - 1)) << "the newest ping was not answered";
}

TEST_F(WebSocketLimitsTest, AClientThatDoesNotReadItsRepliesIsClosedOnceTheyPassTheBudget) {
    // A viewer's every text is answered with an error for it alone.
    const std::string admin = alice().token;  // the first user
    const TestUser viewer = users().create("viewer");
    ASSERT_EQ(http().patchJson("/users/" + viewer.id, {{"role", "viewer"}}, admin).status, 200);
    auto client = openNonReading(viewer.token);
    // Pongs fill the kernel's buffers first: from then on every reply waits in the server.
    ASSERT_TRUE(client->trySendBytes(pings(3 * kernelSendBufferMax() / 127), 60s));
    const std::size_t baseline = resident();
    // Paced well below what the server relays, so that its limit on texts waiting to be relayed
    // is not what closes the socket.
    constexpr int kTextsPerBurst = 40;
    std::string burst;
    for (int i = 0; i < kTextsPerBurst; ++i) burst += testing::clientFrame(0x80 | kText, "x");
    const Flood flood = this->flood(*client, burst, baseline, 60s, 20ms);
    // Even if a reply cost the server only its bytes, the budget holds no more than this many;
    // then the close follows within a second. Without a budget the socket would stay until
    // its writes had stalled for 30 s.
    constexpr std::size_t kReplyBytes = 41;  // {"action":"error","detail":"Forbidden"}
    const std::size_t texts = static_cast<std::size_t>(flood.bursts) * kTextsPerBurst;
    EXPECT_TRUE(client->ended()) << "still open after " << wholeSeconds(flood.lasted) << " s";
    EXPECT_LT(texts, kSocketBudget / kReplyBytes)
        << "the server held more than its budget of replies (closed after "
        << wholeSeconds(flood.lasted) << " s)";
    expectHeldLittle(flood, "the server queued the replies to a client that never reads");
}

TEST_F(WebSocketLimitsTest, BytesAfterACloseAreNotKeptAndStopBeingReadWithinASecond) {
    auto client = openNonReading(alice().token);
    const std::size_t baseline = resident();
    const std::string garbage(64 * 1024, 'g');
    client->sendBytes(testing::clientFrame(0x80 | kClose, std::string("\x03\xe8", 2)));
    const Flood flood = this->flood(*client, garbage, baseline, 10s, 1ms);
    expectHeldLittle(flood, "the server kept what came after the close");
    EXPECT_TRUE(client->ended()) << "the server still read " << wholeSeconds(flood.lasted)
                                 << " s after the close";
    // One second, and the time it takes the client to find out.
    EXPECT_LT(flood.lasted, 3s)
        << "read for "
        << std::chrono::duration_cast<std::chrono::milliseconds>(flood.lasted).count()
        << " ms after the close";
    expectMemoryGivenBack(baseline);
}

}  // namespace
}  // namespace caseboard::it
