#include "auth/LoginThrottle.hpp"

#include <algorithm>

#include "auth/MemoryFailureLog.hpp"

namespace caseboard::auth {

LoginThrottle::LoginThrottle() : LoginThrottle(nullptr) {}

LoginThrottle::LoginThrottle(std::shared_ptr<FailureLog> log)
    : log_(log ? std::move(log) : std::make_shared<MemoryFailureLog>()) {}

std::optional<std::chrono::seconds> LoginThrottle::reserve(const std::string& email,
                                                           const std::string& client,
                                                           Clock::time_point now) {
    auto retryAt = log_->reserve(email, client, kLimits, now);
    if (!retryAt) return std::nullopt;
    auto wait = std::chrono::ceil<std::chrono::seconds>(*retryAt - now);
    return std::max(wait, std::chrono::seconds(1));
}

void LoginThrottle::recordSuccess(const std::string& email, const std::string& client) {
    log_->clear(email, client);
}

}  // namespace caseboard::auth
