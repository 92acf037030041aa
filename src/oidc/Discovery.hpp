#pragma once

#include "oidc/HttpsClient.hpp"
#include "oidc/ProviderMetadata.hpp"

#include <mutex>
#include <optional>
#include <string>

namespace caseboard::oidc {

// The provider's endpoints, read from <issuer>/.well-known/openid-configuration. The document
// is fetched on first use and kept; a failed fetch keeps nothing, so the next call tries again.
// Thread-safe.
class Discovery {
  public:
    Discovery(const HttpsClient& http, std::string issuer);

    // Throws OidcError (unavailable) when the document cannot be fetched or is not for this
    // issuer, or names an endpoint EndpointUrl refuses.
    ProviderMetadata metadata();
    // Drops the kept document (an endpoint failed: the provider may have moved it).
    void forget();

  private:
    ProviderMetadata fetch() const;

    const HttpsClient& http_;
    std::string issuer_;
    std::mutex mutex_;
    std::optional<ProviderMetadata> cached_;
};

}  // namespace caseboard::oidc
