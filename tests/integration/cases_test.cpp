// POST /cases/, GET /cases/{id}, PATCH /cases/{id}, DELETE /cases/{id}, routing and headers.
#include "harness/ServerTest.hpp"

#include <thread>

namespace caseboard::it {
namespace {

using boost::json::object;

class CasesTest : public ServerTest {
  protected:
    object fullCase(const std::string& section) {
        return object{{"name", "John Doe"}, {"diagnosis", "Tibia fracture"}, {"outcome", "Pending"},
                      {"section", section}, {"surgery_date", "2025-08-25"},  {"order_index", 7},
                      {"archived", false}};
    }
    HttpResponse getCase(const std::string& id) {
        return http().get("/cases/" + id, alice().token);
    }
};

TEST_F(CasesTest, CreateReturns201WithTheFullCaseObject) {
    const std::string section = uniqueSection("new_referral");
    const auto response = http().postJson("/cases/", fullCase(section), alice().token);
    ASSERT_EQ(response.status, 201) << describe(response);
    EXPECT_EQ(response.header("Content-Type").rfind("application/json", 0), 0u);
    const auto body = response.json();
    ASSERT_TRUE(body.is_object());
    const auto& c = body.as_object();
    EXPECT_TRUE(isUuidV4(str(c, "id"))) << response.body;
    EXPECT_EQ(str(c, "name"), "John Doe");
    EXPECT_EQ(str(c, "diagnosis"), "Tibia fracture");
    EXPECT_EQ(str(c, "outcome"), "Pending");
    EXPECT_EQ(str(c, "section"), section);
    EXPECT_EQ(str(c, "surgery_date"), "2025-08-25");
    ASSERT_TRUE(c.contains("order_index") && c.at("order_index").is_int64()) << response.body;
    EXPECT_EQ(c.at("order_index").as_int64(), 7);
    ASSERT_TRUE(c.contains("archived") && c.at("archived").is_bool()) << response.body;
    EXPECT_FALSE(c.at("archived").as_bool());
    EXPECT_TRUE(isRfc3339Utc(str(c, "created_at"))) << response.body;
    EXPECT_TRUE(isRfc3339Utc(str(c, "updated_at"))) << response.body;
    ASSERT_TRUE(c.contains("version") && c.at("version").is_int64()) << response.body;
    EXPECT_EQ(c.at("version").as_int64(), 1);
}

TEST_F(CasesTest, CreateCarriesETagOfVersion) {
    const auto response = http().postJson("/cases/", fullCase(uniqueSection()), alice().token);
    ASSERT_EQ(response.status, 201);
    EXPECT_EQ(response.header("ETag"), "\"1\"");
}

TEST_F(CasesTest, CreateAppliesDefaults) {
    const auto c = createCase(alice().token, "Jane Roe", uniqueSection());
    ASSERT_FALSE(c.empty());
    EXPECT_EQ(str(c, "diagnosis"), "");
    EXPECT_EQ(str(c, "outcome"), "");
    ASSERT_TRUE(c.contains("surgery_date"));
    EXPECT_TRUE(c.at("surgery_date").is_null());
    ASSERT_TRUE(c.contains("archived"));
    EXPECT_EQ(c.at("archived"), false);
    ASSERT_TRUE(c.contains("order_index"));
    EXPECT_TRUE(c.at("order_index").is_int64());
}

TEST_F(CasesTest, CreateWithoutOrderIndexGoesAfterTheLastOfItsSection) {
    const std::string section = uniqueSection();
    auto first = fullCase(section);
    first["order_index"] = 10;
    ASSERT_FALSE(createCase(alice().token, first).empty());
    const auto second = createCase(alice().token, "Second", section);
    ASSERT_FALSE(second.empty());
    EXPECT_GT(second.at("order_index").as_int64(), 10);
    const auto third = createCase(alice().token, "Third", section);
    ASSERT_FALSE(third.empty());
    EXPECT_GT(third.at("order_index").as_int64(), second.at("order_index").as_int64());
    // Another section does not count.
    const auto elsewhere = createCase(alice().token, "Elsewhere", uniqueSection());
    ASSERT_FALSE(elsewhere.empty());
    EXPECT_LT(elsewhere.at("order_index").as_int64(), 10);
}

TEST_F(CasesTest, CreateIgnoresUnknownFields) {
    auto fields = fullCase(uniqueSection());
    fields["favourite_colour"] = "blue";
    fields["id"] = "00000000-0000-4000-8000-000000000000";
    const auto c = createCase(alice().token, fields);
    ASSERT_FALSE(c.empty());
    EXPECT_FALSE(c.contains("favourite_colour"));
}

TEST_F(CasesTest, GetOneReturnsTheCase) {
    const auto created = createCase(alice().token, fullCase(uniqueSection()));
    const auto response = getCase(str(created, "id"));
    ASSERT_EQ(response.status, 200) << describe(response);
    EXPECT_EQ(response.json(), boost::json::value(created));
    EXPECT_EQ(response.header("ETag"), "\"1\"");
    EXPECT_EQ(response.header("Cache-Control"), "no-store");
}

TEST_F(CasesTest, AnotherUserSeesAndEditsTheSameBoard) {
    const auto created = createCase(alice().token, fullCase(uniqueSection()));
    const auto bob = users().create("bob");
    EXPECT_EQ(http().get("/cases/" + str(created, "id"), bob.token).status, 200);
    EXPECT_EQ(http()
                  .patchJson("/cases/" + str(created, "id"), object{{"outcome", "Done"}}, bob.token)
                  .status,
              200);
}

TEST_F(CasesTest, GetUnknownIdIs404NotFound) {
    const auto response = getCase(randomUuidV4());
    EXPECT_EQ(response.status, 404) << describe(response);
    EXPECT_EQ(response.json(), boost::json::parse(R"({"detail":"Not found"})"));
}

TEST_F(CasesTest, MalformedIdIs404ForEveryMethod) {
    for (const std::string id :
         {"not-a-uuid", "123", "00000000-0000-0000-0000-00000000000g", "%27%20OR%201%3D1"}) {
        EXPECT_EQ(getCase(id).status, 404) << "GET " << id;
        EXPECT_EQ(http().patchJson("/cases/" + id, object{{"outcome", "x"}}, alice().token).status,
                  404)
            << "PATCH " << id;
        EXPECT_EQ(http().del("/cases/" + id, alice().token).status, 404) << "DELETE " << id;
    }
}

TEST_F(CasesTest, PatchChangesOnlyTheGivenFields) {
    const auto created = createCase(alice().token, fullCase(uniqueSection()));
    const std::string id = str(created, "id");
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // so updated_at must move
    const auto response =
        http().patchJson("/cases/" + id, object{{"outcome", "Scheduled"}}, alice().token);
    ASSERT_EQ(response.status, 200) << describe(response);
    const auto updated = response.json().as_object();
    EXPECT_EQ(str(updated, "outcome"), "Scheduled");
    for (const char* field : {"id", "name", "diagnosis", "section", "surgery_date", "order_index",
                              "archived", "created_at"}) {
        EXPECT_EQ(updated.at(field), created.at(field)) << field;
    }
    EXPECT_EQ(updated.at("version").as_int64(), 2);
    EXPECT_NE(str(updated, "updated_at"), str(created, "updated_at"));
    EXPECT_GT(str(updated, "updated_at"), str(created, "updated_at"));
    EXPECT_EQ(response.header("ETag"), "\"2\"");
    // And it persisted.
    EXPECT_EQ(getCase(id).json(), response.json());
}

TEST_F(CasesTest, PatchSeveralFieldsAtOnce) {
    const auto created = createCase(alice().token, fullCase(uniqueSection()));
    const std::string newSection = uniqueSection("on_list");
    const auto response = http().patchJson("/cases/" + str(created, "id"),
                                           object{{"outcome", "Scheduled"},
                                                  {"section", newSection},
                                                  {"archived", true},
                                                  {"name", "Renamed"},
                                                  {"diagnosis", "Femur"},
                                                  {"order_index", 3},
                                                  {"surgery_date", "2026-01-31"}},
                                           alice().token);
    ASSERT_EQ(response.status, 200) << describe(response);
    const auto updated = response.json();
    EXPECT_EQ(str(updated, "section"), newSection);
    EXPECT_EQ(str(updated, "name"), "Renamed");
    EXPECT_EQ(str(updated, "diagnosis"), "Femur");
    EXPECT_EQ(str(updated, "surgery_date"), "2026-01-31");
    EXPECT_EQ(updated.at("order_index"), 3);
    EXPECT_EQ(updated.at("archived"), true);
    EXPECT_EQ(updated.at("version"), 2) << "one change, one version step";
}

TEST_F(CasesTest, PatchNullSurgeryDateClearsIt) {
    const auto created = createCase(alice().token, fullCase(uniqueSection()));
    const auto response = http().patchJson("/cases/" + str(created, "id"),
                                           object{{"surgery_date", nullptr}}, alice().token);
    ASSERT_EQ(response.status, 200) << describe(response);
    EXPECT_TRUE(response.json().at("surgery_date").is_null());
    EXPECT_TRUE(getCase(str(created, "id")).json().at("surgery_date").is_null());
}

TEST_F(CasesTest, EmptyPatchIsANoOp) {
    const auto created = createCase(alice().token, fullCase(uniqueSection()));
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    const auto response = http().patchJson("/cases/" + str(created, "id"), object{}, alice().token);
    ASSERT_EQ(response.status, 200) << describe(response);
    EXPECT_EQ(response.json(), boost::json::value(created))
        << "nothing, not even version/updated_at, moves";
}

TEST_F(CasesTest, PatchWithStaleIfMatchIs412AndChangesNothing) {
    const auto created = createCase(alice().token, fullCase(uniqueSection()));
    const std::string id = str(created, "id");
    ASSERT_EQ(http().patchJson("/cases/" + id, object{{"outcome", "First"}}, alice().token).status,
              200);
    const auto stale = http().patchJson("/cases/" + id, object{{"outcome", "Second"}},
                                        alice().token, {{"If-Match", "\"1\""}});
    EXPECT_EQ(stale.status, 412) << describe(stale);
    EXPECT_TRUE(hasDetail(stale));
    const auto now = getCase(id).json();
    EXPECT_EQ(str(now, "outcome"), "First");
    EXPECT_EQ(now.at("version"), 2);
}

TEST_F(CasesTest, PatchWithCurrentIfMatchSucceedsQuotedOrNot) {
    const auto created = createCase(alice().token, fullCase(uniqueSection()));
    const std::string id = str(created, "id");
    const auto quoted = http().patchJson("/cases/" + id, object{{"outcome", "A"}}, alice().token,
                                         {{"If-Match", "\"1\""}});
    EXPECT_EQ(quoted.status, 200) << describe(quoted);
    const auto bare = http().patchJson("/cases/" + id, object{{"outcome", "B"}}, alice().token,
                                       {{"If-Match", "2"}});
    EXPECT_EQ(bare.status, 200) << describe(bare);
    EXPECT_EQ(getCase(id).json().at("version"), 3);
}

TEST_F(CasesTest, PatchUnknownIdIs404) {
    const auto response =
        http().patchJson("/cases/" + randomUuidV4(), object{{"outcome", "x"}}, alice().token);
    EXPECT_EQ(response.status, 404) << describe(response);
    EXPECT_EQ(response.json(), boost::json::parse(R"({"detail":"Not found"})"));
}

TEST_F(CasesTest, DeleteReturnsDeletedThen404) {
    const auto created = createCase(alice().token, fullCase(uniqueSection()));
    const std::string id = str(created, "id");
    const auto response = http().del("/cases/" + id, alice().token);
    ASSERT_EQ(response.status, 200) << describe(response);
    EXPECT_EQ(response.json(), boost::json::parse(R"({"detail":"Deleted"})"));
    EXPECT_EQ(getCase(id).status, 404);
    const auto again = http().del("/cases/" + id, alice().token);
    EXPECT_EQ(again.status, 404) << describe(again);
    EXPECT_EQ(http().patchJson("/cases/" + id, object{{"outcome", "x"}}, alice().token).status,
              404);
}

TEST_F(CasesTest, DeletedCaseLeavesTheList) {
    const std::string section = uniqueSection();
    const auto keep = createCase(alice().token, "Keep", section);
    const auto gone = createCase(alice().token, "Gone", section);
    ASSERT_EQ(http().del("/cases/" + str(gone, "id"), alice().token).status, 200);
    EXPECT_EQ(ids(listCases(alice().token, "?section=" + section)),
              std::vector<std::string>{str(keep, "id")});
}

TEST_F(CasesTest, PathsWorkWithAndWithoutTrailingSlashWithoutRedirect) {
    const std::string section = uniqueSection();
    const auto viaSlash =
        http().postJson("/cases/", object{{"name", "A"}, {"section", section}}, alice().token);
    EXPECT_EQ(viaSlash.status, 201) << describe(viaSlash);
    const auto viaBare =
        http().postJson("/cases", object{{"name", "B"}, {"section", section}}, alice().token);
    EXPECT_EQ(viaBare.status, 201) << describe(viaBare);
    const auto listSlash = http().get("/cases/?section=" + section, alice().token);
    const auto listBare = http().get("/cases?section=" + section, alice().token);
    ASSERT_EQ(listSlash.status, 200) << describe(listSlash);
    ASSERT_EQ(listBare.status, 200) << describe(listBare);
    EXPECT_EQ(listSlash.json(), listBare.json());
    EXPECT_EQ(listBare.json().as_array().size(), 2u);
    const std::string id = str(viaSlash.json(), "id");
    const auto oneSlash = http().get("/cases/" + id + "/", alice().token);
    EXPECT_EQ(oneSlash.status, 200) << describe(oneSlash);
    EXPECT_EQ(http().get("/users/me/", alice().token).status, 200);
}

TEST_F(CasesTest, WrongMethodIs405WithAllow) {
    const auto onCollection = http().sendBody("PUT", "/cases/", "{}", alice().token);
    EXPECT_EQ(onCollection.status, 405) << describe(onCollection);
    EXPECT_NE(onCollection.header("Allow").find("GET"), std::string::npos)
        << describe(onCollection);
    EXPECT_NE(onCollection.header("Allow").find("POST"), std::string::npos)
        << describe(onCollection);
    EXPECT_TRUE(hasDetail(onCollection));

    const auto onItem = http().sendBody("POST", "/cases/" + randomUuidV4(), "{}", alice().token);
    EXPECT_EQ(onItem.status, 405) << describe(onItem);
    for (const char* method : {"GET", "PATCH", "DELETE"}) {
        EXPECT_NE(onItem.header("Allow").find(method), std::string::npos)
            << method << ": " << describe(onItem);
    }

    const auto onLogin = http().get("/users/login");
    EXPECT_EQ(onLogin.status, 405) << describe(onLogin);
    EXPECT_NE(onLogin.header("Allow").find("POST"), std::string::npos) << describe(onLogin);

    const auto onMe = http().del("/users/me", alice().token);
    EXPECT_EQ(onMe.status, 405) << describe(onMe);
    EXPECT_NE(onMe.header("Allow").find("GET"), std::string::npos) << describe(onMe);
}

TEST_F(CasesTest, UnknownRouteIs404NotFound) {
    for (const std::string path : {"/nope", "/users/nope", "/api/cases", "/casesx"}) {
        const auto response = http().get(path, alice().token);
        EXPECT_EQ(response.status, 404) << path << ": " << describe(response);
        EXPECT_EQ(response.json(), boost::json::parse(R"({"detail":"Not found"})")) << path;
    }
}

TEST_F(CasesTest, ApiResponsesAreJsonAndNoStore) {
    const auto created = createCase(alice().token, fullCase(uniqueSection()));
    const std::string id = str(created, "id");
    const std::vector<HttpResponse> responses{
        http().get("/cases/", alice().token),
        http().get("/cases/" + id, alice().token),
        http().patchJson("/cases/" + id, object{{"outcome", "x"}}, alice().token),
        http().get("/cases/" + randomUuidV4(), alice().token),
        http().get("/cases/"),
        http().get("/users/me", alice().token),
        http().del("/cases/" + id, alice().token),
    };
    for (const auto& response : responses) {
        EXPECT_EQ(response.header("Cache-Control"), "no-store") << describe(response);
        EXPECT_EQ(response.header("Content-Type").rfind("application/json", 0), 0u)
            << describe(response);
        EXPECT_TRUE(response.jsonParses()) << describe(response);
    }
}

TEST_F(CasesTest, KeepAliveConnectionServesSeveralRequests) {
    HttpClient client(port(), true);
    for (int i = 0; i < 5; ++i) {
        const auto response = client.get("/cases/?section=" + uniqueSection(), alice().token);
        ASSERT_EQ(response.status, 200) << describe(response);
    }
    EXPECT_EQ(client.connectionsOpened(), 1);
}

}  // namespace
}  // namespace caseboard::it
