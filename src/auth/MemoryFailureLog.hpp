#pragma once

#include <cstddef>
#include <list>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "auth/FailureLog.hpp"

namespace caseboard::auth {

// The failures of one instance, in memory, forgotten once they leave the window. Bounded in
// count and in bytes against a flood of invented e-mails and addresses: beyond either bound the
// oldest failures are forgotten first.
class MemoryFailureLog final : public FailureLog {
  public:
    static constexpr std::size_t kMaxFailures = 50'000;
    static constexpr std::size_t kMaxBytes = 16 * 1024 * 1024;

    explicit MemoryFailureLog(std::size_t maxFailures = kMaxFailures,
                              std::size_t maxBytes = kMaxBytes)
        : maxFailures_(maxFailures), maxBytes_(maxBytes) {}

    std::optional<Clock::time_point> reserve(const std::string& email, const std::string& client,
                                             const FailureLimits& limits,
                                             Clock::time_point at) override;
    void clear(const std::string& email, const std::string& client) override;

  private:
    struct Failure {
        Clock::time_point at;
        std::string email;
        std::string client;
    };
    using Failures = std::list<Failure>;
    // The failures of one e-mail, one client or one pair, in the order they were counted.
    using Group = std::vector<Failures::iterator>;
    using Groups = std::unordered_map<std::string, Group>;

    static std::string pairKey(const std::string& email, const std::string& client);
    // What a failure costs: its strings, held by the failure and its group keys, and the nodes.
    static std::size_t bytesOf(const Failure& failure);
    // When the group, counted against `limit`, has room again; nothing if it has room now.
    static std::optional<Clock::time_point> fullUntil(const Groups& groups, const std::string& key,
                                                      std::size_t limit,
                                                      const FailureLimits& limits,
                                                      Clock::time_point at);
    static void unlink(Groups& groups, const std::string& key, Failures::iterator failure);
    void forget(Failures::iterator failure);
    void forgetExpired(Clock::time_point since);
    void forgetOverflow();

    const std::size_t maxFailures_;
    const std::size_t maxBytes_;
    std::mutex mutex_;
    Failures failures_;  // oldest first
    std::size_t bytes_ = 0;
    Groups byPair_;
    Groups byClient_;
    Groups byEmail_;
};

}  // namespace caseboard::auth
