#pragma once

#include "oidc/Identity.hpp"
#include "oidc/OidcSettings.hpp"

#include <memory>
#include <string>
#include <string_view>

namespace caseboard::oidc {

// Caseboard as an OpenID Connect relying party: the authorization code flow with PKCE (S256),
// state and nonce, for a confidential client. Every failure throws OidcError, whose status()
// and detail() are the answer to give the browser. Thread-safe; calls may block up to the
// HTTP timeout (10 s per provider call), so run them off the event loop.
class OidcClient {
  public:
    // Throws OidcError when the issuer is not https:// (or http:// on a loopback address), and
    // whatever loading `caFile` throws. Makes no network call.
    explicit OidcClient(OidcSettings settings);
    ~OidcClient();
    OidcClient(const OidcClient&) = delete;
    OidcClient& operator=(const OidcClient&) = delete;

    // The provider's authorization URL to redirect the browser to, for a new sign-in.
    // Throws OidcError (503) when the provider's discovery document cannot be had.
    std::string beginLogin();

    // Completes the sign-in the callback's `state` began; `code` is the callback's code, empty
    // when the provider answered with `error` instead. The state is used up either way.
    // Throws OidcError: 400 for an unknown, expired or reused state; 401 when the provider
    // refused (an `error` callback, a replayed code) or the ID token fails a check (including
    // no `email`, or `email_verified` false); 503 when the provider is unreachable.
    Identity finishLogin(std::string_view code, std::string_view state);

  private:
    struct Parts;
    std::unique_ptr<Parts> parts_;
};

}  // namespace caseboard::oidc
