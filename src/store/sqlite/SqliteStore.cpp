#include "store/sqlite/SqliteStore.hpp"

#include "domain/Clock.hpp"
#include "domain/Uuid.hpp"
#include "store/StoreErrors.hpp"
#include "store/sqlite/Migrations.hpp"

namespace caseboard::store::sqlite {

using domain::Case;
using domain::CaseChange;
using domain::ChangeKind;
using domain::User;

namespace {

constexpr std::string_view kCaseColumns =
    "id, name, diagnosis, outcome, section, surgery_date, order_index, archived, created_at, "
    "updated_at, version";

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
    return c;
}

User readUser(const Statement& row) {
    return User{row.text(0), row.text(1), row.text(2), row.text(3)};
}

std::optional<Case> selectCase(Connection& db, const std::string& id) {
    auto select = db.prepare(std::string("SELECT ") + std::string(kCaseColumns) +
                             " FROM cases WHERE id = ?1");
    select.bind(1, id);
    if (!select.step()) return std::nullopt;
    return readCase(select);
}

std::optional<User> selectUser(Connection& db, std::string_view column, const std::string& value) {
    auto select = db.prepare("SELECT id, email, password_hash, created_at FROM users WHERE " +
                             std::string(column) + " = ?1");
    select.bind(1, value);
    if (!select.step()) return std::nullopt;
    return readUser(select);
}

// Writes every column of c over the stored row with the same id.
void storeCase(Connection& db, const Case& c) {
    auto update = db.prepare(
        "UPDATE cases SET name = ?2, diagnosis = ?3, outcome = ?4, section = ?5, surgery_date = ?6,"
        " order_index = ?7, archived = ?8, updated_at = ?9, version = ?10 WHERE id = ?1");
    update.bind(1, c.id).bind(2, c.name).bind(3, c.diagnosis).bind(4, c.outcome);
    update.bind(5, c.section).bind(6, c.surgeryDate).bind(7, c.orderIndex);
    update.bind(8, std::int64_t{c.archived}).bind(9, c.updatedAt).bind(10, c.version);
    update.run();
}

// The case after a change: one version further, updated now.
Case advanced(Case c) {
    c.version += 1;
    c.updatedAt = domain::nowTimestamp();
    return c;
}

}  // namespace

SqliteStore::SqliteStore(const std::string& path)
    : readers_(path), writer_(
                          [&path] {
                              auto connection = std::make_unique<Connection>(path, false);
                              migrate(*connection);
                              return connection;
                          }(),
                          [this](const CaseChange& change) { publish(change); }) {}

void SqliteStore::publish(const CaseChange& change) {
    if (auto* listener = listener_.load()) listener->onCommitted(change);
}

