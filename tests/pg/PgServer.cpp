#include "PgServer.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "harness/ServerProcess.hpp"

namespace caseboard::pgtest {

PgServer::PgServer(std::string databaseUrl, std::string secretFile,
                   std::vector<std::string> extraArgs)
    : databaseUrl_(std::move(databaseUrl)),
      secretFile_(std::move(secretFile)),
      extraArgs_(std::move(extraArgs)),
      dir_(it::makeTempDir("caseboard-pg")) {}

PgServer::~PgServer() {
    if (pid_ > 0) {
        ::kill(pid_, SIGKILL);
        int status = 0;
        ::waitpid(pid_, &status, 0);
    }
    it::removeTree(dir_);
}

std::string PgServer::log() const {
    std::ifstream in(dir_ + "/server.log", std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

void PgServer::start(std::chrono::milliseconds timeout) {
    const std::string binary = it::serverBinary();
    std::vector<std::string> args{
        binary, "serve",      "--host",     "127.0.0.1",         "--port",
        "0",    "--database", databaseUrl_, "--jwt-secret-file", secretFile_};
    args.insert(args.end(), extraArgs_.begin(), extraArgs_.end());
    const auto env = it::childEnvironment({});
    const std::size_t offset = log().size();
    const std::string logPath = dir_ + "/server.log";
    const int logFd = ::open(logPath.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (logFd < 0) throw std::runtime_error("cannot open the server log");
    std::vector<char*> argv;
    for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    std::vector<char*> envp;
    for (const auto& item : env) envp.push_back(const_cast<char*>(item.c_str()));
    envp.push_back(nullptr);
    const pid_t child = ::fork();
    if (child < 0) throw std::runtime_error("fork failed");
    if (child == 0) {
        ::dup2(logFd, STDOUT_FILENO);
        ::dup2(logFd, STDERR_FILENO);
        ::close_range(3, ~0U, 0);
        if (::chdir(dir_.c_str()) != 0) ::_exit(126);
        ::execve(binary.c_str(), argv.data(), envp.data());
        ::_exit(127);
    }
    ::close(logFd);
    pid_ = child;
    const std::regex listening(R"(listening on http://127\.0\.0\.1:([0-9]+))");
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        const std::string text = log().substr(offset);
        std::smatch match;
        if (std::regex_search(text, match, listening)) {
            port_ = static_cast<unsigned short>(std::stoi(match[1].str()));
            return;
        }
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            throw std::runtime_error("server exited before listening; log:\n" + text);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    throw std::runtime_error("server did not start; log:\n" + log().substr(offset));
}

int PgServer::stop() {
    if (pid_ <= 0) return -1000;
    ::kill(pid_, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    int status = 0;
    while (std::chrono::steady_clock::now() < deadline) {
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            return it::decodeWaitStatus(status);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return -SIGKILL;
}

bool PgServer::waitForLog(const std::string& needle, std::chrono::milliseconds timeout) const {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (log().find(needle) == std::string::npos) {
        if (std::chrono::steady_clock::now() >= deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
}

}  // namespace caseboard::pgtest
