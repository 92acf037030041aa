#pragma once

#include <vector>

#include "directory/LdapEntry.hpp"

namespace caseboard::directory {

enum class SearchStatus {
    Complete,
    SizeLimitExceeded,  // more entries matched than were asked for; `entries` holds some
    NoSuchBase,         // the search base does not exist
};

struct SearchResult {
    SearchStatus status;
    std::vector<LdapEntry> entries;
};

}  // namespace caseboard::directory
