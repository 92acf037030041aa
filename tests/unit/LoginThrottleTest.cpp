#include <gtest/gtest.h>

#include <string>

#include "auth/LoginThrottle.hpp"
#include "auth/MemoryFailureLog.hpp"

using caseboard::auth::FailureLimits;
using caseboard::auth::LoginThrottle;
using caseboard::auth::MemoryFailureLog;
using namespace std::chrono_literals;

TEST(LoginThrottle, AllowsFiveFailuresThenRefuses) {
    LoginThrottle throttle;
    auto t0 = LoginThrottle::Clock::now();
    for (int i = 0; i < 5; ++i) EXPECT_FALSE(throttle.reserve("a@x.org", "10.0.0.1", t0));
    auto wait = throttle.reserve("a@x.org", "10.0.0.1", t0 + 1min);
    ASSERT_TRUE(wait);
    EXPECT_EQ(*wait, std::chrono::seconds(14 * 60));
}

TEST(LoginThrottle, CountsPerEmailAndClient) {
    LoginThrottle throttle;
    auto t0 = LoginThrottle::Clock::now();
    for (int i = 0; i < 5; ++i) (void)throttle.reserve("a@x.org", "10.0.0.1", t0);
    EXPECT_TRUE(throttle.reserve("a@x.org", "10.0.0.1", t0));
    EXPECT_FALSE(throttle.reserve("a@x.org", "10.0.0.2", t0));
    EXPECT_FALSE(throttle.reserve("b@x.org", "10.0.0.1", t0));
}

TEST(LoginThrottle, ForgetsFailuresAfterTheWindow) {
    LoginThrottle throttle;
    auto t0 = LoginThrottle::Clock::now();
    for (int i = 0; i < 5; ++i) (void)throttle.reserve("a@x.org", "c", t0);
    EXPECT_FALSE(throttle.reserve("a@x.org", "c", t0 + 15min));
}

TEST(LoginThrottle, SuccessClearsTheCount) {
    LoginThrottle throttle;
    auto t0 = LoginThrottle::Clock::now();
    for (int i = 0; i < 5; ++i) (void)throttle.reserve("a@x.org", "c", t0);
    throttle.recordSuccess("a@x.org", "c");
    EXPECT_FALSE(throttle.reserve("a@x.org", "c", t0));
}

TEST(LoginThrottle, AllowsFiftyFailuresFromOneAddressWhateverTheEmails) {
    LoginThrottle throttle;
    auto t0 = LoginThrottle::Clock::now();
    for (int i = 0; i < 50; ++i) {
        EXPECT_FALSE(throttle.reserve("u" + std::to_string(i) + "@x.org", "10.0.0.1", t0))
            << "failure " << i + 1;
    }
    auto wait = throttle.reserve("another@x.org", "10.0.0.1", t0 + 5min);
    ASSERT_TRUE(wait);
    EXPECT_EQ(*wait, std::chrono::seconds(10 * 60));
    EXPECT_FALSE(throttle.reserve("another@x.org", "10.0.0.2", t0 + 5min));
}

TEST(LoginThrottle, AllowsTwentyFailuresForOneEmailWhateverTheAddresses) {
    LoginThrottle throttle;
    auto t0 = LoginThrottle::Clock::now();
    for (int i = 0; i < 20; ++i) {
        EXPECT_FALSE(throttle.reserve("a@x.org", "10.0.1." + std::to_string(i), t0))
            << "failure " << i + 1;
    }
    auto wait = throttle.reserve("a@x.org", "10.0.2.1", t0 + 5min);
    ASSERT_TRUE(wait);
    EXPECT_EQ(*wait, std::chrono::seconds(10 * 60));
    EXPECT_FALSE(throttle.reserve("b@x.org", "10.0.2.1", t0 + 5min));
}

