// API.md "Hostile input and limits", text: U+0000 and the C0 controls other than tab, LF and CR
// in any text field → 422 with that field's loc, on SQLite and PostgreSQL alike (PostgreSQL
// would cut the text at U+0000), and a filter with one → 422 at query.<name>.
#include "harness/ServerTest.hpp"

#include <cstdio>

namespace caseboard::it {
namespace {

using boost::json::object;

// Each kind of control character that must be refused: NUL, BEL, ESC, unit separator, and form
// feed and vertical tab (which trimming would otherwise drop silently).
const std::vector<std::string> kControls{std::string(1, '\0'), "\x07", "\x1b", "\x1f", "\f", "\v"};

class TextControlsTest : public ServerTest {
  protected:
    // alice() registered first on the empty database: the admin.
    const TestUser& admin() { return alice(); }

    void expect422At(const HttpResponse& response, const std::string& loc,
                     const std::string& what) {
        EXPECT_EQ(response.status, 422) << what << ": " << describe(response);
        EXPECT_EQ(errorLocations(response.json()), std::vector<std::string>{loc})
            << what << ": " << response.body;
    }
};

// "U+001B", for assertion messages.
std::string printable(const std::string& control) {
    char name[8];
    std::snprintf(name, sizeof name, "U+%04X", static_cast<unsigned char>(control.front()));
    return name;
}

TEST_F(TextControlsTest, EveryCaseTextFieldRefusesThemOnCreateAndUpdate) {
    const std::string section = uniqueSection();
    auto c = createCase(admin().token, "Unchanged", section);
    const std::string id = str(c, "id");
    for (const std::string field :
         {"name", "diagnosis", "outcome", "ward", "consultant", "notes"}) {
        for (const auto& control : kControls) {
            const std::string what = field + " with " + printable(control);
            const std::string text = "before" + control + "after";
            object body{{"name", "Name"}, {"section", section}};
            body[field] = text;
            expect422At(http().postJson("/cases/", body, admin().token), "body." + field,
                        "create, " + what);
            expect422At(http().patchJson("/cases/" + id, object{{field, text}}, admin().token),
                        "body." + field, "update, " + what);
        }
    }
    const auto cases = listCases(admin().token, "?section=" + section);
    ASSERT_EQ(cases.size(), 1u) << "a refused case was stored";
    EXPECT_EQ(str(cases[0], "name"), "Unchanged");
    EXPECT_EQ(cases[0].as_object().at("version").as_int64(), 1) << "a refused update was stored";
}

TEST_F(TextControlsTest, TabLfAndCrAreKeptAsSent) {
    const object fields{{"name", "Jane\tDoe"},
                        {"section", uniqueSection()},
                        {"diagnosis", "line 1\r\nline 2\n\tindented"},
                        {"notes", "a\rb"}};
    const auto c = createCase(admin().token, fields);
    const auto stored = http().get("/cases/" + str(c, "id"), admin().token).json();
    for (const char* field : {"name", "diagnosis", "notes"}) {
        EXPECT_EQ(str(stored, field), fields.at(field).as_string()) << field;
    }
    const auto patched = http().patchJson("/cases/" + str(c, "id"),
                                          object{{"consultant", "Ms\tOkafor\r\n"}}, admin().token);
    ASSERT_EQ(patched.status, 200) << describe(patched);
    EXPECT_EQ(str(patched.json(), "consultant"), "Ms\tOkafor\r\n");
}

TEST_F(TextControlsTest, AKeyWithNulNeverReachesTheStoreAsAnotherField) {
    object body{{"name", "Keyed"}, {"section", uniqueSection()}};
    body[std::string("notes\0x", 7)] = "hidden";
    const auto c = createCase(admin().token, body);
    EXPECT_EQ(str(c, "notes"), "");
}

TEST_F(TextControlsTest, RegisterAndSignInRefuseThem) {
    const std::string email = admin().email;
    const std::string nul(1, '\0');
    expect422At(users().registerUser(uniqueEmail("ctl") + nul, TestUsers::kPassword), "body.email",
                "register e-mail");
    expect422At(users().registerUser(uniqueEmail("ctl"), std::string("pass") + nul + "word"),
                "body.password", "register password");
    // PostgreSQL would look up (and audit) the e-mail cut at U+0000: alice's own address.
    expect422At(users().login(email + nul + "x", TestUsers::kPassword), "body.email",
                "sign-in e-mail");
    expect422At(users().login(email, TestUsers::kPassword + nul), "body.password",
                "sign-in password");
    expect422At(users().loginForm(email + "\x1b", TestUsers::kPassword), "body.username",
                "sign-in form");
    auto audit = http().get("/audit?action=login_failed", admin().token);
    ASSERT_EQ(audit.status, 200) << describe(audit);
    EXPECT_EQ(audit.json().as_array().size(), 0u) << "a refused sign-in was audited";
}

TEST_F(TextControlsTest, FiltersRefuseThemAtTheirQueryLoc) {
    const std::string section = uniqueSection();
    createCase(admin().token, object{{"name", "a"}, {"section", section}, {"ward", "Ward\t7"}});
    for (const std::string name : {"name", "diagnosis", "outcome", "section", "hospital_number",
                                   "ward", "consultant", "theatre_slot"}) {
        for (const std::string value : {"a%00b", "%1B"}) {
            const std::string query = "?" + name + "=" + value;
            expect422At(http().get("/cases/" + query, admin().token), "query." + name,
                        "list " + query);
            expect422At(http().get("/cases/export.csv" + query, admin().token), "query." + name,
                        "export " + query);
        }
    }
    for (const std::string name : {"user", "case", "action"}) {
        expect422At(http().get("/audit?" + name + "=login%00x", admin().token), "query." + name,
                    "audit " + name);
    }
    EXPECT_EQ(listCases(admin().token, "?section=" + section + "&ward=Ward%097").size(), 1u);
    EXPECT_EQ(listCases(admin().token, "?section=" + section + "&name%00x=zzz").size(), 1u)
        << "a parameter name with NUL is not a known parameter";
}

}  // namespace
}  // namespace caseboard::it
