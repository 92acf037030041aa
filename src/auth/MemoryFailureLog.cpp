#include "auth/MemoryFailureLog.hpp"

#include <algorithm>

namespace caseboard::auth {

namespace {
// The list node, three group entries and a share of the groups' map nodes, roughly.
constexpr std::size_t kOverheadPerFailure = 192;
}  // namespace

std::string MemoryFailureLog::pairKey(const std::string& email, const std::string& client) {
    return email + '\n' + client;
}

std::size_t MemoryFailureLog::bytesOf(const Failure& failure) {
    return 3 * (failure.email.size() + failure.client.size()) + kOverheadPerFailure;
}

std::optional<FailureLog::Clock::time_point> MemoryFailureLog::reserve(const std::string& email,
                                                                       const std::string& client,
                                                                       const FailureLimits& limits,
                                                                       Clock::time_point at) {
    std::lock_guard lock(mutex_);
    forgetExpired(at - limits.window);
    std::optional<Clock::time_point> retryAt;
    auto wait = [&](std::optional<Clock::time_point> until) {
        if (until && (!retryAt || *until > *retryAt)) retryAt = until;
    };
    wait(fullUntil(byPair_, pairKey(email, client), limits.perEmailAndClient, limits, at));
    wait(fullUntil(byClient_, client, limits.perClient, limits, at));
    wait(fullUntil(byEmail_, email, limits.perEmail, limits, at));
    if (retryAt) return retryAt;

    auto failure = failures_.insert(failures_.end(), Failure{at, email, client});
    bytes_ += bytesOf(*failure);
    byPair_[pairKey(email, client)].push_back(failure);
    byClient_[client].push_back(failure);
    byEmail_[email].push_back(failure);
    forgetOverflow();
    return std::nullopt;
}

std::optional<FailureLog::Clock::time_point> MemoryFailureLog::fullUntil(
    const Groups& groups, const std::string& key, std::size_t limit, const FailureLimits& limits,
    Clock::time_point at) {
    auto group = groups.find(key);
    if (group == groups.end()) return std::nullopt;
    std::vector<Clock::time_point> recent;
    for (auto failure : group->second) {
        if (failure->at > at - limits.window) recent.push_back(failure->at);
    }
    if (recent.size() < limit) return std::nullopt;
    // Room again when the limit-th most recent failure leaves the window.
    std::nth_element(recent.begin(), recent.begin() + static_cast<std::ptrdiff_t>(limit - 1),
                     recent.end(), std::greater<>());
    return recent[limit - 1] + limits.window;
}

void MemoryFailureLog::clear(const std::string& email, const std::string& client) {
    std::lock_guard lock(mutex_);
    auto group = byPair_.find(pairKey(email, client));
    if (group == byPair_.end()) return;
    // forget() shrinks the group and, with its last failure, erases it.
    Group doomed = group->second;
    for (auto failure : doomed) forget(failure);
}

void MemoryFailureLog::unlink(Groups& groups, const std::string& key, Failures::iterator failure) {
    auto group = groups.find(key);
    if (group == groups.end()) return;
    std::erase(group->second, failure);
    if (group->second.empty()) groups.erase(group);
}

void MemoryFailureLog::forget(Failures::iterator failure) {
    unlink(byPair_, pairKey(failure->email, failure->client), failure);
    unlink(byClient_, failure->client, failure);
    unlink(byEmail_, failure->email, failure);
    bytes_ -= bytesOf(*failure);
    failures_.erase(failure);
}

// Failures are kept in the order they were counted, which is the order of their times up to
// the odd thread that read the clock a moment before another; a straggler goes a little later.
void MemoryFailureLog::forgetExpired(Clock::time_point since) {
    while (!failures_.empty() && failures_.front().at <= since) forget(failures_.begin());
}

void MemoryFailureLog::forgetOverflow() {
    while (!failures_.empty() && (failures_.size() > maxFailures_ || bytes_ > maxBytes_)) {
        forget(failures_.begin());
    }
}

}  // namespace caseboard::auth
