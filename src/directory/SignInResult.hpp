#pragma once

#include <optional>

#include "directory/DirectoryPerson.hpp"

namespace caseboard::directory {

enum class SignInOutcome {
    SignedIn,
    WrongCredentials,  // also: no such account, several accounts, a disabled account
    NoMappedGroup,     // the password is right but no mapped group holds the account
    Unavailable,       // the directory could not give an answer (down, slow, TLS, misconfigured)
};

struct SignInResult {
    SignInOutcome outcome;
    std::optional<DirectoryPerson> person;  // set, with a role, exactly when SignedIn
};

}  // namespace caseboard::directory
