// PostgresStore in process: the same behaviour as SqliteStore (the same operations on both, the
// results compared), and what only PostgreSQL has: several instances on one database, the event
// feed, shared sign-in throttling, a server that goes away and comes back.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <barrier>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "PgTestDatabase.hpp"
#include "auth/LoginThrottle.hpp"
#include "common/CaseDrafts.hpp"
#include "common/EveryField.hpp"
#include "common/RecordingListener.hpp"
#include "domain/CaseFilter.hpp"
#include "harness/ServerProcess.hpp"
#include "store/StoreErrors.hpp"
#include "store/postgres/PgFailureLog.hpp"
#include "store/postgres/PostgresStore.hpp"
#include "store/sqlite/SqliteStore.hpp"

using namespace caseboard;
using namespace std::chrono_literals;
using domain::Case;
using domain::CaseChange;
using domain::ChangeKind;
using store::postgres::PostgresStore;
using storetest::draft;
using storetest::RecordingListener;

namespace {

const caseboard::domain::Actor kActor{"user-1", "pg@example.org"};

// What a client sees of a case, minus what differs by nature between two databases (ids, times).
std::string shape(const Case& c) {
    return c.name + "|" + c.diagnosis + "|" + c.outcome + "|" + c.section + "|" +
           c.surgeryDate.value_or("null") + "|" + std::to_string(c.orderIndex) + "|" +
           (c.archived ? "archived" : "live") + "|v" + std::to_string(c.version);
}

std::vector<std::string> shapes(const std::vector<Case>& cases) {
    std::vector<std::string> out;
    for (const auto& c : cases) out.push_back(shape(c));
    return out;
}

std::string changeShape(const CaseChange& change) {
    return std::string(domain::actionName(change.kind)) + ":" +
           (change.after ? shape(*change.after) : "-");
}

bool havePostgres() {
    return pgtest::baseUrl().has_value();
}

#define SKIP_WITHOUT_POSTGRES() \
    if (!havePostgres())        \
    GTEST_SKIP() << "CASEBOARD_TEST_DATABASE_URL is not set: run under tests/pg/with-postgres.sh"

// -------------------------------------------------------------------------------------------
// The same operations on SQLite and on PostgreSQL give the same answers.

class StoreParityTest : public ::testing::Test {
  protected:
    void SetUp() override {
        SKIP_WITHOUT_POSTGRES();
        dir = it::makeTempDir("caseboard-parity");
        database = std::make_unique<pgtest::PgTestDatabase>();
        sqlite = std::make_unique<store::sqlite::SqliteStore>(dir + "/cases.db");
        postgres = std::make_unique<PostgresStore>(database->url());
        sqlite->setChangeListener(&sqliteEvents);
        postgres->setChangeListener(&postgresEvents);
    }
    void TearDown() override {
        postgres.reset();
        sqlite.reset();
        database.reset();
        if (!dir.empty()) it::removeTree(dir);
    }

    // Runs `operation` on both stores; both must return the same or throw the same.
    template <typename Result>
    void same(const char* what, const std::function<Result(store::Store&)>& operation) {
        auto outcome = [&](store::Store& s) -> std::string {
            try {
                if constexpr (std::is_same_v<Result, void>) {
                    operation(s);
                    return "ok";
                } else {
                    return describe(operation(s));
                }
            } catch (const store::NotFound& e) {
                return std::string("NotFound(") + e.what() + ")";
            } catch (const store::Conflict&) {
                return "Conflict";
            } catch (const store::PreconditionFailed&) {
                return "PreconditionFailed";
            }
        };
        EXPECT_EQ(outcome(*sqlite), outcome(*postgres)) << what;
    }
    static std::string describe(const Case& c) { return shape(c); }
    static std::string describe(const std::vector<Case>& cases) {
        std::string out;
        for (const auto& s : shapes(cases)) out += s + "\n";
        return out;
    }
    static std::string describe(const std::optional<Case>& c) { return c ? shape(*c) : "none"; }

