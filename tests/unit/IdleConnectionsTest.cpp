#include <gtest/gtest.h>

#include "http/IdleConnections.hpp"

using caseboard::http::IdleConnections;

TEST(IdleConnections, TheConnectionIdleTheLongestIsChosenOnce) {
    IdleConnections idle;
    IdleConnections::IdleSince busy{IdleConnections::kBusy}, recent{200}, oldest{100};
    int closed = 0;
    auto closer = [&closed] { ++closed; };
    idle.add(&busy, busy, closer);
    idle.add(&recent, recent, closer);
    idle.add(&oldest, oldest, closer);
    ASSERT_TRUE(idle.closeOldest());
    EXPECT_EQ(oldest, IdleConnections::kEvicting);
    EXPECT_EQ(recent, 200);
    // Until it has gone, the next new connection takes another one's place.
    ASSERT_TRUE(idle.closeOldest());
    EXPECT_EQ(recent, IdleConnections::kEvicting);
    EXPECT_EQ(closed, 2);
    EXPECT_FALSE(idle.closeOldest());
}

TEST(IdleConnections, NothingIsClosedWhenEveryConnectionIsBusy) {
    IdleConnections idle;
    IdleConnections::IdleSince busy{IdleConnections::kBusy};
    bool called = false;
    idle.add(&busy, busy, [&called] { called = true; });
    EXPECT_FALSE(idle.closeOldest());
    EXPECT_FALSE(called);
    idle.remove(&busy);
    EXPECT_FALSE(idle.closeOldest());
}
