#include "directory/LdapDirectory.hpp"

#include <spdlog/spdlog.h>

#include <charconv>
#include <fstream>
#include <stdexcept>

#include "directory/DirectoryUnavailable.hpp"
#include "directory/FilterValue.hpp"
#include "directory/LdapConnection.hpp"

namespace caseboard::directory {

namespace {

using Clock = std::chrono::steady_clock;

// Active Directory's userAccountControl flag ACCOUNTDISABLE.
constexpr long long kAccountDisabled = 0x2;
const std::string kAccountControl = "userAccountControl";

void check(bool condition, const std::string& problem) {
    if (!condition) throw std::invalid_argument(problem);
}

// Builds a TLS context as every connection will. libldap 2.5 initialises its TLS library on
// first use without a lock: this does it now, before sign-ins run on several threads, and
// reports an unreadable CA file at start rather than at the first sign-in.
void prepareTls(const LdapSettings& settings) {
    try {
        LdapConnection probe(settings, Clock::now() + settings.timeout);
    } catch (const DirectoryUnavailable& error) {
        throw std::invalid_argument(std::string("LDAP over TLS cannot be set up: ") + error.what());
    }
}

void checkSettings(const LdapSettings& settings) {
    LDAPURLDesc* parsed = nullptr;
    const bool parses = ldap_url_parse(settings.url.c_str(), &parsed) == LDAP_URL_SUCCESS;
    const std::string scheme = parses && parsed->lud_scheme ? parsed->lud_scheme : "";
    ldap_free_urldesc(parsed);
    check(scheme == "ldap" || scheme == "ldaps",
          "the LDAP URL must be ldap://host or ldaps://host");
    check(!(settings.startTls && scheme == "ldaps"),
          "StartTLS upgrades an ldap:// connection; an ldaps:// one already is TLS");
    check(settings.userFilter.find("{email}") != std::string::npos,
          "the LDAP user filter must contain {email}");
    check(!settings.baseDn.empty(), "the LDAP base DN is missing");
    check(!settings.roleGroups.empty(), "no LDAP group is mapped to a role: nobody could sign in");
    check(settings.timeout.count() > 0, "the LDAP timeout must be positive");
    check(settings.caFile.empty() || std::ifstream(settings.caFile).good(),
          "the LDAP CA file cannot be read: " + settings.caFile);
    if (scheme == "ldaps" || settings.startTls)
        prepareTls(settings);
    else
        spdlog::warn("LDAP without TLS: passwords cross the network in clear text");
}

// Anything but a number there is an answer this code does not understand.
bool isDisabled(const LdapEntry& entry) {
    const auto found = entry.attributes.find(kAccountControl);
    if (found == entry.attributes.end() || found->second.empty()) return false;
    const std::string& text = found->second.front();
    long long flags = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), flags);
    if (error != std::errc() || end != text.data() + text.size())
        throw DirectoryUnavailable("an unreadable userAccountControl");
    return (flags & kAccountDisabled) != 0;
}

}  // namespace

LdapDirectory::LdapDirectory(LdapSettings settings) : settings_(std::move(settings)) {
    checkSettings(settings_);
}

SignInResult LdapDirectory::authenticate(const std::string& email,
                                         const std::string& password) const {
    // A simple bind with an empty password is an unauthenticated bind, which many servers
    // accept for any DN: it must never get near the server.
    if (email.empty() || password.empty()) return {SignInOutcome::WrongCredentials, std::nullopt};
    try {
        const auto deadline = Clock::now() + settings_.timeout;
        LdapConnection service = connectAsService(deadline);
        const auto dn = findAccount(service, email);
        if (!dn || !passwordMatches(*dn, password, deadline))
            return {SignInOutcome::WrongCredentials, std::nullopt};
        const auto role = roleOf(service, *dn);
        if (!role) return {SignInOutcome::NoMappedGroup, std::nullopt};
        return {SignInOutcome::SignedIn, DirectoryPerson{*dn, email, role}};
    } catch (const DirectoryUnavailable& error) {
        spdlog::warn("directory sign-in: directory unavailable: {}", error.what());
        return {SignInOutcome::Unavailable, std::nullopt};
    }
}

LookupResult LdapDirectory::lookup(const std::string& email) const {
    if (email.empty()) return {LookupOutcome::Gone, std::nullopt};
    try {
        LdapConnection service = connectAsService(Clock::now() + settings_.timeout);
        const auto dn = findAccount(service, email);
        if (!dn) return {LookupOutcome::Gone, std::nullopt};
        return {LookupOutcome::Found, DirectoryPerson{*dn, email, roleOf(service, *dn)}};
    } catch (const DirectoryUnavailable& error) {
        spdlog::warn("directory lookup: directory unavailable: {}", error.what());
        return {LookupOutcome::Unavailable, std::nullopt};
    }
}

LdapConnection LdapDirectory::open(Clock::time_point deadline) const {
    LdapConnection connection(settings_, deadline);
    if (settings_.startTls) connection.startTls();
    return connection;
}

LdapConnection LdapDirectory::connectAsService(Clock::time_point deadline) const {
    LdapConnection service = open(deadline);
    // Refused service credentials are a configuration problem, not the user's.
    if (!service.bind(settings_.bindDn, settings_.bindPassword))
        throw DirectoryUnavailable("the service account's credentials were refused");
    return service;
}

// The DN of the one enabled account the filter finds. None, several (the same answer, so that
// nobody learns which addresses exist) or a disabled one: nullopt.
std::optional<std::string> LdapDirectory::findAccount(LdapConnection& service,
                                                      const std::string& email) const {
    const auto result =
        service.search(settings_.baseDn, LDAP_SCOPE_SUBTREE,
                       userFilter(settings_.userFilter, email), {kAccountControl}, 2);
    if (result.status == SearchStatus::NoSuchBase)
        throw DirectoryUnavailable("the base DN does not exist");
    if (result.status != SearchStatus::Complete || result.entries.size() != 1) return std::nullopt;
    if (isDisabled(result.entries.front())) return std::nullopt;
    return result.entries.front().dn;
}

bool LdapDirectory::passwordMatches(const std::string& dn, const std::string& password,
                                    Clock::time_point deadline) const {
    return open(deadline).bind(dn, password);
}

std::optional<domain::Role> LdapDirectory::roleOf(LdapConnection& service,
                                                  const std::string& dn) const {
    for (const auto& group : settings_.roleGroups)
        if (isMember(service, group.groupDn, dn)) return group.role;
    return std::nullopt;
}

// groupOfNames (member), groupOfUniqueNames (uniqueMember) and Active Directory groups (member)
// alike; the group entry comes back only when the DN is one of its members.
bool LdapDirectory::isMember(LdapConnection& service, const std::string& groupDn,
                             const std::string& dn) const {
    const std::string value = escapeFilterValue(dn);
    const auto result =
        service.search(groupDn, LDAP_SCOPE_BASE,
                       "(|(member=" + value + ")(uniqueMember=" + value + "))", {"1.1"}, 1);
    if (result.status == SearchStatus::NoSuchBase) {
        spdlog::warn("directory: the role group {} does not exist", groupDn);
        return false;
    }
    return !result.entries.empty();
}

}  // namespace caseboard::directory
