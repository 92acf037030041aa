// Sessions and access changes in the SQLite store (the PostgreSQL store runs the same checks in
// tests/pg). What the integration tests see through HTTP rests on these rules.
#include <gtest/gtest.h>

#include <chrono>
#include <mutex>
#include <thread>

#include "TempDir.hpp"
#include "domain/Clock.hpp"
#include "store/StoreErrors.hpp"
#include "store/sqlite/SqliteStore.hpp"

using namespace caseboard;

namespace {

const domain::Actor kAdmin{"admin-id", "admin@example.org"};

class AccessRecorder : public domain::ChangeListener {
  public:
    void onCommitted(const domain::CaseChange&) override {}
    void onAccessChanged(const domain::AccessChange& change) override {
        std::lock_guard lock(mutex);
        changes.push_back(change);
    }
    std::vector<domain::AccessChange> seen() {
        std::lock_guard lock(mutex);
        return changes;
    }
    std::mutex mutex;
    std::vector<domain::AccessChange> changes;
};

std::string openSession(store::Store& store, const domain::User& user) {
    return store.openSession({user.id, "password", domain::unixSeconds() + 3600},
                             {user.id, user.email});
}

class SessionStoreTest : public ::testing::Test {
  protected:
    TempDir dir;
    store::sqlite::SqliteStore store{dir.file("c.db")};
    AccessRecorder recorder;
    void SetUp() override { store.setChangeListener(&recorder); }
    void TearDown() override { store.setChangeListener(nullptr); }
};

TEST_F(SessionStoreTest, ASessionIsLiveUntilItEnds) {
    auto user = store.createUser("a@example.org", "$argon2id$h");
    auto session = openSession(store, user);
    ASSERT_TRUE(store.sessionUser(session));
    EXPECT_EQ(store.sessionUser(session)->id, user.id);
    store.endSession(session, {user.id, user.email});
    EXPECT_FALSE(store.sessionUser(session));
    // The listener heard of it before endSession returned.
    ASSERT_FALSE(recorder.seen().empty());
    EXPECT_TRUE(recorder.seen().back().ends(user.id, session));
    // Ending it again changes nothing and says nothing.
    auto heard = recorder.seen().size();
    store.endSession(session, {user.id, user.email});
    EXPECT_EQ(recorder.seen().size(), heard);
    EXPECT_FALSE(store.sessionUser("no-such-session"));
}

TEST_F(SessionStoreTest, DeactivationEndsEverySessionAndReactivationNone) {
    store.createUser("admin@example.org", "$argon2id$h");
    auto user = store.createUser("b@example.org", "$argon2id$h");
    auto first = openSession(store, user);
    auto second = openSession(store, user);
    auto off = store.setUserActive(user.id, false, kAdmin);
    EXPECT_FALSE(off.active);
    EXPECT_FALSE(store.sessionUser(first));
    EXPECT_FALSE(store.sessionUser(second));
    EXPECT_TRUE(recorder.seen().back().ends(user.id, first));
    store.setUserActive(user.id, true, kAdmin);
    EXPECT_FALSE(store.sessionUser(first));
    EXPECT_TRUE(store.sessionUser(openSession(store, user)));
}

TEST_F(SessionStoreTest, TheLastActiveAdminStays) {
    auto admin = store.createUser("admin@example.org", "$argon2id$h");
    EXPECT_THROW(store.setUserActive(admin.id, false, kAdmin), store::Conflict);
    EXPECT_THROW(store.setUserRole(admin.id, domain::Role::Pending, kAdmin), store::Conflict);
    auto other =
        store.createUser(domain::NewUser{"b@example.org", "h", domain::Role::Admin}, kAdmin);
    store.setUserActive(other.id, false, kAdmin);
    EXPECT_THROW(store.setUserActive(admin.id, false, kAdmin), store::Conflict);
}

TEST_F(SessionStoreTest, APasswordChangeKeepsOnlyTheSessionThatMadeIt) {
    auto user = store.createUser("a@example.org", "$argon2id$old");
    auto kept = openSession(store, user);
    auto other = openSession(store, user);
    store.setPassword(user.id, "$argon2id$new", kept, {user.id, user.email});
    EXPECT_TRUE(store.sessionUser(kept));
    EXPECT_FALSE(store.sessionUser(other));
    EXPECT_EQ(store.findUserById(user.id)->passwordHash, "$argon2id$new");
    auto change = recorder.seen().back();
    EXPECT_TRUE(change.ends(user.id, other));
    EXPECT_FALSE(change.ends(user.id, kept));
}

TEST_F(SessionStoreTest, APendingRoleEndsReadingButNotTheSession) {
    store.createUser("admin@example.org", "$argon2id$h");
    auto user = store.createUser("b@example.org", "$argon2id$h");
    auto session = openSession(store, user);
    store.setUserRole(user.id, domain::Role::Pending, kAdmin);
    EXPECT_TRUE(recorder.seen().back().ends(user.id, session));
    EXPECT_EQ(store.sessionUser(session)->role, domain::Role::Pending);
}

TEST_F(SessionStoreTest, ADirectoryAccountNeverTakesOverALocalOne) {
    store.createUser("local@example.org", "$argon2id$h");
    EXPECT_THROW(
        store.syncDirectoryUser("local@example.org", domain::UserSource::Ldap, domain::Role::Admin),
        store::Conflict);
    auto made =
        store.syncDirectoryUser("dir@example.org", domain::UserSource::Ldap, domain::Role::Viewer);
    EXPECT_TRUE(made.passwordHash.empty());
    EXPECT_EQ(made.source, domain::UserSource::Ldap);
    auto promoted =
        store.syncDirectoryUser("dir@example.org", domain::UserSource::Ldap, domain::Role::Editor);
    EXPECT_EQ(promoted.id, made.id);
    EXPECT_EQ(promoted.role, domain::Role::Editor);
}

TEST_F(SessionStoreTest, AChangeMadeByAnotherProcessReachesTheListener) {
    store.createUser("admin@example.org", "$argon2id$h");
    auto user = store.createUser("a@example.org", "$argon2id$h");
    auto session = openSession(store, user);
    {
        // The command line: another store on the same file, with no listener of its own.
        store::sqlite::SqliteStore other(dir.file("c.db"));
        other.setUserActive(user.id, false, kAdmin);
    }
    bool heard = false;
    for (int i = 0; i < 40 && !heard; ++i) {
        for (const auto& change : recorder.seen()) heard = heard || change.ends(user.id, session);
        if (!heard) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_TRUE(heard);
}

TEST(AccessChange, EndsOnlyTheSessionsItNames) {
    domain::AccessChange signOut{"u", "s1", false, "", false};
    EXPECT_TRUE(signOut.ends("u", "s1"));
    EXPECT_FALSE(signOut.ends("u", "s2"));
    EXPECT_FALSE(signOut.ends("v", "s1"));
    domain::AccessChange password{"u", "", true, "s1", false};
    EXPECT_FALSE(password.ends("u", "s1"));
    EXPECT_TRUE(password.ends("u", "s2"));
    domain::AccessChange roleOnly{"u", "", false, "", false};
    EXPECT_FALSE(roleOnly.ends("u", "s1"));
    domain::AccessChange pending{"u", "", false, "", true};
    EXPECT_TRUE(pending.ends("u", "s1"));
}

}  // namespace
