// The native-types migration (4) converts a database of the previous schema in place: every row
// reads back as it was written, in the API's text forms.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "PgTestDatabase.hpp"
#include "store/StoreErrors.hpp"
#include "store/postgres/PgConnection.hpp"
#include "store/postgres/PgMigrations.hpp"
#include "store/postgres/PostgresStore.hpp"

using namespace caseboard;
using store::postgres::PostgresStore;

namespace {

constexpr int kTextSchema = 3;

const std::string kAdminId = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
const std::string kCaseId = "9b2f6c1e-7d54-4a8e-b1f0-2c3d4e5f6a7b";
const std::string kSessionId = "0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a";
const std::string kCreated = "2025-08-22T06:09:27.123456Z";
const std::string kUpdated = "2025-08-23T23:59:59.000001Z";
const std::string kChanges = R"({"name":{"before":null,"after":"Amy Pond"}})";

bool havePostgres() {
    return pgtest::baseUrl().has_value();
}

// A database at the previous schema version, with one row of every kind in it.
void fillTextSchema(const pgtest::PgTestDatabase& database) {
    {
        store::postgres::PgConnection connection(database.url());
        ASSERT_EQ(store::postgres::migrate(connection, kTextSchema), kTextSchema);
    }
    database.scalar(
        "INSERT INTO users (id, email, password_hash, created_at, role, active, source) VALUES ('" +
        kAdminId + "', 'amy@example.org', 'hash', '" + kCreated + "', 'admin', true, 'local')");
    database.scalar(
        "INSERT INTO cases (id, name, diagnosis, outcome, section, surgery_date, order_index,"
        " archived, created_at, updated_at, version, hospital_number, ward, consultant,"
        " date_of_injury, theatre_slot, notes) VALUES ('" +
        kCaseId + "', 'Amy Pond', 'NOF', '', 'on_list', '2025-09-01', 3, false, '" + kCreated +
        "', '" + kUpdated + "', 2, 'H123', 'Ward 7', 'Smith', NULL, 'am', 'fasted')");
    database.scalar(
        "INSERT INTO audit (at, user_id, email, action, case_id, target_user, changes) VALUES ('" +
        kCreated + "', '" + kAdminId + "', 'amy@example.org', 'create', '" + kCaseId +
        "', NULL, '" + kChanges + "')");
    database.scalar(
        "INSERT INTO audit (at, user_id, email, action, case_id, target_user, changes) VALUES ('" +
        kUpdated + "', '', 'nobody@example.org', 'login_failed', NULL, '" + kAdminId + "', '{}')");
    database.scalar(
        "INSERT INTO sessions (id, user_id, method, created_at, expires_at, ended_at) VALUES ('" +
        kSessionId + "', '" + kAdminId + "', 'password', '" + kCreated + "', 4102444800, NULL)");
}

std::string columnType(const pgtest::PgTestDatabase& database, const std::string& table,
                       const std::string& column) {
    return database.scalar("SELECT data_type FROM information_schema.columns WHERE table_name = '" +
                           table + "' AND column_name = '" + column + "'");
}

}  // namespace

