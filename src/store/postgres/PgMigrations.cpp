#include "store/postgres/PgMigrations.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>

namespace caseboard::store::postgres {

namespace {

// Append only: a migration that has shipped is never edited, a new number is added instead.
// The numbers follow SQLite's (store/sqlite/Migrations.cpp) so that both schemas stay the same.
// Text columns use the "C" collation: ordering and lower() then behave byte for byte as in
// SQLite, whatever the database's own locale.
constexpr std::array<const char*, 7> kMigrations = {
    // 1: users and cases, and the sign-in failures that every instance shares
    R"sql(
    CREATE TABLE users (
        id            TEXT COLLATE "C" PRIMARY KEY,
        email         TEXT COLLATE "C" NOT NULL UNIQUE,
        password_hash TEXT NOT NULL,
        created_at    TEXT COLLATE "C" NOT NULL
    );
    CREATE TABLE cases (
        id           TEXT COLLATE "C" PRIMARY KEY,
        name         TEXT COLLATE "C" NOT NULL,
        diagnosis    TEXT COLLATE "C" NOT NULL DEFAULT '',
        outcome      TEXT COLLATE "C" NOT NULL DEFAULT '',
        section      TEXT COLLATE "C" NOT NULL,
        surgery_date TEXT COLLATE "C",
        order_index  BIGINT NOT NULL,
        archived     BOOLEAN NOT NULL DEFAULT FALSE,
        created_at   TEXT COLLATE "C" NOT NULL,
        updated_at   TEXT COLLATE "C" NOT NULL,
        version      BIGINT NOT NULL DEFAULT 1
    );
    CREATE INDEX cases_board ON cases (archived, section, order_index, created_at);
    CREATE INDEX cases_section_order ON cases (section, order_index);
    CREATE TABLE login_failures (
        email     TEXT COLLATE "C" NOT NULL,
        client    TEXT COLLATE "C" NOT NULL,
        failed_at TIMESTAMPTZ NOT NULL
    );
    CREATE INDEX login_failures_key ON login_failures (email, client, failed_at);
    CREATE INDEX login_failures_age ON login_failures (failed_at);
    )sql",
    // 2: clinical identifiers, roles and the audit trail. The oldest user of an existing
    // database becomes its admin, as the first user of a new one does.
    R"sql(
    ALTER TABLE cases ADD COLUMN hospital_number TEXT COLLATE "C";
    ALTER TABLE cases ADD COLUMN ward TEXT COLLATE "C" NOT NULL DEFAULT '';
    ALTER TABLE cases ADD COLUMN consultant TEXT COLLATE "C" NOT NULL DEFAULT '';
    ALTER TABLE cases ADD COLUMN date_of_injury TEXT COLLATE "C";
    ALTER TABLE cases ADD COLUMN theatre_slot TEXT COLLATE "C";
    ALTER TABLE cases ADD COLUMN notes TEXT NOT NULL DEFAULT '';
    ALTER TABLE users ADD COLUMN role TEXT COLLATE "C" NOT NULL DEFAULT 'editor';
    UPDATE users SET role = 'admin'
     WHERE id = (SELECT id FROM users ORDER BY created_at, id LIMIT 1);
    CREATE TABLE audit (
        id          BIGSERIAL PRIMARY KEY,
        at          TEXT COLLATE "C" NOT NULL,
        user_id     TEXT COLLATE "C" NOT NULL,
        email       TEXT COLLATE "C" NOT NULL,
        action      TEXT COLLATE "C" NOT NULL,
        case_id     TEXT COLLATE "C",
        target_user TEXT COLLATE "C",
        changes     TEXT NOT NULL
    );
    CREATE INDEX audit_case ON audit (case_id, id);
    CREATE INDEX audit_user ON audit (user_id, id);
    CREATE INDEX audit_at ON audit (at);
    CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS
      $$ BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END $$;
    CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit
      FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
    )sql",
    // 3: accounts that can be deactivated or come from a directory, and sessions that a
    // sign-out ends (every instance hears of access changes through NOTIFY, so no log of them).
    R"sql(
    ALTER TABLE users ADD COLUMN active BOOLEAN NOT NULL DEFAULT TRUE;
    ALTER TABLE users ADD COLUMN source TEXT COLLATE "C" NOT NULL DEFAULT 'local';
    CREATE TABLE sessions (
        id         TEXT COLLATE "C" PRIMARY KEY,
        user_id    TEXT COLLATE "C" NOT NULL,
        method     TEXT COLLATE "C" NOT NULL,
        created_at TEXT COLLATE "C" NOT NULL,
        expires_at BIGINT NOT NULL,
        ended_at   TEXT COLLATE "C"
    );
    CREATE INDEX sessions_user ON sessions (user_id) WHERE ended_at IS NULL;
    CREATE INDEX sessions_expiry ON sessions (expires_at);
    )sql",
    // 4: PostgreSQL's own types, converted in place: ids uuid, dates date, times timestamptz,
    // audit changes jsonb. The database then refuses a malformed value instead of storing it, and
    // compares and indexes 16-byte ids and 8-byte times. An audit entry's user_id stays text: it
    // is who acted as they were known, the empty string when no account did. A row that does not
    // convert stops the migration and leaves the database as it was.
    R"sql(
    ALTER TABLE users
        ALTER COLUMN id TYPE uuid USING id::uuid,
        ALTER COLUMN created_at TYPE timestamptz USING created_at::timestamptz;
    ALTER TABLE cases
        ALTER COLUMN id TYPE uuid USING id::uuid,
        ALTER COLUMN surgery_date TYPE date USING surgery_date::date,
        ALTER COLUMN date_of_injury TYPE date USING date_of_injury::date,
        ALTER COLUMN created_at TYPE timestamptz USING created_at::timestamptz,
        ALTER COLUMN updated_at TYPE timestamptz USING updated_at::timestamptz;
    ALTER TABLE audit
        ALTER COLUMN at TYPE timestamptz USING at::timestamptz,
        ALTER COLUMN case_id TYPE uuid USING case_id::uuid,
        ALTER COLUMN target_user TYPE uuid USING target_user::uuid,
        ALTER COLUMN changes TYPE jsonb USING changes::jsonb;
    ALTER TABLE sessions
        ALTER COLUMN id TYPE uuid USING id::uuid,
        ALTER COLUMN user_id TYPE uuid USING user_id::uuid,
        ALTER COLUMN created_at TYPE timestamptz USING created_at::timestamptz,
        ALTER COLUMN ended_at TYPE timestamptz USING ended_at::timestamptz;
    )sql",
    // 5: the clinical workflow: urgency, readiness, theatre progress; and which clock state was
    // last announced for which version of a case, so that one instance announces it once.
    R"sql(
    ALTER TABLE cases
        ADD COLUMN priority TEXT COLLATE "C",
        ADD COLUMN pathway TEXT COLLATE "C",
        ADD COLUMN admitted_at timestamptz,
        ADD COLUMN decision_at timestamptz,
        ADD COLUMN checklist jsonb NOT NULL DEFAULT '{}',
        ADD COLUMN theatre_status TEXT COLLATE "C",
        ADD COLUMN theatre_times jsonb NOT NULL DEFAULT '{}',
        ADD COLUMN clock_announced TEXT;
    )sql",
    // 6: theatre lists. A session is a theatre's list on one day; a case booked into one keeps
    // its place in the list (session_position, server-set), and the time it needs. An audit
    // entry may be about a session instead of a case. ("sessions" are sign-ins: see 3.)
    R"sql(
    CREATE TABLE theatre_sessions (
        id               uuid PRIMARY KEY,
        date             date NOT NULL,
        theatre          TEXT COLLATE "C" NOT NULL,
        period           TEXT COLLATE "C" NOT NULL,
        starts_at        TEXT COLLATE "C",
        ends_at          TEXT COLLATE "C",
        capacity_minutes BIGINT NOT NULL,
        consultant       TEXT COLLATE "C" NOT NULL DEFAULT '',
        notes            TEXT NOT NULL DEFAULT '',
        created_at       timestamptz NOT NULL,
        updated_at       timestamptz NOT NULL
    );
    CREATE INDEX theatre_sessions_date ON theatre_sessions (date);
    ALTER TABLE cases
        ADD COLUMN session_id uuid,
        ADD COLUMN estimated_minutes BIGINT,
        ADD COLUMN turnaround_minutes BIGINT NOT NULL DEFAULT 15,
        ADD COLUMN session_position BIGINT NOT NULL DEFAULT 0;
    CREATE INDEX cases_session ON cases (session_id, session_position)
        WHERE session_id IS NOT NULL;
    ALTER TABLE audit ADD COLUMN session_id uuid;
    )sql",
    // 7: each case's cancellations; and the indexes the reports read through: the time a case
    // went into theatre, as the text stored (a cast to timestamptz depends on the session's time
    // zone, which an index may not; the UTC text sorts as the time does under "C"), and the few
    // cases ever cancelled.
    R"sql(
    ALTER TABLE cases ADD COLUMN cancellations jsonb NOT NULL DEFAULT '[]';
    CREATE INDEX cases_in_theatre ON cases (((theatre_times ->> 'in_theatre') COLLATE "C"));
    CREATE INDEX cases_cancelled ON cases (id) WHERE cancellations <> '[]'::jsonb;
    )sql",
};

