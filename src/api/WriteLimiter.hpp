#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace caseboard::api {

// Case writes per user: a token bucket per user id that refills at `perSecond` and holds four
// seconds of writes, so that a screen's burst passes but no editor can flood the board. Safe from
// any thread; cheap enough for the I/O thread (one lock, one lookup).
class WriteLimiter {
  public:
    using Clock = std::chrono::steady_clock;
    static constexpr unsigned kBurstSeconds = 4;
    // Users tracked at most; beyond it the buckets that are full again (idle users) are dropped.
    static constexpr std::size_t kMaxUsers = 10'000;

    // perSecond 0: no limit.
    explicit WriteLimiter(unsigned perSecond) : perSecond_(perSecond) {}

    // Counts one write of the user's; throws ApiError 429 (with Retry-After) beyond the limit.
    void admit(const std::string& userId, Clock::time_point now = Clock::now());

    std::size_t trackedUsers() {
        std::lock_guard lock(mutex_);
        return buckets_.size();
    }

  private:
    struct Bucket {
        double tokens;
        Clock::time_point refilled;
    };
    double burst() const { return static_cast<double>(perSecond_) * kBurstSeconds; }
    double tokensAt(const Bucket& bucket, Clock::time_point now) const;
    void dropFullBuckets(Clock::time_point now);

    const unsigned perSecond_;
    std::mutex mutex_;
    std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace caseboard::api
