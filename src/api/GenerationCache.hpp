#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace caseboard::api {

// Values read from the store, kept by key until a change that could alter them empties the
// cache. A value read while such a change happened is not kept (the generation moved on), so a
// slow reader cannot put an old value back. Safe from any thread.
template <typename Value>
class GenerationCache {
  public:
    explicit GenerationCache(std::size_t maxEntries) : maxEntries_(maxEntries) {}

    std::optional<Value> find(const std::string& key) const {
        std::lock_guard lock(mutex_);
        auto it = values_.find(key);
        if (it == values_.end()) return std::nullopt;
        return it->second;
    }

    // Read before reading the store; pass to keep().
    std::uint64_t generation() const {
        std::lock_guard lock(mutex_);
        return generation_;
    }

    void keep(const std::string& key, Value value, std::uint64_t generationRead) {
        std::lock_guard lock(mutex_);
        if (generationRead != generation_) return;
        if (values_.size() >= maxEntries_) values_.clear();
        values_.insert_or_assign(key, std::move(value));
    }

    void clear() {
        std::lock_guard lock(mutex_);
        ++generation_;
        values_.clear();
    }

  private:
    const std::size_t maxEntries_;
    mutable std::mutex mutex_;
    std::uint64_t generation_ = 0;
    std::unordered_map<std::string, Value> values_;
};

}  // namespace caseboard::api
