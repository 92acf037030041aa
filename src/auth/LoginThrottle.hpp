#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "auth/FailureLog.hpp"

namespace caseboard::auth {

// Slows password guessing: within kLimits.window, at most 5 failed sign-ins for one e-mail from
// one client address, 50 from one address whatever the e-mails, 20 for one e-mail whatever the
// addresses; further attempts are refused until enough failures age out. An attempt is counted
// as a failure before its password is checked (and forgotten if it succeeds), so that attempts
// made at the same time cannot get more guesses than the limit. The failures live in a
// FailureLog: in memory by default, in the database when instances share.
class LoginThrottle {
  public:
    using Clock = FailureLog::Clock;
    static constexpr FailureLimits kLimits{5, 50, 20, std::chrono::minutes(15)};

    // Keeps the failures in memory (one instance).
    LoginThrottle();
    // Keeps them in `log`; a null log means in memory.
    explicit LoginThrottle(std::shared_ptr<FailureLog> log);

    // Counts the attempt as a failure and returns nothing, or, when a limit is reached, returns
    // how long the caller must wait (and counts nothing).
    std::optional<std::chrono::seconds> reserve(const std::string& email, const std::string& client,
                                                Clock::time_point now = Clock::now());
    // The attempt succeeded: the e-mail's failures from this client, its own included, are
    // forgotten.
    void recordSuccess(const std::string& email, const std::string& client);

  private:
    std::shared_ptr<FailureLog> log_;
};

}  // namespace caseboard::auth
