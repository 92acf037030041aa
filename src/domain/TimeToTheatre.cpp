#include "domain/TimeToTheatre.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <map>

#include "domain/CaseClock.hpp"
#include "domain/Clock.hpp"
#include "domain/NearestRank.hpp"
#include "domain/QueryReader.hpp"

namespace caseboard::domain {

namespace {

// What one group's cases add up to, before the percentages and ranks.
struct Tally {
    std::int64_t cases = 0;
    std::int64_t met = 0;
    std::int64_t missed = 0;
    std::vector<std::int64_t> minutes;  // one per case
};

// When the case's wait began, for the minutes it took: what its deadline counts from, so that
// the minutes and the target measure the same wait.
std::optional<TimePoint> clockStart(const Case& c, const std::optional<Deadline>& deadline) {
    if (deadline) return deadline->start;
    for (const auto* when : {&c.decisionAt, &c.admittedAt}) {
        if (!*when) continue;
        if (auto start = parseTimestamp(**when)) return start;
    }
    return parseTimestamp(c.createdAt);
}

const std::optional<std::string>& groupOf(const Case& c, ReportGroup group) {
    return group == ReportGroup::Pathway ? c.pathway : c.priority;
}

void count(const Case& c, TimePoint inTheatre, const Targets& targets, Tally& tally) {
    ++tally.cases;
    auto deadline = deadlineOf(c, targets);
    if (deadline) ++(inTheatre <= deadline->due ? tally.met : tally.missed);
    if (auto start = clockStart(c, deadline)) {
        // A start typed a little ahead of the operation (times may be up to an hour in the
        // future) is no wait at all, never a negative one.
        tally.minutes.push_back(std::max<std::int64_t>(
            0, std::chrono::floor<std::chrono::minutes>(inTheatre - *start).count()));
    }
}

TimeToTheatreRow rowOf(std::optional<std::string> group, Tally tally) {
    TimeToTheatreRow row;
    row.group = std::move(group);
    row.cases = tally.cases;
    row.met = tally.met;
    row.missed = tally.missed;
    if (const auto judged = tally.met + tally.missed; judged > 0) {
        row.percentMet =
            std::round(1000.0 * static_cast<double>(tally.met) / static_cast<double>(judged)) /
            10.0;
    }
    std::ranges::sort(tally.minutes);
    row.medianMinutes = nearestRank(tally.minutes, 50);
    row.p90Minutes = nearestRank(tally.minutes, 90);
    return row;
}

}  // namespace

TimeToTheatreQuery parseTimeToTheatreQuery(const QueryParams& params, Date today) {
    QueryReader reader(params);
    TimeToTheatreQuery query;
    query.period = readReportPeriod(reader, today);
    if (auto group = reader.text("group")) {
        if (*group == "priority") {
            query.group = ReportGroup::Priority;
        } else if (*group != "pathway") {
            reader.fail("group", "Input should be 'pathway' or 'priority'", "literal_error");
        }
    }
    reader.throwIfFailed();
    return query;
}

std::vector<TimeToTheatreRow> timeToTheatre(const std::vector<Case>& arrivals, ReportGroup group,
                                            const Targets& targets) {
    // Keyed by group; the cases with none are tallied apart, to come last.
    std::map<std::string, Tally, std::less<>> named;
    Tally none;
    for (const Case& c : arrivals) {
        auto held = c.theatreTimes.find("in_theatre");
        if (held == c.theatreTimes.end()) continue;
        auto inTheatre = parseTimestamp(held->second);
        if (!inTheatre) continue;
        const auto& key = groupOf(c, group);
        count(c, *inTheatre, targets, key ? named[*key] : none);
    }
    std::vector<TimeToTheatreRow> rows;
    rows.reserve(named.size() + 1);
    for (auto& [key, tally] : named) rows.push_back(rowOf(key, std::move(tally)));
    if (none.cases > 0) rows.push_back(rowOf(std::nullopt, std::move(none)));
    return rows;
}

}  // namespace caseboard::domain
