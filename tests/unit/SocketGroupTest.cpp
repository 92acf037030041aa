#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <vector>

#include "http/SocketGroup.hpp"
#include "realtime/Hub.hpp"

using namespace caseboard;
using http::SocketGroup;

namespace {

// A socket as the group sees it: records what each pass handed it.
class FakeMember : public SocketGroup::Member {
  public:
    struct Delivery {
        std::uint64_t from, to;
        std::size_t frames;
        bool operator==(const Delivery&) const = default;
    };
    void deliver(std::uint64_t from, std::uint64_t to,
                 const std::vector<SocketGroup::FramePtr>& batch) override {
        deliveries.push_back({from, to, batch.size()});
        if (onDeliver) onDeliver();
    }
    void goAway() override { ++goneAway; }
    void revoke(const domain::AccessChange& change) override {
        revokedUsers.push_back(change.userId);
    }

    std::vector<Delivery> deliveries;
    int goneAway = 0;
    std::vector<std::string> revokedUsers;
    std::function<void()> onDeliver;
};

using Deliveries = std::vector<FakeMember::Delivery>;
constexpr std::size_t kTurn = SocketGroup::kSocketsPerTurn;

class SocketGroupTest : public ::testing::Test {
  protected:
    void SetUp() override {
        group = std::make_shared<SocketGroup>(loop, hub);
        hub.join(group);
    }
    void addMembers(std::size_t n) {
        for (std::size_t i = 0; i < n; ++i) {
            members.push_back(std::make_unique<FakeMember>());
            group->add(*members.back());
        }
    }
    void broadcast(std::size_t events = 1) {
        for (std::size_t i = 0; i < events; ++i) hub.onMessage("a@example.org", "event");
    }
    // Runs everything the loop has to do, as its thread would.
    void runLoop() {
        loop.restart();
        loop.poll();
    }
    std::size_t membersServed() const {
        std::size_t served = 0;
        for (const auto& m : members) served += m->deliveries.empty() ? 0 : 1;
        return served;
    }

    boost::asio::io_context loop;
    realtime::Hub hub;
    std::shared_ptr<SocketGroup> group;
    std::vector<std::unique_ptr<FakeMember>> members;
};

}  // namespace

TEST_F(SocketGroupTest, APassOverManyTurnsHandsEveryMemberTheEventOnce) {
    addMembers(3 * kTurn + 10);
    broadcast();
    runLoop();
    for (std::size_t i = 0; i < members.size(); ++i) {
        EXPECT_EQ(members[i]->deliveries, (Deliveries{{0, 1, 1}})) << "member " << i;
    }
}

TEST_F(SocketGroupTest, OtherWorkOfTheLoopRunsBetweenTurns) {
    addMembers(2 * kTurn + 10);
    broadcast();
    std::size_t servedWhenOtherWorkRan = 0;
    boost::asio::post(loop, [&] { servedWhenOtherWorkRan = membersServed(); });
    runLoop();
    EXPECT_EQ(servedWhenOtherWorkRan, kTurn) << "a request waited for the whole pass";
    EXPECT_EQ(membersServed(), members.size());
}

TEST_F(SocketGroupTest, AMemberLeavingDuringAPassMakesNoOtherMissIt) {
    addMembers(kTurn + 10);
    // The first member leaves while it is being served, as a socket whose write fails would.
    members[0]->onDeliver = [&] { group->remove(*members[0]); };
    broadcast();
    runLoop();
    for (std::size_t i = 0; i < members.size(); ++i) {
        EXPECT_EQ(members[i]->deliveries.size(), 1u) << "member " << i;
    }
    broadcast();
    runLoop();
    EXPECT_EQ(members[0]->deliveries.size(), 1u) << "a member that left is still served";
    EXPECT_EQ(members.back()->deliveries.size(), 2u);
}

TEST_F(SocketGroupTest, AMemberLeavingBetweenTurnsIsNotServedAndNoOtherIsSkipped) {
    addMembers(2 * kTurn);
    broadcast();
    // Runs after the first turn: one member served, one not yet, both leave.
    boost::asio::post(loop, [&] {
        group->remove(*members[3]);
        group->remove(*members[kTurn + 3]);
    });
    runLoop();
    EXPECT_EQ(members[kTurn + 3]->deliveries.size(), 0u);
    for (std::size_t i = 0; i < members.size(); ++i) {
        if (i == kTurn + 3) continue;
        EXPECT_EQ(members[i]->deliveries.size(), 1u) << "member " << i;
    }
}

