#include <gtest/gtest.h>

#include "work/HashBacklog.hpp"

using caseboard::work::HashBacklog;
using Admission = HashBacklog::Admission;

TEST(HashBacklog, OneClientGetsOnlyItsShare) {
    HashBacklog backlog(10, 2);
    EXPECT_EQ(backlog.enter("10.0.0.1"), Admission::Admitted);
    EXPECT_EQ(backlog.enter("10.0.0.1"), Admission::Admitted);
    EXPECT_EQ(backlog.enter("10.0.0.1"), Admission::ClientFull);
    EXPECT_EQ(backlog.enter("10.0.0.2"), Admission::Admitted);
    backlog.leave("10.0.0.1");
    EXPECT_EQ(backlog.enter("10.0.0.1"), Admission::Admitted);
}

TEST(HashBacklog, TheTotalBoundsEveryone) {
    HashBacklog backlog(3, 2);
    EXPECT_EQ(backlog.enter("a"), Admission::Admitted);
    EXPECT_EQ(backlog.enter("b"), Admission::Admitted);
    EXPECT_EQ(backlog.enter("c"), Admission::Admitted);
    EXPECT_EQ(backlog.enter("d"), Admission::Full);
    backlog.leave("b");
    EXPECT_EQ(backlog.enter("d"), Admission::Admitted);
}
