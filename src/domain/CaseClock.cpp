#include "domain/CaseClock.hpp"

#include <algorithm>
#include <span>

#include "domain/CaseFields.hpp"

namespace caseboard::domain {

namespace {

// The case's time a rule counts from: a timestamp field of the table, named by the rule.
const std::optional<std::string>& startField(const Case& c, std::string_view from) {
    static const std::optional<std::string> none;
    const CaseField* field = findCaseField(from);
    auto member = field ? std::get_if<std::optional<std::string> Case::*>(&field->member) : nullptr;
    return member ? c.**member : none;
}

// The deadline of one rule, if the case has the time it counts from.
std::optional<Deadline> deadlineBy(const Case& c, const TargetRule& rule) {
    const auto& text = startField(c, rule.from);
    if (!text) return std::nullopt;
    auto start = parseTimestamp(*text);
    if (!start) return std::nullopt;
    return Deadline{*start, *start + rule.minutes};
}

template <typename Rules>
void consider(const Case& c, const Rules& rules, const std::optional<std::string>& key,
              std::optional<Deadline>& earliest) {
    if (!key) return;
    auto rule = rules.find(*key);
    if (rule == rules.end()) return;
    auto deadline = deadlineBy(c, rule->second);
    if (deadline && (!earliest || deadline->due < earliest->due)) earliest = deadline;
}

}  // namespace

// The field table lists the states in the enumeration's order.
static_assert(std::size(kClockStates) == static_cast<std::size_t>(ClockState::Missed) + 1);

std::string_view clockName(ClockState state) {
    return kClockStates[static_cast<std::size_t>(state)];
}

std::optional<Deadline> deadlineOf(const Case& c, const Targets& targets) {
    std::optional<Deadline> earliest;
    consider(c, targets.pathways, c.pathway, earliest);
    consider(c, targets.priorities, c.priority, earliest);
    return earliest;
}

std::optional<TimePoint> theatreReachedAt(const Case& c) {
    if (!c.theatreStatus) return std::nullopt;
    // The statuses from "in theatre" on, in the order a patient goes through them.
    const auto statuses = std::span(kTheatreStatuses);
    const auto inTheatre = std::ranges::find(statuses, std::string_view("in_theatre"));
    const auto current = std::ranges::find(inTheatre, statuses.end(), *c.theatreStatus);
    if (current == statuses.end()) return std::nullopt;
    for (auto status = inTheatre; status <= current; ++status) {
        auto when = c.theatreTimes.find(*status);
        if (when == c.theatreTimes.end()) continue;
        if (auto at = parseTimestamp(when->second)) return at;
    }
    return std::nullopt;
}

std::optional<ClockTransitions> transitionsOf(const Case& c, const Targets& targets) {
    if (theatreReachedAt(c)) return std::nullopt;
    auto deadline = deadlineOf(c, targets);
    if (!deadline) return std::nullopt;
    auto quarter = (deadline->due - deadline->start) / 4;
    return ClockTransitions{deadline->due - quarter, deadline->due + TimePoint::duration(1)};
}

std::optional<ClockState> clockOf(const Case& c, const Targets& targets, TimePoint now) {
    auto deadline = deadlineOf(c, targets);
    if (!deadline) return std::nullopt;
    if (auto reached = theatreReachedAt(c)) {
        return *reached <= deadline->due ? ClockState::Met : ClockState::Missed;
    }
    if (now > deadline->due) return ClockState::Breached;
    auto quarter = (deadline->due - deadline->start) / 4;
    return now >= deadline->due - quarter ? ClockState::DueSoon : ClockState::OnTrack;
}

bool isReady(const Case& c) {
    const CaseField* checklist = findCaseField("checklist");
    for (std::string_view item : checklist->keys) {
        if (!c.checklist.contains(item)) return false;
    }
    return true;
}

}  // namespace caseboard::domain
