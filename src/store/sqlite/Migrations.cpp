#include "store/sqlite/Migrations.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace caseboard::store::sqlite {

namespace {

// Append only: a migration that has shipped is never edited, a new number is added instead.
constexpr std::array<std::string_view, 7> kMigrations = {
    // 1: users and cases
    R"sql(
    CREATE TABLE users (
        id            TEXT PRIMARY KEY,
        email         TEXT NOT NULL UNIQUE,
        password_hash TEXT NOT NULL,
        created_at    TEXT NOT NULL
    );
    CREATE TABLE cases (
        id           TEXT PRIMARY KEY,
        name         TEXT NOT NULL,
        diagnosis    TEXT NOT NULL DEFAULT '',
        outcome      TEXT NOT NULL DEFAULT '',
        section      TEXT NOT NULL,
        surgery_date TEXT,
        order_index  INTEGER NOT NULL,
        archived     INTEGER NOT NULL DEFAULT 0,
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL,
        version      INTEGER NOT NULL DEFAULT 1
    );
    CREATE INDEX cases_board ON cases (archived, section, order_index, created_at);
    CREATE INDEX cases_section_order ON cases (section, order_index);
    )sql",
    // 2: clinical identifiers, roles and the audit trail. The oldest user of an existing
    // database becomes its admin, as the first user of a new one does.
    R"sql(
    ALTER TABLE cases ADD COLUMN hospital_number TEXT;
    ALTER TABLE cases ADD COLUMN ward TEXT NOT NULL DEFAULT '';
    ALTER TABLE cases ADD COLUMN consultant TEXT NOT NULL DEFAULT '';
    ALTER TABLE cases ADD COLUMN date_of_injury TEXT;
    ALTER TABLE cases ADD COLUMN theatre_slot TEXT;
    ALTER TABLE cases ADD COLUMN notes TEXT NOT NULL DEFAULT '';
    ALTER TABLE users ADD COLUMN role TEXT NOT NULL DEFAULT 'editor';
    UPDATE users SET role = 'admin'
     WHERE id = (SELECT id FROM users ORDER BY created_at, rowid LIMIT 1);
    CREATE TABLE audit (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        at          TEXT NOT NULL,
        user_id     TEXT NOT NULL,
        email       TEXT NOT NULL,
        action      TEXT NOT NULL,
        case_id     TEXT,
        target_user TEXT,
        changes     TEXT NOT NULL
    );
    CREATE INDEX audit_case ON audit (case_id, id);
    CREATE INDEX audit_user ON audit (user_id, id);
    CREATE INDEX audit_at ON audit (at);
    CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
    CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
    )sql",
    // 3: a case's audit entries are filed under a growing key instead of the case's random id, so
    // that creating a case no longer writes into the middle of an index (see SqliteStore). The key
    // of an existing case is the id of its first entry, or minus its row number if it has none.
    // Only the new column of the entries is filled in; what they record is left as it was.
    R"sql(
    ALTER TABLE cases ADD COLUMN audit_key INTEGER;
    ALTER TABLE audit ADD COLUMN case_key INTEGER;
    UPDATE cases SET audit_key =
        coalesce((SELECT min(id) FROM audit WHERE audit.case_id = cases.id), -rowid);
    DROP TRIGGER audit_append_only_update;
    UPDATE audit SET case_key =
        (SELECT min(first.id) FROM audit AS first WHERE first.case_id = audit.case_id)
     WHERE case_id IS NOT NULL AND action <> 'create';
    CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
    DROP INDEX audit_case;
    CREATE INDEX audit_case_key ON audit (case_key, id) WHERE case_key IS NOT NULL;
    CREATE INDEX audit_deletions ON audit (case_id) WHERE action = 'delete';
    )sql",
    // 4: accounts that can be deactivated or come from a directory; sessions that a sign-out
    // ends; and the log of access changes, which tells this server what another process (the
    // command line) changed: it is read every fraction of a second, and pruned.
    R"sql(
    ALTER TABLE users ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE users ADD COLUMN source TEXT NOT NULL DEFAULT 'local';
    CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        method TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        ended_at TEXT
    );
    CREATE INDEX sessions_user ON sessions (user_id) WHERE ended_at IS NULL;
    CREATE INDEX sessions_expiry ON sessions (expires_at);
    CREATE TABLE access_changes (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        user_id TEXT NOT NULL,
        ended_session TEXT NOT NULL,
        all_sessions INTEGER NOT NULL,
        kept_session TEXT NOT NULL,
        reading_ended INTEGER NOT NULL
    );
    )sql",
    // 5: the clinical workflow: urgency, readiness, theatre progress; and which clock state was
    // last announced for which version of a case, so that it is announced once.
    R"sql(
    ALTER TABLE cases ADD COLUMN priority TEXT;
    ALTER TABLE cases ADD COLUMN pathway TEXT;
    ALTER TABLE cases ADD COLUMN admitted_at TEXT;
    ALTER TABLE cases ADD COLUMN decision_at TEXT;
    ALTER TABLE cases ADD COLUMN checklist TEXT NOT NULL DEFAULT '{}';
    ALTER TABLE cases ADD COLUMN theatre_status TEXT;
    ALTER TABLE cases ADD COLUMN theatre_times TEXT NOT NULL DEFAULT '{}';
    ALTER TABLE cases ADD COLUMN clock_announced TEXT;
    )sql",
    // 6: theatre lists. A session is a theatre's list on one day; a case booked into one keeps
    // its place in the list (session_position, server-set), and the time it needs. An audit
    // entry may be about a session instead of a case. ("sessions" are sign-ins: see 4.)
    R"sql(
    CREATE TABLE theatre_sessions (
        id               TEXT PRIMARY KEY,
        date             TEXT NOT NULL,
        theatre          TEXT NOT NULL,
        period           TEXT NOT NULL,
        starts_at        TEXT,
        ends_at          TEXT,
        capacity_minutes INTEGER NOT NULL,
        consultant       TEXT NOT NULL DEFAULT '',
        notes            TEXT NOT NULL DEFAULT '',
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL
    );
    CREATE INDEX theatre_sessions_date ON theatre_sessions (date);
    ALTER TABLE cases ADD COLUMN session_id TEXT;
    ALTER TABLE cases ADD COLUMN estimated_minutes INTEGER;
    ALTER TABLE cases ADD COLUMN turnaround_minutes INTEGER NOT NULL DEFAULT 15;
    ALTER TABLE cases ADD COLUMN session_position INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX cases_session ON cases (session_id, session_position)
        WHERE session_id IS NOT NULL;
    ALTER TABLE audit ADD COLUMN session_id TEXT;
    )sql",
    // 7: each case's cancellations; and the indexes the reports read through: the time a case
    // went into theatre (the same expression the report's query filters on), holding every
    // column the report reads so that a month is read from the index alone (a third of the time
    // of a lookup per case), and the few cases ever cancelled.
    R"sql(
    ALTER TABLE cases ADD COLUMN cancellations TEXT NOT NULL DEFAULT '[]';
    CREATE INDEX cases_in_theatre ON cases (json_extract(theatre_times, '$.in_theatre'), pathway,
        priority, admitted_at, decision_at, created_at);
    CREATE INDEX cases_cancelled ON cases (id) WHERE cancellations <> '[]';
    )sql",
};

int currentVersion(Connection& connection) {
    connection.exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
    auto select = connection.prepare("SELECT version FROM schema_version");
    if (select.step()) return static_cast<int>(select.integer(0));
    connection.prepare("INSERT INTO schema_version (version) VALUES (0)").run();
    return 0;
}

}  // namespace

int migrate(Connection& connection, int upTo) {
    int version = currentVersion(connection);
    int newest = std::min(upTo, static_cast<int>(kMigrations.size()));
    for (int next = version + 1; next <= newest; ++next) {
        connection.exec("BEGIN IMMEDIATE");
        try {
            connection.exec(kMigrations[static_cast<std::size_t>(next - 1)]);
            connection.prepare("UPDATE schema_version SET version = ?1")
                .bind(1, std::int64_t{next})
                .run();
            connection.exec("COMMIT");
        } catch (...) {
            connection.exec("ROLLBACK");
            throw;
        }
        version = next;
    }
    return version;
}

}  // namespace caseboard::store::sqlite
