#pragma once

#include <cstddef>
#include <deque>
#include <mutex>
#include <unordered_map>

#include "auth/FailureLog.hpp"

namespace caseboard::auth {

// The failures of one instance, in memory: at most `keep` per key, forgotten after `window`.
class MemoryFailureLog final : public FailureLog {
  public:
    MemoryFailureLog(std::size_t keep, std::chrono::seconds window)
        : keep_(keep), window_(window) {}

    void recordFailure(const std::string& email, const std::string& client,
                       Clock::time_point at) override;
    std::vector<Clock::time_point> recentFailures(const std::string& email,
                                                  const std::string& client,
                                                  Clock::time_point since) override;
    void clear(const std::string& email, const std::string& client) override;

  private:
    static std::string key(const std::string& email, const std::string& client);
    void forgetExpired(Clock::time_point now);

    // Bounds memory against a flood of invented e-mails.
    static constexpr std::size_t kMaxTracked = 100'000;

    const std::size_t keep_;
    const std::chrono::seconds window_;
    std::mutex mutex_;
    std::unordered_map<std::string, std::deque<Clock::time_point>> failures_;
};

}  // namespace caseboard::auth
