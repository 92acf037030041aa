#include "realtime/Hub.hpp"

#include <boost/json.hpp>

#include <vector>

#include "domain/CaseJson.hpp"

namespace caseboard::realtime {

namespace json = boost::json;

void Hub::join(const std::shared_ptr<Subscriber>& subscriber) {
    std::lock_guard lock(mutex_);
    subscribers_.emplace(subscriber.get(), subscriber);
}

void Hub::leave(const Subscriber* subscriber) {
    std::lock_guard lock(mutex_);
    subscribers_.erase(subscriber);
}

void Hub::onCommitted(const domain::CaseChange& change) {
    json::object event{{"action", domain::actionName(change.kind)}, {"case", change.caseId}};
    if (change.after) event["data"] = domain::toJson(*change.after);
    broadcast(std::make_shared<const std::string>(json::serialize(event)));
}

void Hub::onResync() {
    json::object event{{"action", "resync"}};
    broadcast(std::make_shared<const std::string>(json::serialize(event)));
}

void Hub::onMessage(const std::string& fromEmail, const std::string& text) {
    json::object message{{"action", "message"}, {"from", fromEmail}, {"text", text}};
    broadcast(std::make_shared<const std::string>(json::serialize(message)));
}

// Subscribers are called outside the lock: one may leave (and take the lock) meanwhile.
std::vector<std::weak_ptr<Subscriber>> Hub::snapshot() const {
    std::lock_guard lock(mutex_);
    std::vector<std::weak_ptr<Subscriber>> targets;
    targets.reserve(subscribers_.size());
    for (const auto& [raw, weak] : subscribers_) targets.push_back(weak);
    return targets;
}

void Hub::broadcast(std::shared_ptr<const std::string> message) {
    for (const auto& weak : snapshot()) {
        if (auto subscriber = weak.lock()) subscriber->deliver(message);
    }
}

void Hub::goAwayAll() {
    for (const auto& weak : snapshot()) {
        if (auto subscriber = weak.lock()) subscriber->goAway();
    }
}

std::size_t Hub::size() const {
    std::lock_guard lock(mutex_);
    return subscribers_.size();
}

}  // namespace caseboard::realtime