    // Both stores' id of the case named `name` (names are unique in these tests).
    std::pair<std::string, std::string> idsOf(const std::string& name) {
        auto find = [&](store::Store& s) {
            for (bool archived : {false, true}) {
                domain::CaseFilter all;
                all.archived = archived;
                for (const auto& c : s.listCases(all)) {
                    if (c.name == name) return c.id;
                }
            }
            return std::string("00000000-0000-4000-8000-000000000000");
        };
        return {find(*sqlite), find(*postgres)};
    }

    std::string dir;
    std::unique_ptr<pgtest::PgTestDatabase> database;
    std::unique_ptr<store::sqlite::SqliteStore> sqlite;
    std::unique_ptr<PostgresStore> postgres;
    RecordingListener sqliteEvents;
    RecordingListener postgresEvents;
};

TEST_F(StoreParityTest, ListsFiltersAndOrdersAlike) {
    std::vector<domain::CaseDraft> drafts = {
        draft("Zed Brown", "on_list", "2025-03-01"),
        draft("amy Smith", "new_referral", "2025-01-15"),
        draft("Émile Zola", "new_referral"),
        draft("ÉMILE ZOLA", "on_list", "2025-02-28"),
        draft("100%_done", "a_b", "2024-12-31"),
        draft("o'Brien", "ab", "2025-01-01"),
        draft("Straße", "Zsection"),
        draft("STRASSE", "zsection"),
        draft("under_score", "on_list"),
    };
    drafts[1].diagnosis = "Fractured NECK of femur";
    drafts[2].outcome = "Pending";
    drafts[3].outcome = "Pending";
    drafts[5].archived = true;
    drafts[6].orderIndex = 5;
    drafts[7].orderIndex = -2;
    drafts[8].orderIndex = 1;  // the same as Zed's: created_at decides
    for (const auto& d : drafts)
        same<Case>("create", [&](store::Store& s) { return s.createCase(d, kActor); });

    std::vector<std::pair<std::string, domain::CaseFilter>> filters;
    auto add = [&](std::string what, auto edit) {
        domain::CaseFilter f;
        edit(f);
        filters.emplace_back(std::move(what), f);
    };
    add("everything live", [](auto&) {});
    add("archived", [](auto& f) { f.archived = true; });
    add("name e", [](auto& f) { f.nameContains = "e"; });
    add("name ÉMILE", [](auto& f) { f.nameContains = "ÉMILE"; });
    add("name émile", [](auto& f) { f.nameContains = "émile"; });
    add("name %", [](auto& f) { f.nameContains = "%"; });
    add("name _", [](auto& f) { f.nameContains = "_"; });
    add("name STRASSE", [](auto& f) { f.nameContains = "strasse"; });
    add("name ß", [](auto& f) { f.nameContains = "SS"; });
    add("name o'b", [](auto& f) {
        f.nameContains = "O'B";
        f.archived = true;
    });
    add("diagnosis", [](auto& f) { f.diagnosisContains = "neck OF"; });
    add("outcome", [](auto& f) { f.outcome = "Pending"; });
    add("outcome case", [](auto& f) { f.outcome = "pending"; });
    add("section", [](auto& f) { f.section = "on_list"; });
    add("from", [](auto& f) { f.surgeryFrom = domain::Date::parse("2025-01-15"); });
    add("to", [](auto& f) { f.surgeryTo = domain::Date::parse("2025-02-28"); });
    add("from to", [](auto& f) {
        f.surgeryFrom = domain::Date::parse("2025-01-01");
        f.surgeryTo = domain::Date::parse("2025-01-31");
    });
    add("limit", [](auto& f) { f.limit = 3; });
    add("offset", [](auto& f) { f.offset = 2; });
    add("limit offset", [](auto& f) {
        f.limit = 2;
        f.offset = 3;
    });
    add("offset past the end", [](auto& f) { f.offset = 100; });
    for (const auto& [what, filter] : filters) {
        same<std::vector<Case>>(what.c_str(), [&](store::Store& s) { return s.listCases(filter); });
    }
    // And in the order the API promises.
    auto board = postgres->listCases({});
    EXPECT_TRUE(std::is_sorted(board.begin(), board.end(), [](const Case& a, const Case& b) {
        return std::tie(a.section, a.orderIndex, a.createdAt, a.id) <
               std::tie(b.section, b.orderIndex, b.createdAt, b.id);
    }));
}

TEST_F(StoreParityTest, WritesBehaveAlike) {
    for (auto name : {"A", "B", "C"}) {
        same<Case>("create", [&](store::Store& s) { return s.createCase(draft(name), kActor); });
    }
    same<Case>("create elsewhere",
               [](store::Store& s) { return s.createCase(draft("D", "on_list"), kActor); });
    auto [sqliteA, postgresA] = idsOf("A");
    auto idFor = [&](store::Store& s, std::pair<std::string, std::string> ids) {
        return &s == sqlite.get() ? ids.first : ids.second;
    };

    domain::CasePatch outcome;
    outcome.set(&domain::Case::outcome, "Scheduled");
    same<Case>("update", [&](store::Store& s) {
        return s.updateCase(idFor(s, {sqliteA, postgresA}), outcome, std::nullopt, kActor);
    });
    same<Case>("no-op update", [&](store::Store& s) {
        return s.updateCase(idFor(s, {sqliteA, postgresA}), outcome, 2, kActor);
    });
    same<Case>("stale If-Match", [&](store::Store& s) {
        return s.updateCase(idFor(s, {sqliteA, postgresA}), outcome, 1, kActor);
    });
    domain::CasePatch clear;
    clear.set(&domain::Case::surgeryDate, std::optional<std::string>());
    clear.set(&domain::Case::archived, true);
    same<Case>("clear date, archive", [&](store::Store& s) {
        return s.updateCase(idFor(s, {sqliteA, postgresA}), clear, 2, kActor);
    });
    same<Case>("update unknown", [&](store::Store& s) {
        return s.updateCase("00000000-0000-4000-8000-000000000000", outcome, std::nullopt, kActor);
    });

    auto b = idsOf("B");
    auto c = idsOf("C");
    auto d = idsOf("D");
    const std::string unknown = "11111111-1111-4111-8111-111111111111";
    same<std::vector<Case>>("reorder with an unknown id moves nothing", [&](store::Store& s) {
        return s.moveCases({{idFor(s, b), "on_list", 0}, {unknown, "on_list", 1}}, kActor);
    });
    same<std::vector<Case>>("board unchanged", [](store::Store& s) { return s.listCases({}); });
    same<std::vector<Case>>("reorder", [&](store::Store& s) {
        return s.moveCases({{idFor(s, c), "on_list", 0},
                            {idFor(s, b), "new_referral", 2},  // where it is: unchanged
                            {idFor(s, d), "new_referral", 7}},
                           kActor);
    });
    same<std::vector<Case>>("board", [](store::Store& s) { return s.listCases({}); });
    same<void>("delete", [&](store::Store& s) { s.deleteCase(idFor(s, b), kActor); });
    same<void>("delete again", [&](store::Store& s) { s.deleteCase(idFor(s, b), kActor); });
    same<std::optional<Case>>("find deleted",
                              [&](store::Store& s) { return s.findCase(idFor(s, b)); });
    same<Case>("create after",
               [](store::Store& s) { return s.createCase(draft("E", "on_list"), kActor); });

    // The same events, in the same order, with the same data.
    ASSERT_TRUE(postgresEvents.waitFor(sqliteEvents.snapshot().size()));
    std::vector<std::string> expected, actual;
    for (const auto& change : sqliteEvents.snapshot()) expected.push_back(changeShape(change));
    for (const auto& change : postgresEvents.snapshot()) actual.push_back(changeShape(change));
    EXPECT_EQ(actual, expected);

    // The same case twice in one reorder: the same result. (Its two events both carry the case
    // as it is after the transaction on PostgreSQL, which reads it when the event arrives.)
    same<std::vector<Case>>("the same case twice", [&](store::Store& s) {
        return s.moveCases({{idFor(s, c), "on_list", 5}, {idFor(s, c), "new_referral", 3}}, kActor);
    });
    same<std::vector<Case>>("board at the end", [](store::Store& s) { return s.listCases({}); });
}

namespace {

// Where a change stands in the field table's order: its field's position, then, for one key of
// an object ("checklist.consent"), that key's position among the field's keys.
std::pair<std::size_t, std::size_t> changeRank(const std::string& change) {
    const auto dot = change.find('.');
    const std::size_t field = domain::caseFieldPosition(change.substr(0, dot));
    if (dot == std::string::npos || field == domain::kCaseFieldCount) return {field, 0};
    const auto& keys = domain::kCaseFields[field].keys;
    const auto key = std::ranges::find(keys, std::string_view(change).substr(dot + 1));
    return {field, 1 + static_cast<std::size_t>(key - keys.begin())};
}

}  // namespace

// jsonb keeps keys in an order of its own; both stores list a case's changes in the field
// table's order (an object's keys in their own order).
TEST_F(StoreParityTest, HistoryListsChangesInTheSameOrder) {
    auto keysOfHistory = [](store::Store& s) {
        auto created = s.createCase(storetest::draftOf(storetest::everyFieldSet(1)), kActor);
        s.updateCase(created.id, storetest::patchOf(storetest::everyFieldSet(2)), 1, kActor);
        std::vector<std::vector<std::string>> keys;
        for (const auto& entry : s.caseHistory(created.id)) {
            keys.emplace_back();
            for (const auto& change : entry.changes) keys.back().emplace_back(change.key());
        }
        return keys;
    };
    auto sqliteKeys = keysOfHistory(*sqlite);
    ASSERT_EQ(sqliteKeys.size(), 2u);
    for (const auto& entry : sqliteKeys) {
        ASSERT_FALSE(entry.empty());
        for (std::size_t i = 1; i < entry.size(); ++i) {
            EXPECT_LT(changeRank(entry[i - 1]), changeRank(entry[i]))
                << entry[i - 1] << " before " << entry[i];
        }
    }
    EXPECT_EQ(keysOfHistory(*postgres), sqliteKeys);
}

TEST_F(StoreParityTest, UsersBehaveAlike) {
    for (auto email : {"b@x.org", "a@x.org"}) {
        sqlite->createUser(email, "hash-" + std::string(email));
        postgres->createUser(email, "hash-" + std::string(email));
    }
    EXPECT_THROW(sqlite->createUser("a@x.org", "h"), store::Conflict);
    EXPECT_THROW(postgres->createUser("a@x.org", "h"), store::Conflict);
    auto user = postgres->findUserByEmail("a@x.org");
    ASSERT_TRUE(user);
    EXPECT_EQ(user->passwordHash, "hash-a@x.org");
    EXPECT_EQ(postgres->findUserById(user->id)->email, "a@x.org");
    EXPECT_FALSE(postgres->findUserByEmail("A@x.org"));
    EXPECT_FALSE(postgres->findUserById("nope"));
    auto emails = [](const std::vector<domain::User>& users) {
        std::vector<std::string> out;
        for (const auto& u : users) out.push_back(u.email);
        return out;
    };
    EXPECT_EQ(emails(postgres->allUsers()), emails(sqlite->allUsers()));
    EXPECT_EQ(emails(postgres->allUsers()), (std::vector<std::string>{"b@x.org", "a@x.org"}));
}

// -------------------------------------------------------------------------------------------
// PostgreSQL only.

class PgStoreTest : public ::testing::Test {
  protected:
    void SetUp() override {
        SKIP_WITHOUT_POSTGRES();
        database = std::make_unique<pgtest::PgTestDatabase>();
    }
    void TearDown() override {
        stores.clear();
        database.reset();
    }
    PostgresStore& open(RecordingListener* listener = nullptr, std::size_t poolSize = 8) {
        store::postgres::PostgresOptions options;
        options.poolSize = poolSize;
        stores.push_back(std::make_unique<PostgresStore>(database->url(), options));
        if (listener) stores.back()->setChangeListener(listener);
        return *stores.back();
    }
    std::unique_ptr<pgtest::PgTestDatabase> database;
    std::vector<std::unique_ptr<PostgresStore>> stores;
};

TEST_F(PgStoreTest, EveryCaseFieldHasItsColumn) {
    open();
    // ",id,name,…,": each name between commas.
    const std::string columns = database->scalar(
        "SELECT ',' || string_agg(column_name, ',') || ',' FROM information_schema.columns"
        " WHERE table_name = 'cases' AND table_schema = current_schema()");
    for (const auto& field : domain::kStoredCaseFields) {
        EXPECT_NE(columns.find("," + std::string(field.name) + ","), std::string::npos)
            << field.name << " has no column";
    }
}

TEST_F(PgStoreTest, ACaseWithEveryFieldSetRoundTrips) {
    storetest::expectEveryFieldRoundTrips(open(), kActor);
}

TEST_F(PgStoreTest, TheWriterHearsOfItsChangeBeforeTheWriteReturns) {
    RecordingListener events;
    auto& store = open(&events);
    auto created = store.createCase(draft("A"), kActor);
    auto changes = events.snapshot();
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0].kind, ChangeKind::Create);
    ASSERT_TRUE(changes[0].after);
    EXPECT_EQ(shape(*changes[0].after), shape(created));
    store.deleteCase(created.id, kActor);
    changes = events.snapshot();
    ASSERT_EQ(changes.size(), 2u);
    EXPECT_EQ(changes[1].kind, ChangeKind::Delete);
    EXPECT_FALSE(changes[1].after);
}

