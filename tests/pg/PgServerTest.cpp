// The real binary on PostgreSQL: two instances on one database, the database going away and
// coming back, migrate-data, sign-in throttling shared by instances.
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <iostream>
#include <mutex>
#include <thread>

#include "PgInstancesTest.hpp"
#include "harness/Checks.hpp"
#include "harness/Events.hpp"
#include "harness/HttpClient.hpp"
#include "harness/ProcessRunner.hpp"
#include "harness/ServerProcess.hpp"
#include "harness/TestUsers.hpp"
#include "harness/WsClient.hpp"

using namespace caseboard;
using namespace std::chrono_literals;
using namespace std::string_literals;
using boost::json::object;
using it::Events;
using it::HttpClient;
using it::str;
using it::WsClient;

namespace {

class PgServerTest : public pgtest::PgInstancesTest {
  protected:
    object create(unsigned short port, const std::string& token, const std::string& name,
                  const std::string& section = "on_list") {
        auto response = HttpClient(port).postJson(
            "/cases/", object{{"name", name}, {"section", section}}, token);
        EXPECT_EQ(response.status, 201) << it::describe(response);
        auto body = response.json();
        return body.is_object() ? body.as_object() : object{};
    }
};

TEST_F(PgServerTest, AClientOnOneInstanceReceivesWritesMadeThroughTheOtherExactlyOnce) {
    auto& a = instance();
    auto& b = instance();
    auto alice = it::TestUsers(b.port()).create("alice");  // registered on B, signed in on B
    auto onA = connect(a.port(), alice.token);             // B's token works on A
    auto onB = connect(b.port(), alice.token);

    auto viaB = create(b.port(), alice.token, "John Doe");
    const std::string id = str(viaB, "id");
    ASSERT_EQ(HttpClient(b.port())
                  .patchJson("/cases/" + id, object{{"outcome", "Scheduled"}}, alice.token)
                  .status,
              200);
    ASSERT_EQ(HttpClient(b.port()).del("/cases/" + id, alice.token).status, 200);
    auto viaA = create(a.port(), alice.token, "Jane Roe");
    const std::string other = str(viaA, "id");

    for (auto* ws : {onA.get(), onB.get()}) {
        const char* where = ws == onA.get() ? "client on A" : "client on B";
        auto events = Events::until(*ws, "create", 2, 10s, 500ms);
        EXPECT_EQ(Events::count(events, "create", id), 1u) << where << Events::describe(events);
        EXPECT_EQ(Events::count(events, "update", id), 1u) << where << Events::describe(events);
        EXPECT_EQ(Events::count(events, "delete", id), 1u) << where << Events::describe(events);
        EXPECT_EQ(Events::count(events, "create", other), 1u) << where << Events::describe(events);
        EXPECT_EQ(events.size(), 4u) << where << Events::describe(events);
        auto created = Events::find(events, "create", other);
        ASSERT_TRUE(created.contains("data")) << where;
        EXPECT_EQ(created.at("data"), boost::json::value(viaA)) << where;
    }
    // Both instances read the same board.
    auto listA = HttpClient(a.port()).get("/cases/", alice.token).json();
    auto listB = HttpClient(b.port()).get("/cases/", alice.token).json();
    EXPECT_EQ(listA, listB);
}

TEST_F(PgServerTest, ASignOutOrDeactivationOnOneInstanceCutsTheOtherWithinASecond) {
    auto& a = instance();
    auto& b = instance();
    auto admin = it::TestUsers(a.port()).create("admin");  // the first user: admin
    auto bob = it::TestUsers(a.port()).create("bob");
    auto second = it::TestUsers(b.port()).token(bob.email, it::TestUsers::kPassword);
    auto bobOnB = connect(b.port(), bob.token);
    auto secondOnA = connect(a.port(), second);
    ASSERT_TRUE(bobOnB->waitSubscribed());
    ASSERT_TRUE(secondOnA->waitSubscribed());

    // Signed out through A: the session's socket on B closes, the other session stays.
    ASSERT_EQ(HttpClient(a.port()).postJson("/users/logout", object{}, bob.token).status, 204);
    EXPECT_EQ(bobOnB->waitClosed(1s), 1008);
    EXPECT_EQ(HttpClient(b.port()).get("/cases/", bob.token).status, 401);
    EXPECT_EQ(HttpClient(b.port()).get("/cases/", second).status, 200);

    // Deactivated through B: the remaining session's socket on A closes.
    ASSERT_EQ(HttpClient(b.port())
                  .patchJson("/users/" + bob.id, object{{"active", false}}, admin.token)
                  .status,
              200);
    EXPECT_EQ(secondOnA->waitClosed(1s), 1008);
    EXPECT_EQ(HttpClient(a.port()).get("/cases/", second).status, 401);
}

// Relayed text with this sender and text, among what a socket received.
std::size_t countMessages(const std::vector<object>& events, const std::string& from,
                          const std::string& text) {
    std::size_t n = 0;
    for (const auto& event : events) {
        n += str(event, "action") == "message" && str(event, "from") == from &&
             str(event, "text") == text;
    }
    return n;
}

TEST_F(PgServerTest, TextSentOnOneInstanceReachesEverySocketOnEveryInstanceExactlyOnce) {
    auto& a = instance();
    auto& b = instance();
    auto alice = it::TestUsers(a.port()).create("alice");
    auto bob = it::TestUsers(b.port()).create("bob");
    auto sender = connect(a.port(), alice.token);
    auto onA = connect(a.port(), bob.token);
    auto onB = connect(b.port(), bob.token);
    for (auto* ws : {sender.get(), onA.get(), onB.get()}) ASSERT_TRUE(ws->waitSubscribed());

    std::string nearLimit;
    while (nearLimit.size() + 5 <= 4096) nearLimit += "\"é\n\\";  // 5 bytes each
    const std::vector<std::string> texts{
        "theatre 2 is free",
        R"(He said "stop" \ {"action":"delete","case":"x"})",
        "Théâtre 2 — Ω 日本 🦴",
        "tab\tbell\x07 nul\0 unit\x1f."s,
        nearLimit,
    };
    for (const auto& text : texts) ASSERT_TRUE(sender->sendText(text));

    for (auto* ws : {sender.get(), onA.get(), onB.get()}) {
        const char* where = ws == onB.get() ? "client on B" : "client on A";
        auto events = Events::until(*ws, "message", texts.size(), 10s, 500ms);
        EXPECT_EQ(Events::count(events, "message"), texts.size()) << where;
        for (const auto& text : texts) {
            EXPECT_EQ(countMessages(events, alice.email, text), 1u)
                << where << ": " << text.substr(0, 40);
        }
    }
}

TEST_F(PgServerTest, TextSentWhileThePostgresIsDownIsAnsweredWithAnError) {
    auto& a = instance();
    auto alice = it::TestUsers(a.port()).create("alice");
    auto ws = connect(a.port(), alice.token);
    ASSERT_TRUE(ws->waitSubscribed());
    ASSERT_TRUE(pgtest::stopServer());
    const bool sent = ws->sendText("theatre 2 is free");
    const auto answer = ws->readJson(5s);
    const bool restarted = pgtest::startServer();
    ASSERT_TRUE(restarted);
    ASSERT_TRUE(sent);
    ASSERT_TRUE(answer.has_value()) << "the sender heard nothing";
    EXPECT_EQ(*answer,
              (boost::json::value{{"action", "error"}, {"detail", "Service unavailable"}}));
    EXPECT_FALSE(ws->isClosed());
}

TEST_F(PgServerTest, ConcurrentCreatesThroughBothInstancesGetDistinctPlaces) {
    auto& a = instance();
    auto& b = instance();
    auto alice = it::TestUsers(a.port()).create("alice");
    std::mutex mutex;
    std::set<std::int64_t> places;
    std::atomic<int> created{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 6; ++t) {
        threads.emplace_back([&, t] {
            HttpClient client(t % 2 ? a.port() : b.port(), true);
            for (int i = 0; i < 10; ++i) {
                auto response = client.postJson(
                    "/cases/", object{{"name", "c"}, {"section", "new_referral"}}, alice.token);
                if (response.status != 201) continue;
                ++created;
                std::lock_guard lock(mutex);
                places.insert(response.json().at("order_index").as_int64());
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(created.load(), 60);
    EXPECT_EQ(places.size(), 60u);
    EXPECT_EQ(*places.begin(), 1);
    EXPECT_EQ(*places.rbegin(), 60);
}

TEST_F(PgServerTest, ThePostgresRestartMeans503ThenResyncAndNothingAcknowledgedIsLost) {
    auto& a = instance();
    auto& b = instance();
    auto alice = it::TestUsers(a.port()).create("alice");
    auto onA = connect(a.port(), alice.token);
    auto onB = connect(b.port(), alice.token);

    // Writers keep going through both instances for the whole test.
    std::atomic<bool> stop{false};
    std::mutex mutex;
    std::vector<std::string> acknowledged;
    std::atomic<int> unavailable{0};
    std::atomic<int> otherFailures{0};
    std::vector<std::thread> writers;
    for (auto port : {a.port(), b.port()}) {
        writers.emplace_back([&, port] {
            HttpClient client(port, false, 5s);
            int n = 0;
            while (!stop) {
                auto response = client.postJson(
                    "/cases/", object{{"name", "w" + std::to_string(n++)}, {"section", "on_list"}},
                    alice.token);
                if (response.status == 201) {
                    std::lock_guard lock(mutex);
                    acknowledged.push_back(str(response.json(), "id"));
                } else if (response.status == 503 && it::hasDetail(response)) {
                    ++unavailable;
                } else {
                    ++otherFailures;
                }
                std::this_thread::sleep_for(20ms);
            }
        });
    }
    std::this_thread::sleep_for(500ms);
    ASSERT_TRUE(pgtest::stopServer());

    // Down: 503 with a detail at once, for reads, writes and /readyz alike.
    std::this_thread::sleep_for(300ms);
    auto started = std::chrono::steady_clock::now();
    auto list = HttpClient(a.port()).get("/cases/", alice.token);
    EXPECT_EQ(list.status, 503) << it::describe(list);
    EXPECT_TRUE(it::hasDetail(list));
    EXPECT_EQ(HttpClient(b.port()).get("/readyz").status, 503);
    EXPECT_EQ(HttpClient(a.port()).get("/readyz").status, 503);
    auto login = it::TestUsers(b.port()).login(alice.email, alice.password);
    EXPECT_EQ(login.status, 503) << it::describe(login);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 3s) << "no hanging while it is down";
    EXPECT_EQ(HttpClient(a.port()).get("/healthz").status, 200);  // the process itself is fine
    std::this_thread::sleep_for(700ms);

    ASSERT_TRUE(pgtest::startServer());
    auto deadline = std::chrono::steady_clock::now() + 20s;
    auto ready = [&] {
        return HttpClient(a.port()).get("/readyz").status == 200 &&
               HttpClient(b.port()).get("/readyz").status == 200;
    };
    while (!ready() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(100ms);
    ASSERT_TRUE(ready()) << "the instances did not recover";
    std::this_thread::sleep_for(500ms);
    stop = true;
    for (auto& writer : writers) writer.join();

    EXPECT_GT(unavailable.load(), 0) << "the writers never saw the database down";
    EXPECT_EQ(otherFailures.load(), 0);
    // Every socket was told to refetch.
    for (auto* ws : {onA.get(), onB.get()}) {
        auto events = Events::drain(*ws, 1s, 15s);
        EXPECT_GE(Events::count(events, "resync"), 1u) << Events::describe(events);
    }
    // Every acknowledged write is there.
    auto board = HttpClient(b.port()).get("/cases/?limit=1000", alice.token);
    ASSERT_EQ(board.status, 200);
    std::set<std::string> present;
    const auto cases = board.json();
    for (const auto& c : cases.as_array()) present.insert(str(c, "id"));
    ASSERT_FALSE(acknowledged.empty());
    for (const auto& id : acknowledged) EXPECT_TRUE(present.count(id)) << "lost: " << id;
    // And the feed works again, across instances.
    auto after = create(b.port(), alice.token, "after the restart");
    auto events = Events::until(*onA, "create", 1, 10s, 300ms);
    EXPECT_EQ(Events::count(events, "create", str(after, "id")), 1u) << Events::describe(events);
}

TEST_F(PgServerTest, SignInFailuresAreCountedByAllInstancesTogether) {
    auto& a = instance();
    auto& b = instance();
    auto alice = it::TestUsers(a.port()).create("alice");
    for (int i = 0; i < 5; ++i) {
        auto& target = i % 2 ? a : b;
        EXPECT_EQ(it::TestUsers(target.port()).login(alice.email, "wrong password").status, 401);
    }
    auto refused = it::TestUsers(a.port()).login(alice.email, alice.password);
    EXPECT_EQ(refused.status, 429) << it::describe(refused);
    EXPECT_FALSE(refused.header("Retry-After").empty());
    EXPECT_EQ(it::TestUsers(b.port()).login(alice.email, alice.password).status, 429);
}

// The source of a migration: a SQLite server even though this suite runs on PostgreSQL.
it::ServerOptions sqliteSource() {
    it::ServerOptions options;
    options.alwaysSqlite = true;
    return options;
}

TEST_F(PgServerTest, MigrateDataCopiesUsersAndCasesOnceAndVerifies) {
    // A team on SQLite…
    it::ServerProcess sqlite(sqliteSource());
    sqlite.start();
    auto alice = it::TestUsers(sqlite.port()).create("alice");
    auto bob = it::TestUsers(sqlite.port()).create("bob");
    HttpClient http(sqlite.port());
    std::vector<std::string> names = {"A", "B", "C"};
    for (const auto& name : names) {
        ASSERT_EQ(
            http.postJson(
                    "/cases/",
                    object{{"name", name}, {"section", "on_list"}, {"diagnosis", "d " + name}},
                    alice.token)
                .status,
            201);
    }
    auto archived = http.postJson(
        "/cases/", object{{"name", "Old"}, {"section", "done"}, {"archived", true}}, bob.token);
    ASSERT_EQ(archived.status, 201);
    auto before = http.get("/cases/", alice.token).json();
    auto beforeArchived = http.get("/cases/?archived=true", alice.token).json();
    ASSERT_EQ(sqlite.stop(), 0);

    // …moves to PostgreSQL.
    auto run = [&] {
        return it::ProcessRunner::run(
            {"migrate-data", "--from", sqlite.databasePath(), "--to", database->url()}, {}, 60s);
    };
    auto first = run();
    EXPECT_EQ(first.exitCode, 0) << first.out << first.err;
    EXPECT_NE(first.out.find("users: 2 in the source, 2 copied now, 2 of them"), std::string::npos)
        << first.out;
    EXPECT_NE(first.out.find("cases: 4 in the source, 4 copied now, 4 of them"), std::string::npos)
        << first.out;
    auto again = run();  // idempotent
    EXPECT_EQ(again.exitCode, 0) << again.out << again.err;
    EXPECT_NE(again.out.find("users: 2 in the source, 0 copied now, 2 of them"), std::string::npos)
        << again.out;
    EXPECT_NE(again.out.find("cases: 4 in the source, 0 copied now, 4 of them"), std::string::npos)
        << again.out;

    // Everyone signs in with the password they had; the board is the same, ids and all.
    auto& pg = instance();
    auto token = it::TestUsers(pg.port()).token(alice.email, alice.password);
    it::TestUsers(pg.port()).token(bob.email, bob.password);
    EXPECT_EQ(HttpClient(pg.port()).get("/cases/", token).json(), before);
    EXPECT_EQ(HttpClient(pg.port()).get("/cases/?archived=true", token).json(), beforeArchived);
    // New cases go after the migrated ones.
    EXPECT_EQ(create(pg.port(), token, "D").at("order_index"), 4);

    // A source that does not exist is an error, and creates nothing.
    auto missing = it::ProcessRunner::run(
        {"migrate-data", "--from", dir + "/nope.db", "--to", database->url()}, {}, 30s);
    EXPECT_EQ(missing.exitCode, 1);
    EXPECT_FALSE(std::ifstream(dir + "/nope.db").good());
}

TEST_F(PgServerTest, MigrateDataReportsUsersItCouldNotCopy) {
    it::ServerProcess sqlite(sqliteSource());
    sqlite.start();
    auto alice = it::TestUsers(sqlite.port()).create("alice");
    ASSERT_EQ(sqlite.stop(), 0);
    // The same e-mail already registered on the PostgreSQL side, under another id.
    auto& pg = instance();
    ASSERT_EQ(it::TestUsers(pg.port()).registerUser(alice.email, "another password").status, 201);
    auto result = it::ProcessRunner::run(
        {"migrate-data", "--from", sqlite.databasePath(), "--to", database->url()}, {}, 60s);
    EXPECT_EQ(result.exitCode, 1) << result.out << result.err;
    EXPECT_NE(result.err.find("already registered"), std::string::npos) << result.err;
}

TEST_F(PgServerTest, AnUnreachableDatabaseAtStartIsAClearError) {
    auto result = it::ProcessRunner::run(
        {"serve", "--port", "0", "--database", "postgresql://nobody@127.0.0.1:1/none"}, {}, 30s);
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_NE(result.err.find("caseboard: "), std::string::npos) << result.err;
}

}  // namespace
