#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/StoreChange.hpp"
#include "store/WriteTransaction.hpp"
#include "store/postgres/PgConnection.hpp"

namespace caseboard::store::postgres {

// A write transaction on one pooled connection, inside BEGIN … COMMIT. Several instances share
// the database, so the locks are real: rows FOR UPDATE, and advisory locks for what has no row
// yet. Case changes are kept for the store to NOTIFY just before its COMMIT; access changes are
// notified at once (they go out with the COMMIT) and kept for this instance's listener.
class PgTransaction final : public WriteTransaction {
  public:
    explicit PgTransaction(PgConnection& db) : db_(db) {}

    // Case and session changes, in the order made.
    const std::vector<domain::StoreChange>& changes() const { return changes_; }
    const std::optional<domain::AccessChange>& accessChange() const { return accessChange_; }

    // For migrate-data: the row as it is, unless its id (or e-mail) is there already. Whether
    // it was inserted.
    bool importUser(const domain::User& user);
    bool importCase(const domain::Case& c);
    bool importSession(const domain::TheatreSession& session);

    std::optional<domain::Case> caseForUpdate(const std::string& id) override;
    void lockCases(const std::vector<std::string>& ids) override;
    void lockRestore(const std::string& id) override;
    std::int64_t nextOrderIndex(const std::string& section) override;
    void insertNewCase(const domain::Case& created, const domain::AuditEntry& entry) override;
    void reinsertCase(const domain::Case& restored, const domain::AuditEntry& entry) override;
    void storeCase(const domain::Case& c) override;
    void deleteCase(const std::string& id) override;
    std::vector<domain::AuditEntry> caseEntries(const std::string& caseId) override;
    bool claimClock(const std::string& id, const std::string& mark) override;
    void insertAudit(const domain::AuditEntry& entry) override;

    void lockUsers() override;
    std::int64_t countUsers() override;
    std::int64_t countActiveAdmins() override;
    std::optional<domain::User> userById(const std::string& id) override;
    std::optional<domain::User> userByEmail(const std::string& email) override;
    void insertUser(const domain::User& user) override;
    void setRole(const std::string& userId, domain::Role role) override;
    void setActive(const std::string& userId, bool active) override;
    bool setPasswordHash(const std::string& userId, const std::string& passwordHash) override;

    void pruneSessions(std::int64_t now) override;
    void insertSession(const std::string& id, const domain::SessionStart& start,
                       const std::string& createdAt) override;
    std::optional<std::string> endSession(const std::string& sessionId,
                                          const std::string& endedAt) override;
    void endSessionsOf(const std::string& userId, const std::string& kept,
                       const std::string& endedAt) override;

    std::optional<domain::TheatreSession> theatreSessionForUpdate(const std::string& id) override;
    std::optional<domain::TheatreSession> theatreSession(const std::string& id) override;
    void insertTheatreSession(const domain::TheatreSession& session) override;
    void storeTheatreSession(const domain::TheatreSession& session) override;
    void deleteTheatreSession(const std::string& id) override;
    void appendToSession(const std::string& caseId, const std::string& sessionId) override;
    void setSessionPosition(const std::string& caseId, std::int64_t position) override;

    void caseChanged(const domain::CaseChange& change) override;
    void accessChanged(const domain::AccessChange& change) override;
    void sessionChanged(const domain::SessionChange& change) override;

  private:
    PgConnection& db_;
    std::vector<domain::StoreChange> changes_;
    std::optional<domain::AccessChange> accessChange_;
};

}  // namespace caseboard::store::postgres
