#include "oidc/PendingLogins.hpp"
#include "oidc/Pkce.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>
#include <vector>

namespace caseboard::it {
namespace {

using oidc::PendingLogin;
using oidc::PendingLogins;

TEST(PendingLoginsTest, ValuesAre32RandomBytesEachTimeNew) {
    PendingLogins logins;
    std::set<std::string> seen;
    for (int i = 0; i < 100; ++i) {
        const PendingLogin login = logins.start();
        for (const std::string& value : {login.state, login.nonce, login.codeVerifier}) {
            EXPECT_EQ(value.size(), 43u);  // 32 bytes, base64url without padding
            EXPECT_EQ(value.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                              "0123456789-_"),
                      std::string::npos);
            EXPECT_TRUE(seen.insert(value).second);
        }
    }
}

TEST(PendingLoginsTest, AStateIsTakenOnce) {
    PendingLogins logins;
    const PendingLogin started = logins.start();
    const auto taken = logins.take(started.state);
    ASSERT_TRUE(taken);
    EXPECT_EQ(taken->nonce, started.nonce);
    EXPECT_EQ(taken->codeVerifier, started.codeVerifier);
    EXPECT_FALSE(logins.take(started.state));
    EXPECT_FALSE(logins.take("never-issued"));
    EXPECT_FALSE(logins.take(""));
}

TEST(PendingLoginsTest, AStateExpires) {
    PendingLogins logins(10, std::chrono::milliseconds(50));
    const PendingLogin stale = logins.start();
    std::this_thread::sleep_for(std::chrono::milliseconds(80));
    const PendingLogin fresh = logins.start();
    EXPECT_FALSE(logins.take(stale.state));
    EXPECT_TRUE(logins.take(fresh.state));
}

TEST(PendingLoginsTest, BeyondCapacityTheOldestIsDropped) {
    PendingLogins logins(2);
    const PendingLogin first = logins.start();
    const PendingLogin second = logins.start();
    const PendingLogin third = logins.start();
    EXPECT_FALSE(logins.take(first.state));
    EXPECT_TRUE(logins.take(second.state));
    EXPECT_TRUE(logins.take(third.state));
}

TEST(PendingLoginsTest, ManyThreadsStartAndTakeEachTheirOwn) {
    PendingLogins logins(100000);
    std::atomic<int> taken{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 500; ++i) {
                const PendingLogin login = logins.start();
                const auto back = logins.take(login.state);
                if (back && back->nonce == login.nonce) ++taken;
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(taken.load(), 8 * 500);
}

TEST(PkceTest, ChallengeIsBase64UrlSha256OfTheVerifier) {
    // RFC 7636, Appendix B.
    EXPECT_EQ(oidc::pkceChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
              "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

}  // namespace
}  // namespace caseboard::it
