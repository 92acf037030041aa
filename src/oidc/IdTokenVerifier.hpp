#pragma once

#include "oidc/Jwks.hpp"

#include <boost/json/object.hpp>

#include <chrono>
#include <string>
#include <string_view>

namespace caseboard::oidc {

// Checks an ID token as OpenID Connect Core 1.0, 3.1.3.7 asks of a confidential client:
// signed RS256/ES256 with a key of the issuer's JWKS (its kid; the key's type must fit the
// alg), `iss` is the issuer, `aud` holds the client id (`azp` is the client id when there are
// other audiences, or whenever present), not expired, not issued in the future, the nonce of
// this sign-in, a subject. Thread-safe.
class IdTokenVerifier {
  public:
    IdTokenVerifier(std::string issuer, std::string clientId, Jwks& keys);

    // The token's claims. Throws OidcError: unverified naming the failed check, unavailable
    // when the keys cannot be fetched.
    boost::json::object verify(std::string_view idToken, std::string_view expectedNonce) const;

    static constexpr std::chrono::seconds kClockSkew{60};

  private:
    void checkClaims(const boost::json::object& claims, std::string_view expectedNonce) const;
    void checkAudience(const boost::json::object& claims) const;

    std::string issuer_;
    std::string clientId_;
    Jwks& keys_;
};

}  // namespace caseboard::oidc
