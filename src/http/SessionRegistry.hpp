#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>

namespace caseboard::http {

// The HTTP sessions alive now, so that a graceful stop can close the idle ones.
class SessionRegistry {
  public:
    using Stopper = std::function<void()>;

    void add(const void* session, Stopper stop) {
        std::lock_guard lock(mutex_);
        stoppers_.emplace(session, std::move(stop));
    }
    void remove(const void* session) {
        std::lock_guard lock(mutex_);
        stoppers_.erase(session);
    }
    void stopAll() {
        std::unordered_map<const void*, Stopper> stoppers;
        {
            std::lock_guard lock(mutex_);
            stoppers = stoppers_;
        }
        for (auto& [session, stop] : stoppers) stop();
    }

  private:
    std::mutex mutex_;
    std::unordered_map<const void*, Stopper> stoppers_;
};

}  // namespace caseboard::http
