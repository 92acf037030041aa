#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace caseboard::it {

struct ProcessResult {
    int exitCode =
        -1000;        // exit status, -<signal> if killed, -2000 if it had to be killed on timeout
    std::string out;  // stdout
    std::string err;  // stderr
};

// Runs the server binary with `args` (argv[1..]) to completion in a fresh temp dir, with a bounded
// wait (SIGKILL after `timeout`). stdout and stderr are captured separately.
class ProcessRunner {
  public:
    static ProcessResult run(const std::vector<std::string>& args,
                             const std::map<std::string, std::string>& env = {},
                             std::chrono::milliseconds timeout = std::chrono::seconds(10));
};

}  // namespace caseboard::it
