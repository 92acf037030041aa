#include "oidc/PendingLogins.hpp"

#include "auth/Base64Url.hpp"
#include "auth/Sodium.hpp"

#include <sodium.h>

#include <array>

namespace caseboard::oidc {

namespace {

std::string randomValue() {
    std::array<unsigned char, 32> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    return auth::base64UrlEncode(
        std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

}  // namespace

PendingLogins::PendingLogins(std::size_t capacity, Clock::duration lifetime)
    : capacity_(capacity), lifetime_(lifetime) {
    auth::requireSodium();
}

PendingLogin PendingLogins::start() {
    PendingLogin login{randomValue(), randomValue(), randomValue()};
    const auto now = Clock::now();
    std::lock_guard lock(mutex_);
    dropExpired(now);
    while (!byAge_.empty() && byAge_.size() >= capacity_) {
        byState_.erase(byAge_.front().login.state);
        byAge_.pop_front();
    }
    byAge_.push_back(Entry{login, now});
    const auto entry = std::prev(byAge_.end());
    // The key views the state string stored in the list entry, which lives as long as it.
    byState_.emplace(entry->login.state, entry);
    return login;
}

std::optional<PendingLogin> PendingLogins::take(std::string_view state) {
    const auto now = Clock::now();
    std::lock_guard lock(mutex_);
    dropExpired(now);
    const auto found = byState_.find(state);
    if (found == byState_.end()) return std::nullopt;
    const auto entry = found->second;
    byState_.erase(found);
    PendingLogin login = std::move(entry->login);
    byAge_.erase(entry);
    return login;
}

void PendingLogins::dropExpired(Clock::time_point now) {
    while (!byAge_.empty() && now - byAge_.front().created >= lifetime_) {
        byState_.erase(byAge_.front().login.state);
        byAge_.pop_front();
    }
}

}  // namespace caseboard::oidc
