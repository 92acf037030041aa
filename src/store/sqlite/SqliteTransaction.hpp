#pragma once

#include <optional>

#include "store/WriteTransaction.hpp"
#include "store/sqlite/GroupCommitWriter.hpp"

namespace caseboard::store::sqlite {

// A write transaction on the writer's connection, one job of a group-commit batch. The single
// writer serialises every write, so the locks are nothing here. Case changes go to the batch's
// list (published once it commits); access changes are logged for the other processes
// (SqliteAccessFeed) and kept for this one's listener.
class SqliteTransaction final : public WriteTransaction {
  public:
    SqliteTransaction(Connection& db, GroupCommitWriter::Changes& changes)
        : db_(db), changes_(changes) {}

    // The access change this transaction made, to tell this process's listener after the commit.
    const std::optional<domain::AccessChange>& accessChange() const { return accessChange_; }

    std::optional<domain::Case> caseForUpdate(const std::string& id) override;
    void lockCases(const std::vector<std::string>&) override {}
    void lockRestore(const std::string&) override {}
    std::int64_t nextOrderIndex(const std::string& section) override;
    void insertNewCase(const domain::Case& created, const domain::AuditEntry& entry) override;
    void reinsertCase(const domain::Case& restored, const domain::AuditEntry& entry) override;
    void storeCase(const domain::Case& c) override;
    void deleteCase(const std::string& id) override;
    std::vector<domain::AuditEntry> caseEntries(const std::string& caseId) override;
    bool claimClock(const std::string& id, const std::string& mark) override;
    void insertAudit(const domain::AuditEntry& entry) override;

    void lockUsers() override {}
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

    std::optional<domain::TheatreSession> theatreSessionForUpdate(const std::string& id) override {
        return theatreSession(id);
    }
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
    void insertCase(const domain::Case& c, std::int64_t auditKey);
    // Returns the new entry's id.
    std::int64_t insertAuditEntry(const domain::AuditEntry& entry, bool filedUnderItsCase);
    std::int64_t count(const char* query);

    Connection& db_;
    GroupCommitWriter::Changes& changes_;
    std::optional<domain::AccessChange> accessChange_;
};

}  // namespace caseboard::store::sqlite
