#include "harness/ProcessMemory.hpp"

#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>

namespace caseboard::it {

long residentKib(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.starts_with("VmRSS:")) return std::strtol(line.c_str() + 6, nullptr, 10);
    }
    return -1;
}

long settledResidentKib(pid_t pid, std::chrono::milliseconds interval,
                        std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    long previous = residentKib(pid);
    for (;;) {
        std::this_thread::sleep_for(interval);
        long now = residentKib(pid);
        if (std::labs(now - previous) < 1024 || std::chrono::steady_clock::now() > deadline) {
            return now;
        }
        previous = now;
    }
}

}  // namespace caseboard::it