TEST_F(SocketGroupTest, EventsLoggedDuringAPassGetAPassOfTheirOwn) {
    // Logged in the first turn: its wake runs between two later turns of the same pass.
    addMembers(3 * kTurn);
    members[1]->onDeliver = [&] {
        if (members[1]->deliveries.size() == 1) broadcast();
    };
    broadcast();
    runLoop();
    for (std::size_t i = 0; i < members.size(); ++i) {
        EXPECT_EQ(members[i]->deliveries, (Deliveries{{0, 1, 1}, {1, 2, 1}})) << "member " << i;
    }
}

TEST_F(SocketGroupTest, WakesBeforeAPassAreServedByOnePass) {
    addMembers(2);
    broadcast(3);
    runLoop();
    EXPECT_EQ(members[0]->deliveries, (Deliveries{{0, 3, 3}}));
}

TEST_F(SocketGroupTest, MoreFramesThanABatchTakeSeveralPasses) {
    addMembers(2);
    broadcast(SocketGroup::kMaxBatch + 5);
    runLoop();
    const std::uint64_t full = SocketGroup::kMaxBatch;
    EXPECT_EQ(members[1]->deliveries,
              (Deliveries{{0, full, SocketGroup::kMaxBatch}, {full, full + 5, 5}}));
}

TEST_F(SocketGroupTest, LargeFramesAreHandedOutAFewAtATime) {
    // What one write holds is what a socket that stops reading pins: at most kMaxBatchBytes.
    addMembers(2);
    const std::string text(10'000, 'x');  // 64 such frames would be some 640 kB
    const std::size_t frames = 3 * SocketGroup::kMaxBatchBytes / text.size();
    for (std::size_t i = 0; i < frames; ++i) hub.onMessage("a@example.org", text);
    runLoop();
    std::uint64_t next = 0;
    for (const auto& delivery : members[1]->deliveries) {
        EXPECT_EQ(delivery.from, next);
        EXPECT_LE(delivery.frames * text.size(), SocketGroup::kMaxBatchBytes);
        next = delivery.to;
    }
    EXPECT_EQ(next, frames) << "some frames were never handed out";
}

TEST_F(SocketGroupTest, AGroupFurtherBehindThanTheLogLetsEachMemberFindOut) {
    addMembers(2);
    broadcast(realtime::Hub::kBacklogFrames + 10);
    runLoop();
    // No frames: each member reads the log itself and learns that it has lost some.
    EXPECT_EQ(members[0]->deliveries, (Deliveries{{0, realtime::Hub::kBacklogFrames + 10, 0}}));
}

TEST_F(SocketGroupTest, AMemberJoiningStartsAtTheNewestFrame) {
    broadcast(2);
    runLoop();
    FakeMember late;
    EXPECT_EQ(group->add(late), 2u);
    broadcast();
    runLoop();
    EXPECT_EQ(late.deliveries, (Deliveries{{2, 3, 1}}));
}

TEST_F(SocketGroupTest, AGroupWithoutMembersLeavesItsLoopAsleep) {
    broadcast(3);
    EXPECT_EQ(loop.poll(), 0u);
    addMembers(1);
    group->remove(*members[0]);
    broadcast();
    EXPECT_EQ(loop.poll(), 0u);
}

TEST_F(SocketGroupTest, GoAwayReachesEveryMember) {
    addMembers(kTurn + 1);
    group->goAway();
    runLoop();
    for (const auto& m : members) EXPECT_EQ(m->goneAway, 1);
}

TEST_F(SocketGroupTest, AnAccessChangeReachesEveryMemberOnTheLoopsThread) {
    addMembers(3);
    hub.onAccessChanged({"user-1", "", true, "", true});
    // Posted, not called from the store's thread.
    for (const auto& m : members) EXPECT_TRUE(m->revokedUsers.empty());
    runLoop();
    for (const auto& m : members) EXPECT_EQ(m->revokedUsers, std::vector<std::string>{"user-1"});
}
