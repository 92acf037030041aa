#pragma once

#include <stdexcept>
#include <string>

namespace caseboard::oidc {

// A sign-in that cannot go on. `status()` and `detail()` are what the browser may be told;
// `what()` says why, for the server log. None of them ever holds a code, token or secret.
class OidcError : public std::runtime_error {
  public:
    OidcError(int status, std::string detail, const std::string& reason);

    // 400: the state is unknown, expired or was already used.
    static OidcError invalidState();
    // 401: the provider refused the sign-in or the code exchange.
    static OidcError refused(const std::string& reason);
    // 401: the ID token failed a check.
    static OidcError unverified(const std::string& reason);
    // 503: the provider could not be reached or answered nonsense.
    static OidcError unavailable(const std::string& reason);

    int status() const { return status_; }
    const std::string& detail() const { return detail_; }

  private:
    int status_;
    std::string detail_;
};

}  // namespace caseboard::oidc
