#include "auth/VerifiedTokens.hpp"

#include <cstring>

#include "auth/Sodium.hpp"

namespace caseboard::auth {

VerifiedTokens::VerifiedTokens(std::size_t capacity) : capacity_(capacity) {
    requireSodium();
    crypto_shorthash_keygen(key_.data());
}

std::uint64_t VerifiedTokens::slotOf(std::string_view token) const {
    unsigned char hash[crypto_shorthash_BYTES];
    crypto_shorthash(hash, reinterpret_cast<const unsigned char*>(token.data()), token.size(),
                     key_.data());
    std::uint64_t slot = 0;
    std::memcpy(&slot, hash, sizeof slot);
    return slot;
}

std::optional<TokenClaims> VerifiedTokens::find(std::string_view token) const {
    const auto slot = slotOf(token);
    std::lock_guard lock(mutex_);
    auto found = entries_.find(slot);
    if (found == entries_.end()) return std::nullopt;
    const auto& known = found->second.token;
    if (known.size() != token.size() ||
        sodium_memcmp(known.data(), token.data(), token.size()) != 0) {
        return std::nullopt;
    }
    return found->second.claims;
}

void VerifiedTokens::remember(std::string_view token, const TokenClaims& claims) {
    const auto slot = slotOf(token);
    std::lock_guard lock(mutex_);
    if (entries_.size() >= capacity_) entries_.clear();
    entries_.insert_or_assign(slot, Entry{std::string(token), claims});
}

std::size_t VerifiedTokens::size() const {
    std::lock_guard lock(mutex_);
    return entries_.size();
}

}  // namespace caseboard::auth
