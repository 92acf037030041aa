#include "store/sqlite/SqliteStore.hpp"

#include <boost/json.hpp>

#include <array>

#include "domain/CaseRevision.hpp"
#include "domain/Clock.hpp"
#include "domain/Uuid.hpp"
#include "store/StoreErrors.hpp"
#include "store/sqlite/Migrations.hpp"

namespace caseboard::store::sqlite {

using domain::Actor;
using domain::AuditEntry;
using domain::Case;
using domain::CaseChange;
using domain::ChangeKind;
using domain::User;

namespace {

constexpr std::string_view kCaseColumns =
    "id, name, diagnosis, outcome, section, surgery_date, order_index, archived, created_at, "
    "updated_at, version, hospital_number, ward, consultant, date_of_injury, theatre_slot, notes";
constexpr std::string_view kUserColumns =
    "id, email, password_hash, created_at, role, active, source";
constexpr std::string_view kAuditColumns =
    "id, at, user_id, email, action, case_id, target_user, changes";

std::string sql(std::string_view before, std::string_view columns, std::string_view after) {
    return std::string(before) + std::string(columns) + std::string(after);
}

Case readCase(const Statement& row) {
    Case c;
    c.id = row.text(0);
    c.name = row.text(1);
    c.diagnosis = row.text(2);
    c.outcome = row.text(3);
    c.section = row.text(4);
    c.surgeryDate = row.optionalText(5);
    c.orderIndex = row.integer(6);
    c.archived = row.integer(7) != 0;
    c.createdAt = row.text(8);
    c.updatedAt = row.text(9);
    c.version = row.integer(10);
    c.hospitalNumber = row.optionalText(11);
    c.ward = row.text(12);
    c.consultant = row.text(13);
    c.dateOfInjury = row.optionalText(14);
    c.theatreSlot = row.optionalText(15);
    c.notes = row.text(16);
    return c;
}

User readUser(const Statement& row) {
    User user{row.text(0), row.text(1), row.text(2), row.text(3)};
    user.role = domain::parseRole(row.text(4)).value_or(domain::Role::Pending);
    user.active = row.integer(5) != 0;
    user.source = domain::parseSource(row.text(6));
    return user;
}

AuditEntry readAudit(const Statement& row) {
    AuditEntry entry;
    entry.id = row.integer(0);
    entry.at = row.text(1);
    entry.userId = row.text(2);
    entry.email = row.text(3);
    entry.action = row.text(4);
    entry.caseId = row.optionalText(5);
    entry.targetUser = row.optionalText(6);
    boost::system::error_code ec;
    auto changes = boost::json::parse(row.text(7), ec);
    if (!ec && changes.is_object()) entry.changes = std::move(changes.get_object());
    return entry;
}

std::optional<Case> selectCase(Connection& db, const std::string& id) {
    auto select = db.prepare(sql("SELECT ", kCaseColumns, " FROM cases WHERE id = ?1"));
    select.bind(1, id);
    if (!select.step()) return std::nullopt;
    return readCase(select);
}

std::optional<User> selectUser(Connection& db, std::string_view column, const std::string& value) {
    auto select = db.prepare(sql("SELECT ", kUserColumns, " FROM users WHERE ") +
                             std::string(column) + " = ?1");
    select.bind(1, value);
    if (!select.step()) return std::nullopt;
    return readUser(select);
}

// Binds every column of c, in kCaseColumns order, from parameter 1.
void bindCase(Statement& statement, const Case& c) {
    statement.bind(1, c.id).bind(2, c.name).bind(3, c.diagnosis).bind(4, c.outcome);
    statement.bind(5, c.section).bind(6, c.surgeryDate).bind(7, c.orderIndex);
    statement.bind(8, std::int64_t{c.archived}).bind(9, c.createdAt).bind(10, c.updatedAt);
    statement.bind(11, c.version).bind(12, c.hospitalNumber).bind(13, c.ward);
    statement.bind(14, c.consultant).bind(15, c.dateOfInjury).bind(16, c.theatreSlot);
    statement.bind(17, c.notes);
}

// auditKey: see insertAudit.
void insertCase(Connection& db, const Case& c, std::int64_t auditKey) {
    auto insert =
        db.prepare(sql("INSERT INTO cases (", kCaseColumns,
                       ", audit_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
                       " ?12, ?13, ?14, ?15, ?16, ?17, ?18)"));
    bindCase(insert, c);
    insert.bind(18, auditKey);
    insert.run();
}

// Writes every column of c over the stored row with the same id.
void storeCase(Connection& db, const Case& c) {
    auto update = db.prepare(
        "UPDATE cases SET name = ?2, diagnosis = ?3, outcome = ?4, section = ?5,"
        " surgery_date = ?6, order_index = ?7, archived = ?8, created_at = ?9, updated_at = ?10,"
        " version = ?11, hospital_number = ?12, ward = ?13, consultant = ?14,"
        " date_of_injury = ?15, theatre_slot = ?16, notes = ?17 WHERE id = ?1");
    bindCase(update, c);
    update.run();
}

// A case's entries are filed under its audit key: the id of its "create" entry, which is written
// just before the case and so is filed under no key itself. An index on the case's own id, a
// random UUID, took one more random page per create into every commit; keys only grow, so new
// entries land at the index's end. The entries of a case are its create entry and those filed
// under its key. Returns the new entry's id.
std::int64_t insertAudit(Connection& db, const AuditEntry& entry, bool filedUnderItsCase = true) {
    // A create's case does not exist yet: looking up its key would only search the index.
    auto insert = db.prepare(
        filedUnderItsCase
            ? "INSERT INTO audit (at, user_id, email, action, case_id, target_user, changes,"
              " case_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
              " (SELECT audit_key FROM cases WHERE id = ?5))"
            : "INSERT INTO audit (at, user_id, email, action, case_id, target_user, changes)"
              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    insert.bind(1, entry.at).bind(2, entry.userId).bind(3, entry.email).bind(4, entry.action);
    insert.bind(5, entry.caseId).bind(6, entry.targetUser);
    insert.bind(7, boost::json::serialize(entry.changes));
    insert.run();
    return db.lastInsertedRowid();
}

// The entry that records a case going from before to after. Returns its id.
std::int64_t auditCase(Connection& db, const std::string& action, const Actor& actor,
                       const std::string& caseId, const std::optional<Case>& before,
                       const std::optional<Case>& after) {
    // The entry lives only until it is written: its JSON is built in one arena on the stack
    // instead of a heap block per field.
    std::array<unsigned char, 16384> buffer;
    boost::json::monotonic_resource arena(buffer.data(), buffer.size());
    auto entry =
        domain::auditEntry(action, actor, caseId, domain::caseChanges(before, after, &arena));
    return insertAudit(db, entry, action != "create");
}

std::vector<AuditEntry> selectAudit(Statement& select) {
    std::vector<AuditEntry> entries;
    while (select.step()) entries.push_back(readAudit(select));
    return entries;
}

// The audit key of a case that exists or was deleted (its delete entries are indexed by case id).
std::optional<std::int64_t> auditKey(Connection& db, const std::string& caseId) {
    auto select = db.prepare(
        "SELECT audit_key FROM cases WHERE id = ?1"
        " UNION ALL SELECT case_key FROM audit WHERE case_id = ?1 AND action = 'delete' LIMIT 1");
    select.bind(1, caseId);
    if (!select.step()) return std::nullopt;
    return select.integer(0);
}

// Oldest first, `limit` of them (-1: all) from `offset`; none for a case that never existed.
std::vector<AuditEntry> caseEntries(Connection& db, const std::string& caseId,
                                    std::int64_t limit = -1, std::int64_t offset = 0) {
    auto key = auditKey(db, caseId);
    if (!key) return {};
    auto select = db.prepare(sql("SELECT ", kAuditColumns,
                                 " FROM audit WHERE id = ?1 OR case_key = ?1 ORDER BY id"
                                 " LIMIT ?2 OFFSET ?3"));
    select.bind(1, *key).bind(2, limit).bind(3, offset);
    return selectAudit(select);
}

std::int64_t count(Connection& db, const std::string& query, const std::string& parameter = {}) {
    auto select = db.prepare(query);
    if (!parameter.empty()) select.bind(1, parameter);
    select.step();
    return select.integer(0);
}

void insertUser(Connection& db, const User& user) {
    auto insert = db.prepare(
        sql("INSERT INTO users (", kUserColumns, ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
    insert.bind(1, user.id).bind(2, user.email).bind(3, user.passwordHash);
    insert.bind(4, user.createdAt).bind(5, std::string(domain::roleName(user.role)));
    insert.bind(6, std::int64_t{user.active}).bind(7, std::string(domain::sourceName(user.source)));
    insert.run();
}

// Whether taking `user`'s admin rights (a demotion, a deactivation) would leave nobody to manage
// the others.
bool isLastActiveAdmin(Connection& db, const User& user) {
    return user.role == domain::Role::Admin && user.active &&
           count(db, "SELECT count(*) FROM users WHERE role = 'admin' AND active = 1") <= 1;
}

// Ends the live sessions of a user, all but `kept`.
void endSessionsOf(Connection& db, const std::string& userId, const std::string& kept) {
    auto update = db.prepare(
        "UPDATE sessions SET ended_at = ?3 WHERE user_id = ?1 AND ended_at IS NULL AND id <> ?2");
    update.bind(1, userId).bind(2, kept).bind(3, domain::nowTimestamp()).run();
}

// Logged for the access feed (SqliteAccessFeed), which tells a server what another process did;
// an hour is far longer than any server takes to read it.
void logAccessChange(Connection& db, const domain::AccessChange& change) {
    const std::int64_t now = domain::unixSeconds();
    db.prepare("DELETE FROM access_changes WHERE at < ?1").bind(1, now - 3600).run();
    auto insert = db.prepare(
        "INSERT INTO access_changes (at, user_id, ended_session, all_sessions, kept_session,"
        " reading_ended) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    insert.bind(1, now).bind(2, change.userId).bind(3, change.endedSession);
    insert.bind(4, std::int64_t{change.allSessionsEnded}).bind(5, change.keptSession);
    insert.bind(6, std::int64_t{change.readingEnded}).run();
}

}  // namespace

SqliteStore::SqliteStore(const std::string& path)
    : readers_(path),
      writer_(
          [&path] {
              auto connection = std::make_unique<Connection>(path, false);
              migrate(*connection);
              return connection;
          }(),
          [this](const CaseChange& change) { publish(change); }) {}

void SqliteStore::setChangeListener(domain::ChangeListener* listener) {
    listener_ = listener;
    if (!listener) return;
    std::call_once(feedStarted_, [this] {
        feed_ = std::make_unique<SqliteAccessFeed>(
            readers_, [this](const domain::AccessChange& change) { publishAccess(change); },
            std::chrono::milliseconds(250));
    });
}

void SqliteStore::publish(const CaseChange& change) {
    if (auto* listener = listener_.load()) listener->onCommitted(change);
}

User SqliteStore::createUser(const domain::NewUser& draft, const std::optional<Actor>& creator) {
    User user{domain::newUuid(), draft.email, draft.passwordHash, domain::nowTimestamp()};
    user.source = draft.source;
    writer_.write([&](Connection& db, GroupCommitWriter::Changes&) {
        if (draft.role) {
            user.role = *draft.role;
        } else {
            user.role = count(db, "SELECT count(*) FROM users") == 0 ? domain::Role::Admin
                                                                     : domain::Role::Editor;
        }
        insertUser(db, user);
        if (creator) {
            insertAudit(db, domain::userEntry("user_create", *creator, user.id,
                                              {{"role", domain::roleName(user.role)}}));
        }
    });
    return user;
}

User SqliteStore::syncDirectoryUser(const std::string& email, domain::UserSource source,
                                    domain::Role role) {
    User user;
    std::optional<domain::AccessChange> change;
    writer_.write([&](Connection& db, GroupCommitWriter::Changes&) {
        change.reset();
        const Actor directory{domain::kNoUser, domain::sourceName(source)};
        auto found = selectUser(db, "email", email);
        if (!found) {
            user = User{domain::newUuid(), email, "", domain::nowTimestamp(), role, true, source};
            insertUser(db, user);
            insertAudit(db, domain::userEntry("user_create", directory, user.id,
                                              {{"role", domain::roleName(role)}}));
            return;
        }
        user = *found;
        if (user.source != source) throw Conflict("the e-mail belongs to another kind of account");
        if (user.role == role) return;
        db.prepare("UPDATE users SET role = ?2 WHERE id = ?1")
            .bind(1, user.id)
            .bind(2, std::string(domain::roleName(role)))
            .run();
        insertAudit(db, domain::roleChangeEntry(directory, user.id, user.role, role));
        user.role = role;
        change = domain::AccessChange{user.id, "", false, "", false};
        logAccessChange(db, *change);
    });
    if (change) publishAccess(*change);
    return user;
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
    User user;
    std::optional<domain::AccessChange> change;
    writer_.write([&](Connection& db, GroupCommitWriter::Changes&) {
        change.reset();
        auto found = selectUser(db, "id", userId);
        if (!found) throw NotFound("user");
        user = *found;
        if (user.role == role) return;
        if (isLastActiveAdmin(db, user)) throw Conflict("the last admin cannot be demoted");
        db.prepare("UPDATE users SET role = ?2 WHERE id = ?1")
            .bind(1, userId)
            .bind(2, std::string(domain::roleName(role)))
            .run();
        insertAudit(db, domain::roleChangeEntry(actor, userId, user.role, role));
        user.role = role;
        change = domain::AccessChange{userId, "", false, "", !domain::mayRead(role)};
        logAccessChange(db, *change);
    });
    if (change) publishAccess(*change);
    return user;
}

User SqliteStore::setUserActive(const std::string& userId, bool active, const Actor& actor) {
    User user;
    std::optional<domain::AccessChange> change;
    writer_.write([&](Connection& db, GroupCommitWriter::Changes&) {
        change.reset();
        auto found = selectUser(db, "id", userId);
        if (!found) throw NotFound("user");
        user = *found;
        if (user.active == active) return;
        if (!active && isLastActiveAdmin(db, user)) {
            throw Conflict("the last active admin cannot be deactivated");
        }
        db.prepare("UPDATE users SET active = ?2 WHERE id = ?1")
            .bind(1, userId)
            .bind(2, std::int64_t{active})
            .run();
        if (!active) endSessionsOf(db, userId, "");
        insertAudit(db,
                    domain::userEntry(active ? "user_activate" : "user_deactivate", actor, userId));
        user.active = active;
        change = domain::AccessChange{userId, "", !active, "", !active};
        logAccessChange(db, *change);
    });
    if (change) publishAccess(*change);
    return user;
}

void SqliteStore::setPassword(const std::string& userId, const std::string& passwordHash,
                              const std::string& keptSession, const Actor& actor) {
    domain::AccessChange change{userId, "", true, keptSession, false};
    writer_.write([&](Connection& db, GroupCommitWriter::Changes&) {
        if (!selectUser(db, "id", userId)) throw NotFound("user");
        db.prepare("UPDATE users SET password_hash = ?2 WHERE id = ?1")
            .bind(1, userId)
            .bind(2, passwordHash)
            .run();
        endSessionsOf(db, userId, keptSession);
        insertAudit(db, domain::userEntry("password_change", actor, userId));
        logAccessChange(db, change);
    });
    publishAccess(change);
}

std::string SqliteStore::openSession(const domain::SessionStart& start, const Actor& actor) {
    std::string id = domain::newUuid();
    writer_.write([&](Connection& db, GroupCommitWriter::Changes&) {
        // A session outlives its token by nothing: those past it are of no more use.
        db.prepare("DELETE FROM sessions WHERE expires_at < ?1")
            .bind(1, domain::unixSeconds())
            .run();
        auto insert = db.prepare(
            "INSERT INTO sessions (id, user_id, method, created_at, expires_at)"
            " VALUES (?1, ?2, ?3, ?4, ?5)");
        insert.bind(1, id).bind(2, start.userId).bind(3, start.method);
        insert.bind(4, domain::nowTimestamp()).bind(5, start.expiresAt).run();
        insertAudit(db,
                    domain::auditEntry("login", actor, std::nullopt, {{"method", start.method}}));
    });
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
    std::optional<domain::AccessChange> change;
    writer_.write([&](Connection& db, GroupCommitWriter::Changes&) {
        change.reset();
        auto live = db.prepare("SELECT user_id FROM sessions WHERE id = ?1 AND ended_at IS NULL");
        live.bind(1, sessionId);
        if (!live.step()) return;
        std::string userId = live.text(0);
        db.prepare("UPDATE sessions SET ended_at = ?2 WHERE id = ?1")
            .bind(1, sessionId)
            .bind(2, domain::nowTimestamp())
            .run();
        insertAudit(db, domain::auditEntry("logout", actor, std::nullopt, {}));
        change = domain::AccessChange{userId, sessionId, false, "", false};
        logAccessChange(db, *change);
    });
    if (change) publishAccess(*change);
}

void SqliteStore::publishAccess(const domain::AccessChange& change) {
    if (auto* listener = listener_.load()) listener->onAccessChanged(change);
}

std::vector<Case> SqliteStore::listCases(const domain::CaseFilter& filter) {
    auto db = readers_.acquire();
    // One statement for every combination: a criterion left NULL matches everything. A case with
    // no date compares as NULL against a bound, so it never matches one.
    auto select =
        db->prepare(sql("SELECT ", kCaseColumns,
                        " FROM cases WHERE archived = ?1"
                        " AND (?2 IS NULL OR instr(lower(name), lower(?2)) > 0)"
                        " AND (?3 IS NULL OR instr(lower(diagnosis), lower(?3)) > 0)"
                        " AND (?4 IS NULL OR outcome = ?4)"
                        " AND (?5 IS NULL OR section = ?5)"
                        " AND (?6 IS NULL OR surgery_date >= ?6)"
                        " AND (?7 IS NULL OR surgery_date <= ?7)"
                        " AND (?10 IS NULL OR hospital_number = ?10)"
                        " AND (?11 IS NULL OR ward = ?11)"
                        " AND (?12 IS NULL OR instr(lower(consultant), lower(?12)) > 0)"
                        " AND (?13 IS NULL OR date_of_injury >= ?13)"
                        " AND (?14 IS NULL OR date_of_injury <= ?14)"
                        " AND (?15 IS NULL OR theatre_slot = ?15)"
                        " ORDER BY section, order_index, created_at, id LIMIT ?8 OFFSET ?9"));
    auto date = [](const std::optional<domain::Date>& d) {
        return d ? std::optional<std::string>(d->str()) : std::nullopt;
    };
    select.bind(1, std::int64_t{filter.archived});
    select.bind(2, filter.nameContains).bind(3, filter.diagnosisContains);
    select.bind(4, filter.outcome).bind(5, filter.section);
    select.bind(6, date(filter.surgeryFrom)).bind(7, date(filter.surgeryTo));
    select.bind(8, std::int64_t{filter.limit.value_or(-1)}).bind(9, std::int64_t{filter.offset});
    select.bind(10, filter.hospitalNumber).bind(11, filter.ward);
    select.bind(12, filter.consultantContains);
    select.bind(13, date(filter.injuryFrom)).bind(14, date(filter.injuryTo));
    select.bind(15, filter.theatreSlot);
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
        if (orderIndex) {
            created.orderIndex = *orderIndex;
        } else {
            auto last = db.prepare(
                "SELECT COALESCE(MAX(order_index), 0) + 1 FROM cases WHERE section = ?1");
            last.bind(1, created.section);
            last.step();
            created.orderIndex = last.integer(0);
        }
        created.createdAt = created.updatedAt = domain::nowTimestamp();
        insertCase(db, created, auditCase(db, "create", actor, created.id, std::nullopt, created));
        changes.push_back({ChangeKind::Create, created.id, created});
    };
}

GroupCommitWriter::Work SqliteStore::updateWork(std::string id, domain::CasePatch patch,
                                                std::optional<std::int64_t> expectedVersion,
                                                Actor actor, Case& result) {
    return [id = std::move(id), patch = std::move(patch), expectedVersion, actor = std::move(actor),
            &result](Connection& db, GroupCommitWriter::Changes& changes) {
        auto before = selectCase(db, id);
        if (!before) throw NotFound("case");
        requireVersion(before->version, expectedVersion);
        auto after = domain::patched(*before, patch);
        if (!after) {
            result = *before;
            return;
        }
        result = *after;
        storeCase(db, result);
        auditCase(db, "update", actor, id, before, result);
        changes.push_back({ChangeKind::Update, id, result});
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
    writer_.write([&](Connection& db, GroupCommitWriter::Changes& changes) {
        auto before = selectCase(db, id);
        if (!before) throw NotFound("case");
        auditCase(db, "delete", actor, id, before, std::nullopt);  // filed under the case's key
        db.prepare("DELETE FROM cases WHERE id = ?1").bind(1, id).run();
        changes.push_back({ChangeKind::Delete, id, std::nullopt});
    });
}

std::vector<Case> SqliteStore::moveCases(const std::vector<domain::CaseMove>& moves,
                                         const Actor& actor) {
    std::vector<Case> moved;
    writer_.write([&](Connection& db, GroupCommitWriter::Changes& changes) {
        moved.clear();
        for (const auto& move : moves) {
            auto before = selectCase(db, move.id);
            if (!before) throw NotFound(move.id);
            auto after = domain::moved(*before, move);
            if (!after) {
                moved.push_back(*before);
                continue;
            }
            storeCase(db, *after);
            auditCase(db, "reorder", actor, after->id, before, *after);
            changes.push_back({ChangeKind::Update, after->id, *after});
            moved.push_back(*after);
        }
    });
    return moved;
}

Case SqliteStore::restoreCase(const std::string& id, const Actor& actor) {
    Case restored;
    writer_.write([&](Connection& db, GroupCommitWriter::Changes& changes) {
        if (selectCase(db, id)) throw Conflict("the case exists");
        auto last = domain::lastDeletedState(caseEntries(db, id));
        if (!last) throw NotFound("case");
        restored = domain::nextRevision(*last);
        insertCase(db, restored, *auditKey(db, id));
        auditCase(db, "restore", actor, id, std::nullopt, restored);
        changes.push_back({ChangeKind::Create, id, restored});
    });
    return restored;
}

void SqliteStore::recordAudit(const AuditEntry& entry) {
    writer_.write([&](Connection& db, GroupCommitWriter::Changes&) { insertAudit(db, entry); });
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
                filter.to ? std::optional<std::string>(filter.to->nextDay().str()) : std::nullopt);
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
