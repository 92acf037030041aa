// The breach clock on PostgreSQL: of two instances on one database, only one announces a case
// that time moved, and every screen on either hears it once.
#include <gtest/gtest.h>

#include <atomic>
#include <barrier>
#include <iostream>
#include <thread>

#include "PgInstancesTest.hpp"
#include "common/CaseDrafts.hpp"
#include "common/RecordingListener.hpp"
#include "harness/Checks.hpp"
#include "harness/Events.hpp"
#include "harness/HttpClient.hpp"
#include "harness/Instants.hpp"
#include "harness/ServerProcess.hpp"
#include "harness/TestUsers.hpp"
#include "harness/WsClient.hpp"
#include "store/postgres/PostgresStore.hpp"

using namespace caseboard;
using namespace std::chrono_literals;
using boost::json::object;
using it::Events;
using it::HttpClient;
using it::str;
using it::WsClient;

namespace {

class PgClockTest : public pgtest::PgInstancesTest {};

TEST_F(PgClockTest, TwoInstancesAnnounceABreachOnceToEveryScreenAndNotAfterRestarts) {
    auto& a = instance();
    auto& b = instance();
    auto alice = it::TestUsers(a.port()).create("alice");
    auto onA = connect(a.port(), alice.token);
    auto onB = connect(b.port(), alice.token);

    // Due soon when created (its create event says so), breached 3 s later.
    const auto breach = std::chrono::system_clock::now() + 3s;
    auto response =
        HttpClient(a.port()).postJson("/cases/",
                                      object{{"name", "Hip"},
                                             {"section", "on_list"},
                                             {"pathway", "hip_fracture"},
                                             {"admitted_at", it::rfc3339(breach - 36h)}},
                                      alice.token);
    ASSERT_EQ(response.status, 201) << it::describe(response);
    const auto created = response.json().as_object();
    const std::string id = str(created, "id");
    ASSERT_EQ(str(created, "clock"), "due_soon");

    for (auto* ws : {onA.get(), onB.get()}) {
        const char* where = ws == onA.get() ? "client on A" : "client on B";
        // Then 3 s of quiet: both instances ticked several times past the breach.
        auto events = Events::until(*ws, "clock", 1, 10s, 3s);
        EXPECT_EQ(Events::count(events, "clock", id), 1u) << where << Events::describe(events);
        EXPECT_EQ(Events::count(events, "clock"), 1u) << where << Events::describe(events);
        auto event = Events::find(events, "clock", id);
        EXPECT_EQ(str(event, "clock"), "breached") << where << Events::describe(events);
        ASSERT_TRUE(event.contains("data")) << where;
        EXPECT_EQ(str(event.at("data"), "clock"), "breached") << where;
        EXPECT_LE(std::chrono::system_clock::now() - 3s, breach + 5s) << where << ": too late";
    }
    EXPECT_EQ(database->scalar("SELECT clock_announced FROM cases WHERE id = '" + id + "'"),
              "breached:" + std::to_string(created.at("version").as_int64()));
    // An announcement is nobody's write: no entry beyond the creation.
    EXPECT_EQ(database->scalar("SELECT count(*) FROM audit WHERE case_id = '" + id + "'"), "1");

    // Both restarted (nothing in memory): the database says it was announced.
    onA.reset();
    onB.reset();
    for (auto* server : {&a, &b}) {
        ASSERT_EQ(server->stop(), 0);
        server->start();
    }
    auto againOnA = connect(a.port(), alice.token);
    auto againOnB = connect(b.port(), alice.token);
    for (auto* ws : {againOnA.get(), againOnB.get()}) {
        // Long enough for each instance to load every case and tick twice.
        auto events = Events::drain(*ws, 3s, 6s);
        EXPECT_EQ(Events::count(events, "clock"), 0u) << Events::describe(events);
    }
}

TEST_F(PgClockTest, OfConcurrentAnnouncementsOnTwoStoresOneWinsAndEveryListenerHearsItOnce) {
    storetest::RecordingListener heardByA;
    storetest::RecordingListener heardByB;
    store::postgres::PostgresStore a(database->url());
    store::postgres::PostgresStore b(database->url());
    a.setChangeListener(&heardByA);
    b.setChangeListener(&heardByB);
    auto draft = storetest::draft("Hip");
    draft.pathway = "hip_fracture";
    draft.admittedAt = it::rfc3339(std::chrono::system_clock::now() - 40h);
    const auto c = a.createCase(draft, domain::Actor{"user-1", "pg@example.org"});

    constexpr int kCallers = 8;
    std::barrier start(kCallers);
    std::atomic<int> announced{0};
    std::vector<std::thread> callers;
    for (int i = 0; i < kCallers; ++i) {
        callers.emplace_back([&, i] {
            auto& store = i % 2 == 0 ? a : b;
            start.arrive_and_wait();
            if (store.announceClock(c.id, c.version, "breached")) ++announced;
        });
    }
    for (auto& caller : callers) caller.join();
    EXPECT_EQ(announced.load(), 1);
    EXPECT_EQ(database->scalar("SELECT clock_announced FROM cases WHERE id = '" + c.id + "'"),
              "breached:" + std::to_string(c.version));

    auto clockChanges = [](storetest::RecordingListener& listener) {
        std::vector<domain::CaseChange> found;
        for (const auto& change : listener.snapshot()) {
            if (change.kind == domain::ChangeKind::Clock) found.push_back(change);
        }
        return found;
    };
    // The create and the one announcement, then a moment for any stray second one.
    ASSERT_TRUE(heardByA.waitFor(2));
    ASSERT_TRUE(heardByB.waitFor(2));
    std::this_thread::sleep_for(500ms);
    for (auto* listener : {&heardByA, &heardByB}) {
        auto changes = clockChanges(*listener);
        ASSERT_EQ(changes.size(), 1u);
        EXPECT_EQ(changes[0].caseId, c.id);
        EXPECT_EQ(changes[0].clock, "breached");
        ASSERT_TRUE(changes[0].after);
        EXPECT_EQ(changes[0].after->version, c.version);
    }
    a.setChangeListener(nullptr);
    b.setChangeListener(nullptr);
}

}  // namespace
