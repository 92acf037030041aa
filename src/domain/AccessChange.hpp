#pragma once

#include <string>

namespace caseboard::domain {

// A committed change to who may use which session: a sign-out, a deactivation, a password
// change, a role change. The store reports it like a case change (on every instance), and
// whatever holds a session (a remembered user, an open socket) asks `ends` whether it still may.
struct AccessChange {
    std::string userId;
    // One session that ended (a sign-out); empty when the change is about the user as a whole.
    std::string endedSession;
    // Every session of the user ended, except this one (a password change keeps the session
    // that made it; empty: none kept).
    bool allSessionsEnded = false;
    std::string keptSession;
    // The user may no longer read (deactivated, or made pending), whatever their sessions.
    bool readingEnded = false;

    // Whether a socket of (userId, sessionId) must close.
    bool ends(const std::string& user, const std::string& session) const {
        if (user != userId) return false;
        if (readingEnded) return true;
        if (!endedSession.empty() && session == endedSession) return true;
        return allSessionsEnded && session != keptSession;
    }
};

}  // namespace caseboard::domain
