#include <gtest/gtest.h>

#include <optional>
#include <vector>

#include "http/ConnectionLimits.hpp"

using caseboard::http::ConnectionLimits;
using caseboard::http::ConnectionSlot;

TEST(ConnectionLimits, EachClientHasItsShare) {
    ConnectionLimits limits(2, 100);
    std::vector<ConnectionSlot> open;
    for (int i = 0; i < 2; ++i) open.push_back(std::move(*limits.admit("10.0.0.1").slot));
    auto third = limits.admit("10.0.0.1");
    EXPECT_FALSE(third.slot);
    EXPECT_EQ(third.refusal, ConnectionLimits::Refusal::ClientAtLimit);
    EXPECT_TRUE(limits.admit("10.0.0.2").slot);
    open.pop_back();
    EXPECT_TRUE(limits.admit("10.0.0.1").slot);
}

TEST(ConnectionLimits, BeyondTheCapacityOnlyTheHeadroomIsLetIn) {
    ConnectionLimits limits(10, 2);
    auto first = limits.admit("10.0.0.1");
    auto second = limits.admit("10.0.0.2");
    auto third = limits.admit("10.0.0.3");
    EXPECT_FALSE(third.slot);
    EXPECT_EQ(third.refusal, ConnectionLimits::Refusal::ServerFull);
    auto fourth = limits.admit("10.0.0.3", 1);
    EXPECT_TRUE(fourth.slot);
    EXPECT_FALSE(limits.admit("10.0.0.4", 1).slot);
}

TEST(ConnectionLimits, AProxyConnectionCountsForTheClientItIsAttributedTo) {
    ConnectionLimits limits(1, 100);
    auto proxied = std::move(*limits.admit("").slot);
    auto other = std::move(*limits.admit("").slot);
    EXPECT_TRUE(proxied.attributeTo("10.0.0.1"));
    EXPECT_FALSE(other.attributeTo("10.0.0.1"));
    EXPECT_EQ(other.client(), "");
    EXPECT_TRUE(proxied.attributeTo("10.0.0.2"));  // its next request is another client's
    EXPECT_TRUE(other.attributeTo("10.0.0.1"));
}
