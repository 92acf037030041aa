#include <gtest/gtest.h>

#include "TempDir.hpp"
#include "store/sqlite/SqliteConnection.hpp"

using caseboard::store::sqlite::Connection;

namespace {
constexpr const char* kSelect = "SELECT name FROM wards WHERE id = ?1";

class SqliteConnectionTest : public ::testing::Test {
  protected:
    void SetUp() override {
        db.exec("CREATE TABLE wards (id INTEGER PRIMARY KEY, name TEXT)");
        db.exec("INSERT INTO wards VALUES (1, 'Trauma'), (2, 'Elective')");
    }
    TempDir dir;
    Connection db{dir.file("wards.db"), false};
};
}  // namespace

TEST_F(SqliteConnectionTest, AReusedStatementStartsFromItsFirstRow) {
    constexpr const char* kAll = "SELECT name FROM wards ORDER BY id";
    {
        auto first = db.prepare(kAll);
        ASSERT_TRUE(first.step());
    }  // left after one row of two
    auto again = db.prepare(kAll);
    ASSERT_TRUE(again.step());
    EXPECT_EQ(again.text(0), "Trauma");
}

TEST_F(SqliteConnectionTest, AReusedStatementKeepsNoBindings) {
    {
        auto first = db.prepare(kSelect);
        first.bind(1, std::int64_t{1});
        ASSERT_TRUE(first.step());
    }
    auto again = db.prepare(kSelect);
    EXPECT_FALSE(again.step()) << "an unbound parameter is NULL, which matches no id";
}

TEST_F(SqliteConnectionTest, TheSameTextInUseTwiceGivesTwoIndependentStatements) {
    auto outer = db.prepare(kSelect);
    outer.bind(1, std::int64_t{1});
    ASSERT_TRUE(outer.step());
    auto inner = db.prepare(kSelect);
    inner.bind(1, std::int64_t{2});
    ASSERT_TRUE(inner.step());
    EXPECT_EQ(inner.text(0), "Elective");
    EXPECT_EQ(outer.text(0), "Trauma") << "the inner use must not disturb the outer one";
}
