#pragma once

#include <string>

#include "domain/Role.hpp"

namespace caseboard::domain {

struct User {
    std::string id;
    std::string email;
    std::string passwordHash;  // argon2id string from libsodium; never leaves the server
    std::string createdAt;
    Role role = Role::Editor;
};

}  // namespace caseboard::domain
