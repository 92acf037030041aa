#pragma once

#include <sys/types.h>

#include <string>

namespace caseboard::ldaptest {

// A throw-away OpenLDAP server on 127.0.0.1 for tests: slapd.sh prepares its configuration,
// data and certificates in a fresh temp dir, then slapd runs in the foreground as a child of
// this process. It is killed when the thread that started it ends (start it from the test's
// main thread, as SetUpTestSuite does), so even a crashed test leaves no server behind.
// Destruction stops it and removes the directory.
//
// The tree (base dc=hospital,dc=test): people uid=<name>,ou=people with mail <name>@hospital.test
// — alice (admins, editors), eddie (editors), vera (viewers), nora (no group), dora (editors,
// disabled the Active Directory way: userAccountControl 514), leaver (editors), mover (editors,
// viewers), twin1 and twin2 (one address: twin@hospital.test); pat@hospital.test is
// "cn=Pat (Nights)\, Smith,ou=people" (editors). Groups cn=caseboard-<name>,ou=groups
// (groupOfNames). Anonymous may only bind; the service account reads everything but passwords.
class SlapdServer {
  public:
    // Prepares and starts (bounded wait); throws std::runtime_error with slapd's log.
    SlapdServer();
    ~SlapdServer();
    SlapdServer(const SlapdServer&) = delete;
    SlapdServer& operator=(const SlapdServer&) = delete;

    // Stops the server (SIGTERM, then SIGKILL); the ports then refuse connections.
    void stop();
    // Starts it again on the same ports with the same data.
    void start();

    std::string url() const;          // ldap://127.0.0.1:<port> (plain and StartTLS)
    std::string ldapsUrl() const;     // ldaps://127.0.0.1:<port>
    std::string caFile() const;       // PEM of the CA that signed the server's certificate
    std::string wrongCaFile() const;  // PEM of a CA that did not

    static std::string baseDn();
    static std::string serviceDn();
    std::string servicePassword() const;
    std::string servicePasswordFile() const;  // the password alone, no newline
    static std::string userDn(const std::string& uid);
    static std::string groupDn(const std::string& name);  // "admins" → cn=caseboard-admins,…
    // The password of a person by uid ("alice", …, "pat").
    std::string password(const std::string& uid) const;

    // Changes made as the directory's manager, visible to the next request.
    void deleteEntry(const std::string& dn);
    void removeFromGroup(const std::string& dn, const std::string& groupName);

  private:
    void waitUntilAnswering();

    std::string dir_;
    unsigned short port_ = 0;
    unsigned short tlsPort_ = 0;
    pid_t pid_ = -1;
};

}  // namespace caseboard::ldaptest
