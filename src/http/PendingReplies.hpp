#pragma once

#include <condition_variable>
#include <cstddef>
#include <mutex>

namespace caseboard::http {

// Replies that another thread (the store's writer) has yet to hand to the event loop. The server
// waits for them before its event loop goes, since each one posts to it.
class PendingReplies {
  public:
    void begin() {
        std::lock_guard lock(mutex_);
        ++count_;
    }
    void end() {
        std::lock_guard lock(mutex_);
        if (--count_ == 0) idle_.notify_all();
    }
    void waitIdle() {
        std::unique_lock lock(mutex_);
        idle_.wait(lock, [this] { return count_ == 0; });
    }

  private:
    std::mutex mutex_;
    std::condition_variable idle_;
    std::size_t count_ = 0;
};

}  // namespace caseboard::http
