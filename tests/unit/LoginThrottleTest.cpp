#include <gtest/gtest.h>

#include "auth/LoginThrottle.hpp"

using caseboard::auth::LoginThrottle;
using namespace std::chrono_literals;

TEST(LoginThrottle, AllowsFiveFailuresThenRefuses) {
    LoginThrottle throttle;
    auto t0 = LoginThrottle::Clock::now();
    for (int i = 0; i < 5; ++i) {
        EXPECT_FALSE(throttle.retryAfter("a@x.org", "10.0.0.1", t0));
        throttle.recordFailure("a@x.org", "10.0.0.1", t0);
    }
    auto wait = throttle.retryAfter("a@x.org", "10.0.0.1", t0 + 1min);
    ASSERT_TRUE(wait);
    EXPECT_EQ(*wait, std::chrono::seconds(14 * 60));
}

TEST(LoginThrottle, CountsPerEmailAndClient) {
    LoginThrottle throttle;
    auto t0 = LoginThrottle::Clock::now();
    for (int i = 0; i < 5; ++i) throttle.recordFailure("a@x.org", "10.0.0.1", t0);
    EXPECT_TRUE(throttle.retryAfter("a@x.org", "10.0.0.1", t0));
    EXPECT_FALSE(throttle.retryAfter("a@x.org", "10.0.0.2", t0));
    EXPECT_FALSE(throttle.retryAfter("b@x.org", "10.0.0.1", t0));
}

TEST(LoginThrottle, ForgetsFailuresAfterTheWindow) {
    LoginThrottle throttle;
    auto t0 = LoginThrottle::Clock::now();
    for (int i = 0; i < 5; ++i) throttle.recordFailure("a@x.org", "c", t0);
    EXPECT_FALSE(throttle.retryAfter("a@x.org", "c", t0 + 15min));
}

TEST(LoginThrottle, SuccessClearsTheCount) {
    LoginThrottle throttle;
    auto t0 = LoginThrottle::Clock::now();
    for (int i = 0; i < 4; ++i) throttle.recordFailure("a@x.org", "c", t0);
    throttle.recordSuccess("a@x.org", "c");
    throttle.recordFailure("a@x.org", "c", t0);
    EXPECT_FALSE(throttle.retryAfter("a@x.org", "c", t0));
}