TEST_F(PgStoreTest, TwoInstancesHearEveryChangeOnceInTheSameOrder) {
    RecordingListener eventsA, eventsB;
    auto& a = open(&eventsA);
    auto& b = open(&eventsB);
    std::vector<std::thread> writers;
    for (auto* store : {&a, &b}) {
        writers.emplace_back([store] {
            for (int i = 0; i < 20; ++i) {
                auto c = store->createCase(draft("case " + std::to_string(i)), kActor);
                domain::CasePatch patch;
                patch.set(&domain::Case::outcome, "Scheduled");
                store->updateCase(c.id, patch, std::nullopt, kActor);
                if (i % 2 == 0) store->deleteCase(c.id, kActor);
            }
        });
    }
    for (auto& writer : writers) writer.join();
    const std::size_t total = 2 * (20 + 20 + 10);
    ASSERT_TRUE(eventsA.waitFor(total));
    ASSERT_TRUE(eventsB.waitFor(total));
    std::this_thread::sleep_for(200ms);  // nothing more may come
    auto seen = [](RecordingListener& events) {
        std::vector<std::string> out;
        for (const auto& change : events.snapshot()) {
            out.push_back(std::string(domain::actionName(change.kind)) + ":" + change.caseId);
        }
        return out;
    };
    auto fromA = seen(eventsA);
    auto fromB = seen(eventsB);
    EXPECT_EQ(fromA.size(), total);
    EXPECT_EQ(fromA, fromB);  // commit order, the same on every instance
    std::set<std::string> distinct(fromA.begin(), fromA.end());
    EXPECT_EQ(distinct.size(), total);  // each change once
}

