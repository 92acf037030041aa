#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/Case.hpp"
#include "domain/Date.hpp"
#include "domain/QueryParams.hpp"
#include "domain/Role.hpp"

namespace caseboard::domain {

// Who did something: recorded with every change.
struct Actor {
    std::string userId;
    std::string email;
};

// The user id of an entry made without an account (a failed sign-in with an e-mail that no user
// has): kept as the empty string in both stores, shown as null.
inline const std::string kNoUser;

// One line of the append-only audit trail.
struct AuditEntry {
    std::int64_t id = 0;
    std::string at;
    std::string userId;  // kNoUser: none
    std::string email;
    std::string action;  // create, update, delete, reorder, restore, cancel, login,
                         // login_failed, logout, role_change, user_create, user_deactivate,
                         // user_activate, password_change, export
    std::optional<std::string> caseId;
    boost::json::object changes;             // field → {"before", "after"}
    std::optional<std::string> targetUser;   // the user an account action was about
    std::optional<std::string> sessionId{};  // the theatre session a session_* action was about
};

// What GET /audit asks for.
struct AuditFilter {
    std::optional<std::string> user;  // a user id or an e-mail
    std::optional<std::string> caseId;
    std::optional<std::string> action;
    std::optional<Date> from;
    std::optional<Date> to;
    int limit = 100;
    int offset = 0;
};

// Which of a case's entries GET /cases/{id}/history returns: `limit` from `offset`, oldest first.
struct HistoryPage {
    int limit = 1000;
    int offset = 0;
};

// From `limit` (1..1000) and `offset` (0..10^9); throws ValidationError (422, loc "query").
HistoryPage parseHistoryPage(const QueryParams& params);

// Field by field, what changed between two states of a case: {"field": {"before", "after"}}.
// A create has no before (every field, before null); a delete no after (every field, after null).
// Built in `storage` (the default heap unless told): a store that writes the entry at once can
// build it in an arena.
boost::json::object caseChanges(const std::optional<Case>& before, const std::optional<Case>& after,
                                boost::json::storage_ptr storage = {});

// What a cancellation changed: the fields a user could have changed, as caseChanges lists them
// for an update, and the case's cancellations, which it grew.
boost::json::object cancelChanges(const Case& before, const Case& after,
                                  boost::json::storage_ptr storage = {});

boost::json::object toJson(const AuditEntry& entry);

// An entry by actor, now. It keeps the memory of `changes`.
AuditEntry auditEntry(std::string action, const Actor& actor, std::optional<std::string> caseId,
                      boost::json::object changes);

// actor did `action` to the account of targetUserId (user_create, user_deactivate, ...).
AuditEntry userEntry(std::string action, const Actor& actor, const std::string& targetUserId,
                     boost::json::object changes = {});

// actor changed the role of the user targetUserId from before to after.
AuditEntry roleChangeEntry(const Actor& actor, const std::string& targetUserId, Role before,
                           Role after);

// The case as it was just before its last recorded deletion, from history (oldest first).
std::optional<Case> lastDeletedState(const std::vector<AuditEntry>& history);

}  // namespace caseboard::domain
