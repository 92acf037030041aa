#pragma once

#include <cstdint>
#include <string>

namespace caseboard::auth {

// What a valid token says.
struct TokenClaims {
    std::string userId;
    std::string email;
    std::string sessionId;  // `sid`: the session the token belongs to, which a sign-out ends
    std::int64_t issuedAt = 0;
    std::int64_t expiresAt = 0;
};

}  // namespace caseboard::auth
