#include "tool/ProcStatus.hpp"

#include <cstdlib>
#include <fstream>
#include <string>

namespace bench {

long procStatusKb(int pid, const char* field) {
    if (pid <= 0) return -1;
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string prefix = std::string(field) + ":";
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind(prefix, 0) == 0)
            return std::strtol(line.c_str() + prefix.size(), nullptr, 10);
    }
    return -1;
}

}  // namespace bench
