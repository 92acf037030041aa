#pragma once

#include <sodium.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "auth/TokenClaims.hpp"

namespace caseboard::auth {

// Tokens whose signature has been checked, with what they say. A screen sends the same token
// with every request all day: remembering it saves the base64, the two JSON parses and the HMAC
// of every request after the first. Only tokens that passed are remembered, so nothing can be
// planted; expiry is the caller's to check on every use. Bounded: when full, it starts afresh.
class VerifiedTokens {
  public:
    explicit VerifiedTokens(std::size_t capacity);

    std::optional<TokenClaims> find(std::string_view token) const;
    void remember(std::string_view token, const TokenClaims& claims);
    std::size_t size() const;

  private:
    struct Entry {
        std::string token;
        TokenClaims claims;
    };
    std::uint64_t slotOf(std::string_view token) const;

    std::size_t capacity_;
    // Slots come from a keyed hash (SipHash, a key per process) and the token is then compared in
    // constant time, so neither the table nor the timing of a lookup says anything about the
    // tokens it holds.
    std::array<unsigned char, crypto_shorthash_KEYBYTES> key_{};
    mutable std::mutex mutex_;
    std::unordered_map<std::uint64_t, Entry> entries_;
};

}  // namespace caseboard::auth
