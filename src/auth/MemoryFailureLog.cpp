#include "auth/MemoryFailureLog.hpp"

namespace caseboard::auth {

std::string MemoryFailureLog::key(const std::string& email, const std::string& client) {
    return email + '\n' + client;
}

void MemoryFailureLog::recordFailure(const std::string& email, const std::string& client,
                                     Clock::time_point at) {
    std::lock_guard lock(mutex_);
    if (failures_.size() >= kMaxTracked) forgetExpired(at);
    auto& times = failures_[key(email, client)];
    times.push_back(at);
    while (times.size() > keep_) times.pop_front();
}

std::vector<FailureLog::Clock::time_point> MemoryFailureLog::recentFailures(
    const std::string& email, const std::string& client, Clock::time_point since) {
    std::lock_guard lock(mutex_);
    auto it = failures_.find(key(email, client));
    if (it == failures_.end()) return {};
    auto& times = it->second;
    while (!times.empty() && times.front() <= since) times.pop_front();
    return {times.begin(), times.end()};
}

void MemoryFailureLog::clear(const std::string& email, const std::string& client) {
    std::lock_guard lock(mutex_);
    failures_.erase(key(email, client));
}

void MemoryFailureLog::forgetExpired(Clock::time_point now) {
    for (auto it = failures_.begin(); it != failures_.end();) {
        if (it->second.empty() || now - it->second.back() >= window_) {
            it = failures_.erase(it);
        } else {
            ++it;
        }
    }
}

}  // namespace caseboard::auth
