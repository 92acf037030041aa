#include "store/postgres/PgTransaction.hpp"

#include <boost/json.hpp>

#include "store/postgres/PgAccessEvent.hpp"
#include "store/postgres/PgCaseStatements.hpp"
#include "store/postgres/PgRows.hpp"
#include "store/postgres/PgSessions.hpp"
#include "store/postgres/PgStatements.hpp"

namespace caseboard::store::postgres {

using domain::AuditEntry;
using domain::Case;
using domain::User;

bool PgTransaction::importUser(const User& user) {
    return db_.run(kImportUser, userParams(user)).affected() > 0;
}

bool PgTransaction::importCase(const Case& c) {
    return db_.run(caseStatements().import, caseParams(c)).affected() > 0;
}

bool PgTransaction::importSession(const domain::TheatreSession& session) {
    return importTheatreSession(db_, session);
}

std::optional<Case> PgTransaction::caseForUpdate(const std::string& id) {
    if (!isId(id)) return std::nullopt;
    return firstCase(db_.run(caseStatements().selectByIdForUpdate, {id}));
}

void PgTransaction::lockCases(const std::vector<std::string>& ids) {
    std::vector<std::string> lockable;
    for (const auto& id : ids) {
        if (isId(id)) lockable.push_back(id);
    }
    db_.run(kLockCases, {textArray(lockable)});
}

void PgTransaction::lockRestore(const std::string& id) {
    db_.run(kLockSection, {"restore:" + id});
}

// Under a per-section lock, so that concurrent creates (on any instance) each see the one before.
std::int64_t PgTransaction::nextOrderIndex(const std::string& section) {
    db_.run(kLockSection, {section});
    return db_.run(kNextOrderIndex, {section}).integer(0, 0);
}

void PgTransaction::insertNewCase(const Case& created, const AuditEntry& entry) {
    db_.run(caseStatements().insert, caseParams(created));
    insertAudit(entry);
}

void PgTransaction::reinsertCase(const Case& restored, const AuditEntry& entry) {
    insertNewCase(restored, entry);
}

void PgTransaction::storeCase(const Case& c) {
    db_.run(caseStatements().update, caseParams(c));
}

void PgTransaction::deleteCase(const std::string& id) {
    db_.run(kDeleteCase, {id});
}

std::vector<AuditEntry> PgTransaction::caseEntries(const std::string& caseId) {
    if (!isId(caseId)) return {};
    return readAudit(db_.run(kCaseHistory, {caseId, std::nullopt, "0"}));
}

bool PgTransaction::claimClock(const std::string& id, const std::string& mark) {
    if (!isId(id)) return false;
    return db_.run(kClaimClock, {id, mark}).affected() > 0;
}

void PgTransaction::insertAudit(const AuditEntry& entry) {
    db_.run(kInsertAudit,
            {entry.at, entry.userId, entry.email, entry.action, entry.caseId, entry.targetUser,
             boost::json::serialize(entry.changes), entry.sessionId});
}

// The first user of an empty database becomes its admin: registrations queue on this lock.
void PgTransaction::lockUsers() {
    db_.run(kLockUsers);
}

std::int64_t PgTransaction::countUsers() {
    return db_.run(kCountAllUsers).integer(0, 0);
}

std::int64_t PgTransaction::countActiveAdmins() {
    return db_.run(kCountActiveAdmins).integer(0, 0);
}

std::optional<User> PgTransaction::userById(const std::string& id) {
    if (!isId(id)) return std::nullopt;
    return firstUser(db_.run(kUserById, {id}));
}

std::optional<User> PgTransaction::userByEmail(const std::string& email) {
    return firstUser(db_.run(kUserByEmail, {email}));
}

void PgTransaction::insertUser(const User& user) {
    db_.run(kInsertUser, userParams(user));
}

void PgTransaction::setRole(const std::string& userId, domain::Role role) {
    db_.run(kSetRole, {userId, std::string(domain::roleName(role))});
}

void PgTransaction::setActive(const std::string& userId, bool active) {
    db_.run(kSetActive, {userId, boolean(active)});
}

bool PgTransaction::setPasswordHash(const std::string& userId, const std::string& passwordHash) {
    if (!isId(userId)) return false;
    return db_.run(kSetPassword, {userId, passwordHash}).affected() > 0;
}

void PgTransaction::pruneSessions(std::int64_t now) {
    db_.run(kPruneSessions, {std::to_string(now)});
}

void PgTransaction::insertSession(const std::string& id, const domain::SessionStart& start,
                                  const std::string& createdAt) {
    db_.run(kInsertSession,
            {id, start.userId, start.method, createdAt, std::to_string(start.expiresAt)});
}

std::optional<std::string> PgTransaction::endSession(const std::string& sessionId,
                                                     const std::string& endedAt) {
    if (!isId(sessionId)) return std::nullopt;
    auto ended = db_.run(kEndSession, {sessionId, endedAt});
    if (ended.empty()) return std::nullopt;
    return ended.text(0, 0);
}

void PgTransaction::endSessionsOf(const std::string& userId, const std::string& kept,
                                  const std::string& endedAt) {
    // No session is kept when `kept` names none.
    db_.run(kEndSessionsOf, {userId, isId(kept) ? PgValue(kept) : std::nullopt, endedAt});
}

std::optional<domain::TheatreSession> PgTransaction::theatreSessionForUpdate(
    const std::string& id) {
    return selectTheatreSession(db_, id, true);
}

std::optional<domain::TheatreSession> PgTransaction::theatreSession(const std::string& id) {
    return selectTheatreSession(db_, id, false);
}

void PgTransaction::insertTheatreSession(const domain::TheatreSession& session) {
    postgres::insertTheatreSession(db_, session);
}

void PgTransaction::storeTheatreSession(const domain::TheatreSession& session) {
    updateTheatreSession(db_, session);
}

void PgTransaction::deleteTheatreSession(const std::string& id) {
    postgres::deleteTheatreSession(db_, id);
}

void PgTransaction::appendToSession(const std::string& caseId, const std::string& sessionId) {
    postgres::appendToSession(db_, caseId, sessionId);
}

void PgTransaction::setSessionPosition(const std::string& caseId, std::int64_t position) {
    postgres::setSessionPosition(db_, caseId, position);
}

void PgTransaction::caseChanged(const domain::CaseChange& change) {
    changes_.push_back(change);
}

// Its state goes out as the listeners read it once the feed brings the event (as a case's).
void PgTransaction::sessionChanged(const domain::SessionChange& change) {
    changes_.push_back(change);
}

// Goes out with the transaction's COMMIT, to every instance (this one included).
void PgTransaction::accessChanged(const domain::AccessChange& change) {
    db_.run(kNotify, {std::string(kAccessChannel), PgAccessEvent::payload(change)});
    accessChange_ = change;
}

}  // namespace caseboard::store::postgres
