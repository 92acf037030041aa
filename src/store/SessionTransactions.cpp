#include "store/SessionTransactions.hpp"

#include <algorithm>

#include "domain/Clock.hpp"
#include "domain/SessionInput.hpp"
#include "domain/TheatreSessionJson.hpp"
#include "domain/ValidationError.hpp"
#include "store/StoreErrors.hpp"

namespace caseboard::store::transactions {

using domain::Actor;
using domain::Case;
using domain::TheatreSession;

namespace {

void auditSession(WriteTransaction& tx, const std::string& action, const Actor& actor,
                  const std::string& id, const std::optional<TheatreSession>& before,
                  const std::optional<TheatreSession>& after) {
    auto entry =
        domain::auditEntry(action, actor, std::nullopt, domain::sessionChanges(before, after));
    entry.sessionId = id;
    tx.insertAudit(entry);
}

void announce(WriteTransaction& tx, const std::string& id) {
    if (auto now = tx.theatreSession(id)) tx.sessionChanged({id, std::move(now)});
}

// A new list order must name exactly the session's cases.
void reorder(WriteTransaction& tx, TheatreSession& session, const std::vector<std::string>& ids) {
    auto wanted = ids;
    auto booked = session.caseIds;
    std::ranges::sort(wanted);
    std::ranges::sort(booked);
    if (wanted != booked) {
        throw domain::ValidationError({{{"body", "case_ids"},
                                        "case_ids should list exactly the session's booked cases",
                                        "case_ids"}});
    }
    if (ids == session.caseIds) return;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        tx.setSessionPosition(ids[i], static_cast<std::int64_t>(i) + 1);
    }
    session.caseIds = ids;
}

bool bookingOf(const std::optional<Case>& c, const std::optional<std::string>& sessionId) {
    return c && c->sessionId && sessionId && *c->sessionId == *sessionId;
}

// Whether the session's computed fields may differ between the two states of a case.
bool weighsOn(const std::optional<Case>& before, const std::optional<Case>& after,
              const std::string& sessionId) {
    const bool wasIn = bookingOf(before, sessionId);
    const bool isIn = bookingOf(after, sessionId);
    if (wasIn != isIn) return true;
    return wasIn && (before->estimatedMinutes != after->estimatedMinutes ||
                     before->turnaroundMinutes != after->turnaroundMinutes);
}

}  // namespace

TheatreSession createSession(WriteTransaction& tx, TheatreSession draft, const Actor& actor) {
    draft.createdAt = draft.updatedAt = domain::nowTimestamp();
    draft.caseIds.clear();
    draft.bookedMinutes = 0;
    tx.insertTheatreSession(draft);
    auditSession(tx, "session_create", actor, draft.id, std::nullopt, draft);
    tx.sessionChanged({draft.id, draft});
    return draft;
}

TheatreSession updateSession(WriteTransaction& tx, const std::string& id,
                             const domain::SessionPatch& patch, const Actor& actor) {
    auto before = tx.theatreSessionForUpdate(id);
    if (!before) throw NotFound("session");
    TheatreSession after = patch.appliedTo(*before);
    domain::checkSessionTimes(after);
    if (patch.caseIds) reorder(tx, after, *patch.caseIds);
    if (domain::sessionChanges(before, after).empty()) return *before;
    after.updatedAt = domain::nowTimestamp();
    tx.storeTheatreSession(after);
    auditSession(tx, "session_update", actor, id, before, after);
    tx.sessionChanged({id, after});
    return after;
}

void deleteSession(WriteTransaction& tx, const std::string& id, const Actor& actor) {
    auto before = tx.theatreSessionForUpdate(id);
    if (!before) throw NotFound("session");
    if (!before->caseIds.empty()) throw Conflict("The session has booked cases");
    auditSession(tx, "session_delete", actor, id, before, std::nullopt);
    tx.deleteTheatreSession(id);
    tx.sessionChanged({id, std::nullopt});
}

void requireSession(WriteTransaction& tx, const Case& after) {
    if (!after.sessionId || tx.theatreSessionForUpdate(*after.sessionId)) return;
    throw domain::ValidationError(
        {{{"body", "session_id"}, "No theatre session has this id", "session_unknown"}});
}

void bookingWritten(WriteTransaction& tx, const std::optional<Case>& before,
                    const std::optional<Case>& after) {
    const bool moved = after && after->sessionId && !bookingOf(before, after->sessionId);
    if (moved) tx.appendToSession(after->id, *after->sessionId);
    // Left first, joined last: the order a screen would see the case go.
    if (before && before->sessionId && weighsOn(before, after, *before->sessionId)) {
        announce(tx, *before->sessionId);
    }
    if (after && after->sessionId && weighsOn(before, after, *after->sessionId)) {
        announce(tx, *after->sessionId);
    }
}

}  // namespace caseboard::store::transactions
