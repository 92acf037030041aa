#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "auth/TokenClaims.hpp"
#include "auth/VerifiedTokens.hpp"

namespace caseboard::auth {

std::int64_t unixNow();

// JWT with HS256 only. The algorithm is pinned: a token whose header names any other algorithm
// (including "none") is refused before its signature is looked at.
class TokenService {
  public:
    TokenService(std::string secret, std::chrono::seconds lifetime);

    std::string issue(const std::string& userId, const std::string& email,
                      const std::string& sessionId) const;
    std::string issueAt(const std::string& userId, const std::string& email,
                        const std::string& sessionId, std::int64_t nowSeconds) const;
    // When a token issued now expires (Unix seconds): its session is not needed after that.
    std::int64_t expiryOfNew() const { return unixNow() + lifetime_.count(); }
    // Empty when the token is malformed, forged, of another algorithm, expired, valid for longer
    // than the lifetime, or issued more than kClockSkew in the future.
    std::optional<TokenClaims> verify(std::string_view token) const;
    std::optional<TokenClaims> verifyAt(std::string_view token, std::int64_t nowSeconds) const;

    static constexpr std::chrono::seconds kClockSkew{60};

  private:
    std::string sign(std::string_view signingInput) const;
    // Whether the claims could be of a token this service issued, as of `now`.
    bool plausible(const TokenClaims& claims, std::int64_t now) const;
    // The claims of a well-formed HS256 token signed with our secret, expired or not.
    std::optional<TokenClaims> checkSignature(std::string_view token) const;

    std::string secret_;
    std::chrono::seconds lifetime_;
    mutable VerifiedTokens verified_{4096};
};

}  // namespace caseboard::auth
