// GET /case-fields: the field table the board builds its forms and filters from. What it says
// must be what the server does, so each rule it publishes is tried against the real endpoints.
#include "harness/ServerTest.hpp"

namespace caseboard::it {
namespace {

using boost::json::array;
using boost::json::object;

class CaseFieldsTest : public ServerTest {
  protected:
    object table() {
        auto response = http().get("/case-fields");
        EXPECT_EQ(response.status, 200) << describe(response);
        return response.json().is_object() ? response.json().as_object() : object();
    }
    array fields() { return table()["fields"].as_array(); }
};

TEST_F(CaseFieldsTest, NeedsNoSignIn) {
    auto response = http().get("/case-fields");
    ASSERT_EQ(response.status, 200) << describe(response);
    EXPECT_TRUE(response.json().at("fields").is_array());
    EXPECT_TRUE(response.json().at("filters").is_array());
}

TEST_F(CaseFieldsTest, NamesEveryFieldOfTheCaseObjectInItsOrder) {
    auto created = createCase(alice().token, "Jane", uniqueSection());
    std::vector<std::string> inCase;
    for (const auto& [name, value] : created) inCase.emplace_back(name);
    std::vector<std::string> listed;
    for (const auto& field : fields()) listed.emplace_back(str(field, "name"));
    EXPECT_EQ(listed, inCase);
}

TEST_F(CaseFieldsTest, DescribesTheHospitalNumber) {
    for (const auto& field : fields()) {
        if (str(field, "name") != "hospital_number") continue;
        EXPECT_EQ(str(field, "label"), "Hospital number");
        EXPECT_EQ(str(field, "type"), "string");
        EXPECT_EQ(field.at("nullable"), true);
        EXPECT_EQ(field.at("writable"), true);
        EXPECT_EQ(field.at("required"), false);
        EXPECT_EQ(field.at("max_length"), 32);
        EXPECT_EQ(str(field, "pattern"), "^[A-Za-z0-9-]{1,32}$");
        EXPECT_TRUE(field.at("values").is_null());
        return;
    }
    ADD_FAILURE() << "hospital_number is not listed";
}

// Each published limit is the server's: one character more is refused with that field's loc.
TEST_F(CaseFieldsTest, EveryMaxLengthIsTheOneTheServerKeeps) {
    int tried = 0;
    for (const auto& field : fields()) {
        if (!field.at("writable").as_bool() || !field.at("max_length").is_int64()) continue;
        auto name = str(field, "name");
        auto max = static_cast<std::size_t>(field.at("max_length").as_int64());
        object body{{"name", "Jane"}, {"section", "a"}};
        body[name] = std::string(max + 1, 'a');
        auto response = http().postJson("/cases/", body, alice().token);
        ASSERT_EQ(response.status, 422) << name << ": " << describe(response);
        EXPECT_EQ(response.json().at("detail").at(0).at("loc"), (array{"body", name.c_str()}));
        ++tried;
    }
    EXPECT_GE(tried, 8);
}

TEST_F(CaseFieldsTest, RequiredFieldsAreTheOnesACreateNeeds) {
    auto response = http().postJson("/cases/", object{}, alice().token);
    ASSERT_EQ(response.status, 422) << describe(response);
    auto errors = response.json().at("detail").as_array();
    std::vector<std::string> missing;
    for (const auto& error : errors) {
        missing.emplace_back(error.at("loc").at(1).as_string());
    }
    std::vector<std::string> required;
    for (const auto& field : fields()) {
        if (field.at("required").as_bool()) required.emplace_back(str(field, "name"));
    }
    EXPECT_EQ(missing, required);
}

// Every published filter is a parameter GET /cases/ reads: a bad date or flag is a 422 naming it.
TEST_F(CaseFieldsTest, EveryDateOrFlagFilterIsRead) {
    auto filters = table()["filters"].as_array();
    int tried = 0;
    for (const auto& filter : filters) {
        auto match = str(filter, "match");
        if (match != "from" && match != "to" && match != "flag") continue;
        auto param = str(filter, "param");
        auto response = http().get("/cases/?" + param + "=nonsense", alice().token);
        ASSERT_EQ(response.status, 422) << param << ": " << describe(response);
        EXPECT_EQ(response.json().at("detail").at(0).at("loc"), (array{"query", param.c_str()}));
        ++tried;
    }
    EXPECT_EQ(tried, 5);
}

}  // namespace
}  // namespace caseboard::it
