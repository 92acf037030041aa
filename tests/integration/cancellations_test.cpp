// API.md "Theatre lists": POST /cases/{id}/cancel takes a case off its list, keeps why on the
// case, records it in the history and tells every screen.
#include "harness/ServerTest.hpp"
#include "harness/WsClient.hpp"

namespace caseboard::it {
namespace {

using boost::json::array;
using boost::json::object;

class CancellationsTest : public ServerTest {
  protected:
    // alice() registered first on the empty database: the admin.
    const std::string& token() { return alice().token; }
    HttpResponse cancel(const std::string& id, const object& body) {
        return http().postJson("/cases/" + id + "/cancel", body, token());
    }
    object inTheatreQueue(const std::string& status) {
        auto c = createCase(token(), "Listed", uniqueSection());
        auto sent =
            http().patchJson("/cases/" + str(c, "id"), object{{"theatre_status", status}}, token());
        EXPECT_EQ(sent.status, 200) << describe(sent);
        return sent.json().is_object() ? sent.json().as_object() : object();
    }
    array history(const std::string& id) {
        auto response = http().get("/cases/" + id + "/history", token());
        EXPECT_EQ(response.status, 200) << describe(response);
        return response.json().is_array() ? response.json().as_array() : array();
    }
    // The 422's locations, for a body sent to cancel a case.
    std::vector<std::string> refusedAt(const object& body) {
        auto c = createCase(token(), "Refused", uniqueSection());
        auto response = cancel(str(c, "id"), body);
        EXPECT_EQ(response.status, 422) << describe(response);
        return errorLocations(response.json());
    }
};

TEST_F(CancellationsTest, ANewCaseHasNoCancellations) {
    auto c = createCase(token(), "Jane", uniqueSection());
    ASSERT_TRUE(c.contains("cancellations"));
    EXPECT_TRUE(c.at("cancellations").as_array().empty());
}

TEST_F(CancellationsTest, CancellingClearsTheTheatreStatusAndKeepsWhyOnTheCase) {
    auto c = inTheatreQueue("anaesthetic_room");
    const std::string id = str(c, "id");
    auto response = cancel(id, object{{"reason", "no_bed"}});
    ASSERT_EQ(response.status, 200) << describe(response);
    const auto json = response.json();
    const auto& after = json.as_object();
    EXPECT_TRUE(after.at("theatre_status").is_null());
    EXPECT_EQ(after.at("version").as_int64(), c.at("version").as_int64() + 1);
    EXPECT_EQ(response.header("ETag"),
              "\"" + std::to_string(after.at("version").as_int64()) + "\"");
    const auto& list = after.at("cancellations").as_array();
    ASSERT_EQ(list.size(), 1u);
    const auto& entry = list[0].as_object();
    EXPECT_EQ(str(entry, "reason"), "no_bed");
    EXPECT_EQ(str(entry, "note"), "");
    EXPECT_EQ(str(entry, "by"), alice().email);
    EXPECT_TRUE(isRfc3339Utc(str(entry, "at"))) << str(entry, "at");
    EXPECT_EQ(str(entry, "at"), str(after, "updated_at"));
    // Kept: the case as read back holds the same.
    auto read = http().get("/cases/" + id, token());
    ASSERT_EQ(read.status, 200);
    EXPECT_EQ(read.json().as_object().at("cancellations"), after.at("cancellations"));
    EXPECT_TRUE(read.json().as_object().at("theatre_status").is_null());
}

TEST_F(CancellationsTest, EachCancellationIsAppendedInOrder) {
    auto c = inTheatreQueue("sent_for");
    const std::string id = str(c, "id");
    ASSERT_EQ(cancel(id, object{{"reason", "patient_unfit"}, {"note", "Chest infection"}}).status,
              200);
    auto again = cancel(id, object{{"reason", "other"}, {"note", "  Family meeting first  "}});
    ASSERT_EQ(again.status, 200) << describe(again);
    const auto json = again.json();
    const auto& list = json.as_object().at("cancellations").as_array();
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(str(list[0].as_object(), "reason"), "patient_unfit");
    EXPECT_EQ(str(list[0].as_object(), "note"), "Chest infection");
    EXPECT_EQ(str(list[1].as_object(), "reason"), "other");
    EXPECT_EQ(str(list[1].as_object(), "note"), "Family meeting first");
    EXPECT_LT(str(list[0].as_object(), "at"), str(list[1].as_object(), "at"));
}

TEST_F(CancellationsTest, ACaseAwaitingTheatreMayBeCancelledToo) {
    auto c = createCase(token(), "Awaiting", uniqueSection());
    auto response = cancel(str(c, "id"), object{{"reason", "patient_declined"}});
    ASSERT_EQ(response.status, 200) << describe(response);
    EXPECT_EQ(response.json().as_object().at("cancellations").as_array().size(), 1u);
}

TEST_F(CancellationsTest, AnAttemptCalledOffInTheatreLeavesNoTimesForTheReportToCount) {
    auto c = inTheatreQueue("in_theatre");
    ASSERT_TRUE(c.at("theatre_times").as_object().contains("in_theatre")) << c;
    auto response = cancel(str(c, "id"), object{{"reason", "equipment"}, {"note", "Scope broke"}});
    ASSERT_EQ(response.status, 200) << describe(response);
    EXPECT_TRUE(response.json().as_object().at("theatre_times").as_object().empty())
        << response.body;
    auto counted = http().get("/reports/time-to-theatre", token());
    ASSERT_EQ(counted.status, 200) << describe(counted);
    EXPECT_EQ(counted.json(), boost::json::array()) << counted.body;
}

TEST_F(CancellationsTest, OneCaseKeepsAtMostFiftyCancellations) {
    auto c = createCase(token(), "Often cancelled", uniqueSection());
    const std::string id = str(c, "id");
    for (int i = 0; i < 50; ++i) {
        ASSERT_EQ(cancel(id, object{{"reason", "no_bed"}}).status, 200) << i;
    }
    auto refused = cancel(id, object{{"reason", "no_bed"}});
    EXPECT_EQ(refused.status, 409) << describe(refused);
    EXPECT_TRUE(hasDetail(refused));
    auto read = http().get("/cases/" + id, token());
    EXPECT_EQ(read.json().as_object().at("cancellations").as_array().size(), 50u);
}

TEST_F(CancellationsTest, EveryReasonOfTheContractIsAccepted) {
    for (const char* reason :
         {"patient_unfit", "no_theatre_time", "no_bed", "no_staff", "equipment", "patient_declined",
          "more_urgent_case", "admin_error"}) {
        auto c = createCase(token(), "Reason", uniqueSection());
        EXPECT_EQ(cancel(str(c, "id"), object{{"reason", reason}}).status, 200) << reason;
    }
}

TEST_F(CancellationsTest, ABadReasonOrNoteIsA422AtItsPlace) {
    using Locs = std::vector<std::string>;
    EXPECT_EQ(refusedAt(object{{"reason", "bored"}}), Locs{"body.reason"});
    EXPECT_EQ(refusedAt(object{}), Locs{"body.reason"});
    EXPECT_EQ(refusedAt(object{{"reason", 3}}), Locs{"body.reason"});
    EXPECT_EQ(refusedAt(object{{"reason", "other"}}), Locs{"body.note"});
    EXPECT_EQ(refusedAt(object{{"reason", "other"}, {"note", "   "}}), Locs{"body.note"});
    EXPECT_EQ(refusedAt(object{{"reason", "no_bed"}, {"note", 7}}), Locs{"body.note"});
    EXPECT_EQ(refusedAt(object{{"reason", "no_bed"}, {"note", std::string(2001, 'x')}}),
              Locs{"body.note"});
    EXPECT_EQ(refusedAt(object{{"reason", "no_bed"}, {"note", "a\x01"}}), Locs{"body.note"});
    auto c = createCase(token(), "Long note", uniqueSection());
    EXPECT_EQ(
        cancel(str(c, "id"), object{{"reason", "no_bed"}, {"note", std::string(2000, 'x')}}).status,
        200);
}

TEST_F(CancellationsTest, UnknownArchivedAndForbidden) {
    EXPECT_EQ(cancel(randomUuidV4(), object{{"reason", "no_bed"}}).status, 404);
    EXPECT_EQ(cancel("not-a-case", object{{"reason", "no_bed"}}).status, 404);
    auto c = createCase(token(), "Archived", uniqueSection());
    const std::string id = str(c, "id");
    ASSERT_EQ(http().patchJson("/cases/" + id, object{{"archived", true}}, token()).status, 200);
    auto archived = cancel(id, object{{"reason", "no_bed"}});
    EXPECT_EQ(archived.status, 409) << describe(archived);
    EXPECT_TRUE(hasDetail(archived));

    auto open = createCase(token(), "Open", uniqueSection());
    auto user = users().create("viewer");
    ASSERT_EQ(http().patchJson("/users/" + user.id, object{{"role", "viewer"}}, token()).status,
              200);
    EXPECT_EQ(http()
                  .postJson("/cases/" + str(open, "id") + "/cancel", object{{"reason", "no_bed"}},
                            user.token)
                  .status,
              403);
    EXPECT_EQ(http()
                  .postJson("/cases/" + str(open, "id") + "/cancel", object{{"reason", "no_bed"}})
                  .status,
              401);
    auto unchanged = http().get("/cases/" + str(open, "id"), token());
    EXPECT_TRUE(unchanged.json().as_object().at("cancellations").as_array().empty());
}

TEST_F(CancellationsTest, TheHistoryRecordsACancelWithWhatItChanged) {
    auto c = inTheatreQueue("sent_for");
    const std::string id = str(c, "id");
    ASSERT_EQ(cancel(id, object{{"reason", "equipment"}, {"note", "Stack down"}}).status, 200);
    const auto entries = history(id);
    ASSERT_FALSE(entries.empty());
    const auto& last = entries.back().as_object();
    EXPECT_EQ(str(last, "action"), "cancel");
    EXPECT_EQ(str(last, "email"), alice().email);
    const auto& changes = last.at("changes").as_object();
    ASSERT_TRUE(changes.contains("theatre_status"));
    EXPECT_EQ(str(changes.at("theatre_status").as_object(), "before"), "sent_for");
    EXPECT_TRUE(changes.at("theatre_status").as_object().at("after").is_null());
    ASSERT_TRUE(changes.contains("cancellations"));
    EXPECT_TRUE(changes.at("cancellations").as_object().at("before").as_array().empty());
    const auto& now = changes.at("cancellations").as_object().at("after").as_array();
    ASSERT_EQ(now.size(), 1u);
    EXPECT_EQ(str(now[0].as_object(), "reason"), "equipment");
    EXPECT_EQ(str(now[0].as_object(), "note"), "Stack down");
}

TEST_F(CancellationsTest, EveryScreenHearsTheCancelAsAnUpdate) {
    auto c = inTheatreQueue("in_theatre");
    WsClient screen(port());
    ASSERT_TRUE(screen.connect(WsOptions::withToken(token())));
    ASSERT_TRUE(screen.waitSubscribed());
    ASSERT_EQ(cancel(str(c, "id"), object{{"reason", "more_urgent_case"}}).status, 200);
    std::optional<boost::json::value> event;
    for (int i = 0; i < 5 && (!event || str(event->as_object(), "action") == "message"); ++i) {
        event = screen.readJson();
    }
    ASSERT_TRUE(event);
    const auto& frame = event->as_object();
    EXPECT_EQ(str(frame, "action"), "update");
    EXPECT_EQ(str(frame, "case"), str(c, "id"));
    const auto& data = frame.at("data").as_object();
    EXPECT_TRUE(data.at("theatre_status").is_null());
    EXPECT_EQ(str(data.at("cancellations").as_array()[0].as_object(), "reason"),
              "more_urgent_case");
}

TEST_F(CancellationsTest, TheCsvExportCarriesTheCancellationsAsJsonText) {
    const std::string section = uniqueSection();
    auto c = createCase(token(), "Exported", section);
    ASSERT_EQ(cancel(str(c, "id"), object{{"reason", "no_staff"}}).status, 200);
    auto response = http().get("/cases/export.csv?section=" + section, token());
    ASSERT_EQ(response.status, 200) << describe(response);
    const std::string header = response.body.substr(0, response.body.find("\r\n"));
    EXPECT_NE(header.find(",turnaround_minutes,cancellations,"), std::string::npos) << header;
    EXPECT_NE(response.body.find("\"[{\"\"at\"\":"), std::string::npos) << response.body;
    EXPECT_NE(response.body.find("\"\"reason\"\":\"\"no_staff\"\""), std::string::npos)
        << response.body;
}

}  // namespace
}  // namespace caseboard::it
