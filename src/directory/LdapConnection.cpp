#include "directory/LdapConnection.hpp"

#include <string_view>

#include "directory/DirectoryUnavailable.hpp"

namespace caseboard::directory {

namespace {

struct FreeMessage {
    void operator()(LDAPMessage* message) const { ldap_msgfree(message); }
};
struct FreeValues {
    void operator()(berval** values) const { ldap_value_free_len(values); }
};
struct FreeString {
    void operator()(char* text) const { ldap_memfree(text); }
};

using MessagePtr = std::unique_ptr<LDAPMessage, FreeMessage>;
using ValuesPtr = std::unique_ptr<berval*, FreeValues>;
using StringPtr = std::unique_ptr<char, FreeString>;

bool usesTls(const LdapSettings& settings) {
    return settings.startTls || std::string_view(settings.url).starts_with("ldaps://");
}

}  // namespace

LdapConnection::LdapConnection(const LdapSettings& settings, Deadline deadline)
    : deadline_(deadline), deadlineLayer_(std::make_unique<DeadlineLayer>(deadline)) {
    LDAP* ld = nullptr;
    const int code = ldap_initialize(&ld, settings.url.c_str());
    ld_.reset(ld);
    if (code != LDAP_SUCCESS || !ld_)
        throw DirectoryUnavailable(std::string("initialise: ") + ldap_err2string(code));
    if (!deadlineLayer_->attachTo(ld_.get()))
        throw DirectoryUnavailable("initialise: the connection callback was refused");
    const int version = LDAP_VERSION3;
    setOption(LDAP_OPT_PROTOCOL_VERSION, &version, "protocol version");
    // A referral would send the password to a server nobody configured.
    setOption(LDAP_OPT_REFERRALS, LDAP_OPT_OFF, "referrals");
    if (usesTls(settings)) configureTls(settings);
}

void LdapConnection::startTls() {
    armTimeouts();
    const int code = ldap_start_tls_s(ld_.get(), nullptr, nullptr);
    if (code != LDAP_SUCCESS) fail("StartTLS", code);
}

void LdapConnection::configureTls(const LdapSettings& settings) {
    const int demand = LDAP_OPT_X_TLS_DEMAND;
    setOption(LDAP_OPT_X_TLS_REQUIRE_CERT, &demand, "TLS certificate check");
    const int minimum = LDAP_OPT_X_TLS_PROTOCOL_TLS1_2;
    setOption(LDAP_OPT_X_TLS_PROTOCOL_MIN, &minimum, "TLS minimum version");
    if (!settings.caFile.empty())
        setOption(LDAP_OPT_X_TLS_CACERTFILE, settings.caFile.c_str(), "TLS CA file");
    // The options above only apply to a TLS context made after them, private to this handle.
    const int client = 0;
    setOption(LDAP_OPT_X_TLS_NEWCTX, &client, "TLS context");
}

bool LdapConnection::bind(const std::string& dn, const std::string& password) {
    armTimeouts();
    berval credentials{password.size(), const_cast<char*>(password.data())};
    const int code = ldap_sasl_bind_s(ld_.get(), dn.c_str(), LDAP_SASL_SIMPLE, &credentials,
                                      nullptr, nullptr, nullptr);
    if (code == LDAP_SUCCESS) return true;
    if (code == LDAP_INVALID_CREDENTIALS) return false;
    fail("bind", code);
}

SearchResult LdapConnection::search(const std::string& base, int scope, const std::string& filter,
                                    const std::vector<std::string>& attributes, int sizeLimit) {
    std::vector<char*> names;
    for (const auto& name : attributes) names.push_back(const_cast<char*>(name.c_str()));
    names.push_back(nullptr);
    timeval timeout = armTimeouts();
    LDAPMessage* raw = nullptr;
    const int code = ldap_search_ext_s(ld_.get(), base.c_str(), scope, filter.c_str(), names.data(),
                                       0, nullptr, nullptr, &timeout, sizeLimit, &raw);
    const MessagePtr message(raw);
    switch (code) {
        case LDAP_SUCCESS:
            return {SearchStatus::Complete, readEntries(message.get(), attributes)};
        case LDAP_SIZELIMIT_EXCEEDED:
            return {SearchStatus::SizeLimitExceeded, readEntries(message.get(), attributes)};
        case LDAP_NO_SUCH_OBJECT:
            return {SearchStatus::NoSuchBase, {}};
        default:
            fail("search", code);
    }
}

std::vector<LdapEntry> LdapConnection::readEntries(LDAPMessage* message,
                                                   const std::vector<std::string>& attributes) {
    std::vector<LdapEntry> entries;
    for (LDAPMessage* item = ldap_first_entry(ld_.get(), message); item != nullptr;
         item = ldap_next_entry(ld_.get(), item)) {
        const StringPtr dn(ldap_get_dn(ld_.get(), item));
        if (!dn) throw DirectoryUnavailable("search: an entry without a readable DN");
        LdapEntry entry{dn.get(), {}};
        for (const auto& name : attributes) {
            const ValuesPtr values(ldap_get_values_len(ld_.get(), item, name.c_str()));
            if (!values) continue;
            auto& copies = entry.attributes[name];
            for (berval** value = values.get(); *value != nullptr; ++value)
                copies.emplace_back((*value)->bv_val, (*value)->bv_len);
        }
        entries.push_back(std::move(entry));
    }
    return entries;
}

void LdapConnection::setOption(int option, const void* value, const char* what) {
    // Options fail with -1 and no reason of their own; libldap may leave one (TLS) behind.
    if (ldap_set_option(ld_.get(), option, value) != LDAP_OPT_SUCCESS) fail(what, LDAP_LOCAL_ERROR);
}

// Arms libldap's connect and result waits with what is left until the deadline, and returns it
// for the calls that take it as an argument.
timeval LdapConnection::armTimeouts() {
    using namespace std::chrono;
    const auto left = duration_cast<microseconds>(deadline_ - steady_clock::now());
    if (left < milliseconds(1)) throw DirectoryUnavailable("timed out");
    timeval remaining{static_cast<time_t>(left.count() / 1'000'000),
                      static_cast<suseconds_t>(left.count() % 1'000'000)};
    setOption(LDAP_OPT_NETWORK_TIMEOUT, &remaining, "network timeout");
    setOption(LDAP_OPT_TIMEOUT, &remaining, "timeout");
    return remaining;
}

void LdapConnection::fail(const char* step, int code) {
    std::string reason = std::string(step) + ": " + ldap_err2string(code);
    char* diagnostic = nullptr;
    ldap_get_option(ld_.get(), LDAP_OPT_DIAGNOSTIC_MESSAGE, &diagnostic);
    const StringPtr owned(diagnostic);
    if (owned && *owned) reason += std::string("; ") + owned.get();
    throw DirectoryUnavailable(reason);
}

}  // namespace caseboard::directory
