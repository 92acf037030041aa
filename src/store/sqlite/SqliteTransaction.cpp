#include "store/sqlite/SqliteTransaction.hpp"

#include <boost/json.hpp>

#include "domain/CaseFields.hpp"
#include "domain/Clock.hpp"
#include "store/sqlite/SqliteCaseSql.hpp"
#include "store/sqlite/SqliteRows.hpp"
#include "store/sqlite/SqliteSessions.hpp"

namespace caseboard::store::sqlite {

using domain::AuditEntry;
using domain::Case;
using domain::User;

std::optional<Case> SqliteTransaction::caseForUpdate(const std::string& id) {
    return selectCase(db_, id);
}

std::int64_t SqliteTransaction::nextOrderIndex(const std::string& section) {
    auto last =
        db_.prepare("SELECT COALESCE(MAX(order_index), 0) + 1 FROM cases WHERE section = ?1");
    last.bind(1, section);
    last.step();
    return last.integer(0);
}

// The create entry goes first: its id is the case's audit key (see SqliteRows.hpp).
void SqliteTransaction::insertNewCase(const Case& created, const AuditEntry& entry) {
    insertCase(created, insertAuditEntry(entry, false));
}

// Back under the key its entries are filed under, which its delete entry still holds.
void SqliteTransaction::reinsertCase(const Case& restored, const AuditEntry& entry) {
    insertCase(restored, *auditKey(db_, restored.id));
    insertAudit(entry);
}

void SqliteTransaction::insertCase(const Case& c, std::int64_t auditKey) {
    auto insert = db_.prepare(caseSql().insert);
    bindCase(insert, c);
    insert.bind(static_cast<int>(domain::kStoredCaseFieldCount) + 1, auditKey);
    insert.run();
}

void SqliteTransaction::storeCase(const Case& c) {
    auto update = db_.prepare(caseSql().update);
    bindCase(update, c);
    update.run();
}

void SqliteTransaction::deleteCase(const std::string& id) {
    db_.prepare("DELETE FROM cases WHERE id = ?1").bind(1, id).run();
}

// Changes no row when the mark is there already: an earlier run announced it.
bool SqliteTransaction::claimClock(const std::string& id, const std::string& mark) {
    db_.prepare("UPDATE cases SET clock_announced = ?2 WHERE id = ?1 AND clock_announced IS NOT ?2")
        .bind(1, id)
        .bind(2, mark)
        .run();
    return db_.changedRows() > 0;
}

std::vector<AuditEntry> SqliteTransaction::caseEntries(const std::string& caseId) {
    return sqlite::caseEntries(db_, caseId);
}

void SqliteTransaction::insertAudit(const AuditEntry& entry) {
    insertAuditEntry(entry, true);
}

std::int64_t SqliteTransaction::insertAuditEntry(const AuditEntry& entry, bool filedUnderItsCase) {
    // A create's case does not exist yet: looking up its key would only search the index.
    auto insert = db_.prepare(
        filedUnderItsCase
            ? "INSERT INTO audit (at, user_id, email, action, case_id, target_user, changes,"
              " session_id, case_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
              " (SELECT audit_key FROM cases WHERE id = ?5))"
            : "INSERT INTO audit (at, user_id, email, action, case_id, target_user, changes,"
              " session_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    insert.bind(1, entry.at).bind(2, entry.userId).bind(3, entry.email).bind(4, entry.action);
    insert.bind(5, entry.caseId).bind(6, entry.targetUser);
    insert.bind(7, boost::json::serialize(entry.changes)).bind(8, entry.sessionId);
    insert.run();
    return db_.lastInsertedRowid();
}

std::int64_t SqliteTransaction::count(const char* query) {
    auto select = db_.prepare(query);
    select.step();
    return select.integer(0);
}

std::int64_t SqliteTransaction::countUsers() {
    return count("SELECT count(*) FROM users");
}

std::int64_t SqliteTransaction::countActiveAdmins() {
    return count("SELECT count(*) FROM users WHERE role = 'admin' AND active = 1");
}

std::optional<User> SqliteTransaction::userById(const std::string& id) {
    return selectUser(db_, "id", id);
}

std::optional<User> SqliteTransaction::userByEmail(const std::string& email) {
    return selectUser(db_, "email", email);
}

void SqliteTransaction::insertUser(const User& user) {
    auto insert = db_.prepare(
        sql("INSERT INTO users (", kUserColumns, ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
    insert.bind(1, user.id).bind(2, user.email).bind(3, user.passwordHash);
    insert.bind(4, user.createdAt).bind(5, std::string(domain::roleName(user.role)));
    insert.bind(6, std::int64_t{user.active}).bind(7, std::string(domain::sourceName(user.source)));
    insert.run();
}

void SqliteTransaction::setRole(const std::string& userId, domain::Role role) {
    db_.prepare("UPDATE users SET role = ?2 WHERE id = ?1")
        .bind(1, userId)
        .bind(2, std::string(domain::roleName(role)))
        .run();
}

void SqliteTransaction::setActive(const std::string& userId, bool active) {
    db_.prepare("UPDATE users SET active = ?2 WHERE id = ?1")
        .bind(1, userId)
        .bind(2, std::int64_t{active})
        .run();
}

bool SqliteTransaction::setPasswordHash(const std::string& userId,
                                        const std::string& passwordHash) {
    db_.prepare("UPDATE users SET password_hash = ?2 WHERE id = ?1")
        .bind(1, userId)
        .bind(2, passwordHash)
        .run();
    return db_.changedRows() > 0;
}

void SqliteTransaction::pruneSessions(std::int64_t now) {
    db_.prepare("DELETE FROM sessions WHERE expires_at < ?1").bind(1, now).run();
}

void SqliteTransaction::insertSession(const std::string& id, const domain::SessionStart& start,
                                      const std::string& createdAt) {
    auto insert = db_.prepare(
        "INSERT INTO sessions (id, user_id, method, created_at, expires_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5)");
    insert.bind(1, id).bind(2, start.userId).bind(3, start.method);
    insert.bind(4, createdAt).bind(5, start.expiresAt).run();
}

std::optional<std::string> SqliteTransaction::endSession(const std::string& sessionId,
                                                         const std::string& endedAt) {
    auto live = db_.prepare("SELECT user_id FROM sessions WHERE id = ?1 AND ended_at IS NULL");
    live.bind(1, sessionId);
    if (!live.step()) return std::nullopt;
    std::string userId = live.text(0);
    db_.prepare("UPDATE sessions SET ended_at = ?2 WHERE id = ?1")
        .bind(1, sessionId)
        .bind(2, endedAt)
        .run();
    return userId;
}

void SqliteTransaction::endSessionsOf(const std::string& userId, const std::string& kept,
                                      const std::string& endedAt) {
    auto update = db_.prepare(
        "UPDATE sessions SET ended_at = ?3 WHERE user_id = ?1 AND ended_at IS NULL AND id <> ?2");
    update.bind(1, userId).bind(2, kept).bind(3, endedAt).run();
}

std::optional<domain::TheatreSession> SqliteTransaction::theatreSession(const std::string& id) {
    return selectTheatreSession(db_, id);
}

void SqliteTransaction::insertTheatreSession(const domain::TheatreSession& session) {
    sqlite::insertTheatreSession(db_, session);
}

void SqliteTransaction::storeTheatreSession(const domain::TheatreSession& session) {
    updateTheatreSession(db_, session);
}

void SqliteTransaction::deleteTheatreSession(const std::string& id) {
    db_.prepare("DELETE FROM theatre_sessions WHERE id = ?1").bind(1, id).run();
}

void SqliteTransaction::appendToSession(const std::string& caseId, const std::string& sessionId) {
    db_.prepare(
           "UPDATE cases SET session_position = (SELECT coalesce(max(session_position), 0) + 1"
           " FROM cases WHERE session_id = ?2 AND id <> ?1) WHERE id = ?1")
        .bind(1, caseId)
        .bind(2, sessionId)
        .run();
}

void SqliteTransaction::setSessionPosition(const std::string& caseId, std::int64_t position) {
    db_.prepare("UPDATE cases SET session_position = ?2 WHERE id = ?1")
        .bind(1, caseId)
        .bind(2, position)
        .run();
}

void SqliteTransaction::caseChanged(const domain::CaseChange& change) {
    changes_.push_back(change);
}

void SqliteTransaction::sessionChanged(const domain::SessionChange& change) {
    changes_.push_back(change);
}

// Logged for the access feed (SqliteAccessFeed), which tells a server what another process did;
// an hour is far longer than any server takes to read it.
void SqliteTransaction::accessChanged(const domain::AccessChange& change) {
    const std::int64_t now = domain::unixSeconds();
    db_.prepare("DELETE FROM access_changes WHERE at < ?1").bind(1, now - 3600).run();
    auto insert = db_.prepare(
        "INSERT INTO access_changes (at, user_id, ended_session, all_sessions, kept_session,"
        " reading_ended) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    insert.bind(1, now).bind(2, change.userId).bind(3, change.endedSession);
    insert.bind(4, std::int64_t{change.allSessionsEnded}).bind(5, change.keptSession);
    insert.bind(6, std::int64_t{change.readingEnded}).run();
    accessChange_ = change;
}

}  // namespace caseboard::store::sqlite
