// Nearest-rank percentiles of latency samples (microseconds).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace bench {

struct LatencySummary {
    std::size_t count = 0;
    double p50Ms = 0;
    double p99Ms = 0;
    double maxMs = 0;
};

// Sorts `samples` in place.
inline LatencySummary summarize(std::vector<std::uint32_t>& samples) {
    LatencySummary s;
    s.count = samples.size();
    if (samples.empty()) return s;
    std::sort(samples.begin(), samples.end());
    auto rank = [&](double p) {
        auto k = static_cast<std::size_t>(std::ceil(p * static_cast<double>(samples.size())));
        return samples[std::min(samples.size() - 1, k == 0 ? 0 : k - 1)];
    };
    s.p50Ms = rank(0.50) / 1000.0;
    s.p99Ms = rank(0.99) / 1000.0;
    s.maxMs = samples.back() / 1000.0;
    return s;
}

}  // namespace bench
