// Theatre sessions on PostgreSQL through the real binary: two instances on one database, as
// behind a load balancer. A session change made through one reaches the screens of both, in
// commit order with the case changes, and both instances read the same lists.
#include <gtest/gtest.h>

#include <iostream>

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
using boost::json::array;
using boost::json::object;
using it::Events;
using it::HttpClient;
using it::str;
using it::WsClient;

namespace {

class PgSessionsTest : public pgtest::PgInstancesTest {
  protected:
    static object body(const it::HttpResponse& response, int status) {
        EXPECT_EQ(response.status, status) << it::describe(response);
        auto json = response.json();
        return json.is_object() ? json.as_object() : object{};
    }
};

// What a screen heard of sessions and cases, in order: "session:<booked minutes>:<case count>",
// "session_delete", or a case event's action.
std::vector<std::string> heard(const std::vector<object>& events, const std::string& sessionId) {
    std::vector<std::string> seen;
    for (const auto& event : events) {
        const std::string action = str(event, "action");
        if (action == "session") {
            const auto& data = event.at("data").as_object();
            EXPECT_EQ(str(data, "id"), sessionId);
            seen.push_back("session:" + std::to_string(data.at("booked_minutes").as_int64()) + ":" +
                           std::to_string(data.at("case_ids").as_array().size()));
        } else if (action == "session_delete") {
            EXPECT_EQ(str(event, "id"), sessionId);
            seen.push_back(action);
        } else if (action != "message") {
            seen.push_back(action);
        }
    }
    return seen;
}

TEST_F(PgSessionsTest, ASessionChangeThroughOneInstanceReachesTheScreensOfBoth) {
    auto& a = instance();
    auto& b = instance();
    auto alice = it::TestUsers(b.port()).create("alice");
    auto onA = connect(a.port(), alice.token);
    auto onB = connect(b.port(), alice.token);

    HttpClient viaB(b.port());
    auto session = body(viaB.postJson("/sessions",
                                      object{{"date", "2026-03-02"},
                                             {"theatre", "Theatre 3"},
                                             {"period", "pm"},
                                             {"capacity_minutes", 60}},
                                      alice.token),
                        201);
    const std::string id = str(session, "id");
    auto booked = body(viaB.postJson("/cases/",
                                     object{{"name", "John Doe"},
                                            {"section", "on_list"},
                                            {"session_id", id},
                                            {"estimated_minutes", 50}},
                                     alice.token),
                       201);
    const std::string caseId = str(booked, "id");
    // Read back on the other instance: the same list, computed by its own SQL.
    auto readOnA = body(HttpClient(a.port()).get("/sessions/" + id, alice.token), 200);
    EXPECT_EQ(readOnA.at("booked_minutes"), 65);
    EXPECT_EQ(readOnA.at("over_capacity"), true);
    EXPECT_EQ(readOnA.at("case_ids"), (array{caseId}));
    auto waiting = HttpClient(a.port()).get("/cases/?session=none", alice.token).json();
    EXPECT_TRUE(waiting.as_array().empty()) << waiting;

    body(viaB.patchJson("/cases/" + caseId, object{{"session_id", nullptr}}, alice.token), 200);
    ASSERT_EQ(viaB.del("/sessions/" + id, alice.token).status, 204);
    const std::string stop = "marker-" + it::uniqueSuffix();
    ASSERT_TRUE(onA->sendText(stop));

    const std::vector<std::string> expected{"session:0:0", "create",      "session:65:1",
                                            "update",      "session:0:0", "session_delete"};
    for (auto* ws : {onA.get(), onB.get()}) {
        const char* where = ws == onA.get() ? "client on A" : "client on B";
        auto events = Events::untilMarker(*ws, stop, 10s, 500ms);
        EXPECT_EQ(heard(events, id), expected) << where << Events::describe(events);
    }
    auto sessions = HttpClient(a.port()).get("/sessions", alice.token).json();
    EXPECT_TRUE(sessions.as_array().empty()) << sessions;
}

TEST_F(PgSessionsTest, MigrateDataCopiesTheSessionsWithTheirListOrder) {
    it::ServerOptions options;
    options.alwaysSqlite = true;
    it::ServerProcess sqlite(options);
    sqlite.start();
    auto alice = it::TestUsers(sqlite.port()).create("alice");
    HttpClient http(sqlite.port());
    auto session = body(http.postJson("/sessions",
                                      object{{"date", "2026-03-02"},
                                             {"theatre", "Theatre 1"},
                                             {"period", "am"},
                                             {"starts_at", "08:00"}},
                                      alice.token),
                        201);
    const std::string id = str(session, "id");
    body(http.postJson("/sessions",
                       object{{"date", "2026-03-03"}, {"theatre", "Theatre 2"}, {"period", "pm"}},
                       alice.token),
         201);
    array order;
    for (const char* name : {"A", "B", "C"}) {
        auto c = body(http.postJson("/cases/",
                                    object{{"name", name},
                                           {"section", "on_list"},
                                           {"session_id", id},
                                           {"estimated_minutes", 30}},
                                    alice.token),
                      201);
        order.insert(order.begin(), c.at("id"));  // C, B, A: not the booking order
    }
    body(http.patchJson("/sessions/" + id, object{{"case_ids", order}}, alice.token), 200);
    auto before = http.get("/sessions", alice.token).json();
    ASSERT_EQ(sqlite.stop(), 0);

    auto migrated = it::ProcessRunner::run(
        {"migrate-data", "--from", sqlite.databasePath(), "--to", database->url()}, {}, 60s);
    EXPECT_EQ(migrated.exitCode, 0) << migrated.out << migrated.err;
    EXPECT_NE(migrated.out.find("theatre sessions: 2 in the source, 2 copied now, 2 of them"),
              std::string::npos)
        << migrated.out;

    auto& pg = instance();
    auto token = it::TestUsers(pg.port()).token(alice.email, alice.password);
    EXPECT_EQ(HttpClient(pg.port()).get("/sessions", token).json(), before);
}

}  // namespace
