// API.md "Theatre lists": sessions, their capacity and list order, and the cases booked into them,
// as a client sees them over HTTP and WebSocket.
#include <algorithm>

#include "harness/Events.hpp"
#include "harness/ServerTest.hpp"
#include "harness/WsClient.hpp"

namespace caseboard::it {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

class TheatreSessionsTest : public ServerTest {
  protected:
    // alice() registered first on the empty database: the admin.
    const std::string& token() { return alice().token; }

    object createSession(const object& fields) {
        auto response = http().postJson("/sessions", fields, token());
        EXPECT_EQ(response.status, 201) << describe(response);
        return response.json().is_object() ? response.json().as_object() : object();
    }
    object newSession(std::int64_t capacity, const std::string& date = "2026-03-02") {
        return createSession(object{{"date", date},
                                    {"theatre", "Theatre 3"},
                                    {"period", "am"},
                                    {"capacity_minutes", capacity}});
    }
    object session(const std::string& id) {
        auto response = http().get("/sessions/" + id, token());
        EXPECT_EQ(response.status, 200) << describe(response);
        return response.json().is_object() ? response.json().as_object() : object();
    }
    object patchCase(const std::string& id, const object& fields) {
        auto response = http().patchJson("/cases/" + id, fields, token());
        EXPECT_EQ(response.status, 200) << describe(response);
        return response.json().is_object() ? response.json().as_object() : object();
    }
    object bookedCase(const std::string& sessionId, const object& more = {}) {
        object fields{{"name", "Patient " + uniqueSuffix()},
                      {"section", uniqueSection()},
                      {"session_id", sessionId}};
        for (const auto& [key, v] : more) fields[key] = v;
        return createCase(token(), fields);
    }
    // The 422's locations for a body sent to `target`.
    std::vector<std::string> refusedAt(const std::string& method, const std::string& target,
                                       const object& body) {
        auto response = method == "POST" ? http().postJson(target, body, token())
                                         : http().patchJson(target, body, token());
        EXPECT_EQ(response.status, 422) << describe(response);
        return errorLocations(response.json());
    }
    static std::vector<std::string> caseIds(const object& s) {
        std::vector<std::string> ids;
        for (const auto& id : s.at("case_ids").as_array()) ids.emplace_back(id.as_string());
        return ids;
    }
    TestUser withRole(const std::string& role) {
        alice();
        auto user = users().create(role);
        auto response = http().patchJson("/users/" + user.id, object{{"role", role}}, token());
        EXPECT_EQ(response.status, 200) << describe(response);
        return user;
    }
};

bool holds(const std::vector<std::string>& locations, const std::string& location) {
    return std::ranges::find(locations, location) != locations.end();
}

TEST_F(TheatreSessionsTest, ANewSessionHasItsDefaultsInTheContractsKeyOrder) {
    auto s = createSession(
        object{{"date", "2026-03-02"}, {"theatre", "  Theatre 1 "}, {"period", "all_day"}});
    std::vector<std::string> keys;
    for (const auto& [key, v] : s) keys.emplace_back(key);
    EXPECT_EQ(keys, (std::vector<std::string>{"id", "date", "theatre", "period", "starts_at",
                                              "ends_at", "capacity_minutes", "consultant", "notes",
                                              "created_at", "updated_at", "booked_minutes",
                                              "case_ids", "over_capacity"}));
    EXPECT_TRUE(isUuidV4(str(s, "id")));
    EXPECT_EQ(str(s, "theatre"), "Theatre 1");
    EXPECT_EQ(s.at("capacity_minutes"), 480);
    EXPECT_TRUE(s.at("starts_at").is_null());
    EXPECT_EQ(str(s, "consultant"), "");
    EXPECT_EQ(s.at("booked_minutes"), 0);
    EXPECT_TRUE(s.at("case_ids").as_array().empty());
    EXPECT_EQ(s.at("over_capacity"), false);
    EXPECT_TRUE(isRfc3339Utc(str(s, "created_at")));
    for (const char* period : {"am", "pm", "evening"}) {
        auto half = createSession(object{
            {"date", "2026-03-02"}, {"theatre", "T"}, {"period", period}, {"notes", nullptr}});
        EXPECT_EQ(half.at("capacity_minutes"), 240) << period;
        EXPECT_EQ(str(half, "notes"), "") << period;
    }
    EXPECT_EQ(session(str(s, "id")), s);
}

TEST_F(TheatreSessionsTest, BookedMinutesAddEstimatesAndTurnaroundsAndFlagAnOverrun) {
    auto s = newSession(100);
    const std::string id = str(s, "id");
    auto a = bookedCase(id, object{{"estimated_minutes", 60}});  // 60 + 15
    EXPECT_EQ(a.at("turnaround_minutes"), 15);
    EXPECT_EQ(str(a, "session_id"), id);
    auto b = bookedCase(id);  // no estimate: 0 + 15
    EXPECT_TRUE(b.at("estimated_minutes").is_null());
    s = session(id);
    EXPECT_EQ(s.at("booked_minutes"), 90);
    EXPECT_EQ(s.at("over_capacity"), false);

    auto c = bookedCase(id, object{{"estimated_minutes", 30}, {"turnaround_minutes", 0}});
    s = session(id);
    EXPECT_EQ(s.at("booked_minutes"), 120);
    EXPECT_EQ(s.at("over_capacity"), true);  // allowed, and flagged
    EXPECT_EQ(caseIds(s), (std::vector<std::string>{str(a, "id"), str(b, "id"), str(c, "id")}));

    // Re-estimated, then its turnaround back to the default.
    patchCase(str(a, "id"), object{{"estimated_minutes", 10}});
    EXPECT_EQ(session(id).at("booked_minutes"), 70);
    EXPECT_EQ(
        patchCase(str(c, "id"), object{{"turnaround_minutes", nullptr}}).at("turnaround_minutes"),
        15);
    EXPECT_EQ(session(id).at("booked_minutes"), 85);
    // Unbooked: it no longer counts.
    EXPECT_TRUE(
        patchCase(str(b, "id"), object{{"session_id", nullptr}}).at("session_id").is_null());
    s = session(id);
    EXPECT_EQ(s.at("booked_minutes"), 70);
    EXPECT_EQ(caseIds(s), (std::vector<std::string>{str(a, "id"), str(c, "id")}));
}

TEST_F(TheatreSessionsTest, ListOrderIsBookingOrderUntilAPatchReordersIt) {
    auto s = newSession(240);
    const std::string id = str(s, "id");
    const std::string a = str(bookedCase(id), "id");
    const std::string b = str(bookedCase(id), "id");
    const std::string c = str(bookedCase(id), "id");

    auto reordered =
        http().patchJson("/sessions/" + id, object{{"case_ids", array{c, a, b}}}, token());
    ASSERT_EQ(reordered.status, 200) << describe(reordered);
    EXPECT_EQ(caseIds(reordered.json().as_object()), (std::vector<std::string>{c, a, b}));
    EXPECT_EQ(caseIds(session(id)), (std::vector<std::string>{c, a, b}));

    // Not exactly the session's cases: refused, order kept.
    EXPECT_EQ(refusedAt("PATCH", "/sessions/" + id, object{{"case_ids", array{a, b}}}),
              std::vector<std::string>{"body.case_ids"});
    EXPECT_EQ(
        refusedAt("PATCH", "/sessions/" + id, object{{"case_ids", array{a, b, c, randomUuidV4()}}}),
        std::vector<std::string>{"body.case_ids"});
    EXPECT_EQ(refusedAt("PATCH", "/sessions/" + id, object{{"case_ids", array{a, a, b}}}),
              std::vector<std::string>{"body.case_ids"});
    EXPECT_EQ(caseIds(session(id)), (std::vector<std::string>{c, a, b}));

    // A case moved in from another session goes last.
    auto other = newSession(240);
    const std::string d = str(bookedCase(str(other, "id")), "id");
    patchCase(d, object{{"session_id", id}});
    EXPECT_EQ(caseIds(session(id)), (std::vector<std::string>{c, a, b, d}));
    EXPECT_TRUE(caseIds(session(str(other, "id"))).empty());
}

TEST_F(TheatreSessionsTest, ASessionWithBookedCasesCannotBeDeleted) {
    auto s = newSession(240);
    const std::string id = str(s, "id");
    auto c = bookedCase(id);
    auto refused = http().del("/sessions/" + id, token());
    EXPECT_EQ(refused.status, 409);
    EXPECT_EQ(str(refused.json(), "detail"), "The session has booked cases");
    EXPECT_EQ(http().get("/sessions/" + id, token()).status, 200);

    patchCase(str(c, "id"), object{{"session_id", nullptr}});
    EXPECT_EQ(http().del("/sessions/" + id, token()).status, 204);
    EXPECT_EQ(http().get("/sessions/" + id, token()).status, 404);
    EXPECT_EQ(http().del("/sessions/" + id, token()).status, 404);
    EXPECT_EQ(http().get("/sessions/not-a-uuid", token()).status, 404);
    EXPECT_EQ(
        http().patchJson("/sessions/" + randomUuidV4(), object{{"notes", "x"}}, token()).status,
        404);
}

TEST_F(TheatreSessionsTest, EachBadFieldIsA422AtItsPlace) {
    const object base{{"date", "2026-03-02"}, {"theatre", "T"}, {"period", "am"}};
    auto with = [&](const char* key, value v) {
        object body = base;
        body[key] = std::move(v);
        return body;
    };
    EXPECT_EQ(refusedAt("POST", "/sessions", with("period", "morning")),
              std::vector<std::string>{"body.period"});
    EXPECT_EQ(refusedAt("POST", "/sessions", with("capacity_minutes", 0)),
              std::vector<std::string>{"body.capacity_minutes"});
    EXPECT_EQ(refusedAt("POST", "/sessions", with("capacity_minutes", 1441)),
              std::vector<std::string>{"body.capacity_minutes"});
    EXPECT_EQ(refusedAt("POST", "/sessions", with("capacity_minutes", "240")),
              std::vector<std::string>{"body.capacity_minutes"});
    EXPECT_EQ(refusedAt("POST", "/sessions", with("date", "2026-02-30")),
              std::vector<std::string>{"body.date"});
    EXPECT_EQ(refusedAt("POST", "/sessions", with("theatre", "   ")),
              std::vector<std::string>{"body.theatre"});
    EXPECT_EQ(refusedAt("POST", "/sessions", with("theatre", value(std::string(65, 't')))),
              std::vector<std::string>{"body.theatre"});
    EXPECT_EQ(refusedAt("POST", "/sessions", with("starts_at", "25:00")),
              std::vector<std::string>{"body.starts_at"});
    EXPECT_EQ(refusedAt("POST", "/sessions", with("colour", "red")),
              std::vector<std::string>{"body.colour"});
    // A session sent back as it was read: what the server sets is ignored.
    object readBack = newSession(240);
    readBack["booked_minutes"] = 999;
    readBack["case_ids"] = boost::json::array{randomUuidV4()};
    auto echoed = http().postJson("/sessions", readBack, token());
    ASSERT_EQ(echoed.status, 201) << describe(echoed);
    EXPECT_NE(str(echoed.json(), "id"), str(readBack, "id"));
    EXPECT_EQ(echoed.json().at("booked_minutes").as_int64(), 0);
    EXPECT_TRUE(echoed.json().at("case_ids").as_array().empty());
    auto missing = refusedAt("POST", "/sessions", object{{"theatre", "T"}});
    EXPECT_TRUE(holds(missing, "body.date") && holds(missing, "body.period"));

    object backwards = with("starts_at", "13:30");
    backwards["ends_at"] = "08:00";
    EXPECT_EQ(refusedAt("POST", "/sessions", backwards), std::vector<std::string>{"body.ends_at"});
    // A patch is checked against the times the session keeps.
    object timed = with("starts_at", "08:00");
    timed["ends_at"] = "13:00";
    auto s = createSession(timed);
    EXPECT_EQ(refusedAt("PATCH", "/sessions/" + str(s, "id"), object{{"starts_at", "14:00"}}),
              std::vector<std::string>{"body.ends_at"});
    EXPECT_EQ(refusedAt("PATCH", "/sessions/" + str(s, "id"), object{{"case_id", "x"}}),
              std::vector<std::string>{"body.case_id"});
    // RFC 3339 times are kept in UTC.
    auto patched = http().patchJson(
        "/sessions/" + str(s, "id"),
        object{{"starts_at", "2026-03-02T08:00:00+01:00"}, {"ends_at", "2026-03-02T12:00:00Z"}},
        token());
    ASSERT_EQ(patched.status, 200) << describe(patched);
    EXPECT_EQ(str(patched.json(), "starts_at"), "2026-03-02T07:00:00.000000Z");

    // A case names a session that exists, or none.
    for (value bad : {value(randomUuidV4()), value("theatre 3"), value(7)}) {
        EXPECT_EQ(
            refusedAt("POST", "/cases/",
                      object{{"name", "X"}, {"section", uniqueSection()}, {"session_id", bad}}),
            std::vector<std::string>{"body.session_id"});
    }
    auto c = createCase(token(), "Y", uniqueSection());
    EXPECT_EQ(refusedAt("PATCH", "/cases/" + str(c, "id"), object{{"session_id", randomUuidV4()}}),
              std::vector<std::string>{"body.session_id"});
    EXPECT_EQ(refusedAt("PATCH", "/cases/" + str(c, "id"), object{{"estimated_minutes", 0}}),
              std::vector<std::string>{"body.estimated_minutes"});
    EXPECT_EQ(refusedAt("PATCH", "/cases/" + str(c, "id"), object{{"turnaround_minutes", 241}}),
              std::vector<std::string>{"body.turnaround_minutes"});
    EXPECT_EQ(http().get("/sessions?from=2026-13-01", token()).status, 422);
}

TEST_F(TheatreSessionsTest, ViewersReadSessionsButCannotChangeThem) {
    auto s = newSession(240);
    const auto viewer = withRole("viewer");
    EXPECT_EQ(http().get("/sessions", viewer.token).status, 200);
    EXPECT_EQ(http().get("/sessions/" + str(s, "id"), viewer.token).status, 200);
    EXPECT_EQ(http()
                  .postJson("/sessions",
                            object{{"date", "2026-03-02"}, {"theatre", "T"}, {"period", "am"}},
                            viewer.token)
                  .status,
              403);
    EXPECT_EQ(
        http().patchJson("/sessions/" + str(s, "id"), object{{"notes", "x"}}, viewer.token).status,
        403);
    EXPECT_EQ(http().del("/sessions/" + str(s, "id"), viewer.token).status, 403);
    EXPECT_EQ(http().get("/sessions").status, 401);
    const auto editor = withRole("editor");
    EXPECT_EQ(
        http().patchJson("/sessions/" + str(s, "id"), object{{"notes", "x"}}, editor.token).status,
        200);
}

TEST_F(TheatreSessionsTest, SessionListsAreByDateThenPeriodThenTheatreWithinTheRange) {
    auto make = [&](const char* date, const char* period, const char* theatre) {
        return str(createSession(object{{"date", date}, {"theatre", theatre}, {"period", period}}),
                   "id");
    };
    const auto late = make("2026-04-03", "am", "A");
    const auto evening = make("2026-04-02", "evening", "A");
    const auto pm = make("2026-04-02", "pm", "A");
    const auto allDayB = make("2026-04-02", "all_day", "B");
    const auto allDayA = make("2026-04-02", "all_day", "A");
    const auto am = make("2026-04-02", "am", "Z");
    const auto early = make("2026-04-01", "pm", "A");
    auto listed = [&](const std::string& query) {
        auto response = http().get("/sessions" + query, token());
        EXPECT_EQ(response.status, 200) << describe(response);
        std::vector<std::string> ids;
        const auto listed = response.json();
        for (const auto& s : listed.as_array()) ids.push_back(str(s, "id"));
        return ids;
    };
    EXPECT_EQ(listed("?from=2026-04-02&to=2026-04-02"),
              (std::vector<std::string>{am, allDayA, allDayB, pm, evening}));
    EXPECT_EQ(listed("?from=2026-04-03"), std::vector<std::string>{late});
    EXPECT_EQ(listed("?to=2026-04-01"), std::vector<std::string>{early});
    EXPECT_EQ(listed("").size(), 7u);
}

TEST_F(TheatreSessionsTest, SessionNoneListsTheCasesAwaitingATheatreList) {
    const std::string section = uniqueSection();
    auto s = newSession(240);
    auto make = [&](object fields) {
        fields["name"] = "P " + uniqueSuffix();
        fields["section"] = section;
        return str(createCase(token(), fields), "id");
    };
    const auto waiting = make({});
    const auto sentFor = make({{"theatre_status", "sent_for"}});
    const auto booked = make({{"session_id", str(s, "id")}});
    const auto operated = make({{"theatre_status", "in_theatre"}});
    const auto archived = make({{"archived", true}});
    auto listed = [&](const std::string& query) {
        auto got = ids(listCases(token(), "?section=" + section + query));
        std::ranges::sort(got);
        return got;
    };
    auto sorted = [](std::vector<std::string> list) {
        std::ranges::sort(list);
        return list;
    };
    EXPECT_EQ(listed("&session=none"), sorted({waiting, sentFor}));
    EXPECT_EQ(listed("&archived=true"), std::vector<std::string>{archived});
    EXPECT_EQ(listed("&session=none&archived=true"), std::vector<std::string>{});
    EXPECT_EQ(listed("&session=" + str(s, "id")), std::vector<std::string>{booked});
    EXPECT_EQ(listed(""), sorted({waiting, sentFor, booked, operated}));
    // The cached list follows a booking at once.
    patchCase(waiting, object{{"session_id", str(s, "id")}});
    EXPECT_EQ(listed("&session=none"), std::vector<std::string>{sentFor});
    EXPECT_EQ(listed("&session=" + str(s, "id")), sorted({booked, waiting}));
    EXPECT_EQ(http().get("/cases/?session=some", token()).status, 422);
}

TEST_F(TheatreSessionsTest, SessionWritesAreAuditedAgainstTheSession) {
    auto s = newSession(240);
    const std::string id = str(s, "id");
    ASSERT_EQ(
        http().patchJson("/sessions/" + id, object{{"capacity_minutes", 300}}, token()).status,
        200);
    ASSERT_EQ(http().del("/sessions/" + id, token()).status, 204);
    for (const char* action : {"session_create", "session_update", "session_delete"}) {
        auto response = http().get(std::string("/audit?action=") + action, token());
        ASSERT_EQ(response.status, 200) << describe(response);
        const auto body = response.json();
        const auto& entries = body.as_array();
        ASSERT_EQ(entries.size(), 1u) << action;
        const auto& entry = entries[0].as_object();
        EXPECT_EQ(str(entry, "session"), id) << action;
        EXPECT_TRUE(entry.at("case").is_null()) << action;
        if (std::string(action) == "session_update") {
            const auto& change = entry.at("changes").at("capacity_minutes");
            EXPECT_EQ(change.at("before"), 240);
            EXPECT_EQ(change.at("after"), 300);
            EXPECT_EQ(entry.at("changes").as_object().size(), 1u);
        }
    }
}

TEST_F(TheatreSessionsTest, EveryScreenHearsOfSessionChangesAndOfBookings) {
    auto ws = std::make_unique<WsClient>(port());
    ASSERT_TRUE(ws->connect(WsOptions::withToken(token())));
    ASSERT_TRUE(ws->waitSubscribed());
    auto s = newSession(100);
    const std::string id = str(s, "id");
    auto c = bookedCase(id, object{{"estimated_minutes", 90}});
    patchCase(str(c, "id"), object{{"session_id", nullptr}});
    ASSERT_EQ(http().del("/sessions/" + id, token()).status, 204);
    const std::string stop = "marker-" + uniqueSuffix();
    ASSERT_TRUE(ws->sendText(stop));
    const auto events = Events::untilMarker(*ws, stop);

    std::vector<std::string> seen;
    for (const auto& event : events) {
        const std::string action = str(event, "action");
        if (action == "session") {
            const auto& data = event.at("data").as_object();
            EXPECT_EQ(str(data, "id"), id);
            seen.push_back("session:" + std::to_string(data.at("booked_minutes").as_int64()) +
                           (data.at("over_capacity").as_bool() ? ":over" : ""));
        } else if (action == "session_delete") {
            EXPECT_EQ(str(event, "id"), id);
            seen.push_back("session_delete");
        } else {
            seen.push_back(action);
        }
    }
    EXPECT_EQ(seen, (std::vector<std::string>{"session:0", "create", "session:105:over", "update",
                                              "session:0", "session_delete"}))
        << Events::describe(events);
}

TEST_F(TheatreSessionsTest, ACancelledCaseLeavesItsListAndTheListIsAnnounced) {
    auto s = newSession(240);
    const std::string id = str(s, "id");
    auto first = bookedCase(id, object{{"estimated_minutes", 60}});
    auto second = bookedCase(id, object{{"estimated_minutes", 45}, {"theatre_status", "sent_for"}});
    ASSERT_EQ(session(id).at("booked_minutes").as_int64(), 60 + 15 + 45 + 15);
    auto ws = std::make_unique<WsClient>(port());
    ASSERT_TRUE(ws->connect(WsOptions::withToken(token())));
    ASSERT_TRUE(ws->waitSubscribed());

    auto cancelled = http().postJson("/cases/" + str(second, "id") + "/cancel",
                                     object{{"reason", "no_theatre_time"}}, token());
    ASSERT_EQ(cancelled.status, 200) << describe(cancelled);
    const auto json = cancelled.json();
    EXPECT_TRUE(json.as_object().at("session_id").is_null());
    EXPECT_TRUE(json.as_object().at("theatre_status").is_null());
    auto after = session(id);
    EXPECT_EQ(caseIds(after), std::vector<std::string>{str(first, "id")});
    EXPECT_EQ(after.at("booked_minutes").as_int64(), 60 + 15);
    auto awaiting =
        http().get("/cases/?session=none&name=" + urlEncode(str(second, "name")), token());
    ASSERT_EQ(awaiting.status, 200) << describe(awaiting);
    EXPECT_EQ(awaiting.json().as_array().size(), 1u) << awaiting.body;

    const std::string stop = "marker-" + uniqueSuffix();
    ASSERT_TRUE(ws->sendText(stop));
    const auto events = Events::untilMarker(*ws, stop);
    std::vector<std::string> seen;
    for (const auto& event : events) {
        const std::string action = str(event, "action");
        seen.push_back(action == "session"
                           ? "session:" +
                                 std::to_string(event.at("data").at("booked_minutes").as_int64())
                           : action);
    }
    EXPECT_EQ(seen, (std::vector<std::string>{"update", "session:75"})) << Events::describe(events);
}

}  // namespace
}  // namespace caseboard::it
