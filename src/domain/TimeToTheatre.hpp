#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/Case.hpp"
#include "domain/QueryParams.hpp"
#include "domain/ReportPeriod.hpp"
#include "domain/Targets.hpp"

namespace caseboard::domain {

// What a time-to-theatre report groups its cases by.
enum class ReportGroup { Pathway, Priority };

// GET /reports/time-to-theatre's query: the period and ?group=pathway|priority (default
// pathway). Throws ValidationError (422, loc "query") naming every bad parameter.
struct TimeToTheatreQuery {
    ReportPeriod period;
    ReportGroup group = ReportGroup::Pathway;
};
TimeToTheatreQuery parseTimeToTheatreQuery(const QueryParams& params, Date today);

// One group's line: how many of its cases reached theatre, how many of those with a deadline
// were in by it, and how long they took (whole minutes from the start of their clock).
struct TimeToTheatreRow {
    std::optional<std::string> group;  // nothing: the cases with no pathway (or priority)
    std::int64_t cases = 0;
    std::int64_t met = 0;
    std::int64_t missed = 0;
    std::optional<double> percentMet;  // to one decimal; nothing when no case had a deadline
    std::optional<std::int64_t> medianMinutes;
    std::optional<std::int64_t> p90Minutes;

    bool operator==(const TimeToTheatreRow&) const = default;
};

// The report over `arrivals`: cases that reached theatre (theatre_times.in_theatre) within the
// period, as the store selected them. A case is met when it was in theatre by its deadline under
// `targets`, missed when after; its clock starts at its deadline's start, or without one at its
// decision, else its admission, else its creation. Groups in alphabetical order, no group last.
std::vector<TimeToTheatreRow> timeToTheatre(const std::vector<Case>& arrivals, ReportGroup group,
                                            const Targets& targets);

}  // namespace caseboard::domain