User SqliteStore::createUser(const std::string& email, const std::string& passwordHash) {
    User user{domain::newUuid(), email, passwordHash, domain::nowTimestamp()};
    writer_.write([&](Connection& db, GroupCommitWriter::Changes&) {
        auto insert = db.prepare(
            "INSERT INTO users (id, email, password_hash, created_at) VALUES (?1, ?2, ?3, ?4)");
        insert.bind(1, user.id).bind(2, user.email).bind(3, user.passwordHash).bind(4, user.createdAt);
        insert.run();
    });
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

std::vector<Case> SqliteStore::listCases(const domain::CaseFilter& filter) {
    auto db = readers_.acquire();
    // One statement for every combination: a criterion left NULL matches everything. A case with
    // no surgery date compares as NULL against a bound, so it never matches one.
    auto select = db->prepare(std::string("SELECT ") + std::string(kCaseColumns) +
                              " FROM cases WHERE archived = ?1"
                              " AND (?2 IS NULL OR instr(lower(name), lower(?2)) > 0)"
                              " AND (?3 IS NULL OR instr(lower(diagnosis), lower(?3)) > 0)"
                              " AND (?4 IS NULL OR outcome = ?4)"
                              " AND (?5 IS NULL OR section = ?5)"
                              " AND (?6 IS NULL OR surgery_date >= ?6)"
                              " AND (?7 IS NULL OR surgery_date <= ?7)"
                              " ORDER BY section, order_index, created_at, id LIMIT ?8 OFFSET ?9");
    auto date = [](const std::optional<domain::Date>& d) {
        return d ? std::optional<std::string>(d->str()) : std::nullopt;
    };
    select.bind(1, std::int64_t{filter.archived});
    select.bind(2, filter.nameContains).bind(3, filter.diagnosisContains);
    select.bind(4, filter.outcome).bind(5, filter.section);
    select.bind(6, date(filter.surgeryFrom)).bind(7, date(filter.surgeryTo));
    select.bind(8, std::int64_t{filter.limit.value_or(-1)}).bind(9, std::int64_t{filter.offset});
    std::vector<Case> cases;
    while (select.step()) cases.push_back(readCase(select));
    return cases;
}

std::optional<Case> SqliteStore::findCase(const std::string& id) {
    auto db = readers_.acquire();
    return selectCase(*db, id);
}

Case SqliteStore::createCase(const domain::CaseDraft& draft) {
    Case created;
    created.id = domain::newUuid();
    created.name = draft.name;
    created.diagnosis = draft.diagnosis;
    created.outcome = draft.outcome;
    created.section = draft.section;
    created.surgeryDate = draft.surgeryDate;
    created.archived = draft.archived;
    created.version = 1;
    writer_.write([&](Connection& db, GroupCommitWriter::Changes& changes) {
        if (draft.orderIndex) {
            created.orderIndex = *draft.orderIndex;
        } else {
            auto last = db.prepare(
                "SELECT COALESCE(MAX(order_index), 0) + 1 FROM cases WHERE section = ?1");
            last.bind(1, created.section);
            last.step();
            created.orderIndex = last.integer(0);
        }
        created.createdAt = created.updatedAt = domain::nowTimestamp();
        auto insert = db.prepare(std::string("INSERT INTO cases (") + std::string(kCaseColumns) +
                                 ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
        insert.bind(1, created.id).bind(2, created.name).bind(3, created.diagnosis);
        insert.bind(4, created.outcome).bind(5, created.section).bind(6, created.surgeryDate);
        insert.bind(7, created.orderIndex).bind(8, std::int64_t{created.archived});
        insert.bind(9, created.createdAt).bind(10, created.updatedAt).bind(11, created.version);
        insert.run();
        changes.push_back({ChangeKind::Create, created.id, created});
    });
    return created;
}

Case SqliteStore::updateCase(const std::string& id, const domain::CasePatch& patch,
                             std::optional<std::int64_t> expectedVersion) {
    Case result;
    writer_.write([&](Connection& db, GroupCommitWriter::Changes& changes) {
        auto before = selectCase(db, id);
        if (!before) throw NotFound("case");
        if (expectedVersion && *expectedVersion != before->version) {
            throw PreconditionFailed("version");
        }
        if (!patch.changes(*before)) {
            result = *before;
            return;
        }
        result = advanced(patch.appliedTo(*before));
        storeCase(db, result);
        changes.push_back({ChangeKind::Update, id, result});
    });
    return result;
}

void SqliteStore::deleteCase(const std::string& id) {
    writer_.write([&](Connection& db, GroupCommitWriter::Changes& changes) {
        auto remove = db.prepare("DELETE FROM cases WHERE id = ?1");
        remove.bind(1, id).run();
        if (sqlite3_changes(db.handle()) == 0) throw NotFound("case");
        changes.push_back({ChangeKind::Delete, id, std::nullopt});
    });
}

std::vector<Case> SqliteStore::moveCases(const std::vector<domain::CaseMove>& moves) {
    std::vector<Case> moved;
    writer_.write([&](Connection& db, GroupCommitWriter::Changes& changes) {
        moved.clear();
        for (const auto& move : moves) {
            auto before = selectCase(db, move.id);
            if (!before) throw NotFound(move.id);
            if (before->section == move.section && before->orderIndex == move.orderIndex) {
                moved.push_back(*before);
                continue;
            }
            Case after = *before;
            after.section = move.section;
            after.orderIndex = move.orderIndex;
            after = advanced(after);
            storeCase(db, after);
            changes.push_back({ChangeKind::Update, after.id, after});
            moved.push_back(after);
        }
    });
    return moved;
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
