#include "store/sqlite/SqliteStore.hpp"

#include <type_traits>

#include "domain/Clock.hpp"
#include "domain/Uuid.hpp"
#include "store/CaseTransactions.hpp"
#include "store/SessionTransactions.hpp"
#include "store/UserTransactions.hpp"
#include "store/sqlite/Migrations.hpp"
#include "store/sqlite/SqliteCaseSql.hpp"
#include "store/sqlite/SqliteReports.hpp"
#include "store/sqlite/SqliteRows.hpp"
#include "store/sqlite/SqliteSessions.hpp"
#include "store/sqlite/SqliteTransaction.hpp"

namespace caseboard::store::sqlite {

using domain::Actor;
using domain::AuditEntry;
using domain::Case;
using domain::CaseChange;
using domain::User;

SqliteStore::SqliteStore(const std::string& path)
    : readers_(path),
      writer_(
          [&path] {
              auto connection = std::make_unique<Connection>(path, false);
              migrate(*connection);
              return connection;
          }(),
          [this](const domain::StoreChange& change) { publish(change); }) {}

void SqliteStore::setChangeListener(domain::ChangeListener* listener) {
    listener_ = listener;
    if (!listener) return;
    std::call_once(feedStarted_, [this] {
        feed_ = std::make_unique<SqliteAccessFeed>(
            readers_, [this](const domain::AccessChange& change) { publishAccess(change); },
            std::chrono::milliseconds(250));
    });
}

void SqliteStore::publish(const domain::StoreChange& change) {
    if (auto* listener = listener_.load()) domain::tell(*listener, change);
}

void SqliteStore::publishAccess(const domain::AccessChange& change) {
    if (auto* listener = listener_.load()) listener->onAccessChanged(change);
}

// One transaction in the next group commit, waited for; its access change (if any) reaches this
// process's listener once it is durable.
template <typename Transaction>
auto SqliteStore::transact(Transaction transaction) {
    using Result = std::invoke_result_t<Transaction&, SqliteTransaction&>;
    if constexpr (std::is_void_v<Result>) {
        transact([&](SqliteTransaction& tx) {
            transaction(tx);
            return true;
        });
    } else {
        Result result{};
        std::optional<domain::AccessChange> change;
        writer_.write([&](Connection& db, GroupCommitWriter::Changes& changes) {
            SqliteTransaction tx(db, changes);
            result = transaction(tx);
            change = tx.accessChange();
        });
        if (change) publishAccess(*change);
        return result;
    }
}

User SqliteStore::createUser(const domain::NewUser& draft, const std::optional<Actor>& creator) {
    User user{domain::newUuid(), draft.email, draft.passwordHash, domain::nowTimestamp()};
    user.source = draft.source;
    return transact([&](SqliteTransaction& tx) {
        return transactions::createUser(tx, user, draft.role, creator);
    });
}

User SqliteStore::syncDirectoryUser(const std::string& email, domain::UserSource source,
                                    domain::Role role) {
    return transact([&](SqliteTransaction& tx) {
        return transactions::syncDirectoryUser(tx, email, source, role);
    });
}

std::optional<User> SqliteStore::findUserByEmail(const std::string& email) {
    auto db = readers_.acquire();
    return selectUser(*db, "email", email);
}

std::optional<User> SqliteStore::findUserById(const std::string& id) {
    auto db = readers_.acquire();
    return selectUser(*db, "id", id);
}

std::vector<User> SqliteStore::allUsers() {
    auto db = readers_.acquire();
    auto select = db->prepare(sql("SELECT ", kUserColumns, " FROM users ORDER BY created_at, id"));
    std::vector<User> users;
    while (select.step()) users.push_back(readUser(select));
    return users;
}

User SqliteStore::setUserRole(const std::string& userId, domain::Role role, const Actor& actor) {
    return transact(
        [&](SqliteTransaction& tx) { return transactions::setUserRole(tx, userId, role, actor); });
}

User SqliteStore::setUserActive(const std::string& userId, bool active, const Actor& actor) {
    return transact([&](SqliteTransaction& tx) {
        return transactions::setUserActive(tx, userId, active, actor);
    });
}

void SqliteStore::setPassword(const std::string& userId, const std::string& passwordHash,
                              const std::string& keptSession, const Actor& actor) {
    transact([&](SqliteTransaction& tx) {
        transactions::setPassword(tx, userId, passwordHash, keptSession, actor);
    });
}

std::string SqliteStore::openSession(const domain::SessionStart& start, const Actor& actor) {
    std::string id = domain::newUuid();
    transact([&](SqliteTransaction& tx) { transactions::openSession(tx, id, start, actor); });
    return id;
}

std::optional<User> SqliteStore::sessionUser(const std::string& sessionId) {
    auto db = readers_.acquire();
    auto select = db->prepare(
        "SELECT u.id, u.email, u.password_hash, u.created_at, u.role, u.active, u.source"
        " FROM sessions s JOIN users u ON u.id = s.user_id"
        " WHERE s.id = ?1 AND s.ended_at IS NULL AND u.active = 1");
    select.bind(1, sessionId);
    if (!select.step()) return std::nullopt;
    return readUser(select);
}

void SqliteStore::endSession(const std::string& sessionId, const Actor& actor) {
    transact([&](SqliteTransaction& tx) { transactions::endSession(tx, sessionId, actor); });
}

std::vector<Case> SqliteStore::listCases(const domain::CaseFilter& filter) {
    auto db = readers_.acquire();
    auto select = db->prepare(caseSql().list);
    bindFilter(select, filter);
    std::vector<Case> cases;
    while (select.step()) cases.push_back(readCase(select));
    return cases;
}

std::optional<Case> SqliteStore::findCase(const std::string& id) {
    auto db = readers_.acquire();
    return selectCase(*db, id);
}

GroupCommitWriter::Work SqliteStore::createWork(std::optional<std::int64_t> orderIndex, Actor actor,
                                                Case& created) {
    return [orderIndex, actor = std::move(actor), &created](Connection& db,
                                                            GroupCommitWriter::Changes& changes) {
        SqliteTransaction tx(db, changes);
        created = transactions::createCase(tx, created, orderIndex, actor);
    };
}

GroupCommitWriter::Work SqliteStore::updateWork(std::string id, domain::CasePatch patch,
                                                std::optional<std::int64_t> expectedVersion,
                                                Actor actor, Case& result) {
    return [id = std::move(id), patch = std::move(patch), expectedVersion, actor = std::move(actor),
            &result](Connection& db, GroupCommitWriter::Changes& changes) {
        SqliteTransaction tx(db, changes);
        result = transactions::updateCase(tx, id, patch, expectedVersion, actor);
    };
}

// The case the work fills in lives with the completion, which the writer keeps until it runs.
void SqliteStore::submitCaseWrite(std::shared_ptr<Case> result, GroupCommitWriter::Work work,
                                  store::Completion<Case> done) {
    writer_.submit(std::move(work), [result, done = std::move(done)](std::exception_ptr error) {
        done(error ? Case{} : std::move(*result), error);
    });
}

Case SqliteStore::createCase(const domain::CaseDraft& draft, const Actor& actor) {
    Case created = domain::newCaseFrom(draft);
    writer_.write(createWork(draft.orderIndex, actor, created));
    return created;
}

void SqliteStore::createCaseThen(const domain::CaseDraft& draft, const Actor& actor,
                                 store::Completion<Case> done) {
    auto created = std::make_shared<Case>(domain::newCaseFrom(draft));
    auto work = createWork(draft.orderIndex, actor, *created);
    submitCaseWrite(std::move(created), std::move(work), std::move(done));
}

Case SqliteStore::updateCase(const std::string& id, const domain::CasePatch& patch,
                             std::optional<std::int64_t> expectedVersion, const Actor& actor) {
    Case result;
    writer_.write(updateWork(id, patch, expectedVersion, actor, result));
    return result;
}

void SqliteStore::updateCaseThen(const std::string& id, const domain::CasePatch& patch,
                                 std::optional<std::int64_t> expectedVersion, const Actor& actor,
                                 store::Completion<Case> done) {
    auto result = std::make_shared<Case>();
    auto work = updateWork(id, patch, expectedVersion, actor, *result);
    submitCaseWrite(std::move(result), std::move(work), std::move(done));
}

void SqliteStore::deleteCase(const std::string& id, const Actor& actor) {
    transact([&](SqliteTransaction& tx) { transactions::deleteCase(tx, id, actor); });
}

std::vector<Case> SqliteStore::moveCases(const std::vector<domain::CaseMove>& moves,
                                         const Actor& actor) {
    return transact(
        [&](SqliteTransaction& tx) { return transactions::moveCases(tx, moves, actor); });
}

Case SqliteStore::restoreCase(const std::string& id, const Actor& actor) {
    return transact(
        [&](SqliteTransaction& tx) { return transactions::restoreCase(tx, id, actor); });
}

Case SqliteStore::cancelCase(const std::string& id, const domain::Cancellation& cancellation,
                             const Actor& actor) {
    return transact([&](SqliteTransaction& tx) {
        return transactions::cancelCase(tx, id, cancellation, actor);
    });
}

std::vector<Case> SqliteStore::theatreArrivals(const domain::ReportPeriod& period) {
    auto db = readers_.acquire();
    return selectTheatreArrivals(*db, period);
}

domain::CountsByReason SqliteStore::cancellationCounts(const domain::ReportPeriod& period) {
    auto db = readers_.acquire();
    return countCancellations(*db, period);
}

std::optional<Case> SqliteStore::announceClock(const std::string& id, std::int64_t version,
                                               std::string_view clock) {
    return transact(
        [&](SqliteTransaction& tx) { return transactions::announceClock(tx, id, version, clock); });
}

std::vector<domain::TheatreSession> SqliteStore::listSessions(const domain::SessionRange& range) {
    auto db = readers_.acquire();
    return selectTheatreSessions(*db, range);
}

std::optional<domain::TheatreSession> SqliteStore::findSession(const std::string& id) {
    auto db = readers_.acquire();
    return selectTheatreSession(*db, id);
}

domain::TheatreSession SqliteStore::createSession(const domain::TheatreSession& draft,
                                                  const Actor& actor) {
    return transact(
        [&](SqliteTransaction& tx) { return transactions::createSession(tx, draft, actor); });
}

domain::TheatreSession SqliteStore::updateSession(const std::string& id,
                                                  const domain::SessionPatch& patch,
                                                  const Actor& actor) {
    return transact(
        [&](SqliteTransaction& tx) { return transactions::updateSession(tx, id, patch, actor); });
}

void SqliteStore::deleteSession(const std::string& id, const Actor& actor) {
    transact([&](SqliteTransaction& tx) { transactions::deleteSession(tx, id, actor); });
}

void SqliteStore::recordAudit(const AuditEntry& entry) {
    transact([&](SqliteTransaction& tx) { transactions::recordAudit(tx, entry); });
}

std::vector<AuditEntry> SqliteStore::caseHistory(const std::string& caseId,
                                                 domain::HistoryPage page) {
    auto db = readers_.acquire();
    return caseEntries(*db, caseId, page.limit, page.offset);
}

std::vector<AuditEntry> SqliteStore::auditTrail(const domain::AuditFilter& filter) {
    auto db = readers_.acquire();
    // Dates are UTC days: from the first instant of `from` to the last of `to`.
    auto select =
        db->prepare(sql("SELECT ", kAuditColumns,
                        " FROM audit WHERE (?1 IS NULL OR user_id = ?1 OR email = lower(?1))"
                        " AND (?2 IS NULL OR case_id = ?2) AND (?3 IS NULL OR action = ?3)"
                        " AND (?4 IS NULL OR at >= ?4) AND (?5 IS NULL OR at < ?5)"
                        " ORDER BY id DESC LIMIT ?6 OFFSET ?7"));
    select.bind(1, filter.user).bind(2, filter.caseId).bind(3, filter.action);
    select.bind(4, filter.from ? std::optional<std::string>(filter.from->str()) : std::nullopt);
    select.bind(5,
                filter.to ? std::optional<std::string>(filter.to->afterLastTime()) : std::nullopt);
    select.bind(6, std::int64_t{filter.limit}).bind(7, std::int64_t{filter.offset});
    return selectAudit(select);
}

void SqliteStore::publishMessage(const std::string& fromEmail, const std::string& text) {
    if (auto* listener = listener_.load()) listener->onMessage(fromEmail, text);
}

bool SqliteStore::ready() {
    try {
        auto db = readers_.acquire();
        auto probe = db->prepare("SELECT 1");
        return probe.step();
    } catch (const std::exception&) {
        return false;
    }
}

}  // namespace caseboard::store::sqlite
