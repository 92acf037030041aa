#pragma once

#include <map>
#include <string>
#include <vector>

namespace caseboard::directory {

// One search result entry, copied out of libldap's messages: its DN and the values of the
// attributes that were asked for (keyed as asked; an attribute it lacks is absent).
struct LdapEntry {
    std::string dn;
    std::map<std::string, std::vector<std::string>> attributes;
};

}  // namespace caseboard::directory