TEST_F(PgStoreTest, ScreensTextReachesEachInstanceOnceAndForeignPayloadsAreIgnored) {
    RecordingListener eventsA, eventsB;
    auto& a = open(&eventsA);
    open(&eventsB);
    database->scalar("SELECT pg_notify('caseboard_messages', 'not one of ours')");
    database->scalar("SELECT pg_notify('caseboard_messages', 'c2Ft.!!')");
    a.publishMessage("sam@example.org", "theatre 2 is free");
    auto created = a.createCase(draft("A"), kActor);  // the feed goes on after them
    ASSERT_TRUE(eventsA.waitFor(1));
    ASSERT_TRUE(eventsB.waitFor(1));
    std::this_thread::sleep_for(200ms);  // nothing more may come
    const std::vector<std::string> once{"sam@example.org: theatre 2 is free"};
    EXPECT_EQ(eventsA.messagesSoFar(), once);
    EXPECT_EQ(eventsB.messagesSoFar(), once);
    EXPECT_EQ(eventsB.snapshot().at(0).caseId, created.id);
    EXPECT_EQ(database->scalar("SELECT count(*) FROM audit"), "1");  // the create, not the text
}

TEST_F(PgStoreTest, ConcurrentCreatesInOneSectionGetDistinctPlaces) {
    auto& a = open(nullptr, 4);
    auto& b = open(nullptr, 4);
    std::mutex mutex;
    std::vector<std::int64_t> places;
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&, t] {
            auto& store = t % 2 == 0 ? a : b;
            for (int i = 0; i < 25; ++i) {
                auto c = store.createCase(draft("c", "on_list"), kActor);
                std::lock_guard lock(mutex);
                places.push_back(c.orderIndex);
            }
        });
    }
    for (auto& thread : threads) thread.join();
    std::sort(places.begin(), places.end());
    std::vector<std::int64_t> expected(200);
    for (std::size_t i = 0; i < expected.size(); ++i)
        expected[i] = static_cast<std::int64_t>(i) + 1;
    EXPECT_EQ(places, expected);
}

