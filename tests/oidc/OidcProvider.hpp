#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>

namespace caseboard::it {

struct ProviderOptions {
    std::string clientId = "caseboard";
    std::string clientSecret = "caseboard-test-secret";
    std::string redirectUri = "http://127.0.0.1:8000/auth/oidc/callback";
    std::string signingAlg = "RS256";  // of the ID tokens: RS256 or ES256
    // Both set: served over https with this certificate, the issuer then https://localhost:<port>.
    std::string tlsCertificateFile;
    std::string tlsKeyFile;
    bool claimsInUserInfoOnly = false;  // email and groups left out of the ID token
    // redirectUri is also accepted on any other port of its host (a server on port 0).
    bool redirectAnyPort = false;
};

// tests/oidc/provider.mjs (a real OpenID provider) as a child process on a free port of
// 127.0.0.1, with one confidential client and the accounts admin, nurse, porter, visitor,
// unverified and nameless (see provider.mjs for their email and groups). Needs `node` and the
// repository's node_modules (npm ci). Destruction stops it; it also exits when this process dies.
class OidcProvider {
  public:
    // Throws std::runtime_error when it does not answer within `timeout`.
    explicit OidcProvider(ProviderOptions options = {},
                          std::chrono::milliseconds timeout = std::chrono::seconds(20));
    ~OidcProvider();
    OidcProvider(const OidcProvider&) = delete;
    OidcProvider& operator=(const OidcProvider&) = delete;

    const ProviderOptions& options() const { return options_; }
    unsigned short port() const { return port_; }
    std::string issuer() const;  // http://127.0.0.1:<port> (https://localhost:<port> with TLS)
    // Stops it now (SIGTERM, then SIGKILL after 5 s); idempotent.
    void stop();

  private:
    ProviderOptions options_;
    pid_t pid_ = -1;
    int stdinFd_ = -1;   // closing it tells the provider to exit
    int stdoutFd_ = -1;  // kept open: the provider never writes into a closed pipe
    unsigned short port_ = 0;
};

// Where the provider sent the browser back: redirect_uri?code=…&state=… (or error=…).
struct AuthorizationResponse {
    std::string code;
    std::string state;
    std::string error;
};

// The browser's part of a sign-in at the test provider, over plain HTTP with a cookie jar of
// its own: follows `authorizationUrl`, signs in as `account` and returns the parameters of the
// redirect to the client's redirect URI. Throws std::runtime_error if the provider strays.
AuthorizationResponse signInAs(const std::string& authorizationUrl, const std::string& account);

}  // namespace caseboard::it
