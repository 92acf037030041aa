#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "domain/Role.hpp"

namespace caseboard::directory {

// A directory group whose members get a role.
struct RoleGroup {
    domain::Role role;
    std::string groupDn;
};

// How to reach the hospital's LDAP server or Active Directory and what its groups mean.
struct LdapSettings {
    // ldap://host[:port] or ldaps://host[:port]
    std::string url;
    // Upgrade an ldap:// connection to TLS before anything else is sent.
    bool startTls = false;
    // PEM file of the CA that signed the server's certificate; empty: the system's store.
    std::string caFile;
    // The service account that finds users and reads groups.
    std::string bindDn;
    std::string bindPassword;
    // Users are searched in its whole subtree.
    std::string baseDn;
    // {email} is replaced by the address, escaped as RFC 4515 asks for an assertion value.
    std::string userFilter = "(mail={email})";
    // The first group the user is in, in this order, decides the role.
    std::vector<RoleGroup> roleGroups;
    // Bounds a whole sign-in or lookup: connecting, TLS and every request.
    std::chrono::milliseconds timeout{5000};
};

}  // namespace caseboard::directory
