// Fan-out across event loops: every screen, whichever loop holds its connection, gets every
// event broadcast after it joined, once and in the order of the commits, also while events
// arrive faster than a loop's pass over its sockets.
#include "harness/ServerTest.hpp"

#include "harness/Events.hpp"
#include "harness/RawWsClient.hpp"
#include "harness/WsClient.hpp"

#include <algorithm>
#include <atomic>
#include <set>
#include <thread>

namespace caseboard::it {
namespace {

using boost::json::object;

// More loops than the machine has cores, so that connections land on several of them.
constexpr int kLoops = 4;

class FanoutTest : public ServerTest {
  protected:
    ServerOptions options() const override {
        ServerOptions o;
        // One user writes hundreds of cases as fast as it can: beyond any one person's rate.
        o.extraArgs = {"--threads", std::to_string(kLoops), "--writes-per-second", "0"};
        return o;
    }

    std::unique_ptr<WsClient> subscribed() {
        auto ws = std::make_unique<WsClient>(port());
        EXPECT_TRUE(ws->connect(WsOptions::withToken(alice().token)));
        EXPECT_TRUE(ws->waitSubscribed());
        return ws;
    }

    // `count` creates in `section` from `writers` threads at once; the ids acknowledged.
    std::vector<std::string> createConcurrently(const std::string& section, int count,
                                                int writers) {
        std::vector<std::string> created(static_cast<std::size_t>(count));
        std::atomic<int> next{0};
        std::vector<std::thread> threads;
        for (int w = 0; w < writers; ++w) {
            threads.emplace_back([&] {
                HttpClient client(port());
                for (int i = next++; i < count; i = next++) {
                    auto response = client.postJson(
                        "/cases/",
                        object{{"name", "Fan-out " + std::to_string(i)}, {"section", section}},
                        alice().token);
                    if (response.status == 201) created[i] = str(response.json(), "id");
                }
            });
        }
        for (auto& thread : threads) thread.join();
        return created;
    }

    // The case ids of the create events among `events`, in the order they arrived.
    static std::vector<std::string> createdIds(const std::vector<object>& events) {
        std::vector<std::string> ids;
        for (const auto& event : events) {
            if (str(event, "action") == "create") ids.push_back(str(event, "case"));
        }
        return ids;
    }
};

TEST_F(FanoutTest, EveryScreenOnEveryLoopGetsTheSameEventsOnceInOrder) {
    alice();  // signed in before the screens connect, so that they take consecutive loops
    std::vector<std::unique_ptr<WsClient>> screens;
    for (int i = 0; i < 3 * kLoops; ++i) screens.push_back(subscribed());

    constexpr int kCreates = 120;
    auto created = createConcurrently(uniqueSection(), kCreates, 8);
    const std::set<std::string> acknowledged(created.begin(), created.end());
    ASSERT_EQ(acknowledged.size(), static_cast<std::size_t>(kCreates));
    ASSERT_EQ(acknowledged.count(""), 0u) << "a create was refused";

    std::vector<std::string> reference;
    for (std::size_t s = 0; s < screens.size(); ++s) {
        auto events = Events::until(*screens[s], "create", kCreates, std::chrono::seconds(30));
        auto ids = createdIds(events);
        EXPECT_EQ(ids.size(), static_cast<std::size_t>(kCreates)) << "screen " << s;
        EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()), acknowledged) << "screen " << s;
        if (s == 0) {
            reference = ids;
        } else {
            EXPECT_EQ(ids, reference) << "screen " << s << " saw another order than screen 0";
        }
    }
}

// A screen's own frames (here the pongs to its pings) make it read the log ahead of its loop's
// pass; the pass must then skip what that screen has already written, not send it twice.
TEST_F(FanoutTest, AScreenJoiningDuringABurstGetsEverythingAfterItJoinedOnceInOrder) {
    alice();
    auto reference = subscribed();
    constexpr int kCreates = 400;
    std::vector<std::string> created;
    std::atomic<bool> writing{true};
    std::thread writer([&] {
        created = createConcurrently(uniqueSection(), kCreates, 1);  // one at a time: a long burst
        writing = false;
    });
    // Screens join while the burst is under way, on every loop in turn, and keep pinging.
    std::vector<std::unique_ptr<RawWsClient>> late;
    for (int i = 0; i < 2 * kLoops; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        late.push_back(std::make_unique<RawWsClient>(port(), alice().token));
        ASSERT_EQ(late.back()->status(), "HTTP/1.1 101 Switching Protocols");
    }
    for (int round = 0; writing && round < 20000; ++round) {
        for (auto& screen : late) screen->send(0x9, "ahead");
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    writer.join();

    auto all = createdIds(Events::until(*reference, "create", kCreates, std::chrono::seconds(30)));
    ASSERT_EQ(all.size(), static_cast<std::size_t>(kCreates));
    for (std::size_t s = 0; s < late.size(); ++s) {
        std::vector<std::string> ids;
        while (auto frame = late[s]->read(std::chrono::milliseconds(500))) {
            if (frame->opcode != 0x1) continue;
            auto event = boost::json::parse(frame->payload).as_object();
            if (str(event, "action") == "create") ids.push_back(str(event, "case"));
        }
        if (ids.empty()) continue;  // joined after the last event: nothing to check
        // Whatever came first, everything after it came too, once, in the reference's order.
        auto first = std::find(all.begin(), all.end(), ids.front());
        ASSERT_NE(first, all.end()) << "late screen " << s << " got an unknown case";
        EXPECT_EQ(ids, std::vector<std::string>(first, all.end())) << "late screen " << s;
    }
}

}  // namespace
}  // namespace caseboard::it
