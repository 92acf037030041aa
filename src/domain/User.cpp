#include "domain/User.hpp"

namespace caseboard::domain {

const char* sourceName(UserSource source) {
    switch (source) {
        case UserSource::Local:
            return "local";
        case UserSource::Ldap:
            return "ldap";
        case UserSource::Oidc:
            return "oidc";
    }
    return "local";
}

UserSource parseSource(std::string_view text) {
    if (text == "ldap") return UserSource::Ldap;
    if (text == "oidc") return UserSource::Oidc;
    return UserSource::Local;
}

}  // namespace caseboard::domain