TEST(LoginThrottle, WaitsForTheLatestOfTheLimitsReached) {
    LoginThrottle throttle;
    auto t0 = LoginThrottle::Clock::now();
    // The e-mail's limit is reached at t0, the address's 2 minutes later.
    for (int i = 0; i < 20; ++i)
        (void)throttle.reserve("a@x.org", "10.0.1." + std::to_string(i), t0);
    for (int i = 0; i < 50; ++i) {
        (void)throttle.reserve("u" + std::to_string(i) + "@x.org", "10.0.0.1", t0 + 2min);
    }
    auto wait = throttle.reserve("a@x.org", "10.0.0.1", t0 + 3min);
    ASSERT_TRUE(wait);
    EXPECT_EQ(*wait, std::chrono::seconds(14 * 60));
}

TEST(LoginThrottle, ARefusedAttemptIsNotCounted) {
    LoginThrottle throttle;
    auto t0 = LoginThrottle::Clock::now();
    for (int i = 0; i < 5; ++i) (void)throttle.reserve("a@x.org", "10.0.0.1", t0);
    for (int i = 0; i < 100; ++i) (void)throttle.reserve("a@x.org", "10.0.0.1", t0 + 1min);
    EXPECT_FALSE(throttle.reserve("a@x.org", "10.0.0.1", t0 + 15min));
}

// --- MemoryFailureLog bounds ----------------------------------------------------------------

constexpr FailureLimits kOneEach{1, 1000, 1000, std::chrono::minutes(15)};

TEST(MemoryFailureLog, DropsTheOldestFailuresBeyondItsCount) {
    MemoryFailureLog log(3, 1024 * 1024);
    auto t0 = MemoryFailureLog::Clock::now();
    for (std::string email : {"a@x.org", "b@x.org", "c@x.org"}) {
        EXPECT_FALSE(log.reserve(email, "10.0.0.1", kOneEach, t0));
    }
    EXPECT_TRUE(log.reserve("a@x.org", "10.0.0.1", kOneEach, t0)) << "a is still counted";
    EXPECT_FALSE(log.reserve("d@x.org", "10.0.0.1", kOneEach, t0 + 1s));
    EXPECT_FALSE(log.reserve("a@x.org", "10.0.0.1", kOneEach, t0 + 1s))
        << "the oldest failure (a's) was dropped to make room for d's";
    EXPECT_TRUE(log.reserve("c@x.org", "10.0.0.1", kOneEach, t0 + 1s)) << "c is still counted";
}

TEST(MemoryFailureLog, DropsTheOldestFailuresBeyondItsBytes) {
    const std::string padding(240, 'p');
    auto email = [&](char c) { return std::string(1, c) + padding + "@x.org"; };
    // Two failures with 247-byte e-mails fit, a third does not.
    MemoryFailureLog log(1000, 2200);
    auto t0 = MemoryFailureLog::Clock::now();
    EXPECT_FALSE(log.reserve(email('a'), "10.0.0.1", kOneEach, t0));
    EXPECT_FALSE(log.reserve(email('b'), "10.0.0.1", kOneEach, t0));
    EXPECT_TRUE(log.reserve(email('a'), "10.0.0.1", kOneEach, t0)) << "a is still counted";
    EXPECT_FALSE(log.reserve(email('c'), "10.0.0.1", kOneEach, t0));
    EXPECT_FALSE(log.reserve(email('a'), "10.0.0.1", kOneEach, t0)) << "a's was dropped";
}

TEST(MemoryFailureLog, ClearingForgetsOnlyThatEmailFromThatClient) {
    MemoryFailureLog log;
    constexpr FailureLimits limits{5, 6, 6, std::chrono::minutes(15)};
    auto t0 = MemoryFailureLog::Clock::now();
    for (int i = 0; i < 3; ++i) (void)log.reserve("a@x.org", "10.0.0.1", limits, t0);
    for (int i = 0; i < 3; ++i) (void)log.reserve("b@x.org", "10.0.0.1", limits, t0);
    log.clear("a@x.org", "10.0.0.1");
    // The address has 3 failures left (b's), so 3 more fit and a 7th does not.
    for (int i = 0; i < 3; ++i) EXPECT_FALSE(log.reserve("c@x.org", "10.0.0.1", limits, t0));
    EXPECT_TRUE(log.reserve("d@x.org", "10.0.0.1", limits, t0));
}
