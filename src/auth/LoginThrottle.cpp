#include "auth/LoginThrottle.hpp"

#include <algorithm>

#include "auth/MemoryFailureLog.hpp"

namespace caseboard::auth {

LoginThrottle::LoginThrottle() : LoginThrottle(nullptr) {}

LoginThrottle::LoginThrottle(std::shared_ptr<FailureLog> log)
    : log_(log ? std::move(log) : std::make_shared<MemoryFailureLog>(kMaxFailures, kWindow)) {}

std::optional<std::chrono::seconds> LoginThrottle::retryAfter(const std::string& email,
                                                              const std::string& client,
                                                              Clock::time_point now) {
    auto times = log_->recentFailures(email, client, now - kWindow);
    if (times.size() < kMaxFailures) return std::nullopt;
    // Attempts resume when the kMaxFailures-th most recent failure leaves the window.
    auto oldestCounted = times[times.size() - kMaxFailures];
    auto wait = std::chrono::ceil<std::chrono::seconds>(oldestCounted + kWindow - now);
    return std::max(wait, std::chrono::seconds(1));
}

void LoginThrottle::recordFailure(const std::string& email, const std::string& client,
                                  Clock::time_point now) {
    log_->recordFailure(email, client, now);
}

void LoginThrottle::recordSuccess(const std::string& email, const std::string& client) {
    log_->clear(email, client);
}

}  // namespace caseboard::auth
