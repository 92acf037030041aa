#include "OidcProvider.hpp"

#include "harness/HttpClient.hpp"

#include <fcntl.h>
#include <poll.h>
#include <strings.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <boost/url/parse.hpp>

#include <csignal>
#include <map>
#include <stdexcept>
#include <thread>
#include <vector>

namespace caseboard::it {

namespace {

using Clock = std::chrono::steady_clock;

constexpr int kMaxRedirects = 10;

[[noreturn]] void execProvider(const ProviderOptions& options, int stdinFd, int stdoutFd,
                               pid_t parent) {
    // Never outlive the test process, even if it crashes.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(125);
    ::dup2(stdinFd, STDIN_FILENO);
    ::dup2(stdoutFd, STDOUT_FILENO);
    ::close_range(3, ~0U, 0);
    std::vector<std::string> args{CASEBOARD_NODE,    CASEBOARD_OIDC_PROVIDER_SCRIPT,
                                  "--port",          "0",
                                  "--client-id",     options.clientId,
                                  "--client-secret", options.clientSecret,
                                  "--redirect-uri",  options.redirectUri,
                                  "--alg",           options.signingAlg};
    if (!options.tlsCertificateFile.empty()) {
        args.insert(args.end(),
                    {"--tls-cert", options.tlsCertificateFile, "--tls-key", options.tlsKeyFile});
    }
    if (options.claimsInUserInfoOnly) args.emplace_back("--claims-in-userinfo");
    if (options.redirectAnyPort) args.emplace_back("--redirect-any-port");
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
}

// The first stdout line (the port), or "" if none came by the deadline.
std::string firstLine(int fd, Clock::time_point deadline) {
    std::string line;
    char c = 0;
    while (Clock::now() < deadline) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        pollfd ready{fd, POLLIN, 0};
        if (::poll(&ready, 1, static_cast<int>(left.count()) + 1) <= 0) continue;
        if (::read(fd, &c, 1) != 1) return "";
        if (c == '\n') return line;
        line += c;
    }
    return "";
}

// Cookies by name, from every Set-Cookie seen; paths are ignored (one provider, one browser).
void keepCookies(const HttpResponse& response, std::map<std::string, std::string>& jar) {
    for (const auto& [name, value] : response.headers) {
        if (name.size() != 10 || ::strncasecmp(name.c_str(), "set-cookie", 10) != 0) continue;
        const std::string pair = value.substr(0, value.find(';'));
        const std::size_t equals = pair.find('=');
        if (equals == std::string::npos) continue;
        const std::string cookie = pair.substr(0, equals);
        if (equals + 1 == pair.size()) {
            jar.erase(cookie);
        } else {
            jar[cookie] = pair.substr(equals + 1);
        }
    }
}

Headers cookieHeader(const std::map<std::string, std::string>& jar) {
    std::string cookies;
    for (const auto& [name, value] : jar) {
        cookies += (cookies.empty() ? "" : "; ") + name + "=" + value;
    }
    return cookies.empty() ? Headers{} : Headers{{"Cookie", cookies}};
}

AuthorizationResponse responseParameters(const boost::urls::url_view& redirect) {
    AuthorizationResponse response;
    for (const auto& param : redirect.params()) {
        if (param.key == "code") response.code = param.value;
        if (param.key == "state") response.state = param.value;
        if (param.key == "error") response.error = param.value;
    }
    return response;
}

}  // namespace

OidcProvider::OidcProvider(ProviderOptions options, std::chrono::milliseconds timeout)
    : options_(std::move(options)) {
    int toChild[2];
    int fromChild[2];
    if (::pipe2(toChild, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    if (::pipe2(fromChild, O_CLOEXEC) != 0) {
        ::close(toChild[0]);
        ::close(toChild[1]);
        throw std::runtime_error("pipe failed");
    }
    const pid_t parent = ::getpid();
    pid_ = ::fork();
    if (pid_ == 0) execProvider(options_, toChild[0], fromChild[1], parent);
    ::close(toChild[0]);
    ::close(fromChild[1]);
    stdinFd_ = toChild[1];
    stdoutFd_ = fromChild[0];
    if (pid_ < 0) {
        stop();
        throw std::runtime_error("fork failed");
    }
    const std::string line = firstLine(stdoutFd_, Clock::now() + timeout);
    const int port = line.empty() ? 0 : std::atoi(line.c_str());
    if (port <= 0 || port > 65535) {
        stop();
        throw std::runtime_error("the OpenID provider did not start (is `npm ci` done?)");
    }
    port_ = static_cast<unsigned short>(port);
}

OidcProvider::~OidcProvider() {
    stop();
}

std::string OidcProvider::issuer() const {
    const bool tls = !options_.tlsCertificateFile.empty();
    return (tls ? "https://localhost:" : "http://127.0.0.1:") + std::to_string(port_);
}

void OidcProvider::stop() {
    if (stdinFd_ >= 0) ::close(stdinFd_);
    stdinFd_ = -1;
    if (pid_ > 0) {
        ::kill(pid_, SIGTERM);
        const auto deadline = Clock::now() + std::chrono::seconds(5);
        int status = 0;
        while (::waitpid(pid_, &status, WNOHANG) == 0) {
            if (Clock::now() >= deadline) {
                ::kill(pid_, SIGKILL);
                ::waitpid(pid_, &status, 0);
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    }
    pid_ = -1;
    if (stdoutFd_ >= 0) ::close(stdoutFd_);
    stdoutFd_ = -1;
}

AuthorizationResponse signInAs(const std::string& authorizationUrl, const std::string& account) {
    const auto start = boost::urls::parse_absolute_uri(authorizationUrl);
    if (!start || start->host() != "127.0.0.1" || start->port_number() == 0) {
        throw std::runtime_error("not a URL of the test provider: " + authorizationUrl);
    }
    const std::string provider(start->encoded_host_and_port());
    std::string target = std::string(start->encoded_target());
    std::map<std::string, std::string> jar;
    for (int hop = 0; hop < kMaxRedirects; ++hop) {
        HttpClient client(start->port_number());
        // The provider's login page: sign in as the account instead of showing a form.
        const bool loginPage = target.starts_with("/interaction/");
        const HttpResponse response =
            loginPage ? client.request("POST", target + "/login", "login=" + urlEncode(account),
                                       cookieHeader(jar), "application/x-www-form-urlencoded")
                      : client.request("GET", target, std::nullopt, cookieHeader(jar));
        keepCookies(response, jar);
        const std::string location = response.header("Location");
        if (response.status != 303 && response.status != 302) {
            throw std::runtime_error("the provider answered " + std::to_string(response.status) +
                                     ": " + response.body);
        }
        if (location.starts_with("/")) {
            target = location;
            continue;
        }
        const auto next = boost::urls::parse_absolute_uri(location);
        if (!next) throw std::runtime_error("unreadable redirect: " + location);
        if (next->encoded_host_and_port() != provider) return responseParameters(*next);
        target = std::string(next->encoded_target());
    }
    throw std::runtime_error("the provider redirected too often");
}

}  // namespace caseboard::it
