#include <gtest/gtest.h>

#include <stdexcept>

#include "directory/LdapDirectory.hpp"

using caseboard::directory::LdapDirectory;
using caseboard::directory::LdapSettings;
using caseboard::domain::Role;

namespace {

LdapSettings workable() {
    LdapSettings settings;
    settings.url = "ldaps://directory.hospital.test:636";
    settings.bindDn = "cn=service,dc=hospital,dc=test";
    settings.bindPassword = "secret";
    settings.baseDn = "dc=hospital,dc=test";
    settings.roleGroups = {{Role::Viewer, "cn=staff,dc=hospital,dc=test"}};
    return settings;
}

}  // namespace

TEST(LdapSettings, WorkableSettingsAreAccepted) {
    EXPECT_NO_THROW(LdapDirectory{workable()});
    auto plain = workable();
    plain.url = "ldap://127.0.0.1:389";
    plain.startTls = true;
    EXPECT_NO_THROW(LdapDirectory{plain});
}

TEST(LdapSettings, SettingsThatCannotWorkAreRefusedAtStart) {
    auto scheme = workable();
    scheme.url = "https://directory.hospital.test";
    EXPECT_THROW(LdapDirectory{scheme}, std::invalid_argument);
    auto socket = workable();
    socket.url = "ldapi:///run/slapd/ldapi";
    EXPECT_THROW(LdapDirectory{socket}, std::invalid_argument);
    auto twice = workable();
    twice.startTls = true;
    EXPECT_THROW(LdapDirectory{twice}, std::invalid_argument);
    auto filter = workable();
    filter.userFilter = "(mail=alice@hospital.test)";
    EXPECT_THROW(LdapDirectory{filter}, std::invalid_argument);
    auto base = workable();
    base.baseDn.clear();
    EXPECT_THROW(LdapDirectory{base}, std::invalid_argument);
    auto groups = workable();
    groups.roleGroups.clear();
    EXPECT_THROW(LdapDirectory{groups}, std::invalid_argument);
    auto caFile = workable();
    caFile.caFile = "/nonexistent/ca.pem";
    EXPECT_THROW(LdapDirectory{caFile}, std::invalid_argument);
    auto timeout = workable();
    timeout.timeout = std::chrono::milliseconds(0);
    EXPECT_THROW(LdapDirectory{timeout}, std::invalid_argument);
}
