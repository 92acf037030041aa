#include "realtime/FrameLog.hpp"

#include <algorithm>

namespace caseboard::realtime {

FrameLog::FrameLog(std::size_t capacity) : slots_(capacity) {}

std::uint64_t FrameLog::append(std::shared_ptr<const Frame> frame) {
    std::lock_guard lock(mutex_);
    ++newest_;
    slots_[newest_ % slots_.size()] = std::move(frame);
    return newest_;
}

std::uint64_t FrameLog::newest() const {
    std::lock_guard lock(mutex_);
    return newest_;
}

FrameLog::Read FrameLog::readAfter(std::uint64_t& cursor, std::size_t max,
                                   std::vector<std::shared_ptr<const Frame>>& out,
                                   std::size_t maxBytes) const {
    std::lock_guard lock(mutex_);
    if (newest_ - cursor > slots_.size()) return Read::Overrun;
    const std::uint64_t last = std::min<std::uint64_t>(newest_, cursor + max);
    const std::size_t before = out.size();
    std::size_t bytes = 0;
    for (; cursor < last; ++cursor) {
        const auto& frame = slots_[(cursor + 1) % slots_.size()];
        bytes += frame->wire().size();
        // The first always goes, however large: the reader has to get past it.
        if (bytes > maxBytes && out.size() > before) break;
        out.push_back(frame);
    }
    return Read::Ok;
}

}  // namespace caseboard::realtime
