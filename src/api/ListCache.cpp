#include "api/ListCache.hpp"

namespace caseboard::api {

std::optional<ListCache::Body> ListCache::find(const std::string& key) const {
    std::lock_guard lock(mutex_);
    auto it = bodies_.find(key);
    if (it == bodies_.end()) return std::nullopt;
    return it->second;
}

std::uint64_t ListCache::generation() const {
    std::lock_guard lock(mutex_);
    return generation_;
}

void ListCache::keep(const std::string& key, Body body, std::uint64_t generationRead) {
    std::lock_guard lock(mutex_);
    if (generationRead != generation_) return;
    if (bodies_.size() >= kMaxEntries) bodies_.clear();
    bodies_[key] = std::move(body);
}

void ListCache::clear() {
    std::lock_guard lock(mutex_);
    ++generation_;
    bodies_.clear();
}

}  // namespace caseboard::api
