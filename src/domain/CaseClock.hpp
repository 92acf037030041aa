#pragma once

#include <optional>
#include <string_view>

#include "domain/Case.hpp"
#include "domain/Clock.hpp"
#include "domain/Targets.hpp"

namespace caseboard::domain {

// Where a case stands against its deadline, in the order of kClockStates (CaseFields.hpp).
enum class ClockState {
    OnTrack,   // before the last quarter of its target
    DueSoon,   // in the last quarter, up to and including due_at
    Breached,  // past due_at and not yet in theatre
    Met,       // reached theatre by due_at
    Missed,    // reached theatre after due_at
};

// "on_track", "due_soon", "breached", "met" or "missed".
std::string_view clockName(ClockState state);

// The earliest deadline of the rules that apply to a case, and when its target began.
struct Deadline {
    TimePoint start;
    TimePoint due;
};

// Nothing when no rule applies (no pathway or priority with a rule, or no time to count from).
std::optional<Deadline> deadlineOf(const Case& c, const Targets& targets);
// When the case reached theatre (in theatre, or a later status): the first time its current
// status line was reached; nothing while it has not.
std::optional<TimePoint> theatreReachedAt(const Case& c);
// Nothing without a deadline.
std::optional<ClockState> clockOf(const Case& c, const Targets& targets, TimePoint now);

// The moments a waiting case's clock changes by time alone: it becomes due soon, then breached.
// Nothing once it has reached theatre or when it has no deadline.
struct ClockTransitions {
    TimePoint dueSoon;
    TimePoint breached;  // the first instant past due_at
};
std::optional<ClockTransitions> transitionsOf(const Case& c, const Targets& targets);

// Whether the case is ready for theatre: no item of its checklist is pending.
bool isReady(const Case& c);

}  // namespace caseboard::domain
