#include "http/SocketGroup.hpp"

#include <algorithm>

namespace caseboard::http {

SocketGroup::SocketGroup(asio::io_context& loop, realtime::Hub& hub) : loop_(loop), hub_(hub) {}

std::uint64_t SocketGroup::add(Member& member) {
    members_.push_back(&member);
    // Counted before the log is read: a frame logged after that read is logged after this count,
    // so the wake that follows it sees a member to wake the loop for.
    ++memberCount_;
    const std::uint64_t newest = hub_.log().newest();
    // What was logged while the group was empty woke nobody, and nobody needs it now.
    if (members_.size() == 1 && !passing_) cursor_ = newest;
    return newest;
}

void SocketGroup::remove(Member& member) {
    auto found = std::find(members_.begin(), members_.end(), &member);
    if (found == members_.end()) return;
    --memberCount_;
    if (passing_) {
        // Moving another member into this slot could move it behind the pass.
        *found = nullptr;
        return;
    }
    *found = members_.back();
    members_.pop_back();
}

void SocketGroup::wake() {
    // One wake in flight is enough: the flag is cleared before the log is read, so a frame
    // logged after that read wakes the group again. A pass in progress reads the log again
    // when it ends.
    if (memberCount_ == 0 || wakePending_.exchange(true)) return;
    asio::post(loop_, [self = shared_from_this()] {
        self->wakePending_ = false;
        if (!self->passing_) self->startPass();
    });
}

void SocketGroup::goAway() {
    asio::post(loop_, [self = shared_from_this()] {
        // By index: closing never adds or removes a member (they leave from their own task).
        for (std::size_t i = 0; i < self->members_.size(); ++i) {
            if (self->members_[i]) self->members_[i]->goAway();
        }
    });
}

void SocketGroup::revoke(const domain::AccessChange& change) {
    if (memberCount_ == 0) return;
    asio::post(loop_, [self = shared_from_this(), change] {
        for (std::size_t i = 0; i < self->members_.size(); ++i) {
            if (self->members_[i]) self->members_[i]->revoke(change);
        }
    });
}

void SocketGroup::startPass() {
    batch_.clear();
    from_ = cursor_;
    if (hub_.log().readAfter(cursor_, kMaxBatch, batch_, kMaxBatchBytes) ==
        realtime::FrameLog::Read::Overrun) {
        // This loop was starved for a whole log: each member finds out what it lost itself.
        cursor_ = hub_.log().newest();
        batch_.clear();
    }
    if (cursor_ == from_) return;
    passing_ = true;
    next_ = 0;
    continuePass();
}

void SocketGroup::continuePass() {
    const std::size_t end = std::min(members_.size(), next_ + kSocketsPerTurn);
    for (; next_ < end; ++next_) {
        if (members_[next_]) members_[next_]->deliver(from_, cursor_, batch_);
    }
    if (next_ < members_.size()) {
        asio::post(loop_, [self = shared_from_this()] { self->continuePass(); });
        return;
    }
    passing_ = false;
    batch_.clear();
    std::erase(members_, nullptr);
    // Frames logged during the pass (their wake found it running), or more than one batch.
    if (cursor_ != hub_.log().newest()) startPass();
}

}  // namespace caseboard::http
