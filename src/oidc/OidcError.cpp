#include "oidc/OidcError.hpp"

namespace caseboard::oidc {

OidcError::OidcError(int status, std::string detail, const std::string& reason)
    : std::runtime_error(reason), status_(status), detail_(std::move(detail)) {}

OidcError OidcError::invalidState() {
    return OidcError(400, "Invalid or expired sign-in state", "unknown, expired or reused state");
}

OidcError OidcError::refused(const std::string& reason) {
    return OidcError(401, "Sign-in was refused by the identity provider", reason);
}

OidcError OidcError::unverified(const std::string& reason) {
    return OidcError(401, "Sign-in could not be verified", reason);
}

OidcError OidcError::unavailable(const std::string& reason) {
    return OidcError(503, "Sign-in provider unavailable", reason);
}

}  // namespace caseboard::oidc