TEST_F(PgStoreTest, ConcurrentReordersOfTheSameCasesDoNotDeadlock) {
    auto& a = open();
    auto& b = open();
    std::vector<std::string> ids;
    for (int i = 0; i < 10; ++i)
        ids.push_back(a.createCase(draft("c" + std::to_string(i)), kActor).id);
    std::atomic<int> failures{0};
    auto reorder = [&](PostgresStore& store, bool reversed) {
        for (int round = 0; round < 20; ++round) {
            std::vector<domain::CaseMove> moves;
            for (std::size_t i = 0; i < ids.size(); ++i) {
                auto& id = reversed ? ids[ids.size() - 1 - i] : ids[i];
                moves.push_back({id, "on_list", static_cast<std::int64_t>(round * 100 + i)});
            }
            try {
                store.moveCases(moves, kActor);
            } catch (const std::exception&) {
                ++failures;
            }
        }
    };
    std::thread one([&] { reorder(a, false); });
    std::thread two([&] { reorder(b, true); });
    one.join();
    two.join();
    EXPECT_EQ(failures.load(), 0);
}

TEST_F(PgStoreTest, SignInFailuresAreCountedAcrossInstances) {
    auto& a = open();
    auto& b = open();
    auth::LoginThrottle throttleA(std::make_shared<store::postgres::PgFailureLog>(a.pool()));
    auth::LoginThrottle throttleB(std::make_shared<store::postgres::PgFailureLog>(b.pool()));
    auto t0 = auth::LoginThrottle::Clock::now();
    for (int i = 0; i < 5; ++i) {
        EXPECT_FALSE((i % 2 ? throttleA : throttleB).reserve("a@x.org", "10.0.0.1", t0));
    }
    auto wait = throttleB.reserve("a@x.org", "10.0.0.1", t0 + 1min);
    ASSERT_TRUE(wait);
    EXPECT_EQ(*wait, std::chrono::seconds(14 * 60));
    EXPECT_FALSE(throttleA.reserve("a@x.org", "10.0.0.2", t0));
    EXPECT_FALSE(throttleA.reserve("a@x.org", "10.0.0.1", t0 + 15min));
    throttleA.recordSuccess("a@x.org", "10.0.0.1");
    EXPECT_FALSE(throttleB.reserve("a@x.org", "10.0.0.1", t0 + 1min));
}

