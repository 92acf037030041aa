#pragma once

#include <cstdint>
#include <string>

namespace caseboard::auth {

// What a valid token says.
struct TokenClaims {
    std::string userId;
    std::string email;
    std::int64_t issuedAt = 0;
    std::int64_t expiresAt = 0;
};

}  // namespace caseboard::auth
