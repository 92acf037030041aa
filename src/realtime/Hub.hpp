#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/CaseChange.hpp"
#include "realtime/Subscriber.hpp"

namespace caseboard::realtime {

// Who is connected, and fan-out to all of them. Every message is serialized once and the same
// immutable buffer is handed to every subscriber.
class Hub final : public domain::ChangeListener {
  public:
    void join(const std::shared_ptr<Subscriber>& subscriber);
    void leave(const Subscriber* subscriber);

    // A committed case change, as {"action","case"[,"data"]}.
    void onCommitted(const domain::CaseChange& change) override;
    // Changes may have been missed: every screen gets {"action":"resync"} and refetches.
    void onResync() override;
    // A screen's text, wrapped so that it can never pass for a case event.
    void onMessage(const std::string& fromEmail, const std::string& text) override;
    void broadcast(std::shared_ptr<const std::string> message);

    void goAwayAll();
    std::size_t size() const;

  private:
    std::vector<std::weak_ptr<Subscriber>> snapshot() const;

    mutable std::mutex mutex_;
    std::unordered_map<const Subscriber*, std::weak_ptr<Subscriber>> subscribers_;
};

}  // namespace caseboard::realtime
