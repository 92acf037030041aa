// SQLite's case rows are written from the field table: every field has its column, and a case
// with every field set comes back exactly as it went in.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "TempDir.hpp"
#include "common/EveryField.hpp"
#include "store/sqlite/SqliteConnection.hpp"
#include "store/sqlite/SqliteStore.hpp"

using namespace caseboard;

namespace {

const domain::Actor kActor{"user-1", "rows@example.org"};

}  // namespace

TEST(SqliteCaseRows, EveryCaseFieldHasItsColumn) {
    TempDir dir;
    store::sqlite::SqliteStore store(dir.file("cases.db"));
    store::sqlite::Connection db(dir.file("cases.db"), true);
    auto columns = db.prepare("SELECT name FROM pragma_table_info('cases')");
    std::set<std::string> names;
    while (columns.step()) names.insert(columns.text(0));
    ASSERT_FALSE(names.empty());
    for (const auto& field : domain::kStoredCaseFields) {
        EXPECT_TRUE(names.contains(std::string(field.name))) << field.name << " has no column";
    }
}

TEST(SqliteCaseRows, ACaseWithEveryFieldSetRoundTrips) {
    TempDir dir;
    store::sqlite::SqliteStore store(dir.file("cases.db"));
    storetest::expectEveryFieldRoundTrips(store, kActor);
}
