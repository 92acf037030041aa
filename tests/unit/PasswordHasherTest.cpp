#include <gtest/gtest.h>

#include "auth/PasswordHasher.hpp"

using caseboard::auth::PasswordHasher;

TEST(PasswordHasher, HashesWithArgon2id) {
    PasswordHasher hasher;
    auto hash = hasher.hash("password123");
    EXPECT_TRUE(hash.starts_with("$argon2id$"));
    EXPECT_EQ(hash.find("password123"), std::string::npos);
}

TEST(PasswordHasher, VerifiesOnlyTheRightPassword) {
    PasswordHasher hasher;
    auto hash = hasher.hash("correct horse");
    EXPECT_TRUE(hasher.verify(hash, "correct horse"));
    EXPECT_FALSE(hasher.verify(hash, "correct horse "));
    EXPECT_FALSE(hasher.verify(hash, ""));
    EXPECT_FALSE(hasher.verify("not a hash", "correct horse"));
}

TEST(PasswordHasher, SaltsEveryHash) {
    PasswordHasher hasher;
    EXPECT_NE(hasher.hash("same"), hasher.hash("same"));
}
