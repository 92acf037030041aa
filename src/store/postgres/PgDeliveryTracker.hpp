#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <unordered_set>

namespace caseboard::store::postgres {

// Lets a write wait until its own change has come back through LISTEN and been handed to the
// change listener, so that (as with SQLite) the author's screens hear of a change before the
// HTTP response that made it. The wait is bounded, and skipped while the event feed is down.
class PgDeliveryTracker {
  public:
    // A number for the next change this instance makes.
    std::uint64_t next();
    // Before COMMIT: the caller will wait for `seq`.
    void expect(std::uint64_t seq);
    // The COMMIT failed: nothing will come.
    void abandon(std::uint64_t seq);
    // After COMMIT: waits until `seq` was delivered, the feed went down, or `limit` passed.
    void await(std::uint64_t seq, std::chrono::milliseconds limit);
    // From the listener's thread: this instance's change `seq` has been delivered.
    void delivered(std::uint64_t seq);
    // The feed went down (waiters are released) or came back.
    void setFeedUp(bool up);

  private:
    std::mutex mutex_;
    std::condition_variable changed_;
    std::uint64_t last_ = 0;
    bool feedUp_ = false;
    std::unordered_set<std::uint64_t> expected_;
    std::unordered_set<std::uint64_t> delivered_;
};

}  // namespace caseboard::store::postgres
