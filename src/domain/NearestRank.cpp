#include "domain/NearestRank.hpp"

namespace caseboard::domain {

std::optional<std::int64_t> nearestRank(const std::vector<std::int64_t>& sorted, int percent) {
    if (sorted.empty()) return std::nullopt;
    // The rank is ceil(percent/100 · n), in integers so that no rounding error moves it.
    const std::size_t n = sorted.size();
    const std::size_t rank = (static_cast<std::size_t>(percent) * n + 99) / 100;
    return sorted[rank == 0 ? 0 : rank - 1];
}

}  // namespace caseboard::domain
