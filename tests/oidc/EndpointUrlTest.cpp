#include "oidc/EndpointUrl.hpp"
#include "oidc/OidcError.hpp"

#include <gtest/gtest.h>

namespace caseboard::it {
namespace {

using oidc::EndpointUrl;
using oidc::OidcError;

TEST(EndpointUrlTest, HttpsAnywhere) {
    const EndpointUrl url = EndpointUrl::parse("https://login.example.test/tenant/v2.0?p=x");
    EXPECT_TRUE(url.tls());
    EXPECT_EQ(url.host(), "login.example.test");
    EXPECT_FALSE(url.hostIsAddress());
    EXPECT_EQ(url.port(), "443");
    EXPECT_EQ(url.target(), "/tenant/v2.0?p=x");
    EXPECT_EQ(EndpointUrl::parse("https://10.1.2.3:8443").target(), "/");
    EXPECT_TRUE(EndpointUrl::parse("https://10.1.2.3:8443").hostIsAddress());
}

TEST(EndpointUrlTest, HttpOnlyOnLoopback) {
    for (const char* loopback :
         {"http://127.0.0.1:9000/x", "http://127.8.9.10/", "http://[::1]:80/",
          "http://localhost:3000", "http://LOCALHOST/"}) {
        EXPECT_FALSE(EndpointUrl::parse(loopback).tls()) << loopback;
    }
    EXPECT_EQ(EndpointUrl::parse("http://[::1]:81/").host(), "::1");
    EXPECT_EQ(EndpointUrl::parse("http://[::1]:81/").authority(), "[::1]:81");
    for (const char* remote :
         {"http://10.0.0.1/", "http://login.example.test/", "http://localhost.example.test/",
          "http://128.0.0.1/", "http://[::2]/", "http://127.0.0.1.nip.io/"}) {
        EXPECT_THROW(EndpointUrl::parse(remote), OidcError) << remote;
    }
}

TEST(EndpointUrlTest, RefusesOtherSchemesUserInfoAndFragments) {
    for (const char* bad : {"ftp://login.example.test/", "https://user:pw@login.example.test/",
                            "https://login.example.test/#top", "login.example.test", "", "https://",
                            "file:///etc/passwd"}) {
        EXPECT_THROW(EndpointUrl::parse(bad), OidcError) << bad;
    }
}

}  // namespace
}  // namespace caseboard::it
