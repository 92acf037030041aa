#pragma once

#include "oidc/JsonWebKey.hpp"

#include <boost/json/value.hpp>

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace caseboard::oidc {

// The provider's signing keys (its JWKS), fetched on first use and kept. A key id not among
// them makes one refetch (the provider may have rotated its keys), at most once per
// `minRefetchInterval`, so tokens naming made-up ids cannot make us hammer the provider.
// Thread-safe.
class Jwks {
  public:
    // Returns the JWKS document; throws OidcError when it cannot.
    using Fetch = std::function<boost::json::value()>;

    explicit Jwks(Fetch fetch, std::chrono::steady_clock::duration minRefetchInterval =
                                   std::chrono::seconds(30));

    // Throws OidcError: unverified for an id the provider does not publish, unavailable when
    // the keys cannot be fetched.
    JsonWebKey key(const std::string& keyId);

  private:
    using Clock = std::chrono::steady_clock;

    std::optional<JsonWebKey> find(const std::string& keyId) const;

    Fetch fetch_;
    Clock::duration minRefetchInterval_;
    std::mutex mutex_;
    std::vector<JsonWebKey> keys_;
    std::optional<Clock::time_point> fetchedAt_;
};

}  // namespace caseboard::oidc
