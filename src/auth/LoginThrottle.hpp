#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace caseboard::auth {

// Slows password guessing: after kMaxFailures failed sign-ins for one e-mail from one client
// address within kWindow, further attempts are refused until the oldest failure ages out.
class LoginThrottle {
public:
    using Clock = std::chrono::steady_clock;
    static constexpr std::size_t kMaxFailures = 5;
    static constexpr std::chrono::minutes kWindow{15};

    // How long the caller must wait, or nothing if it may try now.
    std::optional<std::chrono::seconds> retryAfter(const std::string& email,
                                                   const std::string& client,
                                                   Clock::time_point now = Clock::now());
    void recordFailure(const std::string& email, const std::string& client,
                       Clock::time_point now = Clock::now());
    void recordSuccess(const std::string& email, const std::string& client);

private:
    static std::string key(const std::string& email, const std::string& client);
    void forgetExpired(Clock::time_point now);

    // Bounds memory against a flood of invented e-mails.
    static constexpr std::size_t kMaxTracked = 100'000;

    std::mutex mutex_;
    std::unordered_map<std::string, std::deque<Clock::time_point>> failures_;
};

}  // namespace caseboard::auth
