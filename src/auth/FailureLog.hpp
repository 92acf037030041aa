#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>

namespace caseboard::auth {

// How many failed sign-ins are allowed within `window`: for one e-mail from one client address,
// from one client address (any e-mails), and for one e-mail (any client addresses).
struct FailureLimits {
    std::size_t perEmailAndClient;
    std::size_t perClient;
    std::size_t perEmail;
    std::chrono::seconds window;
};

// Where failed sign-ins are kept, by e-mail and client address: in memory for one instance
// (MemoryFailureLog), in the database when several instances must share the count.
class FailureLog {
  public:
    using Clock = std::chrono::system_clock;

    virtual ~FailureLog() = default;
    // Counts an attempt made at `at` as a failure, before its password is checked, unless one of
    // the limits is already reached. Check and count are one step: attempts made at the same
    // time cannot together get past a limit. Returns nothing when the attempt was counted, else
    // when it could be made again (every reached limit then has room), counting nothing.
    virtual std::optional<Clock::time_point> reserve(const std::string& email,
                                                     const std::string& client,
                                                     const FailureLimits& limits,
                                                     Clock::time_point at) = 0;
    // Forgets the failures of `email` from `client`, the attempt just counted included.
    virtual void clear(const std::string& email, const std::string& client) = 0;
};

}  // namespace caseboard::auth
