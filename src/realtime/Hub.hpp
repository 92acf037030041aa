#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/CaseChange.hpp"
#include "realtime/FrameLog.hpp"
#include "realtime/Subscriber.hpp"

namespace caseboard::realtime {

// Who is connected, and fan-out to all of them. Every message is serialized and framed once into
// the log; subscribers are woken and write it from there.
class Hub final : public domain::ChangeListener {
  public:
    // A subscriber more than this many frames behind has lost some: it is closed (1013) so that
    // the screen reconnects and refetches, instead of the server holding an unbounded backlog.
    static constexpr std::size_t kBacklogFrames = 1024;

    Hub() : log_(kBacklogFrames) {}

    // Returns the subscriber's starting cursor: it receives every frame broadcast after joining.
    std::uint64_t join(const std::shared_ptr<Subscriber>& subscriber);
    void leave(const Subscriber* subscriber);
    const FrameLog& log() const { return log_; }

    // A committed case change, as {"action","case"[,"data"]}; a clock change also names its
    // state: {"action":"clock","case","clock","data"}.
    void onCommitted(const domain::CaseChange& change) override;
    // Changes may have been missed: every screen gets {"action":"resync"} and refetches.
    void onResync() override;
    // A screen's text, wrapped so that it can never pass for a case event.
    void onMessage(const std::string& fromEmail, const std::string& text) override;

    // A theatre session's new state, {"action":"session","data":{…}}, or its deletion,
    // {"action":"session_delete","id":"<id>"}.
    void onSessionChanged(const domain::SessionChange& change) override;

    // Closes (1008) the screens whose session the change ends, on every loop.
    void onAccessChanged(const domain::AccessChange& change) override;

    void goAwayAll();
    // Forgets every subscriber and returns once no broadcast is still calling one. Subscribers
    // post to their server's event loop: the server calls this before that loop is destroyed,
    // since a store thread (PostgreSQL's LISTEN) may broadcast at any moment.
    void detachAll();
    std::size_t size() const;

  private:
    void broadcast(const std::string& payload);
    template <typename Call>
    void callEach(Call call);
    using Targets = std::vector<std::weak_ptr<Subscriber>>;
    std::shared_ptr<const Targets> snapshot() const;

    FrameLog log_;
    // Held shared while subscribers are being called, exclusively by detachAll. Taken before
    // mutex_ when both are held.
    std::shared_mutex calling_;
    mutable std::mutex mutex_;
    std::unordered_map<const Subscriber*, std::weak_ptr<Subscriber>> subscribers_;
    // Who to wake, built on the first broadcast after a join or leave instead of per event.
    mutable std::shared_ptr<const Targets> targets_;
};

}  // namespace caseboard::realtime
