#include "http/ConnectionLimits.hpp"

namespace caseboard::http {

ConnectionLimits::Admission ConnectionLimits::admit(const std::string& client,
                                                    std::size_t headroom) {
    std::lock_guard lock(mutex_);
    if (!client.empty()) {
        auto found = byClient_.find(client);
        if (found != byClient_.end() && found->second >= perClient_) {
            return {std::nullopt, Refusal::ClientAtLimit};
        }
    }
    if (open_ >= capacity_ + headroom) return {std::nullopt, Refusal::ServerFull};
    ++open_;
    if (!client.empty()) ++byClient_[client];
    return {ConnectionSlot(*this, client), Refusal::ServerFull};
}

bool ConnectionLimits::move(const std::string& from, const std::string& to) {
    std::lock_guard lock(mutex_);
    if (!to.empty()) {
        auto& count = byClient_[to];
        if (count >= perClient_) return false;
        ++count;
    }
    forget(from);
    return true;
}

void ConnectionLimits::release(const std::string& client) {
    std::lock_guard lock(mutex_);
    --open_;
    forget(client);
}

// Under mutex_. Entries of clients with nothing open are dropped: the map is as large as the
// set of clients connected now, not of every client ever seen.
void ConnectionLimits::forget(const std::string& client) {
    if (client.empty()) return;
    auto found = byClient_.find(client);
    if (found == byClient_.end()) return;
    if (--found->second == 0) byClient_.erase(found);
}

}  // namespace caseboard::http
