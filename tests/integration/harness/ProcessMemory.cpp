#include "harness/ProcessMemory.hpp"

#include <fstream>
#include <string>

namespace caseboard::it {

std::size_t residentBytes(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string field;
    while (status >> field) {
        if (field == "VmRSS:") {
            std::size_t kib = 0;
            status >> kib;
            return kib * 1024;
        }
    }
    return 0;
}

}  // namespace caseboard::it
