#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/AccessChange.hpp"
#include "domain/Audit.hpp"
#include "domain/Case.hpp"
#include "domain/CaseChange.hpp"
#include "domain/Role.hpp"
#include "domain/SessionChange.hpp"
#include "domain/TheatreSession.hpp"
#include "domain/User.hpp"

namespace caseboard::store {

// The rows one write transaction of a store reads and writes, and its commit hooks: all that
// the transactions of CaseTransactions and UserTransactions need, so that their rules are
// written once for every store. Each store implements it in its own SQL; an object lives inside
// one open transaction and may run again from the start (SQLite retries a batch).
class WriteTransaction {
  public:
    virtual ~WriteTransaction() = default;

    // The case as it is now, locked until the commit where the database locks rows.
    virtual std::optional<domain::Case> caseForUpdate(const std::string& id) = 0;
    // Locks these cases, in an order that lets two transactions over the same cases not deadlock.
    virtual void lockCases(const std::vector<std::string>& ids) = 0;
    // Makes a second restore of one deleted case wait for the first.
    virtual void lockRestore(const std::string& id) = 0;
    // One past the last order index of the section; concurrent creates each see the one before.
    virtual std::int64_t nextOrderIndex(const std::string& section) = 0;
    // A new case with the entry that records its creation.
    virtual void insertNewCase(const domain::Case& created, const domain::AuditEntry& entry) = 0;
    // A deleted case back under its id, with the entry that records its restoration.
    virtual void reinsertCase(const domain::Case& restored, const domain::AuditEntry& entry) = 0;
    // Writes every column of c over the stored row with the same id.
    virtual void storeCase(const domain::Case& c) = 0;
    virtual void deleteCase(const std::string& id) = 0;
    // Every entry of the case, oldest first.
    virtual std::vector<domain::AuditEntry> caseEntries(const std::string& caseId) = 0;
    // Records `mark` as the last clock state announced for the case, unless it is already:
    // whether this transaction is the one that recorded it.
    virtual bool claimClock(const std::string& id, const std::string& mark) = 0;
    virtual void insertAudit(const domain::AuditEntry& entry) = 0;

    // Makes account changes queue one after another (the first user, the last admin).
    virtual void lockUsers() = 0;
    virtual std::int64_t countUsers() = 0;
    virtual std::int64_t countActiveAdmins() = 0;
    virtual std::optional<domain::User> userById(const std::string& id) = 0;
    virtual std::optional<domain::User> userByEmail(const std::string& email) = 0;
    virtual void insertUser(const domain::User& user) = 0;
    virtual void setRole(const std::string& userId, domain::Role role) = 0;
    virtual void setActive(const std::string& userId, bool active) = 0;
    // False when no user has that id.
    virtual bool setPasswordHash(const std::string& userId, const std::string& passwordHash) = 0;

    // Drops the sessions whose token has expired by `now` (Unix seconds).
    virtual void pruneSessions(std::int64_t now) = 0;
    virtual void insertSession(const std::string& id, const domain::SessionStart& start,
                               const std::string& createdAt) = 0;
    // Ends a live session; the id of its user, or nothing if it was not live.
    virtual std::optional<std::string> endSession(const std::string& sessionId,
                                                  const std::string& endedAt) = 0;
    // Ends the live sessions of a user, all but `kept`.
    virtual void endSessionsOf(const std::string& userId, const std::string& kept,
                               const std::string& endedAt) = 0;

    // Theatre sessions, each with its booked cases (computed fields) as this transaction sees
    // them. ForUpdate: locked until the commit where the database locks rows, so that a booking
    // into a session and its deletion queue one after the other.
    virtual std::optional<domain::TheatreSession> theatreSessionForUpdate(
        const std::string& id) = 0;
    virtual std::optional<domain::TheatreSession> theatreSession(const std::string& id) = 0;
    virtual void insertTheatreSession(const domain::TheatreSession& session) = 0;
    // Writes the stored fields of the session over its row.
    virtual void storeTheatreSession(const domain::TheatreSession& session) = 0;
    virtual void deleteTheatreSession(const std::string& id) = 0;
    // Puts the case last in the list of the session it is booked into.
    virtual void appendToSession(const std::string& caseId, const std::string& sessionId) = 0;
    // The case's place in its session's list (1 first).
    virtual void setSessionPosition(const std::string& caseId, std::int64_t position) = 0;

    // Commit hooks: the change goes out with the commit, to this store's listeners (and, where
    // several processes share the database, to theirs).
    virtual void caseChanged(const domain::CaseChange& change) = 0;
    virtual void accessChanged(const domain::AccessChange& change) = 0;
    virtual void sessionChanged(const domain::SessionChange& change) = 0;
};

}  // namespace caseboard::store
