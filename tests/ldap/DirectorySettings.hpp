#pragma once

#include "SlapdServer.hpp"
#include "directory/LdapSettings.hpp"

namespace caseboard::ldaptest {

// Settings for `server` over plain LDAP: admins, editors, viewers in that order.
inline directory::LdapSettings directorySettings(const SlapdServer& server) {
    directory::LdapSettings settings;
    settings.url = server.url();
    settings.bindDn = SlapdServer::serviceDn();
    settings.bindPassword = server.servicePassword();
    settings.baseDn = SlapdServer::baseDn();
    settings.roleGroups = {{domain::Role::Admin, SlapdServer::groupDn("admins")},
                           {domain::Role::Editor, SlapdServer::groupDn("editors")},
                           {domain::Role::Viewer, SlapdServer::groupDn("viewers")}};
    settings.timeout = std::chrono::seconds(5);
    return settings;
}

}  // namespace caseboard::ldaptest
