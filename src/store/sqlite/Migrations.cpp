#include "store/sqlite/Migrations.hpp"

#include <array>
#include <string_view>

namespace caseboard::store::sqlite {

namespace {

// Append only: a migration that has shipped is never edited, a new number is added instead.
constexpr std::array<std::string_view, 1> kMigrations = {
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
};

int currentVersion(Connection& connection) {
    connection.exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
    auto select = connection.prepare("SELECT version FROM schema_version");
    if (select.step()) return static_cast<int>(select.integer(0));
    connection.prepare("INSERT INTO schema_version (version) VALUES (0)").run();
    return 0;
}

}  // namespace

int migrate(Connection& connection) {
    int version = currentVersion(connection);
    for (int next = version + 1; next <= static_cast<int>(kMigrations.size()); ++next) {
        connection.exec("BEGIN IMMEDIATE");
        try {
            connection.exec(kMigrations[static_cast<std::size_t>(next - 1)]);
            connection.prepare("UPDATE schema_version SET version = ?1").bind(1, std::int64_t{next}).run();
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
