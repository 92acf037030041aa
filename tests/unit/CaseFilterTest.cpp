#include <gtest/gtest.h>

#include "domain/CaseFilter.hpp"
#include "domain/CaseFilterParams.hpp"
#include "domain/ValidationError.hpp"

using namespace caseboard::domain;

namespace {
CaseFilter filterOf(std::vector<std::pair<std::string, std::string>> pairs) {
    return parseCaseFilter(QueryParams(std::move(pairs)));
}
}  // namespace

TEST(CaseFilter, DefaultsToTheWholeUnarchivedBoard) {
    auto filter = filterOf({});
    EXPECT_FALSE(filter.archived);
    EXPECT_FALSE(filter.limit);
    EXPECT_EQ(filter.offset, 0);
}

TEST(CaseFilter, KeysAreEqualExactlyForTheSameSelection) {
    EXPECT_EQ(filterOf({{"section", "a"}, {"unknown", "x"}}).key(),
              filterOf({{"section", "a"}}).key());
    EXPECT_EQ(filterOf({{"archived", "1"}}).key(), filterOf({{"archived", "true"}}).key());
    EXPECT_NE(filterOf({{"section", "a"}}).key(), filterOf({{"outcome", "a"}}).key());
    EXPECT_NE(filterOf({{"name", "a|b"}}).key(),
              filterOf({{"name", "a"}, {"diagnosis", "b"}}).key());
    EXPECT_NE(filterOf({}).key(), filterOf({{"archived", "true"}}).key());
    EXPECT_NE(filterOf({{"limit", "5"}}).key(), filterOf({{"limit", "5"}, {"offset", "1"}}).key());
}

TEST(CaseFilter, ReadsEveryCriterion) {
    auto filter = filterOf({{"name", "doe"},
                            {"diagnosis", "tibia"},
                            {"outcome", "Pending"},
                            {"section", "on_list"},
                            {"surgery_date_from", "2025-01-01"},
                            {"surgery_date_to", "2025-12-31"},
                            {"archived", "true"},
                            {"limit", "10"},
                            {"offset", "5"},
                            {"unknown", "x"}});
    EXPECT_EQ(filter.nameContains, "doe");
    EXPECT_EQ(filter.diagnosisContains, "tibia");
    EXPECT_EQ(filter.outcome, "Pending");
    EXPECT_EQ(filter.section, "on_list");
    EXPECT_EQ(filter.surgeryFrom->str(), "2025-01-01");
    EXPECT_EQ(filter.surgeryTo->str(), "2025-12-31");
    EXPECT_TRUE(filter.archived);
    EXPECT_EQ(filter.limit, 10);
    EXPECT_EQ(filter.offset, 5);
}

TEST(CaseFilter, AcceptsTheFourSpellingsOfArchived) {
    EXPECT_TRUE(filterOf({{"archived", "1"}}).archived);
    EXPECT_TRUE(filterOf({{"archived", "true"}}).archived);
    EXPECT_FALSE(filterOf({{"archived", "0"}}).archived);
    EXPECT_FALSE(filterOf({{"archived", "false"}}).archived);
    EXPECT_THROW(filterOf({{"archived", "yes"}}), ValidationError);
}

TEST(CaseFilter, RefusesBadDatesAndPaging) {
    for (auto pair :
         std::vector<std::pair<std::string, std::string>>{{"surgery_date_from", "2025-02-30"},
                                                          {"surgery_date_to", "tomorrow"},
                                                          {"limit", "0"},
                                                          {"limit", "1001"},
                                                          {"limit", "ten"},
                                                          {"offset", "-1"}}) {
        try {
            filterOf({pair});
            ADD_FAILURE() << pair.first << "=" << pair.second << " was accepted";
        } catch (const ValidationError& error) {
            ASSERT_EQ(error.errors().size(), 1u);
            EXPECT_EQ(error.errors()[0].loc, (std::vector<std::string>{"query", pair.first}));
        }
    }
}

TEST(CaseFilter, AnEmptyValueIsAValue) {
    EXPECT_EQ(filterOf({{"outcome", ""}}).outcome, "");
    EXPECT_THROW(filterOf({{"archived", ""}}), ValidationError);
    EXPECT_THROW(filterOf({{"surgery_date_from", ""}}), ValidationError);
    EXPECT_THROW(filterOf({{"limit", ""}}), ValidationError);
}

TEST(CaseFilter, TheLastRepeatedParameterWins) {
    EXPECT_EQ(filterOf({{"section", "a"}, {"section", "b"}}).section, "b");
}

TEST(CaseFilter, RefusesControlCharactersInEveryTextCriterion) {
    for (std::string name : {"name", "diagnosis", "outcome", "section", "hospital_number", "ward",
                             "consultant", "theatre_slot"}) {
        for (std::string value : {std::string("a\0b", 3), std::string("\x1b[2J")}) {
            try {
                filterOf({{name, value}});
                ADD_FAILURE() << name << " with a control character was accepted";
            } catch (const ValidationError& error) {
                ASSERT_EQ(error.errors().size(), 1u);
                EXPECT_EQ(error.errors()[0].loc, (std::vector<std::string>{"query", name}));
            }
        }
        EXPECT_NO_THROW(filterOf({{name, "a\tb\r\n"}})) << name;
    }
}

// PostgreSQL refuses to compare with bytes that are not UTF-8 (a 500 there, nothing found on
// SQLite): every text criterion, those on the workflow fields included, is refused alike.
TEST(CaseFilter, RefusesTextThatIsNotUtf8InEveryTextCriterion) {
    for (const CaseFilterParam& param : kCaseFilterParams) {
        if (param.match != FilterMatch::Exact && param.match != FilterMatch::Contains) continue;
        const std::string name(param.param);
        for (std::string value : {"\xff", "a\xc3(", "\xed\xa0\x80"}) {
            try {
                filterOf({{name, value}});
                ADD_FAILURE() << name << " with bytes that are not UTF-8 was accepted";
            } catch (const ValidationError& error) {
                ASSERT_EQ(error.errors().size(), 1u);
                EXPECT_EQ(error.errors()[0].loc, (std::vector<std::string>{"query", name}));
                EXPECT_EQ(error.errors()[0].type, "string_unicode");
            }
        }
        EXPECT_NO_THROW(filterOf({{name, "Zoë 骨折"}})) << name;
    }
}
