#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "domain/Clock.hpp"
#include "domain/NearestRank.hpp"
#include "domain/ReportTables.hpp"
#include "domain/TimeToTheatre.hpp"
#include "domain/ValidationError.hpp"

using namespace caseboard;
using domain::Case;
using domain::ReportGroup;
using domain::TimeToTheatreRow;

namespace {

// A case that went into theatre at 12:00 on 10 March.
Case arrived(std::optional<std::string> pathway, std::optional<std::string> priority) {
    Case c;
    c.pathway = std::move(pathway);
    c.priority = std::move(priority);
    c.createdAt = "2026-03-01T00:00:00.000000Z";
    c.theatreTimes.emplace("in_theatre", "2026-03-10T12:00:00.000000Z");
    return c;
}

// A hip fracture admitted `minutes` before it went in (its target: 2160 minutes).
Case hip(int minutes) {
    Case c = arrived("hip_fracture", std::nullopt);
    auto admitted = *domain::parseTimestamp("2026-03-10T12:00:00Z") - std::chrono::minutes(minutes);
    c.admittedAt = domain::formatTimestamp(admitted);
    return c;
}

std::vector<TimeToTheatreRow> report(const std::vector<Case>& cases,
                                     ReportGroup group = ReportGroup::Pathway) {
    return domain::timeToTheatre(cases, group, domain::Targets::defaults());
}

TimeToTheatreRow row(std::optional<std::string> group, std::int64_t cases, std::int64_t met,
                     std::int64_t missed, std::optional<double> percent,
                     std::optional<std::int64_t> median, std::optional<std::int64_t> p90) {
    TimeToTheatreRow expected;
    expected.group = std::move(group);
    expected.cases = cases;
    expected.met = met;
    expected.missed = missed;
    expected.percentMet = percent;
    expected.medianMinutes = median;
    expected.p90Minutes = p90;
    return expected;
}

}  // namespace

TEST(NearestRank, IsTheSmallestValueWithThatShareAtOrBelowIt) {
    using Values = std::vector<std::int64_t>;
    EXPECT_EQ(domain::nearestRank(Values{}, 50), std::nullopt);
    EXPECT_EQ(domain::nearestRank(Values{7}, 50), 7);
    EXPECT_EQ(domain::nearestRank(Values{7}, 90), 7);
    // n = 4: the median is the 2nd (ceil 2), p90 the 4th (ceil 3.6).
    EXPECT_EQ(domain::nearestRank(Values{1, 2, 3, 4}, 50), 2);
    EXPECT_EQ(domain::nearestRank(Values{1, 2, 3, 4}, 90), 4);
    // n = 10: p90 is the 9th exactly, the median the 5th.
    Values ten{10, 20, 30, 40, 50, 60, 70, 80, 90, 100};
    EXPECT_EQ(domain::nearestRank(ten, 90), 90);
    EXPECT_EQ(domain::nearestRank(ten, 50), 50);
    EXPECT_EQ(domain::nearestRank(ten, 100), 100);
    // n = 11: p90 is the 10th (ceil 9.9).
    ten.push_back(110);
    EXPECT_EQ(domain::nearestRank(ten, 90), 100);
}

TEST(TimeToTheatre, AStartTypedAheadOfTheOperationIsNoWaitNotANegativeOne) {
    // Admission may be written up to an hour ahead; the operation came first.
    auto rows = report({hip(-30), hip(-30), hip(90)});
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0], row("hip_fracture", 3, 3, 0, 100.0, 0, 90));
}

TEST(TimeToTheatre, MetAndMissedAgainstTheDeadlineWithMinutesFromItsStart) {
    // Target 2160: 2160 is met (by due_at, inclusive), 2161 missed.
    auto rows = report({hip(600), hip(2160), hip(2161)});
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0], row("hip_fracture", 3, 2, 1, 66.7, 2160, 2161));
}

TEST(TimeToTheatre, PercentMetIsRoundedToOneDecimal) {
    EXPECT_EQ(report({hip(1), hip(3000), hip(3000)})[0].percentMet, 33.3);
    EXPECT_EQ(report({hip(1), hip(1), hip(1), hip(1), hip(1), hip(1), hip(3000)})[0].percentMet,
              85.7);
    EXPECT_EQ(report({hip(1)})[0].percentMet, 100.0);
    EXPECT_EQ(report({hip(3000)})[0].percentMet, 0.0);
}

TEST(TimeToTheatre, WithoutADeadlineACaseCountsButIsNeitherMetNorMissed) {
    Case decided = arrived("ankle", std::nullopt);
    decided.admittedAt = "2026-03-10T09:00:00Z";
    decided.decisionAt = "2026-03-10T10:30:00Z";  // the clock starts here: 90 minutes
    Case admitted = arrived("ankle", std::nullopt);
    admitted.admittedAt = "2026-03-10T11:00:00Z";   // 60 minutes
    Case created = arrived("ankle", std::nullopt);  // from its creation: 9 days and 12 h
    auto rows = report({decided, admitted, created});
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0], row("ankle", 3, 0, 0, std::nullopt, 90, 13680));
}

