#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "auth/FailureLog.hpp"

namespace caseboard::auth {

// Slows password guessing: after kMaxFailures failed sign-ins for one e-mail from one client
// address within kWindow, further attempts are refused until the oldest failure ages out.
// The failures live in a FailureLog: in memory by default, in the database when instances share.
class LoginThrottle {
  public:
    using Clock = FailureLog::Clock;
    static constexpr std::size_t kMaxFailures = 5;
    static constexpr std::chrono::minutes kWindow{15};

    // Keeps the failures in memory (one instance).
    LoginThrottle();
    // Keeps them in `log`; a null log means in memory.
    explicit LoginThrottle(std::shared_ptr<FailureLog> log);

    // How long the caller must wait, or nothing if it may try now.
    std::optional<std::chrono::seconds> retryAfter(const std::string& email,
                                                   const std::string& client,
                                                   Clock::time_point now = Clock::now());
    void recordFailure(const std::string& email, const std::string& client,
                       Clock::time_point now = Clock::now());
    void recordSuccess(const std::string& email, const std::string& client);

  private:
    std::shared_ptr<FailureLog> log_;
};

}  // namespace caseboard::auth
