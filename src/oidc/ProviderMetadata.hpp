#pragma once

#include <string>

namespace caseboard::oidc {

// What the relying party needs from the provider's discovery document.
struct ProviderMetadata {
    std::string authorizationEndpoint;
    std::string tokenEndpoint;
    std::string jwksUri;
    std::string userinfoEndpoint;  // empty when the provider has none
};

}  // namespace caseboard::oidc
