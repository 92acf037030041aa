#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace caseboard::domain {

// The percentile of `sorted` (ascending) by the nearest-rank method: the smallest value with at
// least `percent`% of the values at or below it, so always one of the values; nothing when there
// are none. percent is 1..100.
std::optional<std::int64_t> nearestRank(const std::vector<std::int64_t>& sorted, int percent);

}  // namespace caseboard::domain
