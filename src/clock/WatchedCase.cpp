#include "clock/WatchedCase.hpp"

namespace caseboard::clock {

using domain::ClockState;
using domain::TimePoint;

WatchedCase WatchedCase::of(const domain::Case& c, const domain::Targets& targets) {
    WatchedCase watched;
    watched.version = c.version;
    // A case whose updated_at cannot be read counts as never written: time alone moved it.
    watched.updatedAt = domain::parseTimestamp(c.updatedAt).value_or(TimePoint{});
    watched.archived = c.archived;
    watched.transitions = domain::transitionsOf(c, targets);
    return watched;
}

bool WatchedCase::changesBetween(TimePoint from, TimePoint to) const {
    if (!transitions) return false;
    auto within = [&](TimePoint at) { return from < at && at <= to; };
    return within(transitions->dueSoon) || within(transitions->breached);
}

std::optional<ClockState> WatchedCase::toAnnounce(TimePoint now) const {
    if (archived || !transitions) return std::nullopt;
    ClockState state;
    TimePoint reached;
    if (now >= transitions->breached) {
        state = ClockState::Breached;
        reached = transitions->breached;
    } else if (now >= transitions->dueSoon) {
        state = ClockState::DueSoon;
        reached = transitions->dueSoon;
    } else {
        return std::nullopt;
    }
    if (reached <= updatedAt || announced == state) return std::nullopt;
    return state;
}

}  // namespace caseboard::clock
