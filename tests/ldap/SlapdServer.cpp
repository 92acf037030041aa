#include "SlapdServer.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <ldap.h>
#include <netinet/in.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <tuple>
#include <vector>

namespace caseboard::ldaptest {

namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

struct Unbind {
    void operator()(LDAP* ld) const { ldap_unbind_ext_s(ld, nullptr, nullptr); }
};
using LdapPtr = std::unique_ptr<LDAP, Unbind>;

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string makeTempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "caseboard-slapd-XXXXXX");
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    return pattern;
}

// Two ports nothing listens on right now (the kernel's picks); slapd binds them a moment later.
std::pair<unsigned short, unsigned short> freePorts() {
    unsigned short ports[2] = {0, 0};
    int sockets[2] = {-1, -1};
    for (int i = 0; i < 2; ++i) {
        sockets[i] = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        if (sockets[i] >= 0 &&
            ::bind(sockets[i], reinterpret_cast<sockaddr*>(&address), length) == 0 &&
            ::getsockname(sockets[i], reinterpret_cast<sockaddr*>(&address), &length) == 0)
            ports[i] = ntohs(address.sin_port);
    }
    for (const int fd : sockets)
        if (fd >= 0) ::close(fd);
    if (ports[0] == 0 || ports[1] == 0) throw std::runtime_error("no free port on 127.0.0.1");
    return {ports[0], ports[1]};
}

// Runs argv[0] with its output appended to `logPath`; with dieWithParent, the child is killed
// when the thread that started it ends, so a crashed test leaves no server behind.
pid_t spawn(const std::vector<std::string>& args, const std::string& logPath, bool dieWithParent) {
    std::vector<char*> argv;
    for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    const int log = ::open(logPath.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (log < 0) throw std::runtime_error("cannot open " + logPath);
    const pid_t parent = ::getpid();
    const pid_t child = ::fork();
    if (child == 0) {
        if (dieWithParent && (::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || ::getppid() != parent))
            ::_exit(125);
        ::dup2(log, STDOUT_FILENO);
        ::dup2(log, STDERR_FILENO);
        ::close_range(3, ~0U, 0);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    ::close(log);
    if (child < 0) throw std::runtime_error("fork failed");
    return child;
}

// The child's exit code; -1 if a signal ended it or it still ran after `timeout` (then it is
// killed).
int waitFor(pid_t pid, std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    int status = 0;
    while (::waitpid(pid, &status, WNOHANG) == 0) {
        if (Clock::now() >= deadline) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            return -1;
        }
        std::this_thread::sleep_for(10ms);
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

LdapPtr bindAs(const std::string& url, const std::string& dn, const std::string& password) {
    LDAP* raw = nullptr;
    if (ldap_initialize(&raw, url.c_str()) != LDAP_SUCCESS) return nullptr;
    LdapPtr ld(raw);
    const int version = LDAP_VERSION3;
    const timeval timeout{2, 0};
    ldap_set_option(ld.get(), LDAP_OPT_PROTOCOL_VERSION, &version);
    ldap_set_option(ld.get(), LDAP_OPT_NETWORK_TIMEOUT, &timeout);
    ldap_set_option(ld.get(), LDAP_OPT_TIMEOUT, &timeout);
    berval credentials{password.size(), const_cast<char*>(password.data())};
    const int code = ldap_sasl_bind_s(ld.get(), dn.c_str(), LDAP_SASL_SIMPLE, &credentials, nullptr,
                                      nullptr, nullptr);
    if (code != LDAP_SUCCESS) return nullptr;
    return ld;
}

}  // namespace

SlapdServer::SlapdServer() : dir_(makeTempDir()) {
    try {
        const std::string log = dir_ + "/prepare.log";
        const pid_t script =
            spawn({"/bin/bash", CASEBOARD_SLAPD_SCRIPT, "prepare", dir_}, log, false);
        if (waitFor(script, 60s) != 0)
            throw std::runtime_error("slapd.sh prepare failed:\n" + readFile(log));
        // Another process may take a port between the pick and slapd's bind: pick again.
        for (int attempt = 1;; ++attempt) {
            std::tie(port_, tlsPort_) = freePorts();
            try {
                start();
                return;
            } catch (const std::runtime_error&) {
                if (attempt == 3) throw;
            }
        }
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove_all(dir_, ignored);
        throw;
    }
}

SlapdServer::~SlapdServer() {
    stop();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
}

void SlapdServer::start() {
    if (pid_ > 0) return;
    const std::string urls = url() + "/ " + ldapsUrl() + "/";
    pid_ = spawn({"/usr/sbin/slapd", "-d", "0", "-h", urls, "-f", dir_ + "/slapd.conf"},
                 dir_ + "/slapd.log", true);
    waitUntilAnswering();
}

void SlapdServer::waitUntilAnswering() {
    const auto deadline = Clock::now() + 15s;
    while (Clock::now() < deadline) {
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            throw std::runtime_error("slapd exited:\n" + readFile(dir_ + "/slapd.log"));
        }
        if (bindAs(url(), serviceDn(), servicePassword())) return;
        std::this_thread::sleep_for(50ms);
    }
    stop();
    throw std::runtime_error("slapd does not answer:\n" + readFile(dir_ + "/slapd.log"));
}

void SlapdServer::stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    waitFor(pid_, 5s);
    pid_ = -1;
}

