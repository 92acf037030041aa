#pragma once

#include <string>
#include <string_view>

namespace caseboard::oidc {

// The PKCE S256 code challenge of a code verifier: base64url(SHA-256(verifier)) (RFC 7636, 4.2).
std::string pkceChallenge(std::string_view codeVerifier);

}  // namespace caseboard::oidc
