#include <gtest/gtest.h>

#include <mutex>
#include <set>
#include <thread>

#include "TempDir.hpp"
#include "domain/CaseFilter.hpp"
#include "store/StoreErrors.hpp"
#include "store/sqlite/SqliteStore.hpp"

using namespace caseboard;
using domain::CaseChange;
using domain::ChangeKind;

namespace {

class RecordingListener : public domain::ChangeListener {
public:
    void onCommitted(const CaseChange& change) override {
        std::lock_guard lock(mutex);
        changes.push_back(change);
    }
    std::mutex mutex;
    std::vector<CaseChange> changes;
};

domain::CaseDraft draft(std::string name, std::string section = "new_referral",
                        std::optional<std::string> date = std::nullopt) {
    domain::CaseDraft d;
    d.name = std::move(name);
    d.section = std::move(section);
    d.surgeryDate = std::move(date);
    return d;
}

class SqliteStoreTest : public ::testing::Test {
protected:
    SqliteStoreTest() : store(dir.file("cases.db")) { store.setChangeListener(&listener); }
    TempDir dir;
    store::sqlite::SqliteStore store;
    RecordingListener listener;
};

}  // namespace

TEST_F(SqliteStoreTest, CreatesCasesAtTheEndOfTheirSection) {
    auto first = store.createCase(draft("A"));
    auto second = store.createCase(draft("B"));
    auto other = store.createCase(draft("C", "on_list"));
    EXPECT_EQ(first.orderIndex, 1);
    EXPECT_EQ(second.orderIndex, 2);
    EXPECT_EQ(other.orderIndex, 1);
    EXPECT_EQ(first.version, 1);
    EXPECT_EQ(first.createdAt, first.updatedAt);
}

TEST_F(SqliteStoreTest, ListsInBoardOrderWithFilters) {
    store.createCase(draft("Zed", "on_list", "2025-03-01"));
    store.createCase(draft("Amy", "new_referral", "2025-01-15"));
    store.createCase(draft("bob", "new_referral"));
    auto all = store.listCases({});
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[0].name, "Amy");
    EXPECT_EQ(all[1].name, "bob");
    EXPECT_EQ(all[2].name, "Zed");

    domain::CaseFilter byName;
    byName.nameContains = "BO";
    EXPECT_EQ(store.listCases(byName).size(), 1u);

    domain::CaseFilter byDate;
    byDate.surgeryFrom = domain::Date::parse("2025-01-15");
    byDate.surgeryTo = domain::Date::parse("2025-02-28");
    auto dated = store.listCases(byDate);
    ASSERT_EQ(dated.size(), 1u);
    EXPECT_EQ(dated[0].name, "Amy");

    domain::CaseFilter page;
    page.limit = 1;
    page.offset = 1;
    ASSERT_EQ(store.listCases(page).size(), 1u);
    EXPECT_EQ(store.listCases(page)[0].name, "bob");
}

TEST_F(SqliteStoreTest, ArchivedCasesAreListedOnlyWhenAskedFor) {
    auto c = store.createCase(draft("A"));
    domain::CasePatch archive;
    archive.archived = true;
    store.updateCase(c.id, archive, std::nullopt);
    EXPECT_TRUE(store.listCases({}).empty());
    domain::CaseFilter archived;
    archived.archived = true;
    EXPECT_EQ(store.listCases(archived).size(), 1u);
}

TEST_F(SqliteStoreTest, UpdatesOnlyWhatThePatchSays) {
    auto c = store.createCase(draft("A", "new_referral", "2025-01-01"));
    domain::CasePatch patch;
    patch.outcome = "Scheduled";
    patch.surgeryDate = std::optional<std::string>();
    auto updated = store.updateCase(c.id, patch, 1);
    EXPECT_EQ(updated.name, "A");
    EXPECT_EQ(updated.outcome, "Scheduled");
    EXPECT_FALSE(updated.surgeryDate);
    EXPECT_EQ(updated.version, 2);
    EXPECT_GT(updated.updatedAt, c.updatedAt);
    EXPECT_EQ(store.findCase(c.id)->outcome, "Scheduled");
}

TEST_F(SqliteStoreTest, AStaleVersionChangesNothing) {
    auto c = store.createCase(draft("A"));
    domain::CasePatch patch;
    patch.name = "B";
    store.updateCase(c.id, patch, 1);
    patch.name = "C";
    EXPECT_THROW(store.updateCase(c.id, patch, 1), store::PreconditionFailed);
    EXPECT_EQ(store.findCase(c.id)->name, "B");
}

