// The clinical extensions of API.md: identifiers, roles, the audit trail, restore and export.
#include "harness/ServerTest.hpp"
#include "harness/WsClient.hpp"

namespace caseboard::it {
namespace {

using boost::json::object;

class ClinicalTest : public ServerTest {
  protected:
    // alice() registered first on the empty database: the admin.
    const TestUser& admin() { return alice(); }
    TestUser editor() {
        admin();
        return users().create("editor");
    }
    TestUser viewer() {
        admin();
        auto user = users().create("viewer");
        auto response =
            http().patchJson("/users/" + user.id, object{{"role", "viewer"}}, admin().token);
        EXPECT_EQ(response.status, 200) << describe(response);
        return user;
    }
    boost::json::array history(const std::string& id) {
        auto response = http().get("/cases/" + id + "/history", admin().token);
        EXPECT_EQ(response.status, 200) << describe(response);
        return response.json().is_array() ? response.json().as_array() : boost::json::array();
    }
};

TEST_F(ClinicalTest, EveryCaseObjectCarriesTheClinicalFields) {
    auto c = createCase(admin().token, "Jane", uniqueSection());
    for (const char* field : {"hospital_number", "date_of_injury", "theatre_slot"}) {
        ASSERT_TRUE(c.contains(field)) << field;
        EXPECT_TRUE(c.at(field).is_null()) << field;
    }
    for (const char* field : {"ward", "consultant", "notes"}) EXPECT_EQ(str(c, field), "") << field;
}

TEST_F(ClinicalTest, ClinicalFieldsAreValidatedAndFiltered) {
    const std::string section = uniqueSection();
    auto bad = http().postJson("/cases/",
                               object{{"name", "X"},
                                      {"section", section},
                                      {"hospital_number", "no spaces"},
                                      {"theatre_slot", "night"},
                                      {"date_of_injury", "2999-01-01"}},
                               admin().token);
    ASSERT_EQ(bad.status, 422) << describe(bad);
    auto locs = errorLocations(bad.json());
    EXPECT_EQ(locs, (std::vector<std::string>{"body.hospital_number", "body.date_of_injury",
                                              "body.theatre_slot"}));
    auto smith1 = createCase(admin().token, object{{"name", "J. Smith"},
                                                   {"section", section},
                                                   {"hospital_number", " RX-1001 "},
                                                   {"ward", "Ward 7"},
                                                   {"consultant", "Ms Okafor"},
                                                   {"theatre_slot", "am"},
                                                   {"date_of_injury", "2025-03-01"}});
    createCase(admin().token,
               object{{"name", "J. Smith"}, {"section", section}, {"hospital_number", "RX-2002"}});
    EXPECT_EQ(str(smith1, "hospital_number"), "RX-1001");
    EXPECT_EQ(ids(listCases(admin().token, "?section=" + section + "&hospital_number=RX-1001")),
              std::vector<std::string>{str(smith1, "id")});
    EXPECT_EQ(listCases(admin().token, "?section=" + section + "&consultant=okafor").size(), 1u);
    EXPECT_EQ(
        listCases(admin().token, "?section=" + section + "&ward=Ward%207&theatre_slot=am").size(),
        1u);
    EXPECT_EQ(
        listCases(admin().token, "?section=" + section + "&date_of_injury_from=2025-03-02").size(),
        0u);
    auto cleared = http().patchJson("/cases/" + str(smith1, "id"), object{{"hospital_number", ""}},
                                    admin().token);
    ASSERT_EQ(cleared.status, 200);
    EXPECT_TRUE(cleared.json().as_object().at("hospital_number").is_null());
}

TEST_F(ClinicalTest, TheFirstUserIsAdminAndLaterOnesEditors) {
    auto me = http().get("/users/me", admin().token);
    EXPECT_EQ(str(me.json().as_object(), "role"), "admin");
    auto second = users().registerUser(uniqueEmail("second"), "password123");
    ASSERT_EQ(second.status, 201);
    EXPECT_EQ(str(second.json().as_object(), "role"), "editor");
}

TEST_F(ClinicalTest, OnlyAdminsListUsersAndChangeRoles) {
    auto bob = editor();
    EXPECT_EQ(http().get("/users", bob.token).status, 403);
    EXPECT_EQ(
        http().patchJson("/users/" + admin().id, object{{"role", "viewer"}}, bob.token).status,
        403);
    auto list = http().get("/users", admin().token);
    ASSERT_EQ(list.status, 200);
    EXPECT_EQ(list.json().as_array().size(), 2u);
    EXPECT_EQ(http().patchJson("/users/" + bob.id, object{{"role", "boss"}}, admin().token).status,
              422);
    EXPECT_EQ(http()
                  .patchJson("/users/" + randomUuidV4(), object{{"role", "viewer"}}, admin().token)
                  .status,
              404);
}

// A user who has just been writing is known to the server without reading the store; a role
// change must still apply to that user's very next request.
TEST_F(ClinicalTest, ARoleChangeAppliesToTheNextWriteOfAUserWhoWasJustWriting) {
    auto user = editor();
    auto c = createCase(user.token, "Written", uniqueSection());
    const std::string path = "/cases/" + str(c, "id");
    ASSERT_EQ(http().patchJson(path, object{{"outcome", "Seen"}}, user.token).status, 200);

    ASSERT_EQ(
        http().patchJson("/users/" + user.id, object{{"role", "viewer"}}, admin().token).status,
        200);
    EXPECT_EQ(
        http().postJson("/cases/", object{{"name", "X"}, {"section", "a"}}, user.token).status,
        403);
    EXPECT_EQ(http().patchJson(path, object{{"outcome", "Again"}}, user.token).status, 403);
    // Refused before its body is even read, as for any viewer.
    EXPECT_EQ(http().postJson("/cases/", object{{"name", 1}}, user.token).status, 403);

    ASSERT_EQ(
        http().patchJson("/users/" + user.id, object{{"role", "editor"}}, admin().token).status,
        200);
    EXPECT_EQ(http().patchJson(path, object{{"outcome", "Again"}}, user.token).status, 200);
}

TEST_F(ClinicalTest, TheLastAdminCannotBeDemoted) {
    auto response =
        http().patchJson("/users/" + admin().id, object{{"role", "editor"}}, admin().token);
    EXPECT_EQ(response.status, 409) << describe(response);
    EXPECT_EQ(str(http().get("/users/me", admin().token).json().as_object(), "role"), "admin");
}

TEST_F(ClinicalTest, AViewerCanReadButNotWriteWithTheTokenItAlreadyHolds) {
    auto c = createCase(admin().token, "Readable", uniqueSection());
    auto user = viewer();  // demoted after signing in: the same token now reads only
    EXPECT_EQ(http().get("/cases/", user.token).status, 200);
    EXPECT_EQ(http().get("/cases/" + str(c, "id") + "/history", user.token).status, 200);
    auto create = http().postJson("/cases/", object{{"name", "X"}, {"section", "a"}}, user.token);
    EXPECT_EQ(create.status, 403);
    EXPECT_EQ(create.json().as_object().at("detail").as_string(), "Forbidden");
    EXPECT_EQ(http().patchJson("/cases/" + str(c, "id"), object{{"name", "Y"}}, user.token).status,
              403);
    EXPECT_EQ(http().del("/cases/" + str(c, "id"), user.token).status, 403);
    EXPECT_EQ(http()
                  .postJson("/cases/reorder", object{{"moves", boost::json::array()}}, user.token)
                  .status,
              403);
    auto promoted =
        http().patchJson("/users/" + user.id, object{{"role", "editor"}}, admin().token);
    ASSERT_EQ(promoted.status, 200);
    EXPECT_EQ(http().patchJson("/cases/" + str(c, "id"), object{{"name", "Y"}}, user.token).status,
              200);
}

TEST_F(ClinicalTest, AViewersWebSocketTextIsRefusedButItStillHearsEvents) {
    auto user = viewer();
    WsClient screen(port());
    ASSERT_TRUE(screen.connect(WsOptions::withToken(user.token)));
    ASSERT_TRUE(screen.sendText("hello"));
    auto reply = screen.readJson();
    ASSERT_TRUE(reply);
    EXPECT_EQ(str(reply->as_object(), "action"), "error");
    EXPECT_EQ(str(reply->as_object(), "detail"), "Forbidden");
    auto c = createCase(admin().token, "Heard", uniqueSection());
    auto event = screen.readJson();
    ASSERT_TRUE(event);
    EXPECT_EQ(str(event->as_object(), "action"), "create");
    EXPECT_EQ(str(event->as_object(), "case"), str(c, "id"));
}

TEST_F(ClinicalTest, HistoryRecordsWhoChangedWhatField) {
    auto bob = editor();
    auto c = createCase(bob.token, "Moved", uniqueSection("new_referral"));
    const std::string id = str(c, "id");
    ASSERT_EQ(http().patchJson("/cases/" + id, object{{"section", "on_list"}}, bob.token).status,
              200);
    ASSERT_EQ(http().del("/cases/" + id, bob.token).status, 200);
    auto entries = history(id);
    ASSERT_EQ(entries.size(), 3u);
    const auto& update = entries[1].as_object();
    EXPECT_EQ(str(entries[0].as_object(), "action"), "create");
    EXPECT_EQ(str(update, "action"), "update");
    EXPECT_EQ(str(update, "email"), bob.email);
    EXPECT_EQ(str(update, "user_id"), bob.id);
    EXPECT_EQ(str(update, "case"), id);
    EXPECT_TRUE(isRfc3339Utc(str(update, "at")));
    EXPECT_EQ(update.at("changes").at("section").at("after").as_string(), "on_list");
    EXPECT_TRUE(entries[0].at("changes").at("name").at("before").is_null());
    EXPECT_TRUE(entries[2].at("changes").at("name").at("after").is_null());
    EXPECT_EQ(http().get("/cases/" + randomUuidV4() + "/history", bob.token).status, 404);
}

TEST_F(ClinicalTest, AdminsRestoreADeletedCaseWithItsIdAndTheScreensHearOfIt) {
    auto c = createCase(admin().token, "Back again", uniqueSection());
    const std::string id = str(c, "id");
    ASSERT_EQ(
        http().patchJson("/cases/" + id, object{{"outcome", "Scheduled"}}, admin().token).status,
        200);
    ASSERT_EQ(http().del("/cases/" + id, admin().token).status, 200);
    EXPECT_EQ(http().postJson("/cases/" + id + "/restore", object{}, editor().token).status, 403);
    WsClient screen(port());
    ASSERT_TRUE(screen.connect(WsOptions::withToken(admin().token)));
    ASSERT_TRUE(screen.waitSubscribed());
    auto restored = http().postJson("/cases/" + id + "/restore", object{}, admin().token);
    ASSERT_EQ(restored.status, 201) << describe(restored);
    const auto restoredJson = restored.json();
    const auto& body = restoredJson.as_object();
    EXPECT_EQ(str(body, "id"), id);
    EXPECT_EQ(str(body, "created_at"), str(c, "created_at"));
    EXPECT_EQ(str(body, "outcome"), "Scheduled");
    EXPECT_EQ(body.at("version").as_int64(), 3);
    std::optional<boost::json::value> event;
    for (int i = 0; i < 5 && (!event || str(event->as_object(), "action") == "message"); ++i) {
        event = screen.readJson();
    }
    ASSERT_TRUE(event);
    EXPECT_EQ(str(event->as_object(), "action"), "create");
    EXPECT_EQ(str(event->as_object(), "case"), id);
    EXPECT_EQ(str(history(id).back().as_object(), "action"), "restore");
    EXPECT_EQ(http().postJson("/cases/" + id + "/restore", object{}, admin().token).status, 409);
    EXPECT_EQ(
        http().postJson("/cases/" + randomUuidV4() + "/restore", object{}, admin().token).status,
        404);
}

TEST_F(ClinicalTest, TheAuditTrailIsForAdminsNewestFirstWithFilters) {
    auto bob = editor();
    createCase(bob.token, "One", uniqueSection());
    createCase(bob.token, "Two", uniqueSection());
    EXPECT_EQ(http().get("/audit", bob.token).status, 403);
    auto all = http().get("/audit", admin().token);
    ASSERT_EQ(all.status, 200);
    const auto allJson = all.json();
    const auto& entries = allJson.as_array();
    ASSERT_GE(entries.size(), 4u);  // two sign-ins, two creates
    EXPECT_GT(entries[0].at("id").as_int64(), entries[1].at("id").as_int64());
    auto bobs = http().get("/audit?user=" + urlEncode(bob.email) + "&action=create", admin().token);
    ASSERT_EQ(bobs.status, 200);
    EXPECT_EQ(bobs.json().as_array().size(), 2u);
    EXPECT_EQ(http()
                  .get("/audit?user=" + bob.id + "&action=login", admin().token)
                  .json()
                  .as_array()
                  .size(),
              1u);
    EXPECT_EQ(http().get("/audit?limit=1", admin().token).json().as_array().size(), 1u);
    // To the last day there is: nothing falls off the end.
    EXPECT_EQ(http()
                  .get("/audit?user=" + bob.id + "&action=login&to=9999-12-31", admin().token)
                  .json()
                  .as_array()
                  .size(),
              1u);
    EXPECT_EQ(http().get("/audit?limit=0", admin().token).status, 422);
    EXPECT_EQ(http().get("/audit?from=2999-01-01", admin().token).json().as_array().size(), 0u);
    EXPECT_EQ(http().get("/audit?from=31-12-2025", admin().token).status, 422);
}

TEST_F(ClinicalTest, FailedSignInsAndRoleChangesAreRecorded) {
    auto bob = editor();
    ASSERT_EQ(users().login(bob.email, "wrong-password").status, 401);
    auto failures = http().get("/audit?action=login_failed", admin().token).json().as_array();
    ASSERT_EQ(failures.size(), 1u);
    EXPECT_EQ(str(failures[0].as_object(), "email"), bob.email);
    ASSERT_EQ(
        http().patchJson("/users/" + bob.id, object{{"role", "viewer"}}, admin().token).status,
        200);
    auto changes = http().get("/audit?action=role_change", admin().token).json().as_array();
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(str(changes[0].as_object(), "target_user"), bob.id);
    EXPECT_TRUE(changes[0].at("case").is_null());
    EXPECT_EQ(changes[0].at("changes").at("role").at("after").as_string(), "viewer");
}

TEST_F(ClinicalTest, ExportIsSafeCsvOfTheFilteredListAndIsRecorded) {
    const std::string section = uniqueSection();
    createCase(admin().token, object{{"name", "=HYPERLINK(\"http://evil\")"},
                                     {"section", section},
                                     {"diagnosis", "Fracture, left \"femur\"\nsecond line"}});
    createCase(admin().token, "Plain", section);
    auto response = http().get("/cases/export.csv?section=" + section, admin().token);
    ASSERT_EQ(response.status, 200) << describe(response);
    EXPECT_EQ(response.header("Content-Type"), "text/csv; charset=utf-8");
    const std::string& csv = response.body;
    EXPECT_EQ(csv.rfind("id,name,diagnosis,outcome,section,surgery_date,order_index,archived,"
                        "created_at,updated_at,version,hospital_number,ward,consultant,"
                        "date_of_injury,theatre_slot,notes,priority,pathway,admitted_at,"
                        "decision_at,checklist,theatre_status,theatre_times,session_id,"
                        "estimated_minutes,turnaround_minutes,cancellations,ready,due_at,clock\r\n",
                        0),
              0u)
        << csv;
    EXPECT_NE(csv.find(",\"'=HYPERLINK(\"\"http://evil\"\")\","), std::string::npos) << csv;
    EXPECT_NE(csv.find("\"Fracture, left \"\"femur\"\"\nsecond line\""), std::string::npos) << csv;
    EXPECT_NE(csv.find(",Plain,"), std::string::npos);
    std::size_t lines = 0;
    for (std::size_t at = csv.find("\r\n"); at != std::string::npos; at = csv.find("\r\n", at + 2))
        ++lines;
    EXPECT_EQ(lines, 3u);
    EXPECT_EQ(http().get("/cases/export.csv?archived=maybe", admin().token).status, 422);
    EXPECT_EQ(http().get("/cases/export.csv").status, 401);
    EXPECT_EQ(http().get("/audit?action=export", admin().token).json().as_array().size(), 1u);
}

}  // namespace
}  // namespace caseboard::it
