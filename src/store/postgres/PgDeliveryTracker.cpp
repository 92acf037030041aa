#include "store/postgres/PgDeliveryTracker.hpp"

namespace caseboard::store::postgres {

std::uint64_t PgDeliveryTracker::next() {
    std::lock_guard lock(mutex_);
    return ++last_;
}

void PgDeliveryTracker::expect(std::uint64_t seq) {
    std::lock_guard lock(mutex_);
    expected_.insert(seq);
}

void PgDeliveryTracker::abandon(std::uint64_t seq) {
    std::lock_guard lock(mutex_);
    expected_.erase(seq);
    delivered_.erase(seq);
}

void PgDeliveryTracker::await(std::uint64_t seq, std::chrono::milliseconds limit) {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, limit, [&] { return !feedUp_ || delivered_.contains(seq); });
    expected_.erase(seq);
    delivered_.erase(seq);
}

void PgDeliveryTracker::delivered(std::uint64_t seq) {
    {
        std::lock_guard lock(mutex_);
        // Only what someone still waits for is remembered: nothing accumulates.
        if (!expected_.contains(seq)) return;
        delivered_.insert(seq);
    }
    changed_.notify_all();
}

void PgDeliveryTracker::setFeedUp(bool up) {
    {
        std::lock_guard lock(mutex_);
        feedUp_ = up;
    }
    changed_.notify_all();
}

}  // namespace caseboard::store::postgres
