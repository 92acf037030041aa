// Load tool of the Caseboard benchmark harness (bench/run.sh drives it).
//
//   wsfanout fanout --port P --token T [--token-in query|header] [--clients 1000] [--rate 20]
//   [--duration 10]
//                   [--connect-timeout 60] [--settle 1] [--drain-timeout 60] [--drain-idle 5]
//                   [--max-connecting 200] [--writers 64] [--server-pid PID] [--tag X]
//   wsfanout floor  [--clients 1000] [--rate 20] [--duration 10] [--payload-bytes 500] [--senders
//   cores]
//   wsfanout crash  --port P --token T --out ids.txt [--streams 64] [--duration 15] [--tag X]
//   wsfanout verify --port P --token T --ids ids.txt [--missing file] [--connections 8] [--timeout
//   120]
//
// Output: "key=value" lines on stdout. Only loopback hosts are accepted. Every phase is bounded.
#include <sys/resource.h>

#include <exception>
#include <iostream>
#include <string>

#include "tool/Modes.hpp"

namespace {

// 10,000 WebSocket clients need 10,000 descriptors: lift the soft limit to the hard one (and the
// hard one too when running as root).
void raiseDescriptorLimit(rlim_t wanted) {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return;
    if (limit.rlim_max < wanted) {
        rlimit higher{wanted, wanted};
        if (setrlimit(RLIMIT_NOFILE, &higher) == 0) return;
    }
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
}

int usage() {
    std::cerr << "usage: wsfanout fanout|floor|crash|verify --port P --token T [options] (see "
                 "wsfanout.cpp)\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) return usage();
    std::string mode = argv[1];
    try {
        bench::Args args(argc, argv, 2);
        raiseDescriptorLimit(static_cast<rlim_t>(args.integer("clients", 0)) + 1024);
        if (mode == "fanout") return bench::runFanout(args);
        if (mode == "floor") return bench::runFloor(args);
        if (mode == "crash") return bench::runCrashLoad(args);
        if (mode == "verify") return bench::runVerify(args);
    } catch (const std::exception& e) {
        std::cerr << "wsfanout: " << e.what() << '\n';
        return 2;
    }
    return usage();
}
