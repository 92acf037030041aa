#pragma once

#include <cstdint>
#include <optional>

#include "domain/Case.hpp"
#include "domain/CaseClock.hpp"
#include "domain/Clock.hpp"
#include "domain/Targets.hpp"

namespace caseboard::clock {

// What ClockWatch keeps of one case: enough to tell, at any instant, whether time alone has
// moved its clock since anyone last wrote it.
struct WatchedCase {
    std::int64_t version = 0;
    domain::TimePoint updatedAt;
    bool archived = false;
    // Nothing when time cannot move its clock (no deadline, or theatre reached).
    std::optional<domain::ClockTransitions> transitions;
    // The state last announced (or found announced) at this version.
    std::optional<domain::ClockState> announced;

    static WatchedCase of(const domain::Case& c, const domain::Targets& targets);

    // Whether its clock changes at an instant in (from, to]: lists showing it are stale.
    bool changesBetween(domain::TimePoint from, domain::TimePoint to) const;
    // The state to announce at `now`: the one time has brought it to, if it got there after the
    // last write (that write's own event carried it otherwise) and it was not announced yet.
    std::optional<domain::ClockState> toAnnounce(domain::TimePoint now) const;
};

}  // namespace caseboard::clock
