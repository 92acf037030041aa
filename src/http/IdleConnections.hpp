#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <unordered_map>

namespace caseboard::http {

// The HTTP connections, each with the moment it began waiting for its next request. When the
// server has as many connections open as its descriptors allow, a new one (a health check, say)
// takes the place of the connection idle the longest instead of waiting behind it. Sessions
// register once; marking idle and busy is a store to their own atomic, so that requests pay
// nothing for this, and only a full server looks through them.
class IdleConnections {
  public:
    // Steady clock ticks since the connection began waiting, or one of:
    using IdleSince = std::atomic<std::int64_t>;
    static constexpr std::int64_t kBusy = 0;       // answering a request
    static constexpr std::int64_t kEvicting = -1;  // chosen to make room: to close if still idle
    // Asks the connection to close if it is still kEvicting; called on any thread.
    using Closer = std::function<void()>;

    void add(const void* connection, IdleSince& idleSince, Closer close);
    void remove(const void* connection);
    // Closes the connection idle the longest; false if none is idle.
    bool closeOldest();

  private:
    struct Entry {
        IdleSince* idleSince;
        Closer close;
    };
    std::mutex mutex_;
    std::unordered_map<const void*, Entry> connections_;
};

}  // namespace caseboard::http
