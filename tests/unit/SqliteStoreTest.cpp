#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>

#include "TempDir.hpp"
#include "common/CaseDrafts.hpp"
#include "common/RecordingListener.hpp"
#include "domain/CaseFilter.hpp"
#include "store/StoreErrors.hpp"
#include "store/sqlite/Migrations.hpp"
#include "store/sqlite/SqliteStore.hpp"

using namespace caseboard;
using domain::CaseChange;
using domain::ChangeKind;
using storetest::draft;
using storetest::RecordingListener;

namespace {

const domain::Actor kActor{"user-1", "sam@example.org"};

class SqliteStoreTest : public ::testing::Test {
  protected:
    SqliteStoreTest() : store(dir.file("cases.db")) { store.setChangeListener(&listener); }
    TempDir dir;
    store::sqlite::SqliteStore store;
    RecordingListener listener;
};

}  // namespace

TEST_F(SqliteStoreTest, CreatesCasesAtTheEndOfTheirSection) {
    auto first = store.createCase(draft("A"), kActor);
    auto second = store.createCase(draft("B"), kActor);
    auto other = store.createCase(draft("C", "on_list"), kActor);
    EXPECT_EQ(first.orderIndex, 1);
    EXPECT_EQ(second.orderIndex, 2);
    EXPECT_EQ(other.orderIndex, 1);
    EXPECT_EQ(first.version, 1);
    EXPECT_EQ(first.createdAt, first.updatedAt);
}

TEST_F(SqliteStoreTest, ListsInBoardOrderWithFilters) {
    store.createCase(draft("Zed", "on_list", "2025-03-01"), kActor);
    store.createCase(draft("Amy", "new_referral", "2025-01-15"), kActor);
    store.createCase(draft("bob", "new_referral"), kActor);
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
    auto c = store.createCase(draft("A"), kActor);
    domain::CasePatch archive;
    archive.set(&domain::Case::archived, true);
    store.updateCase(c.id, archive, std::nullopt, kActor);
    EXPECT_TRUE(store.listCases({}).empty());
    domain::CaseFilter archived;
    archived.archived = true;
    EXPECT_EQ(store.listCases(archived).size(), 1u);
}

TEST_F(SqliteStoreTest, UpdatesOnlyWhatThePatchSays) {
    auto c = store.createCase(draft("A", "new_referral", "2025-01-01"), kActor);
    domain::CasePatch patch;
    patch.set(&domain::Case::outcome, "Scheduled");
    patch.set(&domain::Case::surgeryDate, std::optional<std::string>());
    auto updated = store.updateCase(c.id, patch, 1, kActor);
    EXPECT_EQ(updated.name, "A");
    EXPECT_EQ(updated.outcome, "Scheduled");
    EXPECT_FALSE(updated.surgeryDate);
    EXPECT_EQ(updated.version, 2);
    EXPECT_GT(updated.updatedAt, c.updatedAt);
    EXPECT_EQ(store.findCase(c.id)->outcome, "Scheduled");
}

TEST_F(SqliteStoreTest, AStaleVersionChangesNothing) {
    auto c = store.createCase(draft("A"), kActor);
    domain::CasePatch patch;
    patch.set(&domain::Case::name, "B");
    store.updateCase(c.id, patch, 1, kActor);
    patch.set(&domain::Case::name, "C");
    EXPECT_THROW(store.updateCase(c.id, patch, 1, kActor), store::PreconditionFailed);
    EXPECT_EQ(store.findCase(c.id)->name, "B");
}

TEST_F(SqliteStoreTest, APatchThatChangesNothingIsNotAChange) {
    auto c = store.createCase(draft("A"), kActor);
    domain::CasePatch same;
    same.set(&domain::Case::name, "A");
    auto result = store.updateCase(c.id, same, std::nullopt, kActor);
    EXPECT_EQ(result.version, 1);
    EXPECT_EQ(listener.changes.size(), 1u);  // only the create
}

TEST_F(SqliteStoreTest, DeletesOnce) {
    auto c = store.createCase(draft("A"), kActor);
    store.deleteCase(c.id, kActor);
    EXPECT_FALSE(store.findCase(c.id));
    EXPECT_THROW(store.deleteCase(c.id, kActor), store::NotFound);
    EXPECT_THROW(store.updateCase(c.id, {}, std::nullopt, kActor), store::NotFound);
}

