#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <atomic>
#include <chrono>
#include <future>

#include "realtime/Hub.hpp"

using namespace caseboard;

namespace {
class FakeScreen : public realtime::Subscriber {
  public:
    void wake() override { ++wakes; }
    void goAway() override { wentAway = true; }
    void revoke(const domain::AccessChange& change) override { revoked.push_back(change.userId); }
    int wakes = 0;
    bool wentAway = false;
    std::vector<std::string> revoked;
};

// The frames a screen that joined at `cursor` has to write.
std::vector<std::shared_ptr<const realtime::Frame>> framesAfter(const realtime::Hub& hub,
                                                                std::uint64_t cursor) {
    std::vector<std::shared_ptr<const realtime::Frame>> frames;
    EXPECT_EQ(hub.log().readAfter(cursor, 100, frames), realtime::FrameLog::Read::Ok);
    return frames;
}

boost::json::object eventIn(const std::shared_ptr<const realtime::Frame>& frame) {
    return boost::json::parse(frame->payload()).as_object();
}
}  // namespace

TEST(Hub, FramesEachEventOnceForEveryScreen) {
    realtime::Hub hub;
    auto a = std::make_shared<FakeScreen>();
    auto b = std::make_shared<FakeScreen>();
    auto cursorA = hub.join(a);
    auto cursorB = hub.join(b);
    domain::Case c;
    c.id = "id-1";
    hub.onCommitted({domain::ChangeKind::Update, "id-1", c});
    EXPECT_EQ(a->wakes, 1);
    EXPECT_EQ(b->wakes, 1);
    auto forA = framesAfter(hub, cursorA);
    auto forB = framesAfter(hub, cursorB);
    ASSERT_EQ(forA.size(), 1u);
    ASSERT_EQ(forB.size(), 1u);
    EXPECT_EQ(forA[0].get(), forB[0].get()) << "one buffer shared by every socket";
    EXPECT_EQ(forA[0]->opcode(), realtime::Frame::Opcode::Text);
    auto event = eventIn(forA[0]);
    EXPECT_EQ(event.at("action").as_string(), "update");
    EXPECT_EQ(event.at("case").as_string(), "id-1");
    EXPECT_EQ(event.at("data").at("id").as_string(), "id-1");
}

TEST(Hub, AScreenGetsWhatIsBroadcastAfterItJoinsAndNothingBefore) {
    realtime::Hub hub;
    hub.onMessage("a@example.org", "before");
    auto a = std::make_shared<FakeScreen>();
    auto cursor = hub.join(a);
    hub.onMessage("a@example.org", "after");
    auto frames = framesAfter(hub, cursor);
    ASSERT_EQ(frames.size(), 1u);
    EXPECT_EQ(eventIn(frames[0]).at("text").as_string(), "after");
}

TEST(Hub, DeleteEventsCarryNoData) {
    realtime::Hub hub;
    auto cursor = hub.join(std::make_shared<FakeScreen>());
    hub.onCommitted({domain::ChangeKind::Delete, "id-2", std::nullopt});
    auto event = eventIn(framesAfter(hub, cursor).at(0));
    EXPECT_EQ(event.at("action").as_string(), "delete");
    EXPECT_FALSE(event.contains("data"));
}

TEST(Hub, ClockEventsNameTheStateAndCarryTheCase) {
    realtime::Hub hub;
    auto cursor = hub.join(std::make_shared<FakeScreen>());
    domain::Case c;
    c.id = "id-3";
    hub.onCommitted({domain::ChangeKind::Clock, "id-3", c, "breached"});
    auto event = eventIn(framesAfter(hub, cursor).at(0));
    EXPECT_EQ(event.at("action").as_string(), "clock");
    EXPECT_EQ(event.at("case").as_string(), "id-3");
    EXPECT_EQ(event.at("clock").as_string(), "breached");
    EXPECT_EQ(event.at("data").at("id").as_string(), "id-3");
}

TEST(Hub, OnlyClockEventsHaveAClock) {
    realtime::Hub hub;
    auto cursor = hub.join(std::make_shared<FakeScreen>());
    domain::Case c;
    c.id = "id-4";
    hub.onCommitted({domain::ChangeKind::Update, "id-4", c});
    EXPECT_FALSE(eventIn(framesAfter(hub, cursor).at(0)).contains("clock"));
}

TEST(Hub, WrapsRelayedTextSoItCannotPassForAnEvent) {
    realtime::Hub hub;
    auto cursor = hub.join(std::make_shared<FakeScreen>());
    hub.onMessage("a@example.org", R"({"action":"delete","case":"x"})");
    auto event = eventIn(framesAfter(hub, cursor).at(0));
    EXPECT_EQ(event.at("action").as_string(), "message");
    EXPECT_EQ(event.at("from").as_string(), "a@example.org");
    EXPECT_EQ(event.at("text").as_string(), R"({"action":"delete","case":"x"})");
}

