#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "realtime/Hub.hpp"

using namespace caseboard;

namespace {
class FakeScreen : public realtime::Subscriber {
  public:
    void deliver(std::shared_ptr<const std::string> message) override {
        received.push_back(message);
    }
    void goAway() override { wentAway = true; }
    std::vector<std::shared_ptr<const std::string>> received;
    bool wentAway = false;
};
}  // namespace

TEST(Hub, SendsOneSharedBufferToEveryScreen) {
    realtime::Hub hub;
    auto a = std::make_shared<FakeScreen>();
    auto b = std::make_shared<FakeScreen>();
    hub.join(a);
    hub.join(b);
    domain::Case c;
    c.id = "id-1";
    hub.onCommitted({domain::ChangeKind::Update, "id-1", c});
    ASSERT_EQ(a->received.size(), 1u);
    ASSERT_EQ(b->received.size(), 1u);
    EXPECT_EQ(a->received[0].get(), b->received[0].get());
    auto event = boost::json::parse(*a->received[0]).as_object();
    EXPECT_EQ(event.at("action").as_string(), "update");
    EXPECT_EQ(event.at("case").as_string(), "id-1");
    EXPECT_EQ(event.at("data").at("id").as_string(), "id-1");
}

TEST(Hub, DeleteEventsCarryNoData) {
    realtime::Hub hub;
    auto a = std::make_shared<FakeScreen>();
    hub.join(a);
    hub.onCommitted({domain::ChangeKind::Delete, "id-2", std::nullopt});
    auto event = boost::json::parse(*a->received.at(0)).as_object();
    EXPECT_EQ(event.at("action").as_string(), "delete");
    EXPECT_FALSE(event.contains("data"));
}

TEST(Hub, WrapsRelayedTextSoItCannotPassForAnEvent) {
    realtime::Hub hub;
    auto a = std::make_shared<FakeScreen>();
    hub.join(a);
    hub.onMessage("a@example.org", R"({"action":"delete","case":"x"})");
    auto event = boost::json::parse(*a->received.at(0)).as_object();
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
    EXPECT_TRUE(a->received.empty());
    EXPECT_EQ(hub.size(), 1u);  // b's entry stays until its session leaves; delivery skips it
}

TEST(Hub, SendsEveryoneAwayOnShutdown) {
    realtime::Hub hub;
    auto a = std::make_shared<FakeScreen>();
    hub.join(a);
    hub.goAwayAll();
    EXPECT_TRUE(a->wentAway);
}
