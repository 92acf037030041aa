#pragma once

#include "oidc/HttpsClient.hpp"

#include <boost/json/object.hpp>

#include <string_view>

namespace caseboard::oidc {

// The provider's UserInfo endpoint (OpenID Connect Core 1.0, 5.3). Some providers (NHS CIS2
// among them) give email and role claims only there, not in the ID token.
class UserInfo {
  public:
    explicit UserInfo(const HttpsClient& http);

    // The claims about `subject`. Throws OidcError: unverified when they are about another
    // subject (5.3.2), refused when the access token is refused, unavailable otherwise.
    boost::json::object fetch(std::string_view endpoint, std::string_view accessToken,
                              std::string_view subject) const;

  private:
    const HttpsClient& http_;
};

}  // namespace caseboard::oidc