TEST_F(SqliteStoreTest, APatchThatChangesNothingIsNotAChange) {
    auto c = store.createCase(draft("A"));
    domain::CasePatch same;
    same.name = "A";
    auto result = store.updateCase(c.id, same, std::nullopt);
    EXPECT_EQ(result.version, 1);
    EXPECT_EQ(listener.changes.size(), 1u);  // only the create
}

TEST_F(SqliteStoreTest, DeletesOnce) {
    auto c = store.createCase(draft("A"));
    store.deleteCase(c.id);
    EXPECT_FALSE(store.findCase(c.id));
    EXPECT_THROW(store.deleteCase(c.id), store::NotFound);
    EXPECT_THROW(store.updateCase(c.id, {}, std::nullopt), store::NotFound);
}

TEST_F(SqliteStoreTest, MovesAllOrNothing) {
    auto a = store.createCase(draft("A"));
    auto b = store.createCase(draft("B"));
    std::vector<domain::CaseMove> moves{{a.id, "on_list", 0},
                                        {"00000000-0000-4000-8000-000000000000", "on_list", 1}};
    EXPECT_THROW(store.moveCases(moves), store::NotFound);
    EXPECT_EQ(store.findCase(a.id)->section, "new_referral");

    auto moved = store.moveCases({{a.id, "on_list", 1}, {b.id, "on_list", 0}});
    ASSERT_EQ(moved.size(), 2u);
    auto board = store.listCases({});
    EXPECT_EQ(board[0].name, "B");
    EXPECT_EQ(board[1].name, "A");
    EXPECT_EQ(board[1].version, 2);
}

TEST_F(SqliteStoreTest, ReportsEveryCommittedChangeOnceInOrder) {
    auto c = store.createCase(draft("A"));
    domain::CasePatch patch;
    patch.name = "B";
    store.updateCase(c.id, patch, std::nullopt);
    store.deleteCase(c.id);
    ASSERT_EQ(listener.changes.size(), 3u);
    EXPECT_EQ(listener.changes[0].kind, ChangeKind::Create);
    EXPECT_EQ(listener.changes[1].kind, ChangeKind::Update);
    EXPECT_EQ(listener.changes[1].after->name, "B");
    EXPECT_EQ(listener.changes[2].kind, ChangeKind::Delete);
    EXPECT_FALSE(listener.changes[2].after);
}

TEST_F(SqliteStoreTest, ConcurrentWritesAllLandAndAreEachReportedOnce) {
    constexpr int kWriters = 50;
    std::vector<std::thread> writers;
    std::mutex mutex;
    std::set<std::string> ids;
    for (int i = 0; i < kWriters; ++i) {
        writers.emplace_back([&, i] {
            auto c = store.createCase(draft("case " + std::to_string(i)));
            std::lock_guard lock(mutex);
            ids.insert(c.id);
        });
    }
    for (auto& writer : writers) writer.join();
    EXPECT_EQ(ids.size(), static_cast<std::size_t>(kWriters));
    EXPECT_EQ(store.listCases({}).size(), static_cast<std::size_t>(kWriters));
    std::set<std::string> reported;
    for (const auto& change : listener.changes) reported.insert(change.caseId);
    EXPECT_EQ(reported, ids);
    EXPECT_EQ(listener.changes.size(), static_cast<std::size_t>(kWriters));
    std::set<std::int64_t> orderIndexes;
    for (const auto& c : store.listCases({})) orderIndexes.insert(c.orderIndex);
    EXPECT_EQ(orderIndexes.size(), static_cast<std::size_t>(kWriters));
}

TEST_F(SqliteStoreTest, UsersHaveUniqueEmails) {
    auto user = store.createUser("a@example.org", "$argon2id$hash");
    EXPECT_EQ(store.findUserByEmail("a@example.org")->id, user.id);
    EXPECT_EQ(store.findUserById(user.id)->email, "a@example.org");
    EXPECT_THROW(store.createUser("a@example.org", "$argon2id$other"), store::Conflict);
}

TEST(SqliteStoreDurability, ReopeningKeepsEverything) {
    TempDir dir;
    std::string id;
    {
        store::sqlite::SqliteStore store(dir.file("db"));
        id = store.createCase(draft("Kept")).id;
        store.createUser("u@example.org", "$argon2id$h");
    }
    store::sqlite::SqliteStore reopened(dir.file("db"));
    EXPECT_EQ(reopened.findCase(id)->name, "Kept");
    EXPECT_TRUE(reopened.findUserByEmail("u@example.org"));
    EXPECT_TRUE(reopened.ready());
}

TEST(SqliteStoreDurability, AnUnopenableFileIsUnavailable) {
    EXPECT_THROW(store::sqlite::SqliteStore("/proc/no/such/dir/db"), store::Unavailable);
}
