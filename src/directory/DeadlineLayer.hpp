#pragma once

#include <ldap.h>

#include <chrono>

namespace caseboard::directory {

// Bounds every read and write on the sockets of one LDAP handle by a deadline: a layer under
// TLS that waits (poll) no later than the deadline and then fails with ETIMEDOUT. libldap's own
// timeouts cover connecting and waiting for results, but libldap 2.5 (Debian 12) waits for a TLS
// handshake with no limit (fixed upstream only in 2.7), so an ldaps:// server that accepts the
// connection and says nothing would hold a sign-in forever.
// Must outlive the handle it is attached to, at a fixed address (libldap keeps a pointer).
class DeadlineLayer {
  public:
    explicit DeadlineLayer(std::chrono::steady_clock::time_point deadline);
    DeadlineLayer(const DeadlineLayer&) = delete;
    DeadlineLayer& operator=(const DeadlineLayer&) = delete;

    // Every connection `ld` opens from now on gets the layer.
    bool attachTo(LDAP* ld);

  private:
    static int onConnect(LDAP* ld, Sockbuf* socket, LDAPURLDesc* server, sockaddr* address,
                         ldap_conncb* callbacks);
    static void onClose(LDAP* ld, Sockbuf* socket, ldap_conncb* callbacks);

    std::chrono::steady_clock::time_point deadline_;
    ldap_conncb callbacks_;
};

}  // namespace caseboard::directory
