#include "harness/ServerProcess.hpp"

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace caseboard::it {

namespace {

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

void closeInheritedDescriptors() {
    if (::close_range(3, ~0U, 0) == 0) {
        return;
    }
    const long max = ::sysconf(_SC_OPEN_MAX);
    for (int fd = 3; fd < (max > 0 ? max : 1024) && fd < 65536; ++fd) {
        ::close(fd);
    }
}

}  // namespace

std::string serverBinary() {
    if (const char* env = std::getenv("CASEBOARD_BINARY"); env != nullptr && *env != '\0') {
        // Absolute, because the child runs in its own directory.
        return std::filesystem::absolute(env).string();
    }
#ifdef CASEBOARD_BINARY
    return CASEBOARD_BINARY;
#else
    throw std::runtime_error("set CASEBOARD_BINARY to the caseboard server binary");
#endif
}

int decodeWaitStatus(int status) {
    if (WIFEXITED(status)) {
        return WEXITSTATUS(status);
    }
    if (WIFSIGNALED(status)) {
        return -WTERMSIG(status);
    }
    return -999;
}

std::string makeTempDir(const std::string& prefix) {
    const char* base = std::getenv("TMPDIR");
    std::string pattern =
        std::string(base != nullptr && *base != '\0' ? base : "/tmp") + "/" + prefix + "-XXXXXX";
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    if (::mkdtemp(buffer.data()) == nullptr) {
        throw std::runtime_error("mkdtemp failed: " + std::string(std::strerror(errno)));
    }
    return buffer.data();
}

void removeTree(const std::string& path) {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
}

std::vector<std::string> childEnvironment(const std::map<std::string, std::string>& extra) {
    std::vector<std::string> result;
    for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
        std::string item(*entry);
        if (item.rfind("CASEBOARD_", 0) == 0) {
            continue;
        }
        result.push_back(std::move(item));
    }
    for (const auto& [key, value] : extra) {
        result.push_back(key + "=" + value);
    }
    return result;
}

ServerProcess::ServerProcess(ServerOptions options)
    : options_(std::move(options)), dir_(makeTempDir("caseboard-it")) {}

std::vector<std::string> ServerProcess::databaseArgs() {
    const char* postgres = std::getenv("CASEBOARD_TEST_DATABASE_URL");
    if (options_.alwaysSqlite || postgres == nullptr || *postgres == '\0') {
        return {"--database", databasePath()};
    }
    if (pgUrl_.empty()) {
        // One database per server, created once so that a restart finds its data again.
        if (FILE* pipe = ::popen(CASEBOARD_PG_FRESH_DB " 2>/dev/null", "r")) {
            char line[512] = {0};
            if (std::fgets(line, sizeof line, pipe)) pgUrl_ = line;
            ::pclose(pipe);
        }
        while (!pgUrl_.empty() && pgUrl_.back() == '\n') pgUrl_.pop_back();
    }
    // The signing key stays in the test's directory, as it does beside a SQLite file.
    return {"--database", pgUrl_, "--jwt-secret-file", databasePath() + ".jwt-secret"};
}

ServerProcess::~ServerProcess() {
    if (pid_ > 0) {
        kill9();
    }
    if (!pgUrl_.empty()) {
        std::string drop = std::string(CASEBOARD_PG_FRESH_DB) + " --drop '" + pgUrl_ + "'";
        [[maybe_unused]] int status = std::system(drop.c_str());
    }
    if (std::getenv("CASEBOARD_KEEP_TEST_DIRS") == nullptr) {
        removeTree(dir_);
    }
}

std::string ServerProcess::origin() const {
    return "http://127.0.0.1:" + std::to_string(port_);
}

std::string ServerProcess::log() const {
    return readFile(logPath());
}