constexpr PgStatement kReadVersion{"migrations_read_version", "SELECT version FROM schema_version"};
constexpr PgStatement kFirstVersion{"migrations_first_version",
                                    "INSERT INTO schema_version (version) VALUES (0)"};
constexpr PgStatement kSetVersion{"migrations_set_version",
                                  "UPDATE schema_version SET version = $1::integer"};

}  // namespace

int migrate(PgConnection& connection, int upTo) {
    connection.exec("BEGIN");
    try {
        // One key for every Caseboard instance: the second waits until the first has finished.
        connection.exec("SELECT pg_advisory_xact_lock(1128350535)");
        connection.exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        int version = 0;
        auto current = connection.run(kReadVersion);
        if (current.empty()) {
            connection.run(kFirstVersion);
        } else {
            version = static_cast<int>(current.integer(0, 0));
        }
        if (version > static_cast<int>(kMigrations.size())) {
            spdlog::warn("the database schema (version {}) is newer than this build knows ({})",
                         version, kMigrations.size());
        }
        const int newest = std::min(upTo, static_cast<int>(kMigrations.size()));
        for (int next = version + 1; next <= newest; ++next) {
            connection.exec(kMigrations[static_cast<std::size_t>(next - 1)]);
            connection.run(kSetVersion, {std::to_string(next)});
            version = next;
        }
        connection.exec("COMMIT");
        return version;
    } catch (...) {
        if (connection.usable() && !connection.outsideTransaction()) {
            try {
                connection.exec("ROLLBACK");
            } catch (const std::exception&) {
            }
        }
        throw;
    }
}

}  // namespace caseboard::store::postgres
