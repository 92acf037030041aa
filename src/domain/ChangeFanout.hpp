#pragma once

#include <vector>

#include "domain/CaseChange.hpp"

namespace caseboard::domain {

// Passes every change to several listeners, in the order given (caches before screens, so that a
// screen refetching on an event never reads what the change made stale).
class ChangeFanout final : public ChangeListener {
  public:
    explicit ChangeFanout(std::vector<ChangeListener*> listeners)
        : listeners_(std::move(listeners)) {}

    void onCommitted(const CaseChange& change) override {
        for (auto* listener : listeners_) listener->onCommitted(change);
    }
    void onResync() override {
        for (auto* listener : listeners_) listener->onResync();
    }
    void onMessage(const std::string& fromEmail, const std::string& text) override {
        for (auto* listener : listeners_) listener->onMessage(fromEmail, text);
    }
    void onAccessChanged(const AccessChange& change) override {
        for (auto* listener : listeners_) listener->onAccessChanged(change);
    }
    void onSessionChanged(const SessionChange& change) override {
        for (auto* listener : listeners_) listener->onSessionChanged(change);
    }

  private:
    std::vector<ChangeListener*> listeners_;
};

}  // namespace caseboard::domain
