#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <boost/asio/thread_pool.hpp>

#include "domain/StoreChange.hpp"
#include "store/Store.hpp"
#include "store/postgres/PgDeliveryTracker.hpp"
#include "store/postgres/PgEvent.hpp"
#include "store/postgres/PgListener.hpp"
#include "store/postgres/PgPool.hpp"

namespace caseboard::store::postgres {

struct PostgresOptions {
    std::size_t poolSize = 8;
    // Follow the event feed (LISTEN). Off for one-shot tools such as migrate-data.
    bool listen = true;
    // How long a write waits for its own change to come back through the feed.
    std::chrono::milliseconds echoWait{1000};
};

// PostgreSQL for hospitals that run several identical instances behind a load balancer.
// Behaves as SqliteStore does for every method. Blocking libpq calls on a bounded pool (callers
// are worker threads). Every write commits together with a pg_notify, and changes reach the
// change listener only through LISTEN (PgListener) — this instance's own writes included — so
// that every instance tells its screens of every change exactly once, in commit order.
class PostgresStore final : public Store {
  public:
    // Connects, migrates and starts listening; throws Unavailable if the database cannot be
    // reached.
    PostgresStore(const std::string& url, PostgresOptions options = {});
    ~PostgresStore() override;

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
    // On the store's own writer threads, one per pooled connection: what waits for the commit
    // is never the caller's thread.
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

    // Through NOTIFY, so that each instance's listener hears it once through LISTEN (this
    // instance's included).
    void publishMessage(const std::string& fromEmail, const std::string& text) override;

    bool ready() override;

    // For migrate-data: inserts the rows whose id (and e-mail) are not there yet, as they are,
    // in one transaction, without events. Return how many were inserted.
    std::size_t importUsers(const std::vector<domain::User>& users);
    std::size_t importCases(const std::vector<domain::Case>& cases);
    // Sessions with their list order (case_ids), once their cases are there.
    std::size_t importSessions(const std::vector<domain::TheatreSession>& sessions);
    // How many of these ids exist.
    std::size_t countUsers(const std::vector<std::string>& ids);
    std::size_t countCases(const std::vector<std::string>& ids);
    std::size_t countSessions(const std::vector<std::string>& ids);

    // The pool, shared with what else keeps state in this database (the sign-in throttle).
    std::shared_ptr<PgPool> pool() const { return pool_; }

  private:
    template <typename Work>
    auto read(Work&& work);
    // Runs transaction(PgTransaction&) as one write and returns what it returns.
    template <typename Transaction>
    auto transact(Transaction transaction);
    PgPool::Lease begin();

    // On the listener's thread.
    void deliver(PgConnection& connection,
                 const std::vector<PgListener::Notification>& notifications);
    void deliverEvents(PgConnection& connection, const std::vector<std::string>& payloads);
    // The change an event announces, with the state read for the batch.
    static domain::CaseChange caseChangeOf(
        const PgEvent& event, const std::unordered_map<std::string, domain::Case>& current);
    static std::optional<domain::SessionChange> sessionChangeOf(
        const PgEvent& event,
        const std::unordered_map<std::string, domain::TheatreSession>& current);
    // The NOTIFY payload of a change this instance made.
    PgEvent eventOf(const domain::StoreChange& change, std::uint64_t seq) const;
    void relayMessage(const std::string& payload);
    void relayAccess(const std::string& payload);
    void publishAccess(const domain::AccessChange& change);
    void resync();

    const std::string instanceId_;
    const PostgresOptions options_;
    std::shared_ptr<PgPool> pool_;
    PgDeliveryTracker tracker_;
    std::mutex listenerMutex_;  // held while the listener is called, so that it can be unset
    domain::ChangeListener* listener_ = nullptr;
    std::unique_ptr<PgListener> feed_;
    // Last: joined first, while everything its writes use is still there.
    boost::asio::thread_pool writers_;
};

}  // namespace caseboard::store::postgres
