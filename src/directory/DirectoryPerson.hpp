#pragma once

#include <optional>
#include <string>

#include "domain/Role.hpp"

namespace caseboard::directory {

// A directory account as Caseboard sees it.
struct DirectoryPerson {
    std::string dn;
    std::string email;                 // the address the account was found by
    std::optional<domain::Role> role;  // from the first mapped group it is in; none: no access
};

}  // namespace caseboard::directory
