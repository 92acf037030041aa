// Malformed and invalid input: 400 / 413 / 422 with a "detail", never a 5xx.
#include "harness/ServerTest.hpp"

namespace caseboard::it {
namespace {

using boost::json::object;

class ValidationTest : public ServerTest {
  protected:
    HttpResponse postCase(const std::string& rawBody) {
        return http().sendBody("POST", "/cases/", rawBody, alice().token);
    }
    HttpResponse postCase(const object& body) {
        return http().postJson("/cases/", body, alice().token);
    }
    object validCase() { return object{{"name", "Valid Name"}, {"section", "new_referral"}}; }
    // Expects 422 with an entry whose loc is body.<field>, and nothing created.
    void expectBodyError(const HttpResponse& response, const std::string& field,
                         const std::string& what) {
        EXPECT_EQ(response.status, 422) << what << ": " << describe(response);
        const auto locs = errorLocations(response.json());
        EXPECT_NE(std::find(locs.begin(), locs.end(), "body." + field), locs.end())
            << what << ": " << response.body;
    }
};

void expectMalformed(const HttpResponse& response, const std::string& what) {
    EXPECT_EQ(response.status, 400) << what << ": " << describe(response);
    const auto body = response.json();
    EXPECT_EQ(str(body, "detail").rfind("Malformed JSON", 0), 0u) << what << ": " << response.body;
}

TEST_F(ValidationTest, MalformedJsonIs400) {
    expectMalformed(postCase(R"({"name": "x", "section": )"), "truncated");
    expectMalformed(postCase(R"({name: 'x'})"), "not JSON");
    expectMalformed(postCase(""), "empty body");
    expectMalformed(postCase(R"({"name":"x","section":"s"} trailing)"), "trailing garbage");
}

TEST_F(ValidationTest, MalformedJsonIs400OnEveryJsonEndpoint) {
    const auto id = str(createCase(alice().token, validCase()), "id");
    expectMalformed(http().sendBody("PATCH", "/cases/" + id, "{", alice().token), "PATCH");
    expectMalformed(http().sendBody("POST", "/users/register", "{", ""), "register");
    expectMalformed(http().sendBody("POST", "/users/login", "{", ""), "login");
    expectMalformed(http().sendBody("POST", "/cases/reorder", "{", alice().token), "reorder");
}

TEST_F(ValidationTest, BodyThatIsNotAnObjectIs400) {
    const auto array = postCase(R"([{"name":"x","section":"s"}])");
    EXPECT_EQ(array.status, 400) << describe(array);
    EXPECT_TRUE(hasDetail(array));
    for (const std::string body : {"\"a string\"", "42", "null", "true"}) {
        const auto response = postCase(body);
        EXPECT_EQ(response.status, 400) << body << ": " << describe(response);
        EXPECT_TRUE(hasDetail(response)) << body;
    }
    const auto id = str(createCase(alice().token, validCase()), "id");
    EXPECT_EQ(http().sendBody("PATCH", "/cases/" + id, "[]", alice().token).status, 400);
    EXPECT_EQ(http().sendBody("POST", "/users/register", "[]", "").status, 400);
}

TEST_F(ValidationTest, WrongTypeForEachFieldIs422WithItsLoc) {
    const std::vector<std::pair<std::string, boost::json::value>> cases{
        {"name", 123},
        {"name", boost::json::array{"x"}},
        {"diagnosis", object{}},
        {"diagnosis", 5},
        {"outcome", false},
        {"section", 7},
        {"surgery_date", 20250101},
        {"surgery_date", true},
        {"order_index", "abc"},
        {"order_index", 1.5},
        {"order_index", boost::json::array{}},
        {"archived", "maybe"},
        {"archived", object{}},
    };
    for (const auto& [field, value] : cases) {
        auto body = validCase();
        body[field] = value;
        expectBodyError(postCase(body), field,
                        "POST " + field + "=" + boost::json::serialize(value));
    }
}

TEST_F(ValidationTest, WrongTypeInPatchIs422AndChangesNothing) {
    const auto created = createCase(alice().token, validCase());
    const std::string id = str(created, "id");
    const std::vector<std::pair<std::string, boost::json::value>> cases{
        {"name", 123},
        {"name", nullptr},
        {"section", nullptr},
        {"section", "Bad Section"},
        {"archived", nullptr},
        {"order_index", "abc"},
        {"surgery_date", "2025-02-30"},
        {"outcome", 1},
    };
    for (const auto& [field, value] : cases) {
        const auto response =
            http().patchJson("/cases/" + id, object{{field, value}}, alice().token);
        expectBodyError(response, field, "PATCH " + field + "=" + boost::json::serialize(value));
    }
    EXPECT_EQ(http().get("/cases/" + id, alice().token).json(), boost::json::value(created));
}

TEST_F(ValidationTest, OneEntryPerBadField) {
    const auto response =
        postCase(object{{"name", ""}, {"section", "Bad Section"}, {"surgery_date", "nope"}});
    ASSERT_EQ(response.status, 422) << describe(response);
    const auto locs = errorLocations(response.json());
    for (const std::string field : {"name", "section", "surgery_date"}) {
        EXPECT_EQ(std::count(locs.begin(), locs.end(), "body." + field), 1)
            << field << ": " << response.body;
    }
    const auto json = response.json();
    for (const auto& entry : json.at("detail").as_array()) {
        EXPECT_TRUE(entry.as_object().contains("msg") && entry.at("msg").is_string()) << entry;
        EXPECT_TRUE(entry.as_object().contains("type") && entry.at("type").is_string()) << entry;
    }
}

TEST_F(ValidationTest, MissingRequiredFieldsAre422) {
    expectBodyError(postCase(object{{"section", "new_referral"}}), "name", "no name");
    expectBodyError(postCase(object{{"name", "x"}}), "section", "no section");
    const auto empty = postCase(object{});
    EXPECT_EQ(empty.status, 422) << describe(empty);
    EXPECT_EQ(errorLocations(empty.json()).size(), 2u) << empty.body;
}

TEST_F(ValidationTest, EmptyOrBlankNameIs422) {
    for (const std::string name : {"", " ", "   \t  "}) {
        auto body = validCase();
        body["name"] = name;
        expectBodyError(postCase(body), "name", "name '" + name + "'");
    }
}

TEST_F(ValidationTest, NameLengthIsAtMost200Characters) {
    auto body = validCase();
    body["name"] = std::string(201, 'n');
    expectBodyError(postCase(body), "name", "201 chars");
    body["name"] = std::string(200, 'n');
    EXPECT_EQ(postCase(body).status, 201);
    body["name"] = "  " + std::string(200, 'n') + "  ";
    EXPECT_EQ(postCase(body).status, 201) << "200 chars after trimming";
}

TEST_F(ValidationTest, NameLengthCountsCharactersNotBytes) {
    std::string name;
    for (int i = 0; i < 200; ++i) {
        name += "\xC3\xA9";  // é
    }
    auto body = validCase();
    body["name"] = name;
    const auto response = postCase(body);
    ASSERT_EQ(response.status, 201) << describe(response);
    EXPECT_EQ(str(response.json(), "name"), name);
}

TEST_F(ValidationTest, TextLengthLimits) {
    auto body = validCase();
    body["diagnosis"] = std::string(2000, 'd');
    EXPECT_EQ(postCase(body).status, 201);
    body["diagnosis"] = std::string(2001, 'd');
    expectBodyError(postCase(body), "diagnosis", "2001 chars");
    body = validCase();
    body["outcome"] = std::string(200, 'o');
    EXPECT_EQ(postCase(body).status, 201);
    body["outcome"] = std::string(201, 'o');
    expectBodyError(postCase(body), "outcome", "201 chars");
}

TEST_F(ValidationTest, SectionMustBeASlug) {
    for (const std::string& section : std::vector<std::string>{"Bad Section", "UPPER", "with-dash",
                                                               "", std::string(65, 's'), "ünï"}) {
        auto body = validCase();
        body["section"] = section;
        expectBodyError(postCase(body), "section", "section '" + section + "'");
    }
    auto body = validCase();
    body["section"] = std::string(64, 's');
    EXPECT_EQ(postCase(body).status, 201);
    body["section"] = "on_list_2";
    EXPECT_EQ(postCase(body).status, 201);
}

TEST_F(ValidationTest, SurgeryDateMustBeARealCalendarDate) {
    for (const std::string date : {"2025-02-30", "2023-02-29", "2025-13-01", "2025-00-10",
                                   "2025-1-5", "25-01-05", "2025/01/05", "", "tomorrow"}) {
        auto body = validCase();
        body["surgery_date"] = date;
        expectBodyError(postCase(body), "surgery_date", "date '" + date + "'");
    }
    auto body = validCase();
    body["surgery_date"] = "2024-02-29";
    const auto leap = postCase(body);
    ASSERT_EQ(leap.status, 201) << describe(leap);
    EXPECT_EQ(str(leap.json(), "surgery_date"), "2024-02-29");
    body["surgery_date"] = nullptr;
    EXPECT_EQ(postCase(body).status, 201);
}

TEST_F(ValidationTest, OrderIndexOutOfRangeIs422Not500) {
    for (const std::string raw : {"9223372036854775808", "1e400", "-99999999999999999999"}) {
        const auto response =
            postCase(R"({"name":"x","section":"new_referral","order_index":)" + raw + "}");
        EXPECT_TRUE(response.status == 422 || response.status == 400)
            << raw << ": " << describe(response);
        EXPECT_TRUE(hasDetail(response)) << raw;
    }
}

TEST_F(ValidationTest, BodyOver64KiBIs413) {
    auto body = validCase();
    body["diagnosis"] = std::string(70 * 1024, 'd');
    const auto response = postCase(body);
    EXPECT_EQ(response.status, 413) << describe(response);
    EXPECT_TRUE(hasDetail(response)) << response.body;
    const auto registerResponse = http().postJson(
        "/users/register", object{{"email", uniqueEmail()}, {"password", std::string(70000, 'p')}});
    EXPECT_EQ(registerResponse.status, 413) << describe(registerResponse);
    // The server is still fine afterwards.
    EXPECT_EQ(http().get("/healthz").status, 200);
}

TEST_F(ValidationTest, ErrorsNeverLeakTheRequestAsA5xx) {
    // A battery of hostile but well-framed requests: every answer is a 4xx with a JSON "detail".
    const std::string token = alice().token;
    const std::string id = str(createCase(token, validCase()), "id");
    std::vector<std::pair<std::string, HttpResponse>> probes;
    auto probe = [&](const std::string& what, HttpResponse response) {
        probes.emplace_back(what, std::move(response));
    };
    probe("invalid UTF-8 in a string",
          postCase(std::string("{\"name\":\"\xff\xfe\",\"section\":\"s\"}")));
    probe("NUL escape in name", postCase(R"({"name":"a\u0000b","section":"s"})"));
    probe("lone surrogate", postCase(R"({"name":"\ud800","section":"s"})"));
    probe("deep nesting", postCase(std::string(5000, '[') + std::string(5000, ']')));
    probe("deep nesting in a field",
          postCase(R"({"name":"x","section":"s","diagnosis":)" + std::string(5000, '[') +
                   std::string(5000, ']') + "}"));
    probe("duplicate keys", postCase(R"({"name":"x","name":5,"section":"s"})"));
    probe("patch with object name",
          http().patchJson("/cases/" + id, object{{"name", object{{"a", 1}}}}, token));
    probe("percent NUL in id", http().get("/cases/%00", token));
    probe("bad percent in id", http().get("/cases/%ZZ", token));
    probe("dot segments", http().get("/cases/../users/me", token));
    probe("very long id", http().get("/cases/" + std::string(4000, 'a'), token));
    probe("bad percent in query", http().get("/cases/?name=%ZZ&section=%", token));
    probe("repeated query",
          http().get("/cases/?limit=1&limit=2&archived=true&archived=false", token));
    probe("text/plain body",
          http().sendBody("POST", "/cases/", R"({"name":"x","section":"s"})", token, "text/plain"));
    probe("form body to cases", http().sendBody("POST", "/cases/", "name=x&section=s", token,
                                                "application/x-www-form-urlencoded"));
    probe("form login without password", http().sendBody("POST", "/users/login", "username=a%40b.c",
                                                         "", "application/x-www-form-urlencoded"));
    probe("form login with junk", http().sendBody("POST", "/users/login", "%%%&&&===", "",
                                                  "application/x-www-form-urlencoded"));
    probe("register with numbers",
          http().postJson("/users/register", object{{"email", 1}, {"password", 2}}));
    probe("login with numbers",
          http().postJson("/users/login", object{{"email", 1}, {"password", 2}}));
    probe("reorder with junk", http().postJson("/cases/reorder", object{{"moves", "all"}}, token));
    probe("reorder with bad entries",
          http().postJson("/cases/reorder", object{{"moves", boost::json::array{1, "x", nullptr}}},
                          token));
    for (const auto& [what, response] : probes) {
        EXPECT_GE(response.status, 200) << what << ": " << describe(response);
        EXPECT_LT(response.status, 500) << what << ": " << describe(response);
        if (response.status >= 400) {
            EXPECT_TRUE(hasDetail(response)) << what << ": " << describe(response);
        }
    }
    EXPECT_EQ(http().get("/healthz").status, 200);
}

TEST_F(ValidationTest, MalformedHttpIsRefusedWithoutCrashing) {
    const std::vector<std::pair<std::string, std::string>> raws{
        {"garbage request line", "HELLO\r\n\r\n"},
        {"bad content length", "POST /cases/ HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n"},
        {"bad chunk",
         "POST /cases/ HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
         "chunked\r\n\r\nZZ\r\nxx\r\n0\r\n\r\n"},
        {"header without colon", "GET /healthz HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n"},
        {"huge header",
         "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(100000, 'x') + "\r\n\r\n"},
        {"HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"},
    };
    for (const auto& [what, bytes] : raws) {
        const auto response = HttpClient(port()).sendRaw(bytes);
        // Either a 4xx or a closed connection; never a 5xx.
        if (response.status != 0) {
            EXPECT_GE(response.status, 400) << what << ": " << describe(response);
            EXPECT_LT(response.status, 500) << what << ": " << describe(response);
        }
    }
    EXPECT_EQ(http().get("/healthz").status, 200) << "server died";
}

}  // namespace
}  // namespace caseboard::it
