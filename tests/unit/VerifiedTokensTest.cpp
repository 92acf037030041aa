#include <gtest/gtest.h>

#include "auth/VerifiedTokens.hpp"

using namespace caseboard::auth;

namespace {

const TokenClaims kClaims{"user-1", "a@example.org", "session-1", 1'750'000'000, 1'750'003'600};

}  // namespace

TEST(VerifiedTokens, FindsWhatItRemembered) {
    VerifiedTokens verified(8);
    verified.remember("header.claims.signature", kClaims);
    auto found = verified.find("header.claims.signature");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->userId, "user-1");
    EXPECT_EQ(found->email, "a@example.org");
    EXPECT_EQ(found->expiresAt, 1'750'003'600);
}

TEST(VerifiedTokens, DoesNotFindATokenThatDiffersByOneCharacter) {
    VerifiedTokens verified(8);
    verified.remember("header.claims.signature", kClaims);
    EXPECT_FALSE(verified.find("header.claims.signaturf"));
    EXPECT_FALSE(verified.find("header.claims.signatur"));
    EXPECT_FALSE(verified.find(""));
}

TEST(VerifiedTokens, NeverHoldsMoreThanItsCapacity) {
    VerifiedTokens verified(16);
    for (int i = 0; i < 100; ++i) {
        verified.remember("token-" + std::to_string(i), kClaims);
        EXPECT_LE(verified.size(), 16u);
    }
    EXPECT_TRUE(verified.find("token-99"));
}
