// POST /cases/reorder: moves in one transaction, one update event per moved case.
#include "harness/ServerTest.hpp"

#include "harness/Events.hpp"
#include "harness/WsClient.hpp"

namespace caseboard::it {
namespace {

using boost::json::array;
using boost::json::object;

class ReorderTest : public ServerTest {
  protected:
    static object move(const std::string& id, const std::string& section, std::int64_t orderIndex) {
        return object{{"id", id}, {"section", section}, {"order_index", orderIndex}};
    }
    HttpResponse reorder(const array& moves) {
        return http().postJson("/cases/reorder", object{{"moves", moves}}, alice().token);
    }
    boost::json::value fetch(const std::string& id) {
        return http().get("/cases/" + id, alice().token).json();
    }
};

TEST_F(ReorderTest, MovesAreAppliedAndReturned) {
    const std::string from = uniqueSection("new_referral");
    const std::string to = uniqueSection("on_list");
    const auto a = createCase(alice().token, "A", from);
    const auto b = createCase(alice().token, "B", from);
    const auto response = reorder(array{move(str(b, "id"), to, 0), move(str(a, "id"), to, 2)});
    ASSERT_EQ(response.status, 200) << describe(response);
    const auto body = response.json();
    ASSERT_TRUE(body.is_array()) << response.body;
    ASSERT_EQ(body.as_array().size(), 2u);
    std::map<std::string, boost::json::object> moved;
    for (const auto& item : body.as_array()) {
        moved[str(item, "id")] = item.as_object();
    }
    ASSERT_TRUE(moved.count(str(a, "id")) && moved.count(str(b, "id"))) << response.body;
    EXPECT_EQ(str(moved[str(b, "id")], "section"), to);
    EXPECT_EQ(moved[str(b, "id")].at("order_index"), 0);
    EXPECT_EQ(moved[str(b, "id")].at("version"), 2);
    EXPECT_EQ(str(moved[str(a, "id")], "section"), to);
    EXPECT_EQ(moved[str(a, "id")].at("order_index"), 2);
    EXPECT_EQ(str(moved[str(a, "id")], "name"), "A") << "other fields unchanged";
}

TEST_F(ReorderTest, MovesPersist) {
    const std::string section = uniqueSection();
    const auto a = createCase(alice().token, "A", section);
    const auto b = createCase(alice().token, "B", section);
    const auto c = createCase(alice().token, "C", section);
    const auto response =
        reorder(array{move(str(c, "id"), section, 0), move(str(a, "id"), section, 1),
                      move(str(b, "id"), section, 2)});
    ASSERT_EQ(response.status, 200) << describe(response);
    EXPECT_EQ(ids(listCases(alice().token, "?section=" + section)),
              (std::vector<std::string>{str(c, "id"), str(a, "id"), str(b, "id")}));
    EXPECT_EQ(fetch(str(c, "id")).at("order_index"), 0);
}

TEST_F(ReorderTest, UnknownIdIs404AndNothingMoves) {
    const std::string section = uniqueSection();
    const std::string elsewhere = uniqueSection();
    const auto a = createCase(alice().token, "A", section);
    const auto response =
        reorder(array{move(str(a, "id"), elsewhere, 9), move(randomUuidV4(), elsewhere, 0)});
    EXPECT_EQ(response.status, 404) << describe(response);
    EXPECT_TRUE(hasDetail(response));
    EXPECT_EQ(fetch(str(a, "id")), boost::json::value(a)) << "the valid move must not be applied";
}

TEST_F(ReorderTest, InvalidMovesAre422AndNothingMoves) {
    const std::string section = uniqueSection();
    const auto a = createCase(alice().token, "A", section);
    const std::string id = str(a, "id");
    const std::vector<std::pair<std::string, object>> bad{
        {"no moves", object{}},
        {"moves not an array", object{{"moves", "x"}}},
        {"bad section", object{{"moves", array{move(id, "Bad Section", 0)}}}},
        {"order_index not an integer",
         object{{"moves", array{object{{"id", id}, {"section", section}, {"order_index", "x"}}}}}},
        {"missing id", object{{"moves", array{object{{"section", section}, {"order_index", 1}}}}}},
        {"missing section", object{{"moves", array{object{{"id", id}, {"order_index", 1}}}}}},
        {"missing order_index", object{{"moves", array{object{{"id", id}, {"section", section}}}}}},
    };
    for (const auto& [what, body] : bad) {
        const auto response = http().postJson("/cases/reorder", body, alice().token);
        EXPECT_EQ(response.status, 422) << what << ": " << describe(response);
        EXPECT_FALSE(errorLocations(response.json()).empty()) << what << ": " << response.body;
    }
    // A valid move followed by an invalid one: nothing moves.
    const auto mixed = reorder(array{move(id, uniqueSection(), 5), move(id, "Bad Section", 0)});
    EXPECT_EQ(mixed.status, 422) << describe(mixed);
    EXPECT_EQ(fetch(id), boost::json::value(a));
}

// Two moves of one case in one request would move it (and record it) twice.
TEST_F(ReorderTest, NamingOneCaseTwiceIs422AndNothingMovesOrIsRecorded) {
    const std::string section = uniqueSection();
    const auto a = createCase(alice().token, "A", section);
    const auto b = createCase(alice().token, "B", section);
    const std::string id = str(a, "id");
    const auto historyBefore = http().get("/cases/" + id + "/history", alice().token);
    ASSERT_EQ(historyBefore.status, 200) << describe(historyBefore);
    const auto response =
        reorder(array{move(id, uniqueSection(), 4), move(str(b, "id"), section, 0),
                      move(id, uniqueSection(), 7)});
    EXPECT_EQ(response.status, 422) << describe(response);
    EXPECT_EQ(errorLocations(response.json()), std::vector<std::string>{"body.moves.2.id"})
        << response.body;
    EXPECT_EQ(fetch(id), boost::json::value(a));
    EXPECT_EQ(fetch(str(b, "id")), boost::json::value(b));
    EXPECT_EQ(http().get("/cases/" + id + "/history", alice().token).body, historyBefore.body)
        << "nothing may be recorded";
}

TEST_F(ReorderTest, MalformedIdIsRefusedAndNothingMoves) {
    const std::string section = uniqueSection();
    const auto a = createCase(alice().token, "A", section);
    const auto response =
        reorder(array{move(str(a, "id"), uniqueSection(), 3), move("not-a-uuid", section, 0)});
    EXPECT_TRUE(response.status == 404 || response.status == 422) << describe(response);
    EXPECT_EQ(fetch(str(a, "id")), boost::json::value(a));
}

TEST_F(ReorderTest, MoreThan1000MovesIsRefused) {
    const auto a = createCase(alice().token, "A", uniqueSection());
    array moves;
    for (int i = 0; i < 1001; ++i) {
        moves.push_back(object{{"id", str(a, "id")}, {"section", "s"}, {"order_index", i}});
    }
    const auto response = reorder(moves);
    // The body is also over 64 KiB, so either refusal is right; never a move.
    EXPECT_TRUE(response.status == 422 || response.status == 413) << describe(response);
    EXPECT_EQ(fetch(str(a, "id")), boost::json::value(a));
}

TEST_F(ReorderTest, BroadcastsOneUpdatePerMovedCase) {
    const std::string section = uniqueSection();
    const auto a = createCase(alice().token, "A", section);
    const auto b = createCase(alice().token, "B", section);
    const auto c = createCase(alice().token, "C", section);
    WsClient ws(port());
    ASSERT_TRUE(ws.connect(WsOptions::withToken(alice().token)))
        << ws.handshakeStatus() << " " << ws.handshakeError();
    ASSERT_TRUE(ws.waitSubscribed());
    // Fresh order_index values, so that both moves are real changes.
    const auto response =
        reorder(array{move(str(b, "id"), section, 100), move(str(a, "id"), section, 101)});
    ASSERT_EQ(response.status, 200) << describe(response);
    const std::string marker = "marker-" + uniqueSuffix();
    ASSERT_TRUE(ws.sendText(marker));
    const auto events = Events::untilMarker(ws, marker);
    EXPECT_EQ(Events::count(events, "update", str(a, "id")), 1u) << Events::describe(events);
    EXPECT_EQ(Events::count(events, "update", str(b, "id")), 1u) << Events::describe(events);
    EXPECT_EQ(Events::count(events, "update", str(c, "id")), 0u) << Events::describe(events);
    EXPECT_EQ(Events::count(events, "update"), 2u) << Events::describe(events);
    const auto event = Events::find(events, "update", str(b, "id"));
    ASSERT_TRUE(event.contains("data")) << Events::describe(events);
    EXPECT_EQ(event.at("data").at("order_index"), 100);
}

TEST_F(ReorderTest, FailedReorderBroadcastsNothing) {
    const std::string section = uniqueSection();
    const auto a = createCase(alice().token, "A", section);
    WsClient ws(port());
    ASSERT_TRUE(ws.connect(WsOptions::withToken(alice().token)));
    ASSERT_TRUE(ws.waitSubscribed());
    ASSERT_EQ(
        reorder(array{move(str(a, "id"), section, 4), move(randomUuidV4(), section, 0)}).status,
        404);
    const std::string marker = "marker-" + uniqueSuffix();
    ASSERT_TRUE(ws.sendText(marker));
    const auto events = Events::untilMarker(ws, marker);
    EXPECT_EQ(Events::count(events, "update"), 0u) << Events::describe(events);
}

}  // namespace
}  // namespace caseboard::it
