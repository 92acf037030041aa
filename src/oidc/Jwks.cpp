#include "oidc/Jwks.hpp"

#include "oidc/OidcError.hpp"

namespace caseboard::oidc {

namespace json = boost::json;

namespace {

// More keys than any provider publishes at once; the rest are ignored.
constexpr std::size_t kMaxKeys = 64;

std::vector<JsonWebKey> usableKeys(const json::value& document) {
    const json::value* keys =
        document.is_object() ? document.get_object().if_contains("keys") : nullptr;
    if (keys == nullptr || !keys->is_array()) {
        throw OidcError::unavailable("the JWKS document has no \"keys\" array");
    }
    std::vector<JsonWebKey> usable;
    for (const json::value& entry : keys->get_array()) {
        if (usable.size() == kMaxKeys) break;
        if (!entry.is_object()) continue;
        if (auto key = JsonWebKey::fromJson(entry.get_object())) usable.push_back(std::move(*key));
    }
    return usable;
}

}  // namespace

Jwks::Jwks(Fetch fetch, Clock::duration minRefetchInterval)
    : fetch_(std::move(fetch)), minRefetchInterval_(minRefetchInterval) {}

JsonWebKey Jwks::key(const std::string& keyId) {
    std::unique_lock lock(mutex_);
    if (auto known = find(keyId)) return *known;
    const auto previousFetch = fetchedAt_;
    if (previousFetch && Clock::now() - *previousFetch < minRefetchInterval_) {
        throw OidcError::unverified("the ID token names an unknown signing key");
    }
    fetchedAt_ = Clock::now();
    lock.unlock();
    std::vector<JsonWebKey> fresh;
    try {
        fresh = usableKeys(fetch_());
    } catch (...) {
        // A failed fetch does not count: the next sign-in tries again.
        lock.lock();
        fetchedAt_ = previousFetch;
        throw;
    }
    lock.lock();
    keys_ = std::move(fresh);
    if (auto known = find(keyId)) return *known;
    throw OidcError::unverified("the ID token names an unknown signing key");
}

std::optional<JsonWebKey> Jwks::find(const std::string& keyId) const {
    for (const JsonWebKey& key : keys_) {
        if (key.id() == keyId) return key;
    }
    return std::nullopt;
}

}  // namespace caseboard::oidc
