#include "api/WriteLimiter.hpp"

#include <algorithm>
#include <cmath>

#include "api/ApiError.hpp"

namespace caseboard::api {

void WriteLimiter::admit(const std::string& userId, Clock::time_point now) {
    if (perSecond_ == 0) return;
    double wait = 0;
    {
        std::lock_guard lock(mutex_);
        if (buckets_.size() >= kMaxUsers && !buckets_.contains(userId)) dropFullBuckets(now);
        Bucket& bucket = buckets_.try_emplace(userId, Bucket{burst(), now}).first->second;
        bucket = {tokensAt(bucket, now), std::max(now, bucket.refilled)};
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return;
        }
        wait = (1 - bucket.tokens) / perSecond_;
    }
    auto seconds = std::max<long long>(1, static_cast<long long>(std::ceil(wait)));
    throw ApiError(ApiResponse::detail(429, "Too many changes; try again in a moment")
                       .header("Retry-After", std::to_string(seconds)));
}

double WriteLimiter::tokensAt(const Bucket& bucket, Clock::time_point now) const {
    // Another thread, with a later `now`, may have refilled it since this caller read the clock.
    if (now <= bucket.refilled) return bucket.tokens;
    std::chrono::duration<double> elapsed = now - bucket.refilled;
    return std::min(burst(), bucket.tokens + elapsed.count() * perSecond_);
}

void WriteLimiter::dropFullBuckets(Clock::time_point now) {
    std::erase_if(buckets_,
                  [&](const auto& entry) { return tokensAt(entry.second, now) >= burst(); });
    // Every tracked user is writing right now: forgetting them all only lets them burst again.
    if (buckets_.size() >= kMaxUsers) buckets_.clear();
}

}  // namespace caseboard::api
