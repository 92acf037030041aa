#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <mutex>
#include <vector>

#include "realtime/Frame.hpp"

namespace caseboard::realtime {

// The last broadcast frames, numbered in the order they were sent. Each connection keeps only a
// cursor (the number of the last frame it wrote) and reads what follows when it can write: a
// connection that is behind sends its backlog in one write, and no connection queues a copy of
// its own. The log holds a fixed number of frames; a reader that falls further behind than that
// has lost frames and is told so.
class FrameLog {
  public:
    explicit FrameLog(std::size_t capacity);

    // Appends and returns the frame's number (the first is 1).
    std::uint64_t append(std::shared_ptr<const Frame> frame);
    // The number of the newest frame (0 while empty): a new reader starts here.
    std::uint64_t newest() const;

    enum class Read { Ok, Overrun };
    // Appends to `out` the frames numbered cursor+1 onwards, at most `max` of them and, after the
    // first, no more than `maxBytes` of them in all, and advances cursor past them. Overrun if
    // frames after the cursor are no longer kept.
    Read readAfter(std::uint64_t& cursor, std::size_t max,
                   std::vector<std::shared_ptr<const Frame>>& out,
                   std::size_t maxBytes = std::numeric_limits<std::size_t>::max()) const;

  private:
    mutable std::mutex mutex_;
    std::vector<std::shared_ptr<const Frame>> slots_;
    std::uint64_t newest_ = 0;
};

}  // namespace caseboard::realtime
