#include "auth/LoginThrottle.hpp"

namespace caseboard::auth {

std::string LoginThrottle::key(const std::string& email, const std::string& client) {
    return email + '\n' + client;
}

std::optional<std::chrono::seconds> LoginThrottle::retryAfter(const std::string& email,
                                                              const std::string& client,
                                                              Clock::time_point now) {
    std::lock_guard lock(mutex_);
    auto it = failures_.find(key(email, client));
    if (it == failures_.end()) return std::nullopt;
    auto& times = it->second;
    while (!times.empty() && now - times.front() >= kWindow) times.pop_front();
    if (times.size() < kMaxFailures) return std::nullopt;
    auto wait = std::chrono::ceil<std::chrono::seconds>(times.front() + kWindow - now);
    return std::max(wait, std::chrono::seconds(1));
}

void LoginThrottle::recordFailure(const std::string& email, const std::string& client,
                                  Clock::time_point now) {
    std::lock_guard lock(mutex_);
    if (failures_.size() >= kMaxTracked) forgetExpired(now);
    auto& times = failures_[key(email, client)];
    times.push_back(now);
    if (times.size() > kMaxFailures) times.pop_front();
}

void LoginThrottle::recordSuccess(const std::string& email, const std::string& client) {
    std::lock_guard lock(mutex_);
    failures_.erase(key(email, client));
}

void LoginThrottle::forgetExpired(Clock::time_point now) {
    for (auto it = failures_.begin(); it != failures_.end();) {
        if (it->second.empty() || now - it->second.back() >= kWindow) {
            it = failures_.erase(it);
        } else {
            ++it;
        }
    }
}

}  // namespace caseboard::auth