TEST_F(SqliteStoreTest, MovesAllOrNothing) {
    auto a = store.createCase(draft("A"), kActor);
    auto b = store.createCase(draft("B"), kActor);
    std::vector<domain::CaseMove> moves{{a.id, "on_list", 0},
                                        {"00000000-0000-4000-8000-000000000000", "on_list", 1}};
    EXPECT_THROW(store.moveCases(moves, kActor), store::NotFound);
    EXPECT_EQ(store.findCase(a.id)->section, "new_referral");

    auto moved = store.moveCases({{a.id, "on_list", 1}, {b.id, "on_list", 0}}, kActor);
    ASSERT_EQ(moved.size(), 2u);
    auto board = store.listCases({});
    EXPECT_EQ(board[0].name, "B");
    EXPECT_EQ(board[1].name, "A");
    EXPECT_EQ(board[1].version, 2);
}

TEST_F(SqliteStoreTest, ReportsEveryCommittedChangeOnceInOrder) {
    auto c = store.createCase(draft("A"), kActor);
    domain::CasePatch patch;
    patch.set(&domain::Case::name, "B");
    store.updateCase(c.id, patch, std::nullopt, kActor);
    store.deleteCase(c.id, kActor);
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
            auto c = store.createCase(draft("case " + std::to_string(i)), kActor);
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

namespace {

// Collects what writes that complete later report, and waits (boundedly) for all of them.
struct Outcomes {
    struct Outcome {
        domain::Case result;
        std::exception_ptr error;
        bool listenerHadIt = false;  // its change was reported before it completed
        bool readable = false;       // a reader saw it when it completed
    };
    std::mutex mutex;
    std::condition_variable arrived;
    std::vector<Outcome> all;

    void add(Outcome outcome) {
        std::lock_guard lock(mutex);
        all.push_back(std::move(outcome));
        arrived.notify_all();
    }
    bool waitFor(std::size_t count) {
        std::unique_lock lock(mutex);
        return arrived.wait_for(lock, std::chrono::seconds(20),
                                [&] { return all.size() >= count; });
    }
};

bool reported(RecordingListener& listener, const std::string& id) {
    std::lock_guard lock(listener.mutex);
    for (const auto& change : listener.changes) {
        if (change.caseId == id) return true;
    }
    return false;
}

}  // namespace

TEST_F(SqliteStoreTest, AWriteThatCompletesLaterIsDurableAndReportedBeforeItCompletes) {
    constexpr int kWrites = 60;
    Outcomes outcomes;
    std::vector<std::thread> callers;
    for (int t = 0; t < 3; ++t) {
        callers.emplace_back([&, t] {
            for (int i = 0; i < kWrites / 3; ++i) {
                auto name = "case " + std::to_string(t) + "-" + std::to_string(i);
                store.createCaseThen(draft(name), kActor,
                                     [&](domain::Case created, std::exception_ptr error) {
                                         bool had = !error && reported(listener, created.id);
                                         bool readable = !error && store.findCase(created.id);
                                         outcomes.add({std::move(created), error, had, readable});
                                     });
            }
        });
    }
    for (auto& caller : callers) caller.join();
    ASSERT_TRUE(outcomes.waitFor(kWrites));
    std::set<std::string> ids;
    for (const auto& outcome : outcomes.all) {
        EXPECT_FALSE(outcome.error);
        EXPECT_TRUE(outcome.listenerHadIt) << outcome.result.name;
        EXPECT_TRUE(outcome.readable) << outcome.result.name;
        EXPECT_EQ(outcome.result.version, 1);
        ids.insert(outcome.result.id);
    }
    EXPECT_EQ(ids.size(), static_cast<std::size_t>(kWrites));
    EXPECT_EQ(store.listCases({}).size(), static_cast<std::size_t>(kWrites));
    EXPECT_EQ(listener.changes.size(), static_cast<std::size_t>(kWrites));
}

// A batch commits all its writes at once. Were a caller released before the listener had heard
// of the other writes of its batch, that caller could read a case that no screen has been told
// of yet.
TEST_F(SqliteStoreTest, EveryCommittedChangeIsReportedBeforeAnyCallerHearsOfItsCommit) {
    constexpr int kWrites = 90;
    struct Seen {
        std::size_t committed = 0;
        std::size_t reported = 0;
    };
    std::mutex mutex;
    std::vector<Seen> seen;
    std::condition_variable allDone;
    std::vector<std::thread> callers;
    for (int t = 0; t < 3; ++t) {
        callers.emplace_back([&, t] {
            for (int i = 0; i < kWrites / 3; ++i) {
                auto name = "case " + std::to_string(t) + "-" + std::to_string(i);
                store.createCaseThen(draft(name), kActor, [&](domain::Case, std::exception_ptr) {
                    Seen now;
                    now.committed = store.listCases({}).size();
                    {
                        std::lock_guard lock(listener.mutex);
                        now.reported = listener.changes.size();
                    }
                    std::lock_guard lock(mutex);
                    seen.push_back(now);
                    allDone.notify_all();
                });
            }
        });
    }
    for (auto& caller : callers) caller.join();
    std::unique_lock lock(mutex);
    ASSERT_TRUE(
        allDone.wait_for(lock, std::chrono::seconds(20), [&] { return seen.size() == kWrites; }));
    for (const auto& now : seen) EXPECT_EQ(now.reported, now.committed);
}

TEST_F(SqliteStoreTest, AnUpdateThatCompletesLaterReportsItsResultOrItsFailure) {
    auto original = store.createCase(draft("A"), kActor);
    domain::CasePatch patch;
    patch.set(&domain::Case::outcome, "Fixed");
    Outcomes outcomes;
    auto record = [&](domain::Case c, std::exception_ptr error) {
        outcomes.add({std::move(c), error, false, false});
    };
    store.updateCaseThen(original.id, patch, original.version, kActor, record);
    ASSERT_TRUE(outcomes.waitFor(1));
    store.updateCaseThen(original.id, patch, original.version, kActor, record);  // stale now
    ASSERT_TRUE(outcomes.waitFor(2));
    store.updateCaseThen("00000000-0000-4000-8000-000000000000", patch, std::nullopt, kActor,
                         record);
    ASSERT_TRUE(outcomes.waitFor(3));

    ASSERT_FALSE(outcomes.all[0].error);
    EXPECT_EQ(outcomes.all[0].result.outcome, "Fixed");
    EXPECT_EQ(outcomes.all[0].result.version, original.version + 1);
    EXPECT_THROW(std::rethrow_exception(outcomes.all[1].error), store::PreconditionFailed);
    EXPECT_THROW(std::rethrow_exception(outcomes.all[2].error), store::NotFound);
    EXPECT_EQ(store.findCase(original.id)->version, original.version + 1);
    EXPECT_EQ(listener.changes.size(), 2u);  // the create and the one update that happened
}

// Each write of a batch runs in a savepoint: one that fails after it has written must undo
// exactly its own rows, and the writes committed with it must all land.
TEST_F(SqliteStoreTest, AWriteThatFailsHalfwayRollsBackAloneInItsBatch) {
    auto a = store.createCase(draft("A"), kActor);
    constexpr int kCreates = 20;
    Outcomes outcomes;
    for (int i = 0; i < kCreates; ++i) {
        store.createCaseThen(draft("B" + std::to_string(i)), kActor,
                             [&](domain::Case c, std::exception_ptr error) {
                                 outcomes.add({std::move(c), error, false, false});
                             });
    }
    // Queued behind the creates: its first move is written before its second fails.
    std::vector<domain::CaseMove> moves{{a.id, "on_list", 0},
                                        {"00000000-0000-4000-8000-000000000000", "on_list", 1}};
    EXPECT_THROW(store.moveCases(moves, kActor), store::NotFound);
    ASSERT_TRUE(outcomes.waitFor(kCreates));
    for (const auto& outcome : outcomes.all) EXPECT_FALSE(outcome.error) << outcome.result.name;

    auto after = store.findCase(a.id);
    EXPECT_EQ(after->section, "new_referral");
    EXPECT_EQ(after->version, 1);
    EXPECT_EQ(store.caseHistory(a.id).size(), 1u);
    EXPECT_EQ(store.listCases({}).size(), static_cast<std::size_t>(kCreates + 1));
    EXPECT_EQ(listener.changes.size(), static_cast<std::size_t>(kCreates + 1));
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
        id = store.createCase(draft("Kept"), kActor).id;
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

TEST_F(SqliteStoreTest, EveryCaseChangeHasExactlyOneAuditEntry) {
    auto c = store.createCase(draft("A"), kActor);
    domain::CasePatch patch;
    patch.set(&domain::Case::section, "on_list");
    store.updateCase(c.id, patch, std::nullopt, kActor);
    store.updateCase(c.id, patch, std::nullopt, kActor);  // no change: no entry
    store.moveCases({{c.id, "on_list", 7}}, kActor);
    store.deleteCase(c.id, kActor);
    auto history = store.caseHistory(c.id);
    ASSERT_EQ(history.size(), 4u);
    EXPECT_EQ(history[0].action, "create");
    EXPECT_EQ(history[1].action, "update");
    EXPECT_EQ(history[2].action, "reorder");
    EXPECT_EQ(history[3].action, "delete");
    EXPECT_EQ(history[1].email, "sam@example.org");
    EXPECT_EQ(history[1].changes.at("section").at("before").as_string(), "new_referral");
    EXPECT_EQ(history[1].changes.at("section").at("after").as_string(), "on_list");
    EXPECT_EQ(history[1].changes.size(), 1u);
    EXPECT_LT(history[0].id, history[3].id);
}

TEST_F(SqliteStoreTest, AFailedWriteLeavesNoAuditEntry) {
    auto c = store.createCase(draft("A"), kActor);
    domain::CasePatch patch;
    patch.set(&domain::Case::name, "B");
    EXPECT_THROW(store.updateCase(c.id, patch, 99, kActor), store::PreconditionFailed);
    EXPECT_EQ(store.caseHistory(c.id).size(), 1u);
}

TEST_F(SqliteStoreTest, RestoresADeletedCaseWithItsIdAndCreation) {
    domain::CaseDraft d = draft("A");
    d.hospitalNumber = "RX-1";
    auto c = store.createCase(d, kActor);
    domain::CasePatch patch;
    patch.set(&domain::Case::outcome, "Done");
    c = store.updateCase(c.id, patch, std::nullopt, kActor);
    store.deleteCase(c.id, kActor);
    auto restored = store.restoreCase(c.id, kActor);
    EXPECT_EQ(restored.id, c.id);
    EXPECT_EQ(restored.createdAt, c.createdAt);
    EXPECT_EQ(restored.outcome, "Done");
    EXPECT_EQ(restored.hospitalNumber, "RX-1");
    EXPECT_EQ(restored.version, c.version + 1);
    EXPECT_EQ(store.findCase(c.id)->version, c.version + 1);
    EXPECT_EQ(store.caseHistory(c.id).back().action, "restore");
    EXPECT_EQ(listener.changes.back().kind, ChangeKind::Create);
    EXPECT_THROW(store.restoreCase(c.id, kActor), store::Conflict);
    EXPECT_THROW(store.restoreCase("00000000-0000-4000-8000-000000000000", kActor),
                 store::NotFound);
}

TEST_F(SqliteStoreTest, TheFirstUserIsAdminAndTheLastAdminStays) {
    auto admin = store.createUser("a@example.org", "$argon2id$h");
    auto editor = store.createUser("b@example.org", "$argon2id$h");
    EXPECT_EQ(admin.role, domain::Role::Admin);
    EXPECT_EQ(editor.role, domain::Role::Editor);
    EXPECT_THROW(store.setUserRole(admin.id, domain::Role::Viewer, kActor), store::Conflict);
    store.setUserRole(editor.id, domain::Role::Admin, kActor);
    EXPECT_EQ(store.setUserRole(admin.id, domain::Role::Viewer, kActor).role, domain::Role::Viewer);
    EXPECT_EQ(store.findUserById(admin.id)->role, domain::Role::Viewer);
    EXPECT_THROW(store.setUserRole("nobody", domain::Role::Viewer, kActor), store::NotFound);
    domain::AuditFilter changes;
    changes.action = "role_change";
    auto trail = store.auditTrail(changes);
    ASSERT_EQ(trail.size(), 2u);
    EXPECT_EQ(trail[0].targetUser, admin.id);  // newest first
    EXPECT_EQ(trail[0].changes.at("role").at("after").as_string(), "viewer");
}

TEST_F(SqliteStoreTest, TheAuditTrailFiltersAndPages) {
    for (int i = 0; i < 5; ++i) store.createCase(draft("c" + std::to_string(i)), kActor);
    store.recordAudit(domain::auditEntry("login", {"user-2", "kim@example.org"}, std::nullopt, {}));
    domain::AuditFilter byUser;
    byUser.user = "kim@example.org";
    EXPECT_EQ(store.auditTrail(byUser).size(), 1u);
    byUser.user = "user-1";
    EXPECT_EQ(store.auditTrail(byUser).size(), 5u);
    domain::AuditFilter page;
    page.limit = 2;
    page.offset = 1;
    auto entries = store.auditTrail(page);
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_GT(entries[0].id, entries[1].id);
    domain::AuditFilter future;
    future.from = domain::Date::parse("2999-01-01");
    EXPECT_TRUE(store.auditTrail(future).empty());
    domain::AuditFilter today;
    today.from = today.to = domain::Date::todayUtc();
    EXPECT_EQ(store.auditTrail(today).size(), 6u);
}

TEST(SqliteMigration, KeepsEveryCaseAndUserOfTheFirstSchema) {
    TempDir dir;
    {
        store::sqlite::Connection db(dir.file("old.db"), false);
        store::sqlite::migrate(db, 1);
        db.exec(
            "INSERT INTO users (id, email, password_hash, created_at) VALUES"
            " ('u1', 'first@example.org', 'h', '2025-01-01T00:00:00Z'),"
            " ('u2', 'second@example.org', 'h', '2025-01-02T00:00:00Z')");
        db.exec(
            "INSERT INTO cases (id, name, section, order_index, created_at, updated_at) VALUES"
            " ('c1', 'Old case', 'on_list', 1, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')");
    }
    store::sqlite::SqliteStore upgraded(dir.file("old.db"));
    auto old = upgraded.findCase("c1");
    ASSERT_TRUE(old);
    EXPECT_EQ(old->name, "Old case");
    EXPECT_EQ(old->ward, "");
    EXPECT_FALSE(old->hospitalNumber);
    EXPECT_EQ(upgraded.findUserById("u1")->role, domain::Role::Admin);
    EXPECT_EQ(upgraded.findUserById("u2")->role, domain::Role::Editor);
}

// A case as the second schema stored it, with the entries the store of that time wrote for it.
class SecondSchemaDatabase {
  public:
    explicit SecondSchemaDatabase(const std::string& path) : db_(path, false) {
        store::sqlite::migrate(db_, 2);
    }
    domain::Case addCase(const std::string& name) {
        domain::Case c = domain::newCaseFrom(draft(name));
        c.createdAt = c.updatedAt = "2026-01-01T00:00:00Z";
        db_.prepare(
               "INSERT INTO cases (id, name, section, order_index, created_at, updated_at)"
               " VALUES (?1, ?2, ?3, 1, ?4, ?4)")
            .bind(1, c.id)
            .bind(2, c.name)
            .bind(3, c.section)
            .bind(4, c.createdAt)
            .run();
        return c;
    }
    void record(const std::string& action, const std::string& caseId,
                const std::optional<domain::Case>& before,
                const std::optional<domain::Case>& after) {
        auto entry = domain::auditEntry(action, kActor, caseId, domain::caseChanges(before, after));
        db_.prepare(
               "INSERT INTO audit (at, user_id, email, action, case_id, changes)"
               " VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
            .bind(1, entry.at)
            .bind(2, entry.userId)
            .bind(3, entry.email)
            .bind(4, entry.action)
            .bind(5, caseId)
            .bind(6, boost::json::serialize(entry.changes))
            .run();
    }
    void remove(const std::string& caseId) {
        db_.prepare("DELETE FROM cases WHERE id = ?1").bind(1, caseId).run();
    }

  private:
    store::sqlite::Connection db_;
};

std::vector<std::string> actions(const std::vector<domain::AuditEntry>& history) {
    std::vector<std::string> names;
    for (const auto& entry : history) names.push_back(entry.action);
    return names;
}

using Actions = std::vector<std::string>;

TEST(SqliteMigration, EveryCaseKeepsItsHistoryWhenEntriesAreFiledUnderAKey) {
    TempDir dir;
    domain::Case kept, gone, old;
    {
        SecondSchemaDatabase v2(dir.file("v2.db"));
        kept = v2.addCase("Kept");
        v2.record("create", kept.id, std::nullopt, kept);
        domain::Case renamed = kept;
        renamed.name = "Kept, renamed";
        v2.record("update", kept.id, kept, renamed);
        gone = v2.addCase("Gone");
        v2.record("create", gone.id, std::nullopt, gone);
        v2.record("delete", gone.id, gone, std::nullopt);
        v2.remove(gone.id);
        old = v2.addCase("From before the audit trail");  // no entries at all
    }
    store::sqlite::SqliteStore upgraded(dir.file("v2.db"));
    EXPECT_EQ(actions(upgraded.caseHistory(kept.id)), (Actions{"create", "update"}));
    EXPECT_EQ(actions(upgraded.caseHistory(gone.id)), (Actions{"create", "delete"}));
    EXPECT_TRUE(upgraded.caseHistory(old.id).empty());

    EXPECT_EQ(upgraded.restoreCase(gone.id, kActor).name, "Gone");
    EXPECT_EQ(actions(upgraded.caseHistory(gone.id)), (Actions{"create", "delete", "restore"}));
    domain::CasePatch patch;
    patch.set(&domain::Case::outcome, "Discharged");
    upgraded.updateCase(old.id, patch, std::nullopt, kActor);
    upgraded.deleteCase(old.id, kActor);
    EXPECT_EQ(upgraded.restoreCase(old.id, kActor).outcome, "Discharged");
    EXPECT_EQ(actions(upgraded.caseHistory(old.id)), (Actions{"update", "delete", "restore"}));
    upgraded.updateCase(kept.id, patch, std::nullopt, kActor);
    EXPECT_EQ(actions(upgraded.caseHistory(kept.id)), (Actions{"create", "update", "update"}));
    auto fresh = upgraded.createCase(draft("New"), kActor);
    EXPECT_EQ(actions(upgraded.caseHistory(fresh.id)), (Actions{"create"}));
    EXPECT_EQ(upgraded.auditTrail({}).size(), 10u);
}

TEST_F(SqliteStoreTest, EachCaseHistoryHoldsItsOwnEntriesOnlyThroughDeletesAndRestores) {
    auto a = store.createCase(draft("A"), kActor);
    auto b = store.createCase(draft("B"), kActor);
    domain::CasePatch patch;
    patch.set(&domain::Case::diagnosis, "Fractured neck of femur");
    store.updateCase(b.id, patch, std::nullopt, kActor);
    store.deleteCase(a.id, kActor);
    store.restoreCase(a.id, kActor);
    store.deleteCase(a.id, kActor);
    store.restoreCase(a.id, kActor);
    store.updateCase(a.id, patch, std::nullopt, kActor);
    EXPECT_EQ(actions(store.caseHistory(a.id)),
              (Actions{"create", "delete", "restore", "delete", "restore", "update"}));
    EXPECT_EQ(actions(store.caseHistory(b.id)), (Actions{"create", "update"}));
    for (const auto& entry : store.caseHistory(a.id)) EXPECT_EQ(entry.caseId, a.id);
    EXPECT_TRUE(store.caseHistory("00000000-0000-4000-8000-000000000000").empty());
}

TEST(SqliteAudit, IsAppendOnly) {
    TempDir dir;
    store::sqlite::SqliteStore store(dir.file("db"));
    store.createCase(draft("A"), kActor);
    store::sqlite::Connection db(dir.file("db"), false);
    EXPECT_THROW(db.exec("UPDATE audit SET email = 'x'"), store::Unavailable);
    EXPECT_THROW(db.exec("DELETE FROM audit"), store::Unavailable);
}

TEST_F(SqliteStoreTest, AScreensTextReachesTheListenerOnceAndIsNotStored) {
    store.publishMessage("sam@example.org", "theatre 2 is free");
    ASSERT_EQ(listener.messages.size(), 1u);
    EXPECT_EQ(listener.messages[0], "sam@example.org: theatre 2 is free");
    EXPECT_TRUE(listener.changes.empty());
    EXPECT_TRUE(store.auditTrail({}).empty());
}
