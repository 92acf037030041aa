#include "http/SocketGroup.hpp"

#include <algorithm>

#include "http/WebSocketSession.hpp"

namespace caseboard::http {

SocketGroup::SocketGroup(asio::io_context& loop, realtime::Hub& hub) : loop_(loop), hub_(hub) {}

std::uint64_t SocketGroup::add(WebSocketSession& session) {
    sessions_.push_back(&session);
    return hub_.log().newest();
}

void SocketGroup::remove(WebSocketSession& session) {
    auto found = std::find(sessions_.begin(), sessions_.end(), &session);
    if (found == sessions_.end()) return;
    *found = sessions_.back();
    sessions_.pop_back();
}

void SocketGroup::wake() {
    // One pass in flight is enough: it reads everything logged up to when it runs. The flag is
    // cleared before reading, so a frame logged after that read wakes the group again.
    if (wakePending_.exchange(true)) return;
    asio::post(loop_, [self = shared_from_this()] {
        self->wakePending_ = false;
        self->deliverNewFrames();
    });
}

void SocketGroup::goAway() {
    asio::post(loop_, [self = shared_from_this()] {
        // By index: closing never adds or removes a session (they leave from their own task).
        for (std::size_t i = 0; i < self->sessions_.size(); ++i) self->sessions_[i]->goAway();
    });
}

void SocketGroup::deliverNewFrames() {
    batch_.clear();
    const std::uint64_t from = cursor_;
    if (hub_.log().readAfter(cursor_, kMaxBatch, batch_) == realtime::FrameLog::Read::Overrun) {
        // This loop was starved for a whole log: each session finds out what it lost itself.
        cursor_ = hub_.log().newest();
        batch_.clear();
    }
    for (std::size_t i = 0; i < sessions_.size(); ++i) sessions_[i]->deliver(from, cursor_, batch_);
    batch_.clear();
    if (cursor_ != hub_.log().newest()) wake();
}

}  // namespace caseboard::http