TEST(TimeToTheatre, TheEarliestDeadlineSetsBothTheVerdictAndTheStart) {
    // Hip due 2160 min after admission (met); urgent due 360 min after the decision, which was
    // 400 min before theatre: missed, and 400 minutes.
    Case both = hip(1000);
    both.priority = "urgent";
    both.decisionAt = "2026-03-10T05:20:00Z";
    EXPECT_EQ(report({both})[0], row("hip_fracture", 1, 0, 1, 0.0, 400, 400));
    EXPECT_EQ(report({both}, ReportGroup::Priority)[0], row("urgent", 1, 0, 1, 0.0, 400, 400));
}

TEST(TimeToTheatre, GroupsAreAlphabeticalWithTheCasesWithoutOneLast) {
    Case none = arrived(std::nullopt, "elective");
    auto rows = report({none, hip(10), arrived("ankle", std::nullopt), none});
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0].group, "ankle");
    EXPECT_EQ(rows[1].group, "hip_fracture");
    EXPECT_EQ(rows[2].group, std::nullopt);
    EXPECT_EQ(rows[2].cases, 2);
    auto byPriority = report({none, hip(10)}, ReportGroup::Priority);
    ASSERT_EQ(byPriority.size(), 2u);
    EXPECT_EQ(byPriority[0].group, "elective");
    EXPECT_EQ(byPriority[1].group, std::nullopt);
}

TEST(TimeToTheatre, NoCasesNoRowsAndACaseNeverInTheatreIsLeftOut) {
    EXPECT_TRUE(report({}).empty());
    Case waiting = hip(10);
    waiting.theatreTimes.clear();
    EXPECT_TRUE(report({waiting}).empty());
}

TEST(TimeToTheatre, TheQueryDefaultsToThirtyDaysByPathway) {
    const domain::Date today{2026, 3, 10};
    auto query = domain::parseTimeToTheatreQuery({}, today);
    EXPECT_EQ(query.group, ReportGroup::Pathway);
    EXPECT_EQ(query.period.to, today);
    EXPECT_EQ(query.period.from, (domain::Date{2026, 2, 9}));
    EXPECT_EQ(query.period.first(), "2026-02-09");
    EXPECT_EQ(query.period.afterLast(), "2026-03-10T24:00:00");
    domain::QueryParams params(
        {{"group", "priority"}, {"from", "2025-12-31"}, {"to", "2026-01-01"}});
    query = domain::parseTimeToTheatreQuery(params, today);
    EXPECT_EQ(query.group, ReportGroup::Priority);
    EXPECT_EQ(query.period.afterLast(), "2026-01-01T24:00:00");
}

TEST(TimeToTheatre, ABadQueryNamesEveryBadParameter) {
    domain::QueryParams params({{"group", "ward"}, {"from", "2026-03-05"}, {"to", "2026-03-04"}});
    try {
        domain::parseTimeToTheatreQuery(params, domain::Date{2026, 3, 10});
        FAIL() << "accepted";
    } catch (const domain::ValidationError& e) {
        std::vector<std::string> names;
        for (const auto& error : e.errors()) names.push_back(error.loc.at(1));
        EXPECT_EQ(names, (std::vector<std::string>{"to", "group"}));
    }
}

TEST(ReportTables, TimeToTheatreAsJsonAndCsv) {
    std::vector<TimeToTheatreRow> rows{row("hip_fracture", 3, 2, 1, 66.7, 600, 2161),
                                       row(std::nullopt, 1, 0, 0, std::nullopt, 5, 5),
                                       row("wrist", 1, 1, 0, 100.0, 30, 30)};
    const std::string text = domain::toJsonText(rows);
    // One decimal, as a person reads it: never "6.67E1" or "1E2".
    EXPECT_NE(text.find("\"percent_met\":66.7,"), std::string::npos) << text;
    EXPECT_NE(text.find("\"percent_met\":100.0,"), std::string::npos) << text;
    auto json = boost::json::parse(text).as_array();
    ASSERT_EQ(json.size(), 3u);
    EXPECT_EQ(json[0].at("group"), "hip_fracture");
    EXPECT_DOUBLE_EQ(json[0].at("percent_met").as_double(), 66.7);
    EXPECT_TRUE(json[1].at("group").is_null());
    EXPECT_TRUE(json[1].at("percent_met").is_null());
    EXPECT_EQ(domain::toCsv(rows),
              "group,cases,met,missed,percent_met,median_minutes,p90_minutes\r\n"
              "hip_fracture,3,2,1,66.7,600,2161\r\n"
              ",1,0,0,,5,5\r\n"
              "wrist,1,1,0,100.0,30,30\r\n");
}

TEST(ReportTables, CancellationsListEveryReasonInOrder) {
    auto rows = domain::cancellationReport({{"other", 2}, {"no_bed", 5}});
    ASSERT_EQ(rows.size(), 9u);
    EXPECT_EQ(rows.front(), (domain::ReasonCount{"patient_unfit", 0}));
    EXPECT_EQ(rows[2], (domain::ReasonCount{"no_bed", 5}));
    EXPECT_EQ(rows.back(), (domain::ReasonCount{"other", 2}));
    const std::string csv = domain::toCsv(rows);
    EXPECT_TRUE(
        csv.starts_with("reason,count\r\npatient_unfit,0\r\nno_theatre_time,0\r\nno_bed,5\r\n"))
        << csv;
    EXPECT_TRUE(csv.ends_with("admin_error,0\r\nother,2\r\n")) << csv;
}
