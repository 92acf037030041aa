#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>

#include "store/Store.hpp"
#include "store/sqlite/GroupCommitWriter.hpp"
#include "store/sqlite/ReaderPool.hpp"
#include "store/sqlite/SqliteAccessFeed.hpp"

namespace caseboard::store::sqlite {

// The embedded default: one file, one writer with group commit, a pool of readers.
class SqliteStore final : public Store {
  public:
    // Opens (creating if needed) and migrates the database; throws Unavailable if it cannot.
    explicit SqliteStore(const std::string& path);

    void setChangeListener(domain::ChangeListener* listener) override;

    using Store::createUser;
    domain::User createUser(const domain::NewUser& user,
                            const std::optional<domain::Actor>& creator) override;
    domain::User syncDirectoryUser(const std::string& email, domain::UserSource source,
                                   domain::Role role) override;
    std::optional<domain::User> findUserByEmail(const std::string& email) override;
    std::optional<domain::User> findUserById(const std::string& id) override;
    std::vector<domain::User> allUsers() override;
    domain::User setUserRole(const std::string& userId, domain::Role role,
                             const domain::Actor& actor) override;
    domain::User setUserActive(const std::string& userId, bool active,
                               const domain::Actor& actor) override;
    void setPassword(const std::string& userId, const std::string& passwordHash,
                     const std::string& keptSession, const domain::Actor& actor) override;
    std::string openSession(const domain::SessionStart& start, const domain::Actor& actor) override;
    std::optional<domain::User> sessionUser(const std::string& sessionId) override;
    void endSession(const std::string& sessionId, const domain::Actor& actor) override;

    std::vector<domain::Case> listCases(const domain::CaseFilter& filter) override;
    std::optional<domain::Case> findCase(const std::string& id) override;
    domain::Case createCase(const domain::CaseDraft& draft, const domain::Actor& actor) override;
    domain::Case updateCase(const std::string& id, const domain::CasePatch& patch,
                            std::optional<std::int64_t> expectedVersion,
                            const domain::Actor& actor) override;
    void createCaseThen(const domain::CaseDraft& draft, const domain::Actor& actor,
                        Completion<domain::Case> done) override;
    void updateCaseThen(const std::string& id, const domain::CasePatch& patch,
                        std::optional<std::int64_t> expectedVersion, const domain::Actor& actor,
                        Completion<domain::Case> done) override;
    void deleteCase(const std::string& id, const domain::Actor& actor) override;
    std::vector<domain::Case> moveCases(const std::vector<domain::CaseMove>& moves,
                                        const domain::Actor& actor) override;
    domain::Case restoreCase(const std::string& id, const domain::Actor& actor) override;
    domain::Case cancelCase(const std::string& id, const domain::Cancellation& cancellation,
                            const domain::Actor& actor) override;
    std::vector<domain::Case> theatreArrivals(const domain::ReportPeriod& period) override;
    domain::CountsByReason cancellationCounts(const domain::ReportPeriod& period) override;
    std::optional<domain::Case> announceClock(const std::string& id, std::int64_t version,
                                              std::string_view clock) override;

    std::vector<domain::TheatreSession> listSessions(const domain::SessionRange& range) override;
    std::optional<domain::TheatreSession> findSession(const std::string& id) override;
    domain::TheatreSession createSession(const domain::TheatreSession& draft,
                                         const domain::Actor& actor) override;
    domain::TheatreSession updateSession(const std::string& id, const domain::SessionPatch& patch,
                                         const domain::Actor& actor) override;
    void deleteSession(const std::string& id, const domain::Actor& actor) override;

    void recordAudit(const domain::AuditEntry& entry) override;
    std::vector<domain::AuditEntry> caseHistory(const std::string& caseId,
                                                domain::HistoryPage page = {}) override;
    std::vector<domain::AuditEntry> auditTrail(const domain::AuditFilter& filter) override;

    // One process holds every screen: straight to the listener.
    void publishMessage(const std::string& fromEmail, const std::string& text) override;

    bool ready() override;

  private:
    // Runs transaction(SqliteTransaction&) as one write and returns what it returns.
    template <typename Transaction>
    auto transact(Transaction transaction);
    void publish(const domain::StoreChange& change);
    void publishAccess(const domain::AccessChange& change);
    // The writes themselves, shared by the blocking and the completing forms; they fill in the
    // case they are given, which must outlive them.
    static GroupCommitWriter::Work createWork(std::optional<std::int64_t> orderIndex,
                                              domain::Actor actor, domain::Case& created);
    static GroupCommitWriter::Work updateWork(std::string id, domain::CasePatch patch,
                                              std::optional<std::int64_t> expectedVersion,
                                              domain::Actor actor, domain::Case& result);
    void submitCaseWrite(std::shared_ptr<domain::Case> result, GroupCommitWriter::Work work,
                         Completion<domain::Case> done);

    std::atomic<domain::ChangeListener*> listener_{nullptr};
    ReaderPool readers_;
    GroupCommitWriter writer_;
    // Started with the first listener: a server hears what the command line changed.
    std::once_flag feedStarted_;
    std::unique_ptr<SqliteAccessFeed> feed_;
};

}  // namespace caseboard::store::sqlite
