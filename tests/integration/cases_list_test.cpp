// GET /cases/: filters, ordering, paging. Each test scopes itself by a unique section or name.
#include "harness/ServerTest.hpp"

#include <set>
#include <thread>

namespace caseboard::it {
namespace {

using boost::json::object;

class CasesListTest : public ServerTest {
  protected:
    std::string create(const object& fields) {
        return str(createCase(alice().token, fields), "id");
    }
    std::vector<std::string> list(const std::string& query) {
        return ids(listCases(alice().token, query));
    }
    static std::set<std::string> asSet(const std::vector<std::string>& v) {
        return {v.begin(), v.end()};
    }
};

TEST_F(CasesListTest, ReturnsAnArrayOfCaseObjects) {
    const std::string section = uniqueSection();
    const std::string id = create(object{{"name", "John Doe"}, {"section", section}});
    const auto cases = listCases(alice().token, "?section=" + section);
    ASSERT_EQ(cases.size(), 1u);
    const auto& c = cases[0].as_object();
    EXPECT_EQ(str(c, "id"), id);
    for (const char* field : {"id", "name", "diagnosis", "outcome", "section", "surgery_date",
                              "order_index", "archived", "created_at", "updated_at", "version"}) {
        EXPECT_TRUE(c.contains(field)) << field;
    }
}

TEST_F(CasesListTest, OrdersBySectionThenOrderIndexThenCreatedAt) {
    const std::string tag = uniqueSuffix();
    const std::string sectionA = "a_" + tag;
    const std::string sectionB = "b_" + tag;
    const std::string name = "ord" + tag;
    const std::string b0 =
        create(object{{"name", name}, {"section", sectionB}, {"order_index", 0}});
    const std::string a5 =
        create(object{{"name", name}, {"section", sectionA}, {"order_index", 5}});
    const std::string a1early =
        create(object{{"name", name}, {"section", sectionA}, {"order_index", 1}});
    std::this_thread::sleep_for(
        std::chrono::milliseconds(1100));  // distinct created_at even at 1 s resolution
    const std::string a1late =
        create(object{{"name", name}, {"section", sectionA}, {"order_index", 1}});
    const std::string a0 =
        create(object{{"name", name}, {"section", sectionA}, {"order_index", 0}});
    EXPECT_EQ(list("?name=" + name), (std::vector<std::string>{a0, a1early, a1late, a5, b0}));
}

TEST_F(CasesListTest, NameFilterIsCaseInsensitiveSubstring) {
    const std::string tag = uniqueSuffix();
    const std::string section = uniqueSection();
    const std::string hit = create(object{{"name", "Alpha" + tag + "Beta"}, {"section", section}});
    create(object{{"name", "Gamma" + tag}, {"section", section}});
    EXPECT_EQ(list("?name=" + urlEncode("ALPHA" + tag + "b")), std::vector<std::string>{hit});
    EXPECT_EQ(list("?name=" + urlEncode("pha" + tag)), std::vector<std::string>{hit});
    EXPECT_EQ(list("?section=" + section + "&name=" + tag).size(), 2u);
}

TEST_F(CasesListTest, DiagnosisFilterIsCaseInsensitiveSubstring) {
    const std::string tag = uniqueSuffix();
    const std::string section = uniqueSection();
    const std::string hit =
        create(object{{"name", "x"}, {"section", section}, {"diagnosis", "Tibia fracture " + tag}});
    create(object{{"name", "y"}, {"section", section}, {"diagnosis", "Femur " + tag}});
    EXPECT_EQ(list("?section=" + section + "&diagnosis=" + urlEncode("TIBIA FRAC")),
              std::vector<std::string>{hit});
    EXPECT_EQ(list("?diagnosis=" + urlEncode("fracture " + tag)), std::vector<std::string>{hit});
}

TEST_F(CasesListTest, OutcomeFilterIsExact) {
    const std::string section = uniqueSection();
    const std::string pending =
        create(object{{"name", "x"}, {"section", section}, {"outcome", "Pending"}});
    create(object{{"name", "y"}, {"section", section}, {"outcome", "Pending review"}});
    create(object{{"name", "z"}, {"section", section}, {"outcome", "Scheduled"}});
    EXPECT_EQ(list("?section=" + section + "&outcome=Pending"), std::vector<std::string>{pending});
    EXPECT_TRUE(list("?section=" + section + "&outcome=Pend").empty());
}

TEST_F(CasesListTest, SectionFilterIsExact) {
    const std::string section = uniqueSection();
    const std::string hit = create(object{{"name", "x"}, {"section", section}});
    create(object{{"name", "y"}, {"section", section + "_more"}});
    EXPECT_EQ(list("?section=" + section), std::vector<std::string>{hit});
    EXPECT_TRUE(list("?section=" + section.substr(0, section.size() - 1)).empty());
}

TEST_F(CasesListTest, SurgeryDateBoundsAreInclusiveAndSkipCasesWithoutDate) {
    const std::string section = uniqueSection();
    const std::string d10 =
        create(object{{"name", "a"}, {"section", section}, {"surgery_date", "2025-01-10"}});
    const std::string d20 =
        create(object{{"name", "b"}, {"section", section}, {"surgery_date", "2025-01-20"}});
    const std::string d30 =
        create(object{{"name", "c"}, {"section", section}, {"surgery_date", "2025-01-30"}});
    const std::string none = create(object{{"name", "d"}, {"section", section}});
    const std::string q = "?section=" + section;
    EXPECT_EQ(asSet(list(q)), (std::set<std::string>{d10, d20, d30, none}));
    EXPECT_EQ(asSet(list(q + "&surgery_date_from=2025-01-20")), (std::set<std::string>{d20, d30}));
    EXPECT_EQ(asSet(list(q + "&surgery_date_to=2025-01-20")), (std::set<std::string>{d10, d20}));
    EXPECT_EQ(asSet(list(q + "&surgery_date_from=2025-01-20&surgery_date_to=2025-01-20")),
              (std::set<std::string>{d20}));
    EXPECT_EQ(asSet(list(q + "&surgery_date_from=2025-01-11&surgery_date_to=2025-01-29")),
              (std::set<std::string>{d20}));
    EXPECT_TRUE(list(q + "&surgery_date_from=2025-02-01").empty());
    EXPECT_EQ(asSet(list(q + "&surgery_date_from=1900-01-01")),
              (std::set<std::string>{d10, d20, d30}));
}

TEST_F(CasesListTest, ArchivedDefaultsToFalse) {
    const std::string section = uniqueSection();
    const std::string active = create(object{{"name", "a"}, {"section", section}});
    const std::string archived =
        create(object{{"name", "b"}, {"section", section}, {"archived", true}});
    const std::string q = "?section=" + section;
    EXPECT_EQ(list(q), std::vector<std::string>{active});
    EXPECT_EQ(list(q + "&archived=false"), std::vector<std::string>{active});
    EXPECT_EQ(list(q + "&archived=0"), std::vector<std::string>{active});
    EXPECT_EQ(list(q + "&archived=true"), std::vector<std::string>{archived});
    EXPECT_EQ(list(q + "&archived=1"), std::vector<std::string>{archived});
}

TEST_F(CasesListTest, ArchivingByPatchMovesACaseOutOfTheDefaultList) {
    const std::string section = uniqueSection();
    const std::string id = create(object{{"name", "a"}, {"section", section}});
    ASSERT_EQ(http().patchJson("/cases/" + id, object{{"archived", true}}, alice().token).status,
              200);
    EXPECT_TRUE(list("?section=" + section).empty());
    EXPECT_EQ(list("?section=" + section + "&archived=true"), std::vector<std::string>{id});
}

TEST_F(CasesListTest, InvalidArchivedIs422) {
    for (const std::string value : {"yes", "maybe", "2", ""}) {
        const auto response = http().get("/cases/?archived=" + urlEncode(value), alice().token);
        EXPECT_EQ(response.status, 422) << "archived=" << value << ": " << describe(response);
        const auto locs = errorLocations(response.json());
        EXPECT_NE(std::find(locs.begin(), locs.end(), "query.archived"), locs.end())
            << response.body;
    }
}

TEST_F(CasesListTest, FiltersCombineWithAnd) {
    const std::string section = uniqueSection();
    const std::string hit = create(object{{"name", "Match me"},
                                          {"section", section},
                                          {"outcome", "Pending"},
                                          {"diagnosis", "Knee"},
                                          {"surgery_date", "2025-03-03"}});
    create(object{{"name", "Match me"},
                  {"section", section},
                  {"outcome", "Done"},
                  {"diagnosis", "Knee"},
                  {"surgery_date", "2025-03-03"}});
    create(object{{"name", "Match me"},
                  {"section", section},
                  {"outcome", "Pending"},
                  {"diagnosis", "Hip"},
                  {"surgery_date", "2025-03-03"}});
    create(object{{"name", "Other"},
                  {"section", section},
                  {"outcome", "Pending"},
                  {"diagnosis", "Knee"},
                  {"surgery_date", "2025-03-03"}});
    EXPECT_EQ(list("?section=" + section +
                   "&name=match&outcome=Pending&diagnosis=knee"
                   "&surgery_date_from=2025-03-01&surgery_date_to=2025-03-31&archived=false"),
              std::vector<std::string>{hit});
}

TEST_F(CasesListTest, LimitAndOffsetPage) {
    const std::string section = uniqueSection();
    std::vector<std::string> all;
    for (int i = 0; i < 5; ++i) {
        all.push_back(create(
            object{{"name", "p" + std::to_string(i)}, {"section", section}, {"order_index", i}}));
    }
    const std::string q = "?section=" + section;
    EXPECT_EQ(list(q), all);
    EXPECT_EQ(list(q + "&limit=2"), (std::vector<std::string>{all[0], all[1]}));
    EXPECT_EQ(list(q + "&limit=2&offset=2"), (std::vector<std::string>{all[2], all[3]}));
    EXPECT_EQ(list(q + "&limit=2&offset=4"), (std::vector<std::string>{all[4]}));
    EXPECT_TRUE(list(q + "&offset=5").empty());
    EXPECT_EQ(list(q + "&offset=0&limit=1000"), all);
}

TEST_F(CasesListTest, OutOfRangeLimitOrOffsetIs422) {
    for (const std::string query :
         {"limit=0", "limit=1001", "limit=-1", "limit=abc", "offset=-1", "offset=x"}) {
        const auto response = http().get("/cases/?" + query, alice().token);
        EXPECT_EQ(response.status, 422) << query << ": " << describe(response);
        const auto locs = errorLocations(response.json());
        const std::string expected = "query." + query.substr(0, query.find('='));
        EXPECT_NE(std::find(locs.begin(), locs.end(), expected), locs.end())
            << query << ": " << response.body;
    }
}

TEST_F(CasesListTest, BadDateQueryParameterIs422WithQueryLoc) {
    for (const std::string name : {"surgery_date_from", "surgery_date_to"}) {
        for (const std::string value :
             {"2025-13-01", "2025-02-30", "yesterday", "2025-1-5", "20250105"}) {
            const auto response = http().get("/cases/?" + name + "=" + value, alice().token);
            EXPECT_EQ(response.status, 422) << name << "=" << value << ": " << describe(response);
            const auto locs = errorLocations(response.json());
            EXPECT_NE(std::find(locs.begin(), locs.end(), "query." + name), locs.end())
                << name << "=" << value << ": " << response.body;
        }
    }
}

TEST_F(CasesListTest, UnknownQueryParametersAreIgnored) {
    const std::string section = uniqueSection();
    const std::string id = create(object{{"name", "x"}, {"section", section}});
    EXPECT_EQ(list("?section=" + section + "&colour=blue&sort=desc"), std::vector<std::string>{id});
}

TEST_F(CasesListTest, PercentEncodedFilterValuesAreDecoded) {
    const std::string section = uniqueSection();
    const std::string id =
        create(object{{"name", "O'Brien & Sons " + section}, {"section", section}});
    EXPECT_EQ(list("?name=" + urlEncode("o'brien & sons")), std::vector<std::string>{id});
    EXPECT_EQ(list("?name=" + urlEncode("O'Brien & Sons " + section)),
              std::vector<std::string>{id});
}

}  // namespace
}  // namespace caseboard::it
