#pragma once

#include <optional>
#include <string>

#include "directory/LdapSettings.hpp"
#include "directory/LookupResult.hpp"
#include "directory/SignInResult.hpp"

namespace caseboard::directory {

class LdapConnection;

// Signs people in against the hospital's LDAP server or Active Directory and re-checks them
// later. Safe to call from any number of threads: each call opens its own connections (sign-ins
// are rare) and closes them before it returns, within settings.timeout. Never throws from a
// call but std::bad_alloc; every failure of the directory is an outcome (Unavailable), logged
// with libldap's reason and never with a password.
class LdapDirectory {
  public:
    // Throws std::invalid_argument when the settings cannot work (URL scheme, StartTLS over
    // ldaps://, a CA file that cannot be read, a filter without {email}, no base DN, no role
    // group, no timeout). Makes no network connection.
    explicit LdapDirectory(LdapSettings settings);

    // Finds the one account with that address (service account), checks the password by binding
    // as that account on a connection of its own, then maps its groups to a role.
    SignInResult authenticate(const std::string& email, const std::string& password) const;

    // For the periodic re-check: the account and its current role, with the service account only.
    LookupResult lookup(const std::string& email) const;

  private:
    LdapConnection open(std::chrono::steady_clock::time_point deadline) const;
    LdapConnection connectAsService(std::chrono::steady_clock::time_point deadline) const;
    std::optional<std::string> findAccount(LdapConnection& service, const std::string& email) const;
    bool passwordMatches(const std::string& dn, const std::string& password,
                         std::chrono::steady_clock::time_point deadline) const;
    std::optional<domain::Role> roleOf(LdapConnection& service, const std::string& dn) const;
    bool isMember(LdapConnection& service, const std::string& groupDn, const std::string& dn) const;

    LdapSettings settings_;
};

}  // namespace caseboard::directory
