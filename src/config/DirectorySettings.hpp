#pragma once

#include <optional>

#include "config/Settings.hpp"
#include "directory/LdapSettings.hpp"
#include "oidc/OidcSettings.hpp"

namespace caseboard::config {

// The directory's settings from the flags: nothing without --ldap-url. Reads the bind password
// file (one trailing newline dropped) and orders the role groups admin, editor, viewer, so that
// the highest role a person's groups give wins. Throws std::invalid_argument (with the flag's
// name) when they cannot work.
std::optional<directory::LdapSettings> ldapSettings(const Settings::Ldap& flags);

// The OpenID provider's settings: nothing without --oidc-issuer. Needs the client id, the
// secret file and --public-url (the redirect URI is <public-url>/auth/oidc/callback).
std::optional<oidc::OidcSettings> oidcSettings(const Settings& settings);

}  // namespace caseboard::config
