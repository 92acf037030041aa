#include <gtest/gtest.h>

#include <string>

#include "api/ApiError.hpp"
#include "api/WriteLimiter.hpp"

using caseboard::api::ApiError;
using caseboard::api::WriteLimiter;
using namespace std::chrono_literals;

namespace {
// The Retry-After of a refusal, or "" when the write was admitted.
std::string refusal(WriteLimiter& limiter, const std::string& user,
                    WriteLimiter::Clock::time_point now) {
    try {
        limiter.admit(user, now);
        return "";
    } catch (const ApiError& error) {
        EXPECT_EQ(error.response().status, 429u);
        for (const auto& [name, value] : error.response().headers) {
            if (name == "Retry-After") return value;
        }
        return "no Retry-After";
    }
}
}  // namespace

TEST(WriteLimiter, ABurstOfFourSecondsThenTheRate) {
    WriteLimiter limiter(5);
    auto start = WriteLimiter::Clock::now();
    for (int i = 0; i < 20; ++i) EXPECT_EQ(refusal(limiter, "u", start), "") << i;
    EXPECT_EQ(refusal(limiter, "u", start), "1");
    EXPECT_EQ(refusal(limiter, "u", start + 200ms), "") << "a fifth of a second refills one";
    EXPECT_EQ(refusal(limiter, "u", start + 200ms), "1");
}

TEST(WriteLimiter, RetryAfterSaysHowLongUntilTheNextWrite) {
    WriteLimiter limiter(1);
    auto start = WriteLimiter::Clock::now();
    for (int i = 0; i < 4; ++i) ASSERT_EQ(refusal(limiter, "u", start), "");
    EXPECT_EQ(refusal(limiter, "u", start + 100ms), "1");
    EXPECT_EQ(refusal(limiter, "u", start + 1s), "");
}

TEST(WriteLimiter, EachUserHasABucketOfTheirOwn) {
    WriteLimiter limiter(1);
    auto now = WriteLimiter::Clock::now();
    for (int i = 0; i < 4; ++i) ASSERT_EQ(refusal(limiter, "alice", now), "");
    EXPECT_NE(refusal(limiter, "alice", now), "");
    EXPECT_EQ(refusal(limiter, "bob", now), "");
}

TEST(WriteLimiter, ZeroAdmitsEverything) {
    WriteLimiter limiter(0);
    auto now = WriteLimiter::Clock::now();
    for (int i = 0; i < 10000; ++i) ASSERT_EQ(refusal(limiter, "u", now), "");
}

TEST(WriteLimiter, ManyUsersDoNotGrowItWithoutBound) {
    WriteLimiter limiter(1);
    auto now = WriteLimiter::Clock::now();
    for (std::size_t i = 0; i < 2 * WriteLimiter::kMaxUsers; ++i) {
        ASSERT_EQ(refusal(limiter, "user" + std::to_string(i), now), "");
    }
    EXPECT_LE(limiter.trackedUsers(), WriteLimiter::kMaxUsers);
}

TEST(WriteLimiter, AtTheBoundTheUsersStillWritingKeepTheirBuckets) {
    WriteLimiter limiter(1);
    auto start = WriteLimiter::Clock::now();
    for (std::size_t i = 1; i < WriteLimiter::kMaxUsers; ++i) {
        limiter.admit("idle" + std::to_string(i), start);
    }
    auto later = start + 10s;  // the idle users' buckets are full again
    for (int i = 0; i < 4; ++i) ASSERT_EQ(refusal(limiter, "busy", later), "");
    ASSERT_EQ(limiter.trackedUsers(), WriteLimiter::kMaxUsers);
    EXPECT_EQ(refusal(limiter, "newcomer", later), "");
    EXPECT_EQ(limiter.trackedUsers(), 2u) << "only the idle users were dropped";
    EXPECT_NE(refusal(limiter, "busy", later), "") << "the busy user's empty bucket was forgotten";
}
