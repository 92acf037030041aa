// GET /cases/{id}/history pages like /audit: `limit` (1..1000, default 1000) entries from
// `offset`, oldest first; bad values are 422.
#include "harness/ServerTest.hpp"

namespace caseboard::it {
namespace {

using boost::json::object;

class CaseHistoryTest : public ServerTest {
  protected:
    // A case with a create and five updates: six entries.
    std::string caseWithSixEntries() {
        auto c = createCase(alice().token, "Paged", uniqueSection());
        const std::string id = str(c, "id");
        for (int i = 1; i <= 5; ++i) {
            auto updated = http().patchJson(
                "/cases/" + id, object{{"outcome", "Step " + std::to_string(i)}}, alice().token);
            EXPECT_EQ(updated.status, 200) << describe(updated);
        }
        return id;
    }
    HttpResponse history(const std::string& id, const std::string& query = "") {
        return http().get("/cases/" + id + "/history" + query, alice().token);
    }
    // The outcome each entry set ("" for the create), in order.
    static std::vector<std::string> outcomes(const HttpResponse& response) {
        std::vector<std::string> result;
        const auto entries = response.json();
        for (const auto& entry : entries.as_array()) {
            const auto& changes = entry.at("changes").as_object();
            const auto* outcome = changes.if_contains("outcome");
            result.push_back(outcome && outcome->at("after").is_string()
                                 ? std::string(outcome->at("after").as_string())
                                 : "");
        }
        return result;
    }
};

TEST_F(CaseHistoryTest, PagesWithLimitAndOffsetOldestFirst) {
    const auto id = caseWithSixEntries();
    auto all = history(id);
    ASSERT_EQ(all.status, 200) << describe(all);
    ASSERT_EQ(all.json().as_array().size(), 6u);
    EXPECT_EQ(history(id, "?limit=1000").body, all.body);

    auto first = history(id, "?limit=2");
    ASSERT_EQ(first.status, 200) << describe(first);
    EXPECT_EQ(outcomes(first), (std::vector<std::string>{"", "Step 1"}));
    auto second = history(id, "?limit=2&offset=2");
    ASSERT_EQ(second.status, 200) << describe(second);
    EXPECT_EQ(outcomes(second), (std::vector<std::string>{"Step 2", "Step 3"}));
    auto tail = history(id, "?offset=4");
    ASSERT_EQ(tail.status, 200) << describe(tail);
    EXPECT_EQ(outcomes(tail), (std::vector<std::string>{"Step 4", "Step 5"}));
    for (const char* past : {"?offset=6", "?offset=1000000", "?limit=5&offset=99"}) {
        auto empty = history(id, past);
        EXPECT_EQ(empty.status, 200) << past << ": " << describe(empty);
        EXPECT_EQ(empty.body, "[]") << past;
    }
}

TEST_F(CaseHistoryTest, BadLimitOrOffsetIs422) {
    const auto id = str(createCase(alice().token, "Paged", uniqueSection()), "id");
    const std::vector<std::pair<std::string, std::string>> bad{
        {"?limit=0", "query.limit"},
        {"?limit=1001", "query.limit"},
        {"?limit=x", "query.limit"},
        {"?limit=", "query.limit"},
        {"?offset=-1", "query.offset"},
        {"?offset=1.5", "query.offset"},
        {"?offset=99999999999", "query.offset"},
    };
    for (const auto& [query, location] : bad) {
        auto response = history(id, query);
        EXPECT_EQ(response.status, 422) << query << ": " << describe(response);
        EXPECT_EQ(errorLocations(response.json()), std::vector<std::string>{location}) << query;
    }
    auto both = history(id, "?limit=0&offset=-1");
    EXPECT_EQ(errorLocations(both.json()),
              (std::vector<std::string>{"query.limit", "query.offset"}))
        << both.body;
}

TEST_F(CaseHistoryTest, ADeletedCasePagedPastItsEntriesIsEmptyAndAnUnknownOneIs404) {
    const auto id = caseWithSixEntries();
    ASSERT_EQ(http().del("/cases/" + id, alice().token).status, 200);
    auto all = history(id);
    ASSERT_EQ(all.status, 200) << describe(all);
    EXPECT_EQ(all.json().as_array().size(), 7u);
    auto past = history(id, "?offset=7");
    EXPECT_EQ(past.status, 200) << describe(past);
    EXPECT_EQ(past.body, "[]");
    EXPECT_EQ(history(randomUuidV4(), "?offset=1").status, 404);
}

}  // namespace
}  // namespace caseboard::it
