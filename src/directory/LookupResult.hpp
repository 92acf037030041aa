#pragma once

#include <optional>

#include "directory/DirectoryPerson.hpp"

namespace caseboard::directory {

enum class LookupOutcome {
    Found,        // the account exists and is enabled (its role may be none)
    Gone,         // no single enabled account has that address any more
    Unavailable,  // the directory could not give an answer: change nothing
};

struct LookupResult {
    LookupOutcome outcome;
    std::optional<DirectoryPerson> person;  // set exactly when Found
};

}  // namespace caseboard::directory
