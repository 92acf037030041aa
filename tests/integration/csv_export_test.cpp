// GET /cases/export.csv opened in a spreadsheet runs no formula, whatever the locale's list
// separator: each place a cell could start (the cell's start, and after each ';') is disarmed.
#include "harness/ServerTest.hpp"

namespace caseboard::it {
namespace {

using boost::json::object;

class CsvExportTest : public ServerTest {};

TEST_F(CsvExportTest, DisarmsFormulasBehindSpacesAndSemicolons) {
    const std::string section = uniqueSection();
    createCase(alice().token, object{{"name", "Formula"},
                                     {"section", section},
                                     {"diagnosis", "  =1+1"},
                                     {"outcome", "x;=cmd|' /C calc'!A0;"},
                                     {"ward", "Ward 7; -2"},
                                     {"notes", "plain; text"}});
    const auto response = http().get("/cases/export.csv?section=" + section, alice().token);
    ASSERT_EQ(response.status, 200) << describe(response);
    const std::string& csv = response.body;
    EXPECT_NE(csv.find(",Formula,'  =1+1,\"x;'=cmd|' /C calc'!A0;\","), std::string::npos) << csv;
    EXPECT_NE(csv.find(",\"Ward 7;' -2\","), std::string::npos) << csv;
    EXPECT_NE(csv.find(",\"plain; text\","), std::string::npos) << csv;
}

}  // namespace
}  // namespace caseboard::it
