#pragma once

#include <condition_variable>
#include <cstddef>
#include <mutex>

namespace caseboard::work {

// Store completions that another thread (the store's writer) has yet to hand to an event loop. The
// server waits for them before its event loops go, since each one posts to one.
class PendingCompletions {
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

}  // namespace caseboard::work
