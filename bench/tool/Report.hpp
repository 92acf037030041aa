// The tool's output: one "key=value" line per figure on stdout (read by bench/run.sh);
// diagnostics go to stderr.
#pragma once

#include <iostream>
#include <string>
#include <string_view>

#include "tool/Percentiles.hpp"

namespace bench {

template <typename T>
void report(std::string_view key, const T& value) {
    std::cout << key << '=' << value << '\n';
}

// <name>_p50_ms, <name>_p99_ms, <name>_max_ms.
inline void reportLatency(std::string_view name, const LatencySummary& latency) {
    std::string prefix(name);
    report(prefix + "_p50_ms", latency.p50Ms);
    report(prefix + "_p99_ms", latency.p99Ms);
    report(prefix + "_max_ms", latency.maxMs);
}

}  // namespace bench
