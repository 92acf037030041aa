#include "realtime/Hub.hpp"

#include <boost/json.hpp>

#include <vector>

#include "domain/CaseJson.hpp"
#include "domain/TheatreSessionJson.hpp"

namespace caseboard::realtime {

namespace json = boost::json;

std::uint64_t Hub::join(const std::shared_ptr<Subscriber>& subscriber) {
    // Under the same lock as broadcast's append: no frame falls between the cursor and the join.
    std::lock_guard lock(mutex_);
    subscribers_.emplace(subscriber.get(), subscriber);
    targets_.reset();
    return log_.newest();
}

void Hub::leave(const Subscriber* subscriber) {
    std::lock_guard lock(mutex_);
    subscribers_.erase(subscriber);
    targets_.reset();
}

void Hub::onCommitted(const domain::CaseChange& change) {
    json::object event{{"action", domain::actionName(change.kind)}, {"case", change.caseId}};
    if (change.kind == domain::ChangeKind::Clock) event["clock"] = change.clock;
    if (change.after) event["data"] = domain::toJson(*change.after);
    broadcast(json::serialize(event));
}

void Hub::onSessionChanged(const domain::SessionChange& change) {
    json::object event;
    if (change.after) {
        event = {{"action", "session"}, {"data", domain::toJson(*change.after)}};
    } else {
        event = {{"action", "session_delete"}, {"id", change.sessionId}};
    }
    broadcast(json::serialize(event));
}

void Hub::onResync() {
    json::object event{{"action", "resync"}};
    broadcast(json::serialize(event));
}

void Hub::onMessage(const std::string& fromEmail, const std::string& text) {
    json::object message{{"action", "message"}, {"from", fromEmail}, {"text", text}};
    broadcast(json::serialize(message));
}

std::shared_ptr<const Hub::Targets> Hub::snapshot() const {
    std::lock_guard lock(mutex_);
    if (!targets_) {
        auto targets = std::make_shared<Targets>();
        targets->reserve(subscribers_.size());
        for (const auto& [raw, weak] : subscribers_) targets->push_back(weak);
        targets_ = std::move(targets);
    }
    return targets_;
}

// Outside mutex_: a subscriber may leave (and take it) meanwhile.
template <typename Call>
void Hub::callEach(Call call) {
    std::shared_lock calling(calling_);
    // Held by name: a range-for over `*snapshot()` would free the list mid-loop if a join or
    // leave replaced it.
    const auto targets = snapshot();
    for (const auto& weak : *targets) {
        if (auto subscriber = weak.lock()) call(*subscriber);
    }
}

void Hub::broadcast(const std::string& payload) {
    auto frame = Frame::text(payload);
    {
        std::lock_guard lock(mutex_);
        log_.append(std::move(frame));
    }
    callEach([](Subscriber& subscriber) { subscriber.wake(); });
}

void Hub::onAccessChanged(const domain::AccessChange& change) {
    callEach([&change](Subscriber& subscriber) { subscriber.revoke(change); });
}

void Hub::goAwayAll() {
    callEach([](Subscriber& subscriber) { subscriber.goAway(); });
}

void Hub::detachAll() {
    std::unique_lock calling(calling_);
    std::lock_guard lock(mutex_);
    subscribers_.clear();
    targets_.reset();
}

std::size_t Hub::size() const {
    std::lock_guard lock(mutex_);
    return subscribers_.size();
}

}  // namespace caseboard::realtime