std::string SlapdServer::url() const {
    return "ldap://127.0.0.1:" + std::to_string(port_);
}
std::string SlapdServer::ldapsUrl() const {
    return "ldaps://127.0.0.1:" + std::to_string(tlsPort_);
}
std::string SlapdServer::caFile() const {
    return dir_ + "/ca.pem";
}
std::string SlapdServer::wrongCaFile() const {
    return dir_ + "/wrong-ca.pem";
}
std::string SlapdServer::baseDn() {
    return "dc=hospital,dc=test";
}
std::string SlapdServer::serviceDn() {
    return "cn=caseboard-service,ou=services," + baseDn();
}
std::string SlapdServer::servicePassword() const {
    return password("service");
}
std::string SlapdServer::servicePasswordFile() const {
    return dir_ + "/service.password";
}
std::string SlapdServer::userDn(const std::string& uid) {
    return "uid=" + uid + ",ou=people," + baseDn();
}
std::string SlapdServer::groupDn(const std::string& name) {
    return "cn=caseboard-" + name + ",ou=groups," + baseDn();
}

std::string SlapdServer::password(const std::string& uid) const {
    std::istringstream lines(readFile(dir_ + "/passwords"));
    const std::string prefix = uid + "=";
    for (std::string line; std::getline(lines, line);)
        if (line.starts_with(prefix)) return line.substr(prefix.size());
    throw std::runtime_error("no password for " + uid);
}

void SlapdServer::deleteEntry(const std::string& dn) {
    const auto ld = bindAs(url(), "cn=manager," + baseDn(), password("manager"));
    if (!ld) throw std::runtime_error("cannot bind as the directory manager");
    const int code = ldap_delete_ext_s(ld.get(), dn.c_str(), nullptr, nullptr);
    if (code != LDAP_SUCCESS)
        throw std::runtime_error("delete: " + std::string(ldap_err2string(code)));
}

void SlapdServer::removeFromGroup(const std::string& dn, const std::string& groupName) {
    const auto ld = bindAs(url(), "cn=manager," + baseDn(), password("manager"));
    if (!ld) throw std::runtime_error("cannot bind as the directory manager");
    char* values[] = {const_cast<char*>(dn.c_str()), nullptr};
    char attribute[] = "member";
    LDAPMod change{};
    change.mod_op = LDAP_MOD_DELETE;
    change.mod_type = attribute;
    change.mod_values = values;
    LDAPMod* changes[] = {&change, nullptr};
    const int code =
        ldap_modify_ext_s(ld.get(), groupDn(groupName).c_str(), changes, nullptr, nullptr);
    if (code != LDAP_SUCCESS)
        throw std::runtime_error("modify: " + std::string(ldap_err2string(code)));
}

}  // namespace caseboard::ldaptest