TEST(Hub, ForgetsScreensThatLeaveOrDie) {
    realtime::Hub hub;
    auto a = std::make_shared<FakeScreen>();
    auto b = std::make_shared<FakeScreen>();
    hub.join(a);
    hub.join(b);
    hub.leave(a.get());
    b.reset();
    hub.onMessage("x@example.org", "hi");
    EXPECT_EQ(a->wakes, 0);
    EXPECT_EQ(hub.size(), 1u);  // b's entry stays until its session leaves; delivery skips it
}

namespace {
// Leaves the hub when woken, as a session whose socket has just failed does on its own thread.
class LeavingScreen : public FakeScreen {
  public:
    explicit LeavingScreen(realtime::Hub& hub) : hub_(hub) {}
    void wake() override {
        FakeScreen::wake();
        hub_.leave(this);
    }

  private:
    realtime::Hub& hub_;
};
}  // namespace

TEST(Hub, AScreenLeavingDuringABroadcastDoesNotCostTheOthersTheirWake) {
    realtime::Hub hub;
    std::vector<std::shared_ptr<FakeScreen>> screens;
    for (int i = 0; i < 8; ++i) {
        if (i % 2 == 0) {
            screens.push_back(std::make_shared<LeavingScreen>(hub));
        } else {
            screens.push_back(std::make_shared<FakeScreen>());
        }
        hub.join(screens.back());
    }
    hub.onMessage("x@example.org", "hi");
    for (std::size_t i = 0; i < screens.size(); ++i) {
        EXPECT_EQ(screens[i]->wakes, 1) << "screen " << i;
    }
    EXPECT_EQ(hub.size(), 4u);
}

TEST(Hub, SendsEveryoneAwayOnShutdown) {
    realtime::Hub hub;
    auto a = std::make_shared<FakeScreen>();
    hub.join(a);
    hub.goAwayAll();
    EXPECT_TRUE(a->wentAway);
}

TEST(Hub, PassesAnAccessChangeToEveryScreenWithoutBroadcastingIt) {
    realtime::Hub hub;
    auto a = std::make_shared<FakeScreen>();
    auto b = std::make_shared<FakeScreen>();
    hub.join(a);
    hub.join(b);
    const auto newest = hub.log().newest();
    hub.onAccessChanged({"user-1", "session-1", false, "", false});
    EXPECT_EQ(a->revoked, std::vector<std::string>{"user-1"});
    EXPECT_EQ(b->revoked, std::vector<std::string>{"user-1"});
    // Nothing about who was signed out goes to every screen.
    EXPECT_EQ(hub.log().newest(), newest);
    EXPECT_EQ(a->wakes, 0);
}

namespace {
// A screen whose wake() stays busy until released, as a post to a loaded event loop may.
class BusyScreen : public realtime::Subscriber {
  public:
    void wake() override {
        ++wakes;
        entered.set_value();
        released.wait();
    }
    void goAway() override {}
    void revoke(const domain::AccessChange&) override {}
    std::atomic<int> wakes{0};
    std::promise<void> entered;
    std::shared_future<void> released;
};
}  // namespace

TEST(Hub, DetachWaitsForABroadcastInProgressAndStopsFurtherWakes) {
    realtime::Hub hub;
    auto screen = std::make_shared<BusyScreen>();
    std::promise<void> release;
    screen->released = release.get_future().share();
    auto entered = screen->entered.get_future();
    hub.join(screen);
    // A store thread broadcasting while the server shuts down.
    auto broadcasting = std::async(std::launch::async, [&] { hub.onResync(); });
    entered.wait();
    auto detaching = std::async(std::launch::async, [&] { hub.detachAll(); });
    EXPECT_EQ(detaching.wait_for(std::chrono::milliseconds(200)), std::future_status::timeout)
        << "detachAll returned while a subscriber was still being called";
    release.set_value();
    broadcasting.get();
    detaching.get();
    EXPECT_EQ(hub.size(), 0u);
    hub.onResync();
    EXPECT_EQ(screen->wakes, 1) << "a detached screen was woken";
}

TEST(Hub, ASessionGoesOutWithItsComputedFieldsAndADeletionByItsId) {
    realtime::Hub hub;
    auto cursor = hub.join(std::make_shared<FakeScreen>());
    domain::TheatreSession session;
    session.id = "s-1";
    session.capacityMinutes = 60;
    session.caseIds = {"c-1", "c-2"};
    session.bookedMinutes = 75;
    hub.onSessionChanged({"s-1", session});
    hub.onSessionChanged({"s-1", std::nullopt});
    auto frames = framesAfter(hub, cursor);
    ASSERT_EQ(frames.size(), 2u);
    auto saved = eventIn(frames[0]);
    EXPECT_EQ(saved.at("action").as_string(), "session");
    EXPECT_EQ(saved.at("data").at("id").as_string(), "s-1");
    EXPECT_EQ(saved.at("data").at("booked_minutes"), 75);
    EXPECT_EQ(saved.at("data").at("over_capacity"), true);
    EXPECT_EQ(saved.at("data").at("case_ids"), (boost::json::array{"c-1", "c-2"}));
    auto deleted = eventIn(frames[1]);
    EXPECT_EQ(deleted, (boost::json::object{{"action", "session_delete"}, {"id", "s-1"}}));
}
