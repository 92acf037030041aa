#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "http/TrustedProxies.hpp"

using caseboard::http::TrustedProxies;

namespace {

boost::asio::ip::address at(const std::string& text) {
    return boost::asio::ip::make_address(text);
}

const TrustedProxies kNginx({"127.0.0.1"});

}  // namespace

TEST(TrustedProxies, WithNoProxyTrustedTheHeaderIsIgnored) {
    EXPECT_EQ(TrustedProxies().clientAddress(at("127.0.0.1"), "203.0.113.7"), "127.0.0.1");
}

TEST(TrustedProxies, AnUntrustedPeerCannotSpoofItsAddress) {
    EXPECT_EQ(kNginx.clientAddress(at("198.51.100.9"), "203.0.113.7"), "198.51.100.9");
}

TEST(TrustedProxies, FromATrustedProxyTheClientIsTheAddressItAppended) {
    EXPECT_EQ(kNginx.clientAddress(at("127.0.0.1"), "203.0.113.7"), "203.0.113.7");
    // Whatever the client claimed comes further left, and is not believed.
    EXPECT_EQ(kNginx.clientAddress(at("127.0.0.1"), "10.9.9.9, 198.51.100.1,203.0.113.7"),
              "203.0.113.7");
}

TEST(TrustedProxies, AChainOfTrustedProxiesIsWalkedFromTheRight) {
    TrustedProxies chain({"127.0.0.1", "10.0.0.2"});
    EXPECT_EQ(chain.clientAddress(at("127.0.0.1"), "198.51.100.1, 203.0.113.7, 10.0.0.2"),
              "203.0.113.7");
    // Every hop trusted: the farthest one known.
    EXPECT_EQ(chain.clientAddress(at("127.0.0.1"), "10.0.0.2"), "10.0.0.2");
}

TEST(TrustedProxies, WithoutTheHeaderTheProxyItselfIsTheClient) {
    EXPECT_EQ(kNginx.clientAddress(at("127.0.0.1"), ""), "127.0.0.1");
}

TEST(TrustedProxies, MalformedEntriesAreSkipped) {
    EXPECT_EQ(kNginx.clientAddress(at("127.0.0.1"),
                                   "203.0.113.7, unknown, 300.1.1.1, 198.51.100.1:443, [::1], ,"),
              "203.0.113.7");
    EXPECT_EQ(kNginx.clientAddress(at("127.0.0.1"), "garbage"), "127.0.0.1");
}

TEST(TrustedProxies, IPv6AddressesAreComparedAndShownCanonically) {
    TrustedProxies v6({"::1"});
    EXPECT_EQ(v6.clientAddress(at("::1"), "2001:DB8:0:0::7"), "2001:db8::7");
    EXPECT_EQ(v6.clientAddress(at("::2"), "2001:db8::7"), "::2");
    // An IPv4 peer on a dual-stack socket is the same host as its IPv4 address.
    EXPECT_EQ(kNginx.clientAddress(at("::ffff:127.0.0.1"), "203.0.113.7"), "203.0.113.7");
}

TEST(TrustedProxies, OnlyTheLast32EntriesAreLookedAt) {
    std::string padded = "203.0.113.7";
    for (int i = 0; i < 40; ++i) padded += ", 127.0.0.1";
    EXPECT_EQ(kNginx.clientAddress(at("127.0.0.1"), padded), "127.0.0.1");
}

TEST(TrustedProxies, RefusesAnythingButAnIpAddress) {
    EXPECT_THROW(TrustedProxies({"nginx.local"}), std::invalid_argument);
    EXPECT_THROW(TrustedProxies({"127.0.0.1:80"}), std::invalid_argument);
    EXPECT_THROW(TrustedProxies({"10.0.0.0/8"}), std::invalid_argument);
    EXPECT_NO_THROW(TrustedProxies({" 127.0.0.1", "::1 "}));
}
