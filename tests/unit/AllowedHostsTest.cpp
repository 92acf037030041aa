#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "http/AllowedHosts.hpp"

using caseboard::http::AllowedHosts;

TEST(AllowedHosts, OnLoopbackOnlyLoopbackNamesAreServed) {
    const AllowedHosts hosts("127.0.0.1", {});
    for (const char* name : {"localhost", "LOCALHOST:8000", "127.0.0.1", "127.0.0.1:1", "[::1]",
                             "[::1]:8000", "127.0.0.2"}) {
        EXPECT_TRUE(hosts.allows(name)) << name;
    }
    for (const char* name :
         {"evil.example", "evil.example:8000", "localhost.evil.example", "127.0.0.1.nip.io",
          "[::2]", "::1", "localhost:", "localhost:x", "[::1", "10.0.0.1"}) {
        EXPECT_FALSE(hosts.allows(name)) << name;
    }
}

TEST(AllowedHosts, ARequestWithoutHostIsNoBrowsersAndIsServed) {
    EXPECT_TRUE(AllowedHosts("::1", {}).allows(""));
}

TEST(AllowedHosts, NamedHostsMatchAnyPortUnlessOneIsGiven) {
    const AllowedHosts hosts("127.0.0.1", {"board.example", " Ward.Example:9000 "});
    EXPECT_TRUE(hosts.allows("board.example"));
    EXPECT_TRUE(hosts.allows("BOARD.example:443"));
    EXPECT_TRUE(hosts.allows("ward.example:9000"));
    EXPECT_FALSE(hosts.allows("ward.example"));
    EXPECT_FALSE(hosts.allows("ward.example:9001"));
}

TEST(AllowedHosts, BoundElsewhereOnlyTheListIsEnforced) {
    EXPECT_TRUE(AllowedHosts("0.0.0.0", {}).allows("anything.example"));
    const AllowedHosts hosts("192.0.2.10", {"board.example"});
    EXPECT_TRUE(hosts.allows("board.example:8000"));
    EXPECT_TRUE(hosts.allows("localhost"));
    EXPECT_FALSE(hosts.allows("192.0.2.10"));
}

TEST(AllowedHosts, AnEntryThatIsNoHostNameIsRefused) {
    EXPECT_THROW(AllowedHosts("127.0.0.1", {""}), std::invalid_argument);
    EXPECT_THROW(AllowedHosts("127.0.0.1", {"board.example:port"}), std::invalid_argument);
}
