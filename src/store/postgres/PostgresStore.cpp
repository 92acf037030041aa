#include "store/postgres/PostgresStore.hpp"

#include <boost/asio/post.hpp>

#include <spdlog/spdlog.h>

#include <type_traits>
#include <unordered_map>

#include "domain/Clock.hpp"
#include "domain/Uuid.hpp"
#include "store/CaseTransactions.hpp"
#include "store/SessionTransactions.hpp"
#include "store/StoreErrors.hpp"
#include "store/UserTransactions.hpp"
#include "store/postgres/PgAccessEvent.hpp"
#include "store/postgres/PgCaseStatements.hpp"
#include "store/postgres/PgEvent.hpp"
#include "store/postgres/PgMessage.hpp"
#include "store/postgres/PgMigrations.hpp"
#include "store/postgres/PgReports.hpp"
#include "store/postgres/PgRows.hpp"
#include "store/postgres/PgSessions.hpp"
#include "store/postgres/PgStatements.hpp"
#include "store/postgres/PgTransaction.hpp"

namespace caseboard::store::postgres {

using domain::Actor;
using domain::AuditEntry;
using domain::Case;
using domain::CaseChange;
using domain::ChangeKind;
using domain::User;

PostgresStore::PostgresStore(const std::string& url, PostgresOptions options)
    : instanceId_(domain::newUuid()),
      options_(options),
      pool_(std::make_shared<PgPool>(url, options.poolSize)),
      writers_(options.poolSize) {
    {
        auto connection = pool_->acquire();
        migrate(*connection);
    }
    if (options_.listen) {
        feed_ = std::make_unique<PgListener>(
            url, PgListener::Hooks{
                     [this](PgConnection& c, const std::vector<PgListener::Notification>& n) {
                         deliver(c, n);
                     },
                     [this] { resync(); }, [this](bool up) { tracker_.setFeedUp(up); }});
        feed_->start();
    }
}

PostgresStore::~PostgresStore() {
    // Every queued write runs and reports: someone is waiting for each.
    writers_.join();
    feed_.reset();
}

void PostgresStore::setChangeListener(domain::ChangeListener* listener) {
    std::lock_guard lock(listenerMutex_);
    listener_ = listener;
}

// A read on a pooled connection that turns out to be dead is tried once more on a fresh one.
template <typename Work>
auto PostgresStore::read(Work&& work) {
    for (int attempt = 0;; ++attempt) {
        auto connection = pool_->acquire();
        try {
            return work(*connection);
        } catch (const Unavailable&) {
            if (attempt > 0 || connection->usable()) throw;
        }
    }
}

// BEGIN on a pooled connection; if that connection turns out to be dead, once more on a fresh
// one (nothing was sent, so nothing can have happened).
PgPool::Lease PostgresStore::begin() {
    for (int attempt = 0;; ++attempt) {
        auto connection = pool_->acquire();
        try {
            connection->exec("BEGIN");
            return connection;
        } catch (const Unavailable&) {
            if (attempt > 0 || connection->usable()) throw;
        }
    }
}

PgEvent PostgresStore::eventOf(const domain::StoreChange& change, std::uint64_t seq) const {
    if (const auto* session = std::get_if<domain::SessionChange>(&change)) {
        PgEvent event{session->after ? ChangeKind::Update : ChangeKind::Delete, "", instanceId_,
                      seq};
        event.sessionId = session->sessionId;
        return event;
    }
    const auto& event = std::get<CaseChange>(change);
    return PgEvent{event.kind, event.caseId, instanceId_, seq, event.clock};
}

// One transaction: the work, a pg_notify per case change it made, COMMIT. Returns what the work
// returned once the COMMIT is durable and (bounded) once this instance has delivered the change
// to its own screens. If it throws, the transaction is rolled back when the connection goes back
// to the pool.
template <typename Transaction>
auto PostgresStore::transact(Transaction transaction) {
    using Result = std::invoke_result_t<Transaction&, PgTransaction&>;
    if constexpr (std::is_void_v<Result>) {
        transact([&](PgTransaction& tx) {
            transaction(tx);
            return true;
        });
    } else {
        std::uint64_t lastSeq = 0;
        std::optional<domain::AccessChange> change;
        Result result{};
        {
            auto connection = begin();
            PgTransaction tx(*connection);
            result = transaction(tx);
            for (const auto& change : tx.changes()) {
                lastSeq = tracker_.next();
                connection->run(kNotify,
                                {std::string(kEventChannel), eventOf(change, lastSeq).payload()});
            }
            if (lastSeq != 0) tracker_.expect(lastSeq);
            try {
                connection->exec("COMMIT");
            } catch (...) {
                if (lastSeq != 0) tracker_.abandon(lastSeq);
                throw;
            }
            change = tx.accessChange();
        }
        if (lastSeq != 0 && feed_) tracker_.await(lastSeq, options_.echoWait);
        if (change) publishAccess(*change);
        return result;
    }
}

User PostgresStore::createUser(const domain::NewUser& draft, const std::optional<Actor>& creator) {
    User user{domain::newUuid(), draft.email, draft.passwordHash, domain::nowTimestamp()};
    user.source = draft.source;
    return transact(
        [&](PgTransaction& tx) { return transactions::createUser(tx, user, draft.role, creator); });
}

User PostgresStore::syncDirectoryUser(const std::string& email, domain::UserSource source,
                                      domain::Role role) {
    return transact([&](PgTransaction& tx) {
        return transactions::syncDirectoryUser(tx, email, source, role);
    });
}

User PostgresStore::setUserRole(const std::string& userId, domain::Role role, const Actor& actor) {
    return transact(
        [&](PgTransaction& tx) { return transactions::setUserRole(tx, userId, role, actor); });
}

User PostgresStore::setUserActive(const std::string& userId, bool active, const Actor& actor) {
    return transact(
        [&](PgTransaction& tx) { return transactions::setUserActive(tx, userId, active, actor); });
}

void PostgresStore::setPassword(const std::string& userId, const std::string& passwordHash,
                                const std::string& keptSession, const Actor& actor) {
    transact([&](PgTransaction& tx) {
        transactions::setPassword(tx, userId, passwordHash, keptSession, actor);
    });
}

std::string PostgresStore::openSession(const domain::SessionStart& start, const Actor& actor) {
    std::string id = domain::newUuid();
    transact([&](PgTransaction& tx) { transactions::openSession(tx, id, start, actor); });
    return id;
}

std::optional<User> PostgresStore::sessionUser(const std::string& sessionId) {
    if (!isId(sessionId)) return std::nullopt;
    return read([&](PgConnection& db) { return firstUser(db.run(kSessionUser, {sessionId})); });
}

void PostgresStore::endSession(const std::string& sessionId, const Actor& actor) {
    transact([&](PgTransaction& tx) { transactions::endSession(tx, sessionId, actor); });
}

// This instance's listener hears its own change before the write returns (its caches must not
// answer the next request from what the change ended); the NOTIFY brings it again, harmlessly.
void PostgresStore::publishAccess(const domain::AccessChange& change) {
    std::lock_guard lock(listenerMutex_);
    if (!listener_) return;
    try {
        listener_->onAccessChanged(change);
    } catch (const std::exception& e) {
        spdlog::error("access change: the listener failed: {}", e.what());
    }
}

void PostgresStore::relayAccess(const std::string& payload) {
    auto change = PgAccessEvent::parse(payload);
    if (!change) {
        spdlog::warn("event feed: ignoring a malformed access notification");
        return;
    }
    publishAccess(*change);
}

std::optional<User> PostgresStore::findUserByEmail(const std::string& email) {
    return read([&](PgConnection& db) { return firstUser(db.run(kUserByEmail, {email})); });
}

std::optional<User> PostgresStore::findUserById(const std::string& id) {
    if (!isId(id)) return std::nullopt;
    return read([&](PgConnection& db) { return firstUser(db.run(kUserById, {id})); });
}

std::vector<User> PostgresStore::allUsers() {
    return read([&](PgConnection& db) {
        auto rows = db.run(kAllUsers);
        std::vector<User> users;
        users.reserve(static_cast<std::size_t>(rows.rows()));
        for (int row = 0; row < rows.rows(); ++row) users.push_back(readUser(rows, row));
        return users;
    });
}

std::vector<Case> PostgresStore::listCases(const domain::CaseFilter& filter) {
    const PgParams params = filterParams(filter);
    return read([&](PgConnection& db) {
        auto rows = db.run(caseStatements().list, params);
        std::vector<Case> cases;
        cases.reserve(static_cast<std::size_t>(rows.rows()));
        for (int row = 0; row < rows.rows(); ++row) cases.push_back(readCase(rows, row));
        return cases;
    });
}

std::optional<Case> PostgresStore::findCase(const std::string& id) {
    if (!isId(id)) return std::nullopt;
    return read(
        [&](PgConnection& db) { return firstCase(db.run(caseStatements().selectById, {id})); });
}

Case PostgresStore::createCase(const domain::CaseDraft& draft, const Actor& actor) {
    Case created = domain::newCaseFrom(draft);
    return transact([&](PgTransaction& tx) {
        return transactions::createCase(tx, created, draft.orderIndex, actor);
    });
}

Case PostgresStore::updateCase(const std::string& id, const domain::CasePatch& patch,
                               std::optional<std::int64_t> expectedVersion, const Actor& actor) {
    return transact([&](PgTransaction& tx) {
        return transactions::updateCase(tx, id, patch, expectedVersion, actor);
    });
}

void PostgresStore::createCaseThen(const domain::CaseDraft& draft, const Actor& actor,
                                   Completion<Case> done) {
    boost::asio::post(writers_, [this, draft, actor, done = std::move(done)] {
        complete(done, [&] { return createCase(draft, actor); });
    });
}

void PostgresStore::updateCaseThen(const std::string& id, const domain::CasePatch& patch,
                                   std::optional<std::int64_t> expectedVersion, const Actor& actor,
                                   Completion<Case> done) {
    boost::asio::post(writers_, [this, id, patch, expectedVersion, actor, done = std::move(done)] {
        complete(done, [&] { return updateCase(id, patch, expectedVersion, actor); });
    });
}

void PostgresStore::deleteCase(const std::string& id, const Actor& actor) {
    transact([&](PgTransaction& tx) { transactions::deleteCase(tx, id, actor); });
}

std::vector<Case> PostgresStore::moveCases(const std::vector<domain::CaseMove>& moves,
                                           const Actor& actor) {
    return transact([&](PgTransaction& tx) { return transactions::moveCases(tx, moves, actor); });
}

Case PostgresStore::restoreCase(const std::string& id, const Actor& actor) {
    return transact([&](PgTransaction& tx) { return transactions::restoreCase(tx, id, actor); });
}

Case PostgresStore::cancelCase(const std::string& id, const domain::Cancellation& cancellation,
                               const Actor& actor) {
    return transact(
        [&](PgTransaction& tx) { return transactions::cancelCase(tx, id, cancellation, actor); });
}

std::vector<Case> PostgresStore::theatreArrivals(const domain::ReportPeriod& period) {
    return read([&](PgConnection& db) { return selectTheatreArrivals(db, period); });
}

domain::CountsByReason PostgresStore::cancellationCounts(const domain::ReportPeriod& period) {
    return read([&](PgConnection& db) { return countCancellations(db, period); });
}

std::optional<Case> PostgresStore::announceClock(const std::string& id, std::int64_t version,
                                                 std::string_view clock) {
    return transact(
        [&](PgTransaction& tx) { return transactions::announceClock(tx, id, version, clock); });
}

std::vector<domain::TheatreSession> PostgresStore::listSessions(const domain::SessionRange& range) {
    return read([&](PgConnection& db) { return selectTheatreSessions(db, range); });
}

std::optional<domain::TheatreSession> PostgresStore::findSession(const std::string& id) {
    return read([&](PgConnection& db) { return selectTheatreSession(db, id, false); });
}

domain::TheatreSession PostgresStore::createSession(const domain::TheatreSession& draft,
                                                    const Actor& actor) {
    return transact(
        [&](PgTransaction& tx) { return transactions::createSession(tx, draft, actor); });
}

domain::TheatreSession PostgresStore::updateSession(const std::string& id,
                                                    const domain::SessionPatch& patch,
                                                    const Actor& actor) {
    return transact(
        [&](PgTransaction& tx) { return transactions::updateSession(tx, id, patch, actor); });
}

void PostgresStore::deleteSession(const std::string& id, const Actor& actor) {
    transact([&](PgTransaction& tx) { transactions::deleteSession(tx, id, actor); });
}

void PostgresStore::recordAudit(const AuditEntry& entry) {
    transact([&](PgTransaction& tx) { transactions::recordAudit(tx, entry); });
}

std::vector<AuditEntry> PostgresStore::caseHistory(const std::string& caseId,
                                                   domain::HistoryPage page) {
    if (!isId(caseId)) return {};
    PgParams params{caseId, std::to_string(page.limit), std::to_string(page.offset)};
    return read([&](PgConnection& db) { return readAudit(db.run(kCaseHistory, params)); });
}

std::vector<AuditEntry> PostgresStore::auditTrail(const domain::AuditFilter& filter) {
    if (filter.caseId && !isId(*filter.caseId)) return {};  // no case has that id
    PgParams params{filter.user,
                    filter.caseId,
                    filter.action,
                    filter.from ? PgValue(filter.from->str()) : std::nullopt,
                    filter.to ? PgValue(filter.to->nextDay().str()) : std::nullopt,
                    std::to_string(filter.limit),
                    std::to_string(filter.offset)};
    return read([&](PgConnection& db) { return readAudit(db.run(kAuditTrail, params)); });
}

bool PostgresStore::ready() {
    // An instance whose event feed is down would leave its screens behind: not ready either.
    if (feed_ && !feed_->connected()) return false;
    try {
        return read([&](PgConnection& db) { return db.run(kPing).rows() == 1; });
    } catch (const std::exception&) {
        return false;
    }
}

// Outside any transaction: NOTIFY goes out at once, and nothing is written to a table. Not
// retried on a fresh connection: a NOTIFY that did go out would then arrive twice.
void PostgresStore::publishMessage(const std::string& fromEmail, const std::string& text) {
    auto payload = PgMessage{fromEmail, text}.payload();
    if (!payload) {
        spdlog::warn("chat: a text of {} bytes is too long for one NOTIFY; not relayed",
                     text.size());
        return;
    }
    auto connection = pool_->acquire();
    connection->run(kNotify, {std::string(kMessageChannel), *payload});
}

std::size_t PostgresStore::importUsers(const std::vector<User>& users) {
    return transact([&](PgTransaction& tx) {
        std::size_t inserted = 0;
        for (const auto& user : users) inserted += tx.importUser(user) ? 1 : 0;
        return inserted;
    });
}

std::size_t PostgresStore::importCases(const std::vector<Case>& cases) {
    return transact([&](PgTransaction& tx) {
        std::size_t inserted = 0;
        for (const auto& c : cases) inserted += tx.importCase(c) ? 1 : 0;
        return inserted;
    });
}

std::size_t PostgresStore::importSessions(const std::vector<domain::TheatreSession>& sessions) {
    return transact([&](PgTransaction& tx) {
        std::size_t inserted = 0;
        for (const auto& session : sessions) {
            if (!tx.importSession(session)) continue;
            ++inserted;
            for (std::size_t i = 0; i < session.caseIds.size(); ++i) {
                tx.setSessionPosition(session.caseIds[i], static_cast<std::int64_t>(i) + 1);
            }
        }
        return inserted;
    });
}

std::size_t PostgresStore::countSessions(const std::vector<std::string>& ids) {
    return read([&](PgConnection& db) { return countTheatreSessions(db, ids); });
}

std::size_t PostgresStore::countUsers(const std::vector<std::string>& ids) {
    return read([&](PgConnection& db) {
        return static_cast<std::size_t>(db.run(kCountUsers, {textArray(ids)}).integer(0, 0));
    });
}

std::size_t PostgresStore::countCases(const std::vector<std::string>& ids) {
    return read([&](PgConnection& db) {
        return static_cast<std::size_t>(db.run(kCountCases, {textArray(ids)}).integer(0, 0));
    });
}

// Screens' text needs nothing from the database, so it goes out at once; the batch's case
// events follow in their commit order.
void PostgresStore::deliver(PgConnection& connection,
                            const std::vector<PgListener::Notification>& notifications) {
    std::vector<std::string> eventPayloads;
    for (const auto& notification : notifications) {
        if (notification.channel == kMessageChannel) {
            relayMessage(notification.payload);
        } else if (notification.channel == kAccessChannel) {
            relayAccess(notification.payload);
        } else {
            eventPayloads.push_back(notification.payload);
        }
    }
    if (!eventPayloads.empty()) deliverEvents(connection, eventPayloads);
}

void PostgresStore::relayMessage(const std::string& payload) {
    auto message = PgMessage::parse(payload);
    if (!message) {
        // The length only: the payload is someone's text.
        spdlog::warn("event feed: ignoring a malformed screen message ({} bytes)", payload.size());
        return;
    }
    std::lock_guard lock(listenerMutex_);
    if (!listener_) return;
    try {
        listener_->onMessage(message->fromEmail, message->text);
    } catch (const std::exception& e) {
        spdlog::error("event feed: the message listener failed: {}", e.what());
    }
}

void PostgresStore::deliverEvents(PgConnection& connection,
                                  const std::vector<std::string>& payloads) {
    std::vector<PgEvent> events;
    std::vector<std::string> wanted;
    std::vector<std::string> wantedSessions;
    for (const auto& payload : payloads) {
        auto event = PgEvent::parse(payload);
        if (!event) {
            spdlog::warn("event feed: ignoring a notification that is not Caseboard's");
            continue;
        }
        if (event->kind != ChangeKind::Delete) {
            auto& ids = event->sessionId.empty() ? wanted : wantedSessions;
            const auto& id = event->sessionId.empty() ? event->caseId : event->sessionId;
            if (isId(id)) ids.push_back(id);
        }
        events.push_back(std::move(*event));
    }
    // The cases as they are now, in one query for the whole batch. A case changed again since
    // is shown as it now is (its own event follows); one deleted since goes without "data" (the
    // seed's event shape: clients refetch, and the delete follows).
    std::unordered_map<std::string, Case> current;
    if (!wanted.empty()) {
        auto rows = connection.run(caseStatements().selectByIds, {textArray(wanted)});
        for (int row = 0; row < rows.rows(); ++row) {
            auto c = readCase(rows, row);
            current.emplace(c.id, std::move(c));
        }
    }
    // The same for sessions; one deleted since is not announced (its deletion follows).
    std::unordered_map<std::string, domain::TheatreSession> sessions;
    for (auto& session : selectTheatreSessionsByIds(connection, wantedSessions)) {
        std::string id = session.id;
        sessions.emplace(std::move(id), std::move(session));
    }
    {
        std::lock_guard lock(listenerMutex_);
        for (const auto& event : events) {
            if (!listener_) continue;
            try {
                if (event.sessionId.empty()) {
                    listener_->onCommitted(caseChangeOf(event, current));
                } else if (auto change = sessionChangeOf(event, sessions)) {
                    listener_->onSessionChanged(*change);
                }
            } catch (const std::exception& e) {
                spdlog::error("event feed: the change listener failed: {}", e.what());
            }
        }
    }
    for (const auto& event : events) {
        if (event.origin == instanceId_) tracker_.delivered(event.seq);
    }
}

CaseChange PostgresStore::caseChangeOf(const PgEvent& event,
                                       const std::unordered_map<std::string, Case>& current) {
    CaseChange change{event.kind, event.caseId, std::nullopt, event.clock};
    if (event.kind != ChangeKind::Delete) {
        if (auto found = current.find(event.caseId); found != current.end()) {
            change.after = found->second;
        }
    }
    return change;
}

std::optional<domain::SessionChange> PostgresStore::sessionChangeOf(
    const PgEvent& event, const std::unordered_map<std::string, domain::TheatreSession>& current) {
    if (event.kind == ChangeKind::Delete)
        return domain::SessionChange{event.sessionId, std::nullopt};
    auto found = current.find(event.sessionId);
    if (found == current.end()) return std::nullopt;
    return domain::SessionChange{event.sessionId, found->second};
}

void PostgresStore::resync() {
    std::lock_guard lock(listenerMutex_);
    if (!listener_) return;
    try {
        listener_->onResync();
    } catch (const std::exception& e) {
        spdlog::error("event feed: resync failed: {}", e.what());
    }
}

}  // namespace caseboard::store::postgres
