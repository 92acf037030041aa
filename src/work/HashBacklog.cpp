#include "work/HashBacklog.hpp"

namespace caseboard::work {

HashBacklog::Admission HashBacklog::enter(const std::string& client) {
    std::lock_guard lock(mutex_);
    if (waiting_ >= total_) return Admission::Full;
    auto entry = waitingByClient_.find(client);
    if (entry != waitingByClient_.end() && entry->second >= perClient_) {
        return Admission::ClientFull;
    }
    ++waitingByClient_[client];
    ++waiting_;
    return Admission::Admitted;
}

void HashBacklog::leave(const std::string& client) {
    std::lock_guard lock(mutex_);
    auto entry = waitingByClient_.find(client);
    if (entry == waitingByClient_.end()) return;
    if (--entry->second == 0) waitingByClient_.erase(entry);
    --waiting_;
}

}  // namespace caseboard::work