TEST_F(PgStoreTest, SignInFailuresAreCountedPerAddressAndPerEmailAcrossInstances) {
    auto& a = open();
    auto& b = open();
    auth::LoginThrottle throttleA(std::make_shared<store::postgres::PgFailureLog>(a.pool()));
    auth::LoginThrottle throttleB(std::make_shared<store::postgres::PgFailureLog>(b.pool()));
    auto t0 = auth::LoginThrottle::Clock::now();
    for (int i = 0; i < 50; ++i) {
        EXPECT_FALSE((i % 2 ? throttleA : throttleB)
                         .reserve("u" + std::to_string(i) + "@x.org", "10.0.0.1", t0));
    }
    auto wait = throttleA.reserve("another@x.org", "10.0.0.1", t0 + 5min);
    ASSERT_TRUE(wait) << "51st failure from one address";
    EXPECT_EQ(*wait, std::chrono::seconds(10 * 60));
    for (int i = 0; i < 20; ++i) {
        EXPECT_FALSE(
            (i % 2 ? throttleA : throttleB).reserve("a@x.org", "10.0.1." + std::to_string(i), t0));
    }
    EXPECT_TRUE(throttleB.reserve("a@x.org", "10.0.2.1", t0)) << "21st failure for one e-mail";
    EXPECT_FALSE(throttleB.reserve("b@x.org", "10.0.2.1", t0));
}

