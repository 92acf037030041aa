#include "harness/ProcessRunner.hpp"

#include "harness/ServerProcess.hpp"

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <csignal>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace caseboard::it {

namespace {

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

}  // namespace

ProcessResult ProcessRunner::run(const std::vector<std::string>& args,
                                 const std::map<std::string, std::string>& env,
                                 std::chrono::milliseconds timeout) {
    const std::string dir = makeTempDir("caseboard-it-run");
    const std::string binary = serverBinary();
    const std::string outPath = dir + "/stdout.txt";
    const std::string errPath = dir + "/stderr.txt";

    std::vector<std::string> all{binary};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (const auto& arg : all) {
        argv.push_back(const_cast<char*>(arg.c_str()));
    }
    argv.push_back(nullptr);
    const std::vector<std::string> environment = childEnvironment(env);
    std::vector<char*> envp;
    for (const auto& item : environment) {
        envp.push_back(const_cast<char*>(item.c_str()));
    }
    envp.push_back(nullptr);

    const int outFd = ::open(outPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    const int errFd = ::open(errPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (outFd < 0 || errFd < 0) {
        removeTree(dir);
        throw std::runtime_error("cannot create capture files");
    }
    const pid_t parent = ::getpid();
    const pid_t child = ::fork();
    if (child == 0) {
        // Never outlive the test process, even if it crashes.
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) {
            ::_exit(125);
        }
        ::dup2(outFd, STDOUT_FILENO);
        ::dup2(errFd, STDERR_FILENO);
        const int devNull = ::open("/dev/null", O_RDONLY);
        if (devNull >= 0) {
            ::dup2(devNull, STDIN_FILENO);
        }
        ::close_range(3, ~0U, 0);
        if (::chdir(dir.c_str()) != 0) {
            ::_exit(126);
        }
        ::execve(binary.c_str(), argv.data(), envp.data());
        ::_exit(127);
    }
    ::close(outFd);
    ::close(errFd);
    if (child < 0) {
        removeTree(dir);
        throw std::runtime_error("fork failed");
    }

    ProcessResult result;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        int status = 0;
        if (::waitpid(child, &status, WNOHANG) == child) {
            result.exitCode = decodeWaitStatus(status);
            break;
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            ::kill(child, SIGKILL);
            ::waitpid(child, &status, 0);
            result.exitCode = -2000;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    result.out = slurp(outPath);
    result.err = slurp(errPath);
    removeTree(dir);
    return result;
}

}  // namespace caseboard::it
