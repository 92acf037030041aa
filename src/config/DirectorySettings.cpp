#include "config/DirectorySettings.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace caseboard::config {

namespace {

std::string readPassword(const std::string& path) {
    if (path.empty()) return {};
    std::ifstream file(path, std::ios::binary);
    if (!file) throw std::invalid_argument("--ldap-bind-password-file: cannot read " + path);
    std::string password((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    if (!password.empty() && password.back() == '\n') password.pop_back();
    if (!password.empty() && password.back() == '\r') password.pop_back();
    return password;
}

// "editor=cn=ward-staff,ou=groups,dc=x": the role ends at the first '=', the DN has its own.
directory::RoleGroup roleGroup(const std::string& flag) {
    auto equals = flag.find('=');
    auto role = equals == std::string::npos ? std::nullopt
                                            : domain::parseRole(flag.substr(0, equals));
    if (!role || *role == domain::Role::Pending || equals + 1 >= flag.size()) {
        throw std::invalid_argument("--ldap-role-group must be admin=DN, editor=DN or viewer=DN: " +
                                    flag);
    }
    return {*role, flag.substr(equals + 1)};
}

}  // namespace

std::optional<directory::LdapSettings> ldapSettings(const Settings::Ldap& flags) {
    if (flags.url.empty()) return std::nullopt;
    directory::LdapSettings settings;
    settings.url = flags.url;
    settings.startTls = flags.startTls;
    settings.caFile = flags.caFile;
    settings.bindDn = flags.bindDn;
    settings.bindPassword = readPassword(flags.bindPasswordFile);
    settings.baseDn = flags.baseDn;
    settings.userFilter = flags.userFilter;
    for (const auto& flag : flags.roleGroups) settings.roleGroups.push_back(roleGroup(flag));
    // Admin before editor before viewer (the enum's order); the flags' order among equals.
    std::stable_sort(settings.roleGroups.begin(), settings.roleGroups.end(),
                     [](const auto& a, const auto& b) { return a.role < b.role; });
    return settings;
}

}  // namespace caseboard::config