TEST(PgMigrationTest, ConvertsThePreviousSchemaInPlaceKeepingEveryRow) {
    if (!havePostgres()) GTEST_SKIP() << "CASEBOARD_TEST_DATABASE_URL is not set";
    pgtest::PgTestDatabase database;
    fillTextSchema(database);
    ASSERT_EQ(columnType(database, "cases", "id"), "text");

    PostgresStore store(database.url(), {.poolSize = 2, .listen = false});

    EXPECT_EQ(columnType(database, "cases", "id"), "uuid");
    EXPECT_EQ(columnType(database, "cases", "surgery_date"), "date");
    EXPECT_EQ(columnType(database, "cases", "created_at"), "timestamp with time zone");
    EXPECT_EQ(columnType(database, "users", "id"), "uuid");
    EXPECT_EQ(columnType(database, "audit", "changes"), "jsonb");
    EXPECT_EQ(columnType(database, "audit", "at"), "timestamp with time zone");
    EXPECT_EQ(columnType(database, "sessions", "user_id"), "uuid");
    // A case's history is still found through its index, rebuilt on the new type.
    EXPECT_EQ(database.scalar("SELECT indexdef FROM pg_indexes WHERE indexname = 'audit_case'"),
              "CREATE INDEX audit_case ON public.audit USING btree (case_id, id)");

    auto user = store.findUserById(kAdminId);
    ASSERT_TRUE(user);
    EXPECT_EQ(user->email, "amy@example.org");
    EXPECT_EQ(user->createdAt, kCreated);
    EXPECT_EQ(user->role, domain::Role::Admin);

    auto c = store.findCase(kCaseId);
    ASSERT_TRUE(c);
    EXPECT_EQ(c->id, kCaseId);
    EXPECT_EQ(c->name, "Amy Pond");
    EXPECT_EQ(c->section, "on_list");
    EXPECT_EQ(c->surgeryDate, "2025-09-01");
    EXPECT_EQ(c->dateOfInjury, std::nullopt);
    EXPECT_EQ(c->orderIndex, 3);
    EXPECT_EQ(c->createdAt, kCreated);
    EXPECT_EQ(c->updatedAt, kUpdated);
    EXPECT_EQ(c->version, 2);
    EXPECT_EQ(c->hospitalNumber, "H123");
    EXPECT_EQ(c->theatreSlot, "am");
    EXPECT_EQ(c->notes, "fasted");

    auto history = store.caseHistory(kCaseId);
    ASSERT_EQ(history.size(), 1u);
    EXPECT_EQ(history[0].at, kCreated);
    EXPECT_EQ(history[0].userId, kAdminId);
    EXPECT_EQ(history[0].changes, boost::json::parse(kChanges).as_object());

    domain::AuditFilter failures;
    failures.action = "login_failed";
    auto trail = store.auditTrail(failures);
    ASSERT_EQ(trail.size(), 1u);
    EXPECT_EQ(trail[0].userId, domain::kNoUser);
    EXPECT_EQ(trail[0].targetUser, kAdminId);
    EXPECT_EQ(trail[0].at, kUpdated);

    auto sessionUser = store.sessionUser(kSessionId);
    ASSERT_TRUE(sessionUser);
    EXPECT_EQ(sessionUser->id, kAdminId);
}

TEST(PgMigrationTest, TimesAndDatesReadBackAsWrittenWhateverTheSessionTimeZone) {
    if (!havePostgres()) GTEST_SKIP() << "CASEBOARD_TEST_DATABASE_URL is not set";
    pgtest::PgTestDatabase database;
    database.scalar("ALTER DATABASE " + database.name() + " SET timezone TO 'America/St_Johns'");
    database.scalar("ALTER DATABASE " + database.name() + " SET datestyle TO 'SQL, DMY'");
    PostgresStore store(database.url(), {.poolSize = 2, .listen = false});

    domain::CaseDraft draft;
    draft.name = "Rory Williams";
    draft.section = "on_list";
    draft.surgeryDate = "2025-12-31";
    draft.dateOfInjury = "2025-01-02";
    auto created = store.createCase(draft, {"", "rory@example.org"});
    auto found = store.findCase(created.id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->createdAt, created.createdAt);
    EXPECT_EQ(found->updatedAt, created.updatedAt);
    EXPECT_EQ(found->surgeryDate, "2025-12-31");
    EXPECT_EQ(found->dateOfInjury, "2025-01-02");

    domain::AuditFilter today;
    today.from = domain::Date::parse(created.createdAt.substr(0, 10));
    today.to = today.from;
    auto trail = store.auditTrail(today);
    ASSERT_EQ(trail.size(), 1u);
    EXPECT_EQ(trail[0].at.substr(0, 10), created.createdAt.substr(0, 10));
}

TEST(PgMigrationTest, AMalformedIdNamesNothingInsteadOfFailing) {
    if (!havePostgres()) GTEST_SKIP() << "CASEBOARD_TEST_DATABASE_URL is not set";
    pgtest::PgTestDatabase database;
    PostgresStore store(database.url(), {.poolSize = 2, .listen = false});
    const domain::Actor actor{"", "kim@example.org"};

    EXPECT_FALSE(store.findCase("abc"));
    EXPECT_FALSE(store.findUserById("abc"));
    EXPECT_FALSE(store.sessionUser("no-such-session"));
    EXPECT_TRUE(store.caseHistory("abc").empty());
    domain::AuditFilter byCase;
    byCase.caseId = "abc";
    EXPECT_TRUE(store.auditTrail(byCase).empty());
    EXPECT_THROW(store.updateCase("abc", {}, std::nullopt, actor), store::NotFound);
    EXPECT_THROW(store.deleteCase("abc", actor), store::NotFound);
    EXPECT_THROW(store.restoreCase("abc", actor), store::NotFound);
    EXPECT_THROW(store.moveCases({{"abc", "on_list", 1}}, actor), store::NotFound);
    EXPECT_THROW(store.setUserRole("abc", domain::Role::Viewer, actor), store::NotFound);
    EXPECT_THROW(store.setPassword("abc", "hash", "", actor), store::NotFound);
    EXPECT_NO_THROW(store.endSession("abc", actor));
}
