#include "domain/CaseRevision.hpp"

#include "domain/Clock.hpp"

namespace caseboard::domain {

Case nextRevision(Case changed) {
    changed.version += 1;
    changed.updatedAt = nowTimestamp();
    return changed;
}

void recordTheatreTime(Case& c) {
    if (c.theatreStatus) c.theatreTimes.try_emplace(*c.theatreStatus, c.updatedAt);
}

std::optional<Case> patched(const Case& before, const CasePatch& patch) {
    if (!patch.changes(before)) return std::nullopt;
    Case after = nextRevision(patch.appliedTo(before));
    recordTheatreTime(after);
    return after;
}

std::optional<Case> moved(const Case& before, const CaseMove& move) {
    if (before.section == move.section && before.orderIndex == move.orderIndex) return std::nullopt;
    Case after = before;
    after.section = move.section;
    after.orderIndex = move.orderIndex;
    return nextRevision(std::move(after));
}

}  // namespace caseboard::domain
