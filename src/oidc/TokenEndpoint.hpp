#pragma once

#include "oidc/HttpsClient.hpp"

#include <string>
#include <string_view>

namespace caseboard::oidc {

struct TokenResponse {
    std::string idToken;
    std::string accessToken;  // empty if none was issued; good for the UserInfo endpoint only
};

// Exchanges an authorization code for the ID token (RFC 6749, 4.1.3), authenticating with
// client_secret_basic and proving the PKCE code verifier.
class TokenEndpoint {
  public:
    TokenEndpoint(const HttpsClient& http, std::string clientId, std::string clientSecret,
                  std::string redirectUri);

    // Throws OidcError: refused when the provider refuses the code (its error code, e.g.
    // invalid_grant, in the reason), unavailable when it cannot be reached or fails, unverified
    // when it answers without an ID token.
    TokenResponse exchange(std::string_view tokenEndpoint, std::string_view code,
                           std::string_view codeVerifier) const;

  private:
    std::string basicCredentials() const;

    const HttpsClient& http_;
    std::string clientId_;
    std::string clientSecret_;
    std::string redirectUri_;
};

}  // namespace caseboard::oidc
