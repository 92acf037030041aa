#include "store/postgres/PostgresStore.hpp"

#include <spdlog/spdlog.h>

#include <boost/json.hpp>

#include <unordered_map>

#include "domain/CaseRevision.hpp"
#include "domain/Clock.hpp"
#include "domain/Uuid.hpp"
#include "store/StoreErrors.hpp"
#include "store/postgres/PgAccessEvent.hpp"
#include "store/postgres/PgEvent.hpp"
#include "store/postgres/PgMessage.hpp"
#include "store/postgres/PgMigrations.hpp"

namespace caseboard::store::postgres {

using domain::Actor;
using domain::AuditEntry;
using domain::Case;
using domain::CaseChange;
using domain::ChangeKind;
using domain::User;

namespace {

#define CASE_COLUMNS                                                                           \
    "id, name, diagnosis, outcome, section, surgery_date, order_index, archived, created_at, " \
    "updated_at, version, hospital_number, ward, consultant, date_of_injury, theatre_slot, notes"
#define CASE_VALUES                                                                               \
    "$1, $2, $3, $4, $5, $6, $7::bigint, $8::boolean, $9, $10, $11::bigint, $12, $13, $14, $15, " \
    "$16, $17"
#define USER_COLUMNS "id, email, password_hash, created_at, role, active, source"
#define AUDIT_COLUMNS "id, at, user_id, email, action, case_id, target_user, changes"

// Every statement, prepared once per connection. Parameters only: no input is ever SQL text.
constexpr PgStatement kSelectCase{"case_by_id", "SELECT " CASE_COLUMNS " FROM cases WHERE id = $1"};
constexpr PgStatement kSelectCaseForUpdate{
    "case_by_id_for_update", "SELECT " CASE_COLUMNS " FROM cases WHERE id = $1 FOR UPDATE"};
constexpr PgStatement kSelectCases{"cases_by_ids",
                                   "SELECT " CASE_COLUMNS " FROM cases WHERE id = ANY($1::text[])"};
// Locks rows in one order (by id) so that two reorders of the same cases cannot deadlock.
constexpr PgStatement kLockCases{
    "lock_cases", "SELECT id FROM cases WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE"};
// One statement for every combination: a criterion left NULL matches everything, a case with no
// surgery date never matches a bound. strpos + lower on "C"-collated text, as SQLite's instr +
// lower (ASCII case folding, no LIKE wildcards).
constexpr PgStatement kListCases{
    "list_cases",
    "SELECT " CASE_COLUMNS
    " FROM cases WHERE archived = $1::boolean"
    " AND ($2::text IS NULL OR strpos(lower(name), lower($2::text COLLATE \"C\")) > 0)"
    " AND ($3::text IS NULL OR strpos(lower(diagnosis), lower($3::text COLLATE \"C\")) > 0)"
    " AND ($4::text IS NULL OR outcome = $4::text)"
    " AND ($5::text IS NULL OR section = $5::text)"
    " AND ($6::text IS NULL OR surgery_date >= $6::text)"
    " AND ($7::text IS NULL OR surgery_date <= $7::text)"
    " AND ($10::text IS NULL OR hospital_number = $10::text)"
    " AND ($11::text IS NULL OR ward = $11::text)"
    " AND ($12::text IS NULL OR strpos(lower(consultant), lower($12::text COLLATE \"C\")) > 0)"
    " AND ($13::text IS NULL OR date_of_injury >= $13::text)"
    " AND ($14::text IS NULL OR date_of_injury <= $14::text)"
    " AND ($15::text IS NULL OR theatre_slot = $15::text)"
    " ORDER BY section, order_index, created_at, id LIMIT $8::bigint OFFSET $9::bigint"};
// Creates in one section queue here so that each sees the others' order_index.
constexpr PgStatement kLockSection{"lock_section",
                                   "SELECT pg_advisory_xact_lock(1128350536, hashtext($1::text))"};
constexpr PgStatement kNextOrderIndex{
    "next_order_index", "SELECT COALESCE(MAX(order_index), 0) + 1 FROM cases WHERE section = $1"};
constexpr PgStatement kInsertCase{"insert_case",
                                  "INSERT INTO cases (" CASE_COLUMNS ") VALUES (" CASE_VALUES ")"};
constexpr PgStatement kImportCase{"import_case",
                                  "INSERT INTO cases (" CASE_COLUMNS ") VALUES (" CASE_VALUES
                                  ") ON CONFLICT DO NOTHING"};
constexpr PgStatement kStoreCase{
    "store_case",
    "UPDATE cases SET name = $2, diagnosis = $3, outcome = $4, section = $5, surgery_date = $6,"
    " order_index = $7::bigint, archived = $8::boolean, created_at = $9, updated_at = $10,"
    " version = $11::bigint, hospital_number = $12, ward = $13, consultant = $14,"
    " date_of_injury = $15, theatre_slot = $16, notes = $17 WHERE id = $1"};
constexpr PgStatement kInsertAudit{
    "insert_audit",
    "INSERT INTO audit (at, user_id, email, action, case_id, target_user, changes)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7)"};
constexpr PgStatement kCaseHistory{
    "case_history",
    "SELECT " AUDIT_COLUMNS
    " FROM audit WHERE case_id = $1 ORDER BY id LIMIT $2::bigint OFFSET $3::bigint"};
constexpr PgStatement kAuditTrail{
    "audit_trail",
    "SELECT " AUDIT_COLUMNS
    " FROM audit"
    " WHERE ($1::text IS NULL OR user_id = $1::text OR email = $1::text)"
    " AND ($2::text IS NULL OR case_id = $2::text) AND ($3::text IS NULL OR action = $3::text)"
    " AND ($4::text IS NULL OR at >= $4::text) AND ($5::text IS NULL OR at < $5::text)"
    " ORDER BY id DESC LIMIT $6::bigint OFFSET $7::bigint"};
// The first user of an empty database becomes its admin: registrations queue on this lock.
constexpr PgStatement kLockUsers{"lock_users", "SELECT pg_advisory_xact_lock(1128350537)"};
constexpr PgStatement kCountAllUsers{"count_all_users", "SELECT count(*) FROM users"};
constexpr PgStatement kCountActiveAdmins{
    "count_active_admins", "SELECT count(*) FROM users WHERE role = 'admin' AND active"};
constexpr PgStatement kSetRole{"set_role", "UPDATE users SET role = $2 WHERE id = $1"};
constexpr PgStatement kSetActive{"set_active",
                                 "UPDATE users SET active = $2::boolean WHERE id = $1"};
constexpr PgStatement kSetPassword{"set_password",
                                   "UPDATE users SET password_hash = $2 WHERE id = $1"};
constexpr PgStatement kPruneSessions{"prune_sessions",
                                     "DELETE FROM sessions WHERE expires_at < $1::bigint"};
constexpr PgStatement kInsertSession{
    "insert_session",
    "INSERT INTO sessions (id, user_id, method, created_at, expires_at)"
    " VALUES ($1, $2, $3, $4, $5::bigint)"};
constexpr PgStatement kSessionUser{
    "session_user",
    "SELECT u.id, u.email, u.password_hash, u.created_at, u.role, u.active, u.source"
    " FROM sessions s JOIN users u ON u.id = s.user_id"
    " WHERE s.id = $1 AND s.ended_at IS NULL AND u.active"};
constexpr PgStatement kEndSession{
    "end_session",
    "UPDATE sessions SET ended_at = $2 WHERE id = $1 AND ended_at IS NULL RETURNING user_id"};
constexpr PgStatement kEndSessionsOf{
    "end_sessions_of",
    "UPDATE sessions SET ended_at = $3 WHERE user_id = $1 AND ended_at IS NULL AND id <> $2"};
constexpr PgStatement kDeleteCase{"delete_case", "DELETE FROM cases WHERE id = $1"};
constexpr PgStatement kCountCases{"count_cases",
                                  "SELECT count(*) FROM cases WHERE id = ANY($1::text[])"};
constexpr PgStatement kNotify{"notify", "SELECT pg_notify($1, $2)"};

constexpr PgStatement kInsertUser{"insert_user", "INSERT INTO users (" USER_COLUMNS
                                                 ") VALUES ($1, $2, $3, $4, $5, $6::boolean, $7)"};
constexpr PgStatement kImportUser{
    "import_user", "INSERT INTO users (" USER_COLUMNS
                   ") VALUES ($1, $2, $3, $4, $5, $6::boolean, $7) ON CONFLICT DO NOTHING"};
constexpr PgStatement kUserByEmail{"user_by_email",
                                   "SELECT " USER_COLUMNS " FROM users WHERE email = $1"};
constexpr PgStatement kUserById{"user_by_id", "SELECT " USER_COLUMNS " FROM users WHERE id = $1"};
constexpr PgStatement kAllUsers{"all_users",
                                "SELECT " USER_COLUMNS " FROM users ORDER BY created_at, id"};
constexpr PgStatement kCountUsers{"count_users",
                                  "SELECT count(*) FROM users WHERE id = ANY($1::text[])"};
constexpr PgStatement kPing{"ping", "SELECT 1"};

#undef CASE_COLUMNS
#undef CASE_VALUES
#undef USER_COLUMNS
#undef AUDIT_COLUMNS

Case readCase(const PgResult& rows, int row) {
    Case c;
    c.id = rows.text(row, 0);
    c.name = rows.text(row, 1);
    c.diagnosis = rows.text(row, 2);
    c.outcome = rows.text(row, 3);
    c.section = rows.text(row, 4);
    c.surgeryDate = rows.optionalText(row, 5);
    c.orderIndex = rows.integer(row, 6);
    c.archived = rows.boolean(row, 7);
    c.createdAt = rows.text(row, 8);
    c.updatedAt = rows.text(row, 9);
    c.version = rows.integer(row, 10);
    c.hospitalNumber = rows.optionalText(row, 11);
    c.ward = rows.text(row, 12);
    c.consultant = rows.text(row, 13);
    c.dateOfInjury = rows.optionalText(row, 14);
    c.theatreSlot = rows.optionalText(row, 15);
    c.notes = rows.text(row, 16);
    return c;
}

User readUser(const PgResult& rows, int row) {
    User user{rows.text(row, 0), rows.text(row, 1), rows.text(row, 2), rows.text(row, 3)};
    user.role = domain::parseRole(rows.text(row, 4)).value_or(domain::Role::Pending);
    user.active = rows.boolean(row, 5);
    user.source = domain::parseSource(rows.text(row, 6));
    return user;
}

std::vector<AuditEntry> readAudit(const PgResult& rows) {
    std::vector<AuditEntry> entries;
    for (int row = 0; row < rows.rows(); ++row) {
        AuditEntry entry;
        entry.id = rows.integer(row, 0);
        entry.at = rows.text(row, 1);
        entry.userId = rows.text(row, 2);
        entry.email = rows.text(row, 3);
        entry.action = rows.text(row, 4);
        entry.caseId = rows.optionalText(row, 5);
        entry.targetUser = rows.optionalText(row, 6);
        boost::system::error_code ec;
        auto changes = boost::json::parse(rows.text(row, 7), ec);
        if (!ec && changes.is_object()) entry.changes = std::move(changes.get_object());
        entries.push_back(std::move(entry));
    }
    return entries;
}

void insertAudit(PgConnection& db, const AuditEntry& entry) {
    db.run(kInsertAudit, {entry.at, entry.userId, entry.email, entry.action, entry.caseId,
                          entry.targetUser, boost::json::serialize(entry.changes)});
}

void auditCase(PgConnection& db, const std::string& action, const Actor& actor,
               const std::string& caseId, const std::optional<Case>& before,
               const std::optional<Case>& after) {
    insertAudit(db, domain::auditEntry(action, actor, caseId, domain::caseChanges(before, after)));
}

std::optional<Case> firstCase(const PgResult& rows) {
    if (rows.empty()) return std::nullopt;
    return readCase(rows, 0);
}

std::optional<User> firstUser(const PgResult& rows) {
    if (rows.empty()) return std::nullopt;
    return readUser(rows, 0);
}

const char* boolean(bool value) {
    return value ? "true" : "false";
}

PgParams userParams(const User& user) {
    return {user.id,
            user.email,
            user.passwordHash,
            user.createdAt,
            std::string(domain::roleName(user.role)),
            boolean(user.active),
            std::string(domain::sourceName(user.source))};
}

// Whether taking `user`'s admin rights would leave nobody to manage the others.
bool isLastActiveAdmin(PgConnection& db, const User& user) {
    return user.role == domain::Role::Admin && user.active &&
           db.run(kCountActiveAdmins).integer(0, 0) <= 1;
}

// Goes out with the transaction's COMMIT, to every instance (this one included).
void notifyAccess(PgConnection& db, const domain::AccessChange& change) {
    db.run(kNotify, {std::string(kAccessChannel), PgAccessEvent::payload(change)});
}

// Every column, in CASE_COLUMNS order (for inserts and for updates by id alike).
PgParams caseParams(const Case& c) {
    return {c.id,
            c.name,
            c.diagnosis,
            c.outcome,
            c.section,
            c.surgeryDate,
            std::to_string(c.orderIndex),
            boolean(c.archived),
            c.createdAt,
            c.updatedAt,
            std::to_string(c.version),
            c.hospitalNumber,
            c.ward,
            c.consultant,
            c.dateOfInjury,
            c.theatreSlot,
            c.notes};
}

// A text[] literal: {"a","b"}, each element quoted and escaped.
std::string textArray(const std::vector<std::string>& items) {
    std::string out = "{";
    for (const auto& item : items) {
        if (out.size() > 1) out += ',';
        out += '"';
        for (char c : item) {
            if (c == '"' || c == '\\') out += '\\';
            out += c;
        }
        out += '"';
    }
    out += '}';
    return out;
}

}  // namespace

PostgresStore::PostgresStore(const std::string& url, PostgresOptions options)
    : instanceId_(domain::newUuid()),
      options_(options),
      pool_(std::make_shared<PgPool>(url, options.poolSize)) {
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

// One transaction: the work, a pg_notify per change it made, COMMIT. Returns once the COMMIT is
// durable and (bounded) once this instance has delivered the change to its own screens. If it
// throws, the transaction is rolled back when the connection goes back to the pool.
template <typename Work>
void PostgresStore::write(Work&& work) {
    std::uint64_t lastSeq = 0;
    {
        auto connection = begin();
        Events events;
        work(*connection, events);
        for (const auto& event : events) {
            lastSeq = tracker_.next();
            connection->run(kNotify,
                            {std::string(kEventChannel),
                             PgEvent{event.kind, event.caseId, instanceId_, lastSeq}.payload()});
        }
        if (lastSeq != 0) tracker_.expect(lastSeq);
        try {
            connection->exec("COMMIT");
        } catch (...) {
            if (lastSeq != 0) tracker_.abandon(lastSeq);
            throw;
        }
    }
    if (lastSeq != 0 && feed_) tracker_.await(lastSeq, options_.echoWait);
}

User PostgresStore::createUser(const domain::NewUser& draft, const std::optional<Actor>& creator) {
    User user{domain::newUuid(), draft.email, draft.passwordHash, domain::nowTimestamp()};
    user.source = draft.source;
    write([&](PgConnection& db, Events&) {
        db.run(kLockUsers);
        if (draft.role) {
            user.role = *draft.role;
        } else {
            user.role = db.run(kCountAllUsers).integer(0, 0) == 0 ? domain::Role::Admin
                                                                  : domain::Role::Editor;
        }
        db.run(kInsertUser, userParams(user));
        if (creator) {
            insertAudit(db, domain::userEntry("user_create", *creator, user.id,
                                              {{"role", domain::roleName(user.role)}}));
        }
    });
    return user;
}

User PostgresStore::syncDirectoryUser(const std::string& email, domain::UserSource source,
                                      domain::Role role) {
    User user;
    std::optional<domain::AccessChange> change;
    write([&](PgConnection& db, Events&) {
        change.reset();
        db.run(kLockUsers);
        const Actor directory{domain::kNoUser, domain::sourceName(source)};
        auto found = firstUser(db.run(kUserByEmail, {email}));
        if (!found) {
            user = User{domain::newUuid(), email, "", domain::nowTimestamp(), role, true, source};
            db.run(kInsertUser, userParams(user));
            insertAudit(db, domain::userEntry("user_create", directory, user.id,
                                              {{"role", domain::roleName(role)}}));
            return;
        }
        user = *found;
        if (user.source != source) throw Conflict("the e-mail belongs to another kind of account");
        if (user.role == role) return;
        db.run(kSetRole, {user.id, std::string(domain::roleName(role))});
        insertAudit(db, domain::roleChangeEntry(directory, user.id, user.role, role));
        user.role = role;
        change = domain::AccessChange{user.id, "", false, "", false};
        notifyAccess(db, *change);
    });
    if (change) publishAccess(*change);
    return user;
}

User PostgresStore::setUserRole(const std::string& userId, domain::Role role, const Actor& actor) {
    User user;
    std::optional<domain::AccessChange> change;
    write([&](PgConnection& db, Events&) {
        change.reset();
        db.run(kLockUsers);
        auto found = firstUser(db.run(kUserById, {userId}));
        if (!found) throw NotFound("user");
        user = *found;
        if (user.role == role) return;
        if (isLastActiveAdmin(db, user)) throw Conflict("the last admin cannot be demoted");
        db.run(kSetRole, {userId, std::string(domain::roleName(role))});
        insertAudit(db, domain::roleChangeEntry(actor, userId, user.role, role));
        user.role = role;
        change = domain::AccessChange{userId, "", false, "", !domain::mayRead(role)};
        notifyAccess(db, *change);
    });
    if (change) publishAccess(*change);
    return user;
}

User PostgresStore::setUserActive(const std::string& userId, bool active, const Actor& actor) {
    User user;
    std::optional<domain::AccessChange> change;
    write([&](PgConnection& db, Events&) {
        change.reset();
        db.run(kLockUsers);
        auto found = firstUser(db.run(kUserById, {userId}));
        if (!found) throw NotFound("user");
        user = *found;
        if (user.active == active) return;
        if (!active && isLastActiveAdmin(db, user)) {
            throw Conflict("the last active admin cannot be deactivated");
        }
        db.run(kSetActive, {userId, boolean(active)});
        if (!active) db.run(kEndSessionsOf, {userId, std::string(), domain::nowTimestamp()});
        insertAudit(db,
                    domain::userEntry(active ? "user_activate" : "user_deactivate", actor, userId));
        user.active = active;
        change = domain::AccessChange{userId, "", !active, "", !active};
        notifyAccess(db, *change);
    });
    if (change) publishAccess(*change);
    return user;
}

void PostgresStore::setPassword(const std::string& userId, const std::string& passwordHash,
                                const std::string& keptSession, const Actor& actor) {
    domain::AccessChange change{userId, "", true, keptSession, false};
    write([&](PgConnection& db, Events&) {
        if (db.run(kSetPassword, {userId, passwordHash}).affected() == 0) throw NotFound("user");
        db.run(kEndSessionsOf, {userId, keptSession, domain::nowTimestamp()});
        insertAudit(db, domain::userEntry("password_change", actor, userId));
        notifyAccess(db, change);
    });
    publishAccess(change);
}

std::string PostgresStore::openSession(const domain::SessionStart& start, const Actor& actor) {
    std::string id = domain::newUuid();
    write([&](PgConnection& db, Events&) {
        // A session outlives its token by nothing: those past it are of no more use.
        db.run(kPruneSessions, {std::to_string(domain::unixSeconds())});
        db.run(kInsertSession, {id, start.userId, start.method, domain::nowTimestamp(),
                                std::to_string(start.expiresAt)});
        insertAudit(db,
                    domain::auditEntry("login", actor, std::nullopt, {{"method", start.method}}));
    });
    return id;
}

std::optional<User> PostgresStore::sessionUser(const std::string& sessionId) {
    return read([&](PgConnection& db) { return firstUser(db.run(kSessionUser, {sessionId})); });
}

void PostgresStore::endSession(const std::string& sessionId, const Actor& actor) {
    std::optional<domain::AccessChange> change;
    write([&](PgConnection& db, Events&) {
        change.reset();
        auto ended = db.run(kEndSession, {sessionId, domain::nowTimestamp()});
        if (ended.empty()) return;
        insertAudit(db, domain::auditEntry("logout", actor, std::nullopt, {}));
        change = domain::AccessChange{ended.text(0, 0), sessionId, false, "", false};
        notifyAccess(db, *change);
    });
    if (change) publishAccess(*change);
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
    auto date = [](const std::optional<domain::Date>& d) -> PgValue {
        return d ? PgValue(d->str()) : std::nullopt;
    };
    PgParams params{boolean(filter.archived),
                    filter.nameContains,
                    filter.diagnosisContains,
                    filter.outcome,
                    filter.section,
                    date(filter.surgeryFrom),
                    date(filter.surgeryTo),
                    filter.limit ? PgValue(std::to_string(*filter.limit)) : std::nullopt,
                    std::to_string(filter.offset),
                    filter.hospitalNumber,
                    filter.ward,
                    filter.consultantContains,
                    date(filter.injuryFrom),
                    date(filter.injuryTo),
                    filter.theatreSlot};
    return read([&](PgConnection& db) {
        auto rows = db.run(kListCases, params);
        std::vector<Case> cases;
        cases.reserve(static_cast<std::size_t>(rows.rows()));
        for (int row = 0; row < rows.rows(); ++row) cases.push_back(readCase(rows, row));
        return cases;
    });
}

std::optional<Case> PostgresStore::findCase(const std::string& id) {
    return read([&](PgConnection& db) { return firstCase(db.run(kSelectCase, {id})); });
}

Case PostgresStore::createCase(const domain::CaseDraft& draft, const Actor& actor) {
    Case created = domain::newCaseFrom(draft);
    write([&](PgConnection& db, Events& events) {
        if (draft.orderIndex) {
            created.orderIndex = *draft.orderIndex;
        } else {
            // After the last of its section: under a per-section lock, so that concurrent
            // creates (on any instance) each see the one before.
            db.run(kLockSection, {created.section});
            created.orderIndex = db.run(kNextOrderIndex, {created.section}).integer(0, 0);
        }
        created.createdAt = created.updatedAt = domain::nowTimestamp();
        db.run(kInsertCase, caseParams(created));
        auditCase(db, "create", actor, created.id, std::nullopt, created);
        events.push_back({ChangeKind::Create, created.id});
    });
    return created;
}

Case PostgresStore::updateCase(const std::string& id, const domain::CasePatch& patch,
                               std::optional<std::int64_t> expectedVersion, const Actor& actor) {
    Case result;
    write([&](PgConnection& db, Events& events) {
        auto before = firstCase(db.run(kSelectCaseForUpdate, {id}));
        if (!before) throw NotFound("case");
        requireVersion(before->version, expectedVersion);
        auto after = domain::patched(*before, patch);
        if (!after) {
            result = *before;
            return;
        }
        result = *after;
        db.run(kStoreCase, caseParams(result));
        auditCase(db, "update", actor, id, before, result);
        events.push_back({ChangeKind::Update, id});
    });
    return result;
}

void PostgresStore::deleteCase(const std::string& id, const Actor& actor) {
    write([&](PgConnection& db, Events& events) {
        auto before = firstCase(db.run(kSelectCaseForUpdate, {id}));
        if (!before) throw NotFound("case");
        db.run(kDeleteCase, {id});
        auditCase(db, "delete", actor, id, before, std::nullopt);
        events.push_back({ChangeKind::Delete, id});
    });
}

Case PostgresStore::restoreCase(const std::string& id, const Actor& actor) {
    Case restored;
    write([&](PgConnection& db, Events& events) {
        // Two restores of one case queue here; the second then finds it exists.
        db.run(kLockSection, {"restore:" + id});
        if (!db.run(kSelectCase, {id}).empty()) throw Conflict("the case exists");
        auto last =
            domain::lastDeletedState(readAudit(db.run(kCaseHistory, {id, std::nullopt, "0"})));
        if (!last) throw NotFound("case");
        restored = domain::nextRevision(*last);
        db.run(kInsertCase, caseParams(restored));
        auditCase(db, "restore", actor, id, std::nullopt, restored);
        events.push_back({ChangeKind::Create, id});
    });
    return restored;
}

void PostgresStore::recordAudit(const AuditEntry& entry) {
    write([&](PgConnection& db, Events&) { insertAudit(db, entry); });
}

std::vector<AuditEntry> PostgresStore::caseHistory(const std::string& caseId,
                                                   domain::HistoryPage page) {
    PgParams params{caseId, std::to_string(page.limit), std::to_string(page.offset)};
    return read([&](PgConnection& db) { return readAudit(db.run(kCaseHistory, params)); });
}

std::vector<AuditEntry> PostgresStore::auditTrail(const domain::AuditFilter& filter) {
    PgParams params{filter.user,
                    filter.caseId,
                    filter.action,
                    filter.from ? PgValue(filter.from->str()) : std::nullopt,
                    filter.to ? PgValue(filter.to->nextDay().str()) : std::nullopt,
                    std::to_string(filter.limit),
                    std::to_string(filter.offset)};
    return read([&](PgConnection& db) { return readAudit(db.run(kAuditTrail, params)); });
}

std::vector<Case> PostgresStore::moveCases(const std::vector<domain::CaseMove>& moves,
                                           const Actor& actor) {
    std::vector<Case> moved;
    write([&](PgConnection& db, Events& events) {
        std::vector<std::string> ids;
        ids.reserve(moves.size());
        for (const auto& move : moves) ids.push_back(move.id);
        db.run(kLockCases, {textArray(ids)});
        for (const auto& move : moves) {
            auto before = firstCase(db.run(kSelectCase, {move.id}));
            if (!before) throw NotFound(move.id);
            auto after = domain::moved(*before, move);
            if (!after) {
                moved.push_back(*before);
                continue;
            }
            db.run(kStoreCase, caseParams(*after));
            auditCase(db, "reorder", actor, after->id, before, *after);
            events.push_back({ChangeKind::Update, after->id});
            moved.push_back(*after);
        }
    });
    return moved;
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
    std::size_t inserted = 0;
    write([&](PgConnection& db, Events&) {
        inserted = 0;
        for (const auto& user : users) {
            inserted += static_cast<std::size_t>(db.run(kImportUser, userParams(user)).affected());
        }
    });
    return inserted;
}

std::size_t PostgresStore::importCases(const std::vector<Case>& cases) {
    std::size_t inserted = 0;
    write([&](PgConnection& db, Events&) {
        inserted = 0;
        for (const auto& c : cases) {
            inserted += static_cast<std::size_t>(db.run(kImportCase, caseParams(c)).affected());
        }
    });
    return inserted;
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
    for (const auto& payload : payloads) {
        auto event = PgEvent::parse(payload);
        if (!event) {
            spdlog::warn("event feed: ignoring a notification that is not Caseboard's");
            continue;
        }
        if (event->kind != ChangeKind::Delete) wanted.push_back(event->caseId);
        events.push_back(std::move(*event));
    }
    // The cases as they are now, in one query for the whole batch. A case changed again since
    // is shown as it now is (its own event follows); one deleted since goes without "data" (the
    // seed's event shape: clients refetch, and the delete follows).
    std::unordered_map<std::string, Case> current;
    if (!wanted.empty()) {
        auto rows = connection.run(kSelectCases, {textArray(wanted)});
        for (int row = 0; row < rows.rows(); ++row) {
            auto c = readCase(rows, row);
            current.emplace(c.id, std::move(c));
        }
    }
    {
        std::lock_guard lock(listenerMutex_);
        for (const auto& event : events) {
            CaseChange change{event.kind, event.caseId, std::nullopt};
            if (event.kind != ChangeKind::Delete) {
                if (auto found = current.find(event.caseId); found != current.end()) {
                    change.after = found->second;
                }
            }
            if (!listener_) continue;
            try {
                listener_->onCommitted(change);
            } catch (const std::exception& e) {
                spdlog::error("event feed: the change listener failed: {}", e.what());
            }
        }
    }
    for (const auto& event : events) {
        if (event.origin == instanceId_) tracker_.delivered(event.seq);
    }
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
