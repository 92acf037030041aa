#pragma once

#include <ldap.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "directory/DeadlineLayer.hpp"
#include "directory/LdapSettings.hpp"
#include "directory/SearchResult.hpp"

namespace caseboard::directory {

// One connection to the directory, used by one thread and closed on destruction. Every step
// (connecting, TLS, each request) must end before `deadline`. Every failure throws
// DirectoryUnavailable.
class LdapConnection {
  public:
    using Deadline = std::chrono::steady_clock::time_point;

    // Applies the settings' protocol and TLS options. Nothing is sent yet: libldap connects on
    // the first request.
    LdapConnection(const LdapSettings& settings, Deadline deadline);

    // Connects and upgrades the connection to TLS (StartTLS), checking the server's certificate.
    void startTls();

    // A simple bind. false: the server says the DN or password is wrong.
    bool bind(const std::string& dn, const std::string& password);

    // At most `sizeLimit` entries, each with the `attributes` asked for ("1.1": none).
    SearchResult search(const std::string& base, int scope, const std::string& filter,
                        const std::vector<std::string>& attributes, int sizeLimit);

  private:
    struct Unbind {
        void operator()(LDAP* ld) const { ldap_unbind_ext_s(ld, nullptr, nullptr); }
    };

    void setOption(int option, const void* value, const char* what);
    void configureTls(const LdapSettings& settings);
    timeval armTimeouts();
    [[noreturn]] void fail(const char* step, int code);
    std::vector<LdapEntry> readEntries(LDAPMessage* message,
                                       const std::vector<std::string>& attributes);

    Deadline deadline_;
    // Declared before ld_: the handle, which points to it, is closed first.
    std::unique_ptr<DeadlineLayer> deadlineLayer_;
    std::unique_ptr<LDAP, Unbind> ld_;
};

}  // namespace caseboard::directory
