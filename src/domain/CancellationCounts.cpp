#include "domain/CancellationCounts.hpp"

#include "domain/Cancellation.hpp"

namespace caseboard::domain {

std::vector<ReasonCount> cancellationReport(const CountsByReason& counted) {
    std::vector<ReasonCount> report;
    report.reserve(std::size(kCancellationReasons));
    for (std::string_view reason : kCancellationReasons) {
        auto found = counted.find(reason);
        report.push_back({std::string(reason), found == counted.end() ? 0 : found->second});
    }
    return report;
}

}  // namespace caseboard::domain
