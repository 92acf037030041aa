#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <future>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "api/WeightedLru.hpp"

namespace caseboard::api {

// Values read from the store, kept by key until a change that could alter them empties the
// cache. A value read while such a change happened is not kept (the generation moved on), so a
// slow reader cannot put an old value back. Bounded by a total weight (1 per value unless told):
// beyond it the least recently used values go first. Safe from any thread.
template <typename Value>
class GenerationCache {
  public:
    using Weigh = std::function<std::size_t(const std::string& key, const Value& value)>;

    explicit GenerationCache(
        std::size_t capacity, Weigh weigh = [](const std::string&, const Value&) { return 1; })
        : weigh_(std::move(weigh)), values_(capacity) {}

    std::optional<Value> find(const std::string& key) {
        std::lock_guard lock(mutex_);
        if (auto* value = values_.find(key)) return *value;
        return std::nullopt;
    }

    // Read before reading the store; pass to keep().
    std::uint64_t generation() const {
        std::lock_guard lock(mutex_);
        return generation_;
    }

    // Keeps value, read at generationRead, and returns what callers should use: the value
    // another caller kept first for the same key and generation, if any, so that every reader
    // of one state shares one value.
    Value keep(const std::string& key, Value value, std::uint64_t generationRead) {
        std::lock_guard lock(mutex_);
        if (generationRead != generation_) return value;
        if (auto* kept = values_.find(key)) return *kept;
        auto weight = weigh_(key, value);
        values_.insert(key, value, weight);
        return value;
    }

    // The value for key: the one kept, or the one another caller is making for the same state
    // (waited for), or else the one `make` reads now (and keeps). Callers that miss together
    // make it once: a board's readers never each hold a copy of their own.
    template <typename Make>
    Value findOrMake(const std::string& key, Make make) {
        std::unique_lock lock(mutex_);
        if (auto* value = values_.find(key)) return *value;
        if (auto flight = making_.find(key);
            flight != making_.end() && flight->second.generation == generation_) {
            auto result = flight->second.result;
            lock.unlock();
            return result.get();  // or the maker's exception
        }
        std::promise<Value> promise;
        const std::uint64_t generation = generation_;
        making_.insert_or_assign(key, Making{generation, promise.get_future().share()});
        lock.unlock();
        try {
            Value value = keep(key, make(), generation);
            promise.set_value(value);
            doneMaking(key, generation);
            return value;
        } catch (...) {
            promise.set_exception(std::current_exception());
            doneMaking(key, generation);
            throw;
        }
    }

    void clear() {
        std::lock_guard lock(mutex_);
        ++generation_;
        values_.clear();
    }

  private:
    struct Making {
        std::uint64_t generation;
        std::shared_future<Value> result;
    };

    void doneMaking(const std::string& key, std::uint64_t generation) {
        std::lock_guard lock(mutex_);
        // A maker for a later state may have taken the key meanwhile: that one stays.
        auto flight = making_.find(key);
        if (flight != making_.end() && flight->second.generation == generation) {
            making_.erase(flight);
        }
    }

    const Weigh weigh_;
    mutable std::mutex mutex_;
    std::uint64_t generation_ = 0;
    WeightedLru<std::string, Value> values_;
    std::unordered_map<std::string, Making> making_;  // values being read, by key
};

}  // namespace caseboard::api