TEST_F(PgStoreTest, ConcurrentSignInAttemptsOnTwoInstancesCannotGetPastTheLimit) {
    auto& a = open();
    auto& b = open();
    auth::LoginThrottle throttleA(std::make_shared<store::postgres::PgFailureLog>(a.pool()));
    auth::LoginThrottle throttleB(std::make_shared<store::postgres::PgFailureLog>(b.pool()));
    // Each round, every thread tries the same fresh e-mail from the same fresh address at once.
    constexpr int kThreads = 16;
    constexpr int kRounds = 20;
    std::barrier start(kThreads);
    std::array<std::atomic<int>, kRounds> admitted{};
    std::vector<std::thread> attempts;
    for (int i = 0; i < kThreads; ++i) {
        attempts.emplace_back([&, i] {
            for (int round = 0; round < kRounds; ++round) {
                start.arrive_and_wait();
                auto email = "race" + std::to_string(round) + "@x.org";
                auto client = "10.0." + std::to_string(round) + ".9";
                if (!(i % 2 ? throttleA : throttleB).reserve(email, client)) {
                    ++admitted[static_cast<std::size_t>(round)];
                }
            }
        });
    }
    for (auto& attempt : attempts) attempt.join();
    for (int round = 0; round < kRounds; ++round) {
        EXPECT_EQ(admitted[static_cast<std::size_t>(round)].load(), 5)
            << "round " << round << ": of 16 attempts at once, exactly the limit may be made";
    }
}

TEST_F(PgStoreTest, SurvivesTheDatabaseGoingAwayAndComingBack) {
    RecordingListener events;
    auto& store = open(&events);
    std::vector<std::string> acknowledged;
    for (int i = 0; i < 5; ++i)
        acknowledged.push_back(store.createCase(draft("before"), kActor).id);
    ASSERT_TRUE(store.ready());

    ASSERT_TRUE(pgtest::stopServer());
    auto started = std::chrono::steady_clock::now();
    EXPECT_THROW(store.createCase(draft("while down"), kActor), store::Unavailable);
    EXPECT_THROW(store.listCases({}), store::Unavailable);
    EXPECT_FALSE(store.ready());
    EXPECT_LT(std::chrono::steady_clock::now() - started, 5s) << "failing must not hang";

    ASSERT_TRUE(pgtest::startServer());
    // The pool and the feed heal by themselves; the feed asks for a resync.
    auto deadline = std::chrono::steady_clock::now() + 15s;
    while (!store.ready() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(50ms);
    ASSERT_TRUE(store.ready());
    EXPECT_GE(events.resyncs.load(), 1);
    for (const auto& id : acknowledged) EXPECT_TRUE(store.findCase(id)) << id;
    auto before = events.snapshot().size();
    auto after = store.createCase(draft("after"), kActor);
    auto changes = events.snapshot();
    ASSERT_EQ(changes.size(), before + 1);
    EXPECT_EQ(changes.back().caseId, after.id);
}

TEST_F(PgStoreTest, MigrationsRunOnceWhenInstancesStartTogether) {
    std::vector<std::thread> starters;
    std::atomic<int> failures{0};
    std::mutex mutex;
    for (int i = 0; i < 4; ++i) {
        starters.emplace_back([&] {
            try {
                store::postgres::PostgresOptions options;
                options.poolSize = 1;
                options.listen = false;
                PostgresStore store(database->url(), options);
            } catch (const std::exception& e) {
                ++failures;
                std::lock_guard lock(mutex);
                ADD_FAILURE() << e.what();
            }
        });
    }
    for (auto& starter : starters) starter.join();
    EXPECT_EQ(failures.load(), 0);
    // Every migration applied once, whatever their number: the version is the last one.
    EXPECT_NE(database->scalar("SELECT version FROM schema_version"), "0");
    EXPECT_EQ(database->scalar("SELECT count(*) FROM schema_version"), "1");
}

}  // namespace
