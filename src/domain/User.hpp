#pragma once

#include <string>

namespace caseboard::domain {

struct User {
    std::string id;
    std::string email;
    std::string passwordHash;  // argon2id string from libsodium; never leaves the server
    std::string createdAt;
};

}  // namespace caseboard::domain
