#pragma once

#include "domain/Role.hpp"

#include <optional>
#include <string>

namespace caseboard::oidc {

// Who signed in, as the provider vouches for it.
struct Identity {
    std::string subject;               // `sub`: stable at this issuer
    std::string email;                 // `email`, lower-cased
    std::optional<domain::Role> role;  // empty: no mapped value in the role claim
};

}  // namespace caseboard::oidc
