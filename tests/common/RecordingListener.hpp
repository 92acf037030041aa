#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "domain/CaseChange.hpp"

namespace caseboard::storetest {

// A store's change listener that keeps what it heard, for the store tests of either store.
class RecordingListener : public domain::ChangeListener {
  public:
    void onCommitted(const domain::CaseChange& change) override {
        std::lock_guard lock(mutex);
        changes.push_back(change);
    }
    void onResync() override { ++resyncs; }
    // Kept as "from: text".
    void onMessage(const std::string& fromEmail, const std::string& text) override {
        std::lock_guard lock(mutex);
        messages.push_back(fromEmail + ": " + text);
    }
    std::vector<domain::CaseChange> snapshot() {
        std::lock_guard lock(mutex);
        return changes;
    }
    std::vector<std::string> messagesSoFar() {
        std::lock_guard lock(mutex);
        return messages;
    }
    // Waits (bounded) until at least `count` changes arrived.
    bool waitFor(std::size_t count,
                 std::chrono::milliseconds limit = std::chrono::milliseconds(5000)) {
        auto deadline = std::chrono::steady_clock::now() + limit;
        while (snapshot().size() < count) {
            if (std::chrono::steady_clock::now() > deadline) return false;
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        return true;
    }

    std::mutex mutex;
    std::vector<domain::CaseChange> changes;
    std::vector<std::string> messages;
    std::atomic<int> resyncs{0};
};

}  // namespace caseboard::storetest
