#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace caseboard::auth {

// Where failed sign-ins are kept, by e-mail and client address: in memory for one instance
// (MemoryFailureLog), in the database when several instances must share the count.
class FailureLog {
  public:
    using Clock = std::chrono::system_clock;

    virtual ~FailureLog() = default;
    virtual void recordFailure(const std::string& email, const std::string& client,
                               Clock::time_point at) = 0;
    // The failures later than `since`, oldest first.
    virtual std::vector<Clock::time_point> recentFailures(const std::string& email,
                                                          const std::string& client,
                                                          Clock::time_point since) = 0;
    virtual void clear(const std::string& email, const std::string& client) = 0;
};

}  // namespace caseboard::auth
