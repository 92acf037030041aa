#include "config/DirectorySettings.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace caseboard::config {

namespace {

std::string readSecret(const std::string& path, const std::string& flag) {
    if (path.empty()) return {};
    std::ifstream file(path, std::ios::binary);
    if (!file) throw std::invalid_argument(flag + ": cannot read " + path);
    std::string password((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    if (!password.empty() && password.back() == '\n') password.pop_back();
    if (!password.empty() && password.back() == '\r') password.pop_back();
    return password;
}

// "editor=cn=ward-staff,ou=groups,dc=x": the role ends at the first '=', the value (a DN has
// its own) is the rest.
std::pair<domain::Role, std::string> roleAndValue(const std::string& given,
                                                  const std::string& flag) {
    auto equals = given.find('=');
    auto role =
        equals == std::string::npos ? std::nullopt : domain::parseRole(given.substr(0, equals));
    if (!role || *role == domain::Role::Pending || equals + 1 >= given.size()) {
        throw std::invalid_argument(flag + " must be admin=…, editor=… or viewer=…: " + given);
    }
    return {*role, given.substr(equals + 1)};
}

// Admin before editor before viewer (the enum's order); the flags' order among equals.
template <typename Pairs, typename RoleOf>
void highestRoleFirst(Pairs& pairs, RoleOf roleOf) {
    std::stable_sort(pairs.begin(), pairs.end(),
                     [&](const auto& a, const auto& b) { return roleOf(a) < roleOf(b); });
}

}  // namespace

std::optional<directory::LdapSettings> ldapSettings(const Settings::Ldap& flags) {
    if (flags.url.empty()) return std::nullopt;
    directory::LdapSettings settings;
    settings.url = flags.url;
    settings.startTls = flags.startTls;
    settings.caFile = flags.caFile;
    settings.bindDn = flags.bindDn;
    settings.bindPassword = readSecret(flags.bindPasswordFile, "--ldap-bind-password-file");
    settings.baseDn = flags.baseDn;
    settings.userFilter = flags.userFilter;
    for (const auto& given : flags.roleGroups) {
        auto [role, dn] = roleAndValue(given, "--ldap-role-group");
        settings.roleGroups.push_back({role, dn});
    }
    highestRoleFirst(settings.roleGroups, [](const auto& group) { return group.role; });
    return settings;
}

std::optional<oidc::OidcSettings> oidcSettings(const Settings& all) {
    const auto& flags = all.oidc;
    if (flags.issuer.empty()) return std::nullopt;
    if (flags.clientId.empty()) throw std::invalid_argument("--oidc-issuer needs --oidc-client-id");
    if (all.publicUrl.empty()) {
        throw std::invalid_argument("--oidc-issuer needs --public-url (where browsers come back)");
    }
    oidc::OidcSettings settings;
    settings.issuer = flags.issuer;
    settings.clientId = flags.clientId;
    settings.clientSecret = readSecret(flags.clientSecretFile, "--oidc-client-secret-file");
    if (settings.clientSecret.empty()) {
        throw std::invalid_argument("--oidc-issuer needs --oidc-client-secret-file");
    }
    std::string base = all.publicUrl;
    while (!base.empty() && base.back() == '/') base.pop_back();
    settings.redirectUri = base + "/auth/oidc/callback";
    settings.roleClaim = flags.roleClaim;
    for (const auto& given : flags.roleMap) {
        settings.roleMap.push_back(roleAndValue(given, "--oidc-role-map"));
    }
    if (settings.roleMap.empty())
        throw std::invalid_argument("--oidc-issuer needs --oidc-role-map");
    highestRoleFirst(settings.roleMap, [](const auto& pair) { return pair.first; });
    settings.caFile = flags.caFile;
    return settings;
}

}  // namespace caseboard::config
