#pragma once

#include "domain/Role.hpp"

#include <string>
#include <utility>
#include <vector>

namespace caseboard::oidc {

// How Caseboard signs in through the hospital's OpenID provider.
struct OidcSettings {
    std::string issuer;  // exactly as the provider names itself in discovery
    std::string clientId;
    std::string clientSecret;  // sent only to the token endpoint (client_secret_basic)
    std::string redirectUri;   // <public-url>/auth/oidc/callback, as registered
    std::string roleClaim = "groups";
    // (role, claim value) pairs; a user gets the first role, in admin, editor, viewer order,
    // whose value the claim holds.
    std::vector<std::pair<domain::Role, std::string>> roleMap;
    std::string caFile;  // PEM authorities for the provider; empty: the system's store
};

}  // namespace caseboard::oidc
