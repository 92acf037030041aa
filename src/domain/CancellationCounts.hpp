#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace caseboard::domain {

// How many cancellations gave one reason.
struct ReasonCount {
    std::string reason;
    std::int64_t count = 0;

    bool operator==(const ReasonCount&) const = default;
};

// The reasons a store counted, as a store returns them (reasons none gave are absent).
using CountsByReason = std::map<std::string, std::int64_t, std::less<>>;

// Every reason of kCancellationReasons, in its order, with its count (0 when none gave it).
std::vector<ReasonCount> cancellationReport(const CountsByReason& counted);

}  // namespace caseboard::domain
