#pragma once

#include <cstddef>
#include <list>
#include <unordered_map>
#include <utility>

namespace caseboard::api {

// Values by key within a total weight (bytes, or 1 per entry): keeping one beyond it evicts the
// least recently used first. Not synchronised: its owner locks.
template <typename Key, typename Value>
class WeightedLru {
  public:
    explicit WeightedLru(std::size_t capacity) : capacity_(capacity) {}

    // The value, now the most recently used; null if absent.
    Value* find(const Key& key) {
        auto it = index_.find(key);
        if (it == index_.end()) return nullptr;
        order_.splice(order_.begin(), order_, it->second);
        return &it->second->value;
    }

    // Keeps value under key (replacing any), then evicts the least recently used beyond the
    // capacity. A value heavier than the whole capacity is not kept.
    void insert(const Key& key, Value value, std::size_t weight) {
        if (auto it = index_.find(key); it != index_.end()) erase(it->second);
        if (weight > capacity_) return;
        order_.push_front({key, std::move(value), weight});
        index_.emplace(key, order_.begin());
        total_ += weight;
        while (total_ > capacity_) erase(std::prev(order_.end()));
    }

    template <typename Predicate>
    void eraseIf(Predicate predicate) {
        for (auto it = order_.begin(); it != order_.end();) {
            auto next = std::next(it);
            if (predicate(it->value)) erase(it);
            it = next;
        }
    }

    void clear() {
        index_.clear();
        order_.clear();
        total_ = 0;
    }

    std::size_t weight() const { return total_; }

  private:
    struct Entry {
        Key key;
        Value value;
        std::size_t weight;
    };

    using Position = typename std::list<Entry>::iterator;

    void erase(Position entry) {
        total_ -= entry->weight;
        index_.erase(entry->key);
        order_.erase(entry);
    }

    const std::size_t capacity_;
    std::size_t total_ = 0;
    std::list<Entry> order_;  // the most recently used first
    std::unordered_map<Key, Position> index_;
};

}  // namespace caseboard::api
