#pragma once

#include <optional>

#include "domain/Case.hpp"

namespace caseboard::domain {

// How a stored case changes, the same in every store: a change that alters nothing is no change
// (no new version, no audit entry, no event); any other is one version further, updated now.

// The case after a change: one version further, updated now.
Case nextRevision(Case changed);
// Notes when the case's theatre status was first reached (its updated_at) if it is new to it.
void recordTheatreTime(Case& c);
// The next revision that `patch` makes of `before`, or nothing if it changes nothing.
std::optional<Case> patched(const Case& before, const CasePatch& patch);
// The next revision with the case at its new place, or nothing if it is there already.
std::optional<Case> moved(const Case& before, const CaseMove& move);

}  // namespace caseboard::domain
