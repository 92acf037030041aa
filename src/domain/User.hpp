#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/Role.hpp"

namespace caseboard::domain {

// Where an account's password is checked: here, or by the hospital's directory (which also says
// the account's role; such an account has no password here).
enum class UserSource { Local, Ldap, Oidc };

const char* sourceName(UserSource source);
UserSource parseSource(std::string_view text);

struct User {
    std::string id;
    std::string email;
    std::string passwordHash;  // argon2id string from libsodium; never leaves the server
    std::string createdAt;
    Role role = Role::Editor;
    // A deactivated account keeps its history but can neither sign in nor use a session.
    bool active = true;
    UserSource source = UserSource::Local;
};

// An account about to be made. No role: the first account of an empty database is an admin,
// later ones editors (the seed's open registration).
struct NewUser {
    std::string email;
    std::string passwordHash;  // empty for a directory account
    std::optional<Role> role;
    UserSource source = UserSource::Local;
};

// A signed-in user's session: what the token's `sid` names, and the sign-in that opened it.
struct SessionStart {
    std::string userId;
    std::string method;      // password, ldap, oidc
    std::int64_t expiresAt;  // Unix seconds, the token's exp: the row is not needed after it
};

}  // namespace caseboard::domain