void ServerProcess::start(std::chrono::milliseconds timeout) {
    if (pid_ > 0) {
        throw std::runtime_error("server already running");
    }
    const std::string binary = serverBinary();
    std::vector<std::string> args{binary, "serve", "--host", "127.0.0.1", "--port", "0"};
    for (auto& arg : databaseArgs()) args.push_back(std::move(arg));
    args.insert(args.end(), options_.extraArgs.begin(), options_.extraArgs.end());
    const std::vector<std::string> env = childEnvironment(options_.env);

    const std::size_t logOffset = log().size();
    const int logFd = ::open(logPath().c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (logFd < 0) {
        throw std::runtime_error("cannot open server log: " + std::string(std::strerror(errno)));
    }

    std::vector<char*> argv;
    for (const auto& arg : args) {
        argv.push_back(const_cast<char*>(arg.c_str()));
    }
    argv.push_back(nullptr);
    std::vector<char*> envp;
    for (const auto& item : env) {
        envp.push_back(const_cast<char*>(item.c_str()));
    }
    envp.push_back(nullptr);

    const pid_t parent = ::getpid();
    const pid_t child = ::fork();
    if (child < 0) {
        ::close(logFd);
        throw std::runtime_error("fork failed");
    }
    if (child == 0) {
        // Never outlive the test process, even if it crashes.
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) {
            ::_exit(125);
        }
        ::dup2(logFd, STDOUT_FILENO);
        ::dup2(logFd, STDERR_FILENO);
        const int devNull = ::open("/dev/null", O_RDONLY);
        if (devNull >= 0) {
            ::dup2(devNull, STDIN_FILENO);
        }
        closeInheritedDescriptors();
        if (options_.openFileLimit > 0) {
            const rlimit limit{options_.openFileLimit, options_.openFileLimit};
            if (::setrlimit(RLIMIT_NOFILE, &limit) != 0) ::_exit(124);
        }
        if (::chdir(dir_.c_str()) != 0) {
            ::_exit(126);
        }
        ::execve(binary.c_str(), argv.data(), envp.data());
        ::_exit(127);
    }
    ::close(logFd);
    pid_ = child;
    port_ = 0;

    const std::regex listening(R"(listening on http://127\.0\.0\.1:([0-9]+))");
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        const std::string text = log();
        const std::string current =
            text.size() > logOffset ? text.substr(logOffset) : std::string();
        std::smatch match;
        if (std::regex_search(current, match, listening)) {
            port_ = static_cast<unsigned short>(std::stoi(match[1].str()));
            return;
        }
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            throw std::runtime_error("server exited (" + std::to_string(decodeWaitStatus(status)) +
                                     ") before listening; log:\n" + current);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    const std::string current = log().substr(std::min(logOffset, log().size()));
    kill9();
    throw std::runtime_error("server did not log 'listening on' within the timeout; log:\n" +
                             current);
}

void ServerProcess::signal(int sig) const {
    if (pid_ > 0) {
        ::kill(pid_, sig);
    }
}

int ServerProcess::waitExit(std::chrono::milliseconds timeout) {
    if (pid_ <= 0) {
        return -1000;
    }
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        int status = 0;
        const pid_t reaped = ::waitpid(pid_, &status, WNOHANG);
        if (reaped == pid_) {
            pid_ = -1;
            return decodeWaitStatus(status);
        }
        if (reaped < 0 && errno != EINTR) {
            pid_ = -1;
            return -1000;
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            return -2000;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

int ServerProcess::stop(std::chrono::milliseconds grace) {
    if (pid_ <= 0) {
        return -1000;
    }
    ::kill(pid_, SIGTERM);
    const int code = waitExit(grace);
    if (code != -2000) {
        return code;
    }
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return -SIGKILL;
}

void ServerProcess::kill9() {
    if (pid_ <= 0) {
        return;
    }
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
}

int ServerProcess::restart() {
    const int code = stop();
    start();
    return code;
}

bool ServerProcess::waitForLog(const std::string& needle, std::chrono::milliseconds timeout) const {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        if (log().find(needle) != std::string::npos) {
            return true;
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

}  // namespace caseboard::it
