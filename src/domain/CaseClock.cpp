#include "domain/CaseClock.hpp"

#include <array>

#include "domain/CaseFields.hpp"

namespace caseboard::domain {

namespace {

const std::optional<std::string>& startField(const Case& c, std::string_view from) {
    static const std::optional<std::string> none;
    if (from == "admitted_at") return c.admittedAt;
    if (from == "decision_at") return c.decisionAt;
    return none;
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

std::string_view clockName(ClockState state) {
    switch (state) {
        case ClockState::OnTrack:
            return "on_track";
        case ClockState::DueSoon:
            return "due_soon";
        case ClockState::Breached:
            return "breached";
        case ClockState::Met:
            return "met";
        case ClockState::Missed:
            return "missed";
    }
    return "on_track";
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
    static constexpr std::array<std::string_view, 3> kReached{"in_theatre", "recovery", "returned"};
    auto current = std::ranges::find(kReached, *c.theatreStatus);
    if (current == kReached.end()) return std::nullopt;
    for (auto status = kReached.begin(); status <= current; ++status) {
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
    return ClockTransitions{deadline->due - quarter,
                            deadline->due + TimePoint::duration(1)};
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
