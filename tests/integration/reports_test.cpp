// API.md "Theatre lists": the time-to-theatre and cancellation reports, over a known set of cases
// whose clocks started minutes ago and which were walked into theatre now, so that every figure
// is worked out here by hand.
#include <chrono>
#include <ctime>

#include "harness/ServerTest.hpp"

namespace caseboard::it {
namespace {

using boost::json::array;
using boost::json::object;
using namespace std::chrono;

// RFC 3339 in UTC, `minutesAgo` before now, to the second.
std::string minutesAgo(int minutesAgo) {
    std::time_t when = system_clock::to_time_t(system_clock::now() - minutes(minutesAgo));
    std::tm utc{};
    gmtime_r(&when, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

// A UTC date `days` from today, YYYY-MM-DD.
std::string utcDate(int days) {
    std::time_t when = system_clock::to_time_t(system_clock::now() + hours(24 * days));
    std::tm utc{};
    gmtime_r(&when, &utc);
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", &utc);
    return text;
}

class ReportsTest : public ServerTest {
  protected:
    const std::string& token() { return alice().token; }

    // A case with these fields, walked through theatre up to `status` (in_theatre or later).
    void treated(object fields, const std::vector<const char*>& statuses) {
        fields["name"] = "Patient";
        fields["section"] = section_;
        auto c = createCase(token(), fields);
        for (const char* status : statuses) {
            auto moved = http().patchJson("/cases/" + str(c, "id"),
                                          object{{"theatre_status", status}}, token());
            ASSERT_EQ(moved.status, 200) << describe(moved);
        }
    }

    // The known set (default targets: hip fracture 2160 min from admission, urgent 360 min from
    // the decision). Minutes below are the clock's start to in_theatre.
    void buildKnownSet() {
        const std::vector<const char*> inTheatre{"sent_for", "in_theatre"};
        // hip_fracture: 600 met, 2400 missed, 1000 met (archived after), 3000 missed,
        // 100 met (now in recovery), 420 missed (its urgent deadline is the earlier).
        treated({{"pathway", "hip_fracture"}, {"admitted_at", minutesAgo(600)}}, inTheatre);
        treated({{"pathway", "hip_fracture"}, {"admitted_at", minutesAgo(2400)}}, inTheatre);
        treated({{"pathway", "hip_fracture"}, {"admitted_at", minutesAgo(1000)}}, inTheatre);
        archiveLast();
        treated({{"pathway", "hip_fracture"}, {"admitted_at", minutesAgo(3000)}}, inTheatre);
        treated({{"pathway", "hip_fracture"}, {"admitted_at", minutesAgo(100)}},
                {"in_theatre", "recovery"});
        treated({{"pathway", "hip_fracture"},
                 {"admitted_at", minutesAgo(1200)},
                 {"priority", "urgent"},
                 {"decision_at", minutesAgo(420)}},
                inTheatre);
        // ankle: no rule, so no deadline; minutes from the decision (300), else admission (200).
        treated({{"pathway", "ankle"},
                 {"admitted_at", minutesAgo(500)},
                 {"decision_at", minutesAgo(300)}},
                inTheatre);
        treated({{"pathway", "ankle"}, {"admitted_at", minutesAgo(200)}}, inTheatre);
        // No pathway: urgent, 400 missed.
        treated({{"priority", "urgent"}, {"decision_at", minutesAgo(400)}}, inTheatre);
        // Not in theatre yet: in no report.
        auto waiting = createCase(token(), object{{"name", "Waiting"},
                                                  {"section", section_},
                                                  {"pathway", "hip_fracture"},
                                                  {"admitted_at", minutesAgo(50)},
                                                  {"theatre_status", "sent_for"}});
        ASSERT_FALSE(waiting.empty());
    }

    void archiveLast() {
        auto list = listCases(token(), "?section=" + section_);
        ASSERT_FALSE(list.empty());
        const auto& last = list.back().as_object();
        ASSERT_EQ(http()
                      .patchJson("/cases/" + str(last, "id"), object{{"archived", true}}, token())
                      .status,
                  200);
    }

    array report(const std::string& target) {
        auto response = http().get(target, token());
        EXPECT_EQ(response.status, 200) << describe(response);
        return response.json().is_array() ? response.json().as_array() : array();
    }

    static object row(boost::json::value group, int cases, int met, int missed,
                      boost::json::value percent, boost::json::value median,
                      boost::json::value p90) {
        return {{"group", group},    {"cases", cases},         {"met", met},
                {"missed", missed},  {"percent_met", percent}, {"median_minutes", median},
                {"p90_minutes", p90}};
    }

    const std::string section_ = uniqueSection();
};

// percent_met is compared as a number: the JSON may spell 50 as 50.0 or 5E1.
void expectRow(const boost::json::value& actual, const object& expected) {
    ASSERT_TRUE(actual.is_object()) << actual;
    const auto& got = actual.as_object();
    EXPECT_EQ(got.size(), expected.size()) << got;
    for (const auto& [key, value] : expected) {
        ASSERT_TRUE(got.contains(key)) << key;
        if (key == "percent_met" && !value.is_null()) {
            ASSERT_TRUE(got.at(key).is_number()) << got;
            EXPECT_NEAR(got.at(key).to_number<double>(), value.to_number<double>(), 1e-9) << got;
        } else {
            EXPECT_EQ(got.at(key), value) << key << " in " << got;
        }
    }
}

TEST_F(ReportsTest, TimeToTheatreByPathwayIsWorkedOutFromEachCasesClock) {
    buildKnownSet();
    auto rows = report("/reports/time-to-theatre?from=" + utcDate(0) + "&to=" + utcDate(0));
    ASSERT_EQ(rows.size(), 3u) << rows;
    // Groups alphabetical, no group last. hip: minutes 100 420 600 1000 2400 3000 — median the
    // 3rd (ceil 0.5·6), p90 the 6th (ceil 0.9·6); 3 met of 6 judged.
    expectRow(rows[0], row("ankle", 2, 0, 0, nullptr, 200, 300));
    expectRow(rows[1], row("hip_fracture", 6, 3, 3, 50.0, 600, 3000));
    expectRow(rows[2], row(nullptr, 1, 0, 1, 0.0, 400, 400));
    // Pathway is the default grouping, and the default period ends today.
    EXPECT_EQ(report("/reports/time-to-theatre"), rows);
    EXPECT_EQ(report("/reports/time-to-theatre?group=pathway&to=" + utcDate(0)), rows);
}

TEST_F(ReportsTest, TimeToTheatreByPriority) {
    buildKnownSet();
    auto rows = report("/reports/time-to-theatre?group=priority");
    ASSERT_EQ(rows.size(), 2u) << rows;
    // urgent: 400 and 420, both missed. None: 100 200 300 600 1000 2400 3000 — median the 4th,
    // p90 the 7th; met 3 of 5 judged (the two ankles have no deadline).
    expectRow(rows[0], row("urgent", 2, 0, 2, 0.0, 400, 420));
    expectRow(rows[1], row(nullptr, 7, 3, 2, 60.0, 600, 3000));
}

TEST_F(ReportsTest, OnlyCasesInTheatreWithinTheDatesCount) {
    buildKnownSet();
    EXPECT_TRUE(
        report("/reports/time-to-theatre?from=" + utcDate(1) + "&to=" + utcDate(1)).empty());
    EXPECT_TRUE(
        report("/reports/time-to-theatre?from=" + utcDate(-40) + "&to=" + utcDate(-1)).empty());
    EXPECT_EQ(report("/reports/time-to-theatre?from=" + utcDate(-1) + "&to=" + utcDate(1)).size(),
              3u);
    // The last day there is: its next has no four-digit year, and nothing may fall off the end.
    EXPECT_EQ(report("/reports/time-to-theatre?from=" + utcDate(-1) + "&to=9999-12-31").size(), 3u);
    EXPECT_EQ(report("/reports/time-to-theatre?from=0001-01-01&to=9999-12-31").size(), 3u);
}

TEST_F(ReportsTest, BadQueriesAreA422AtTheParameter) {
    auto locations = [&](const std::string& target) {
        auto response = http().get(target, token());
        EXPECT_EQ(response.status, 422) << target << ": " << describe(response);
        return errorLocations(response.json());
    };
    using Locs = std::vector<std::string>;
    EXPECT_EQ(locations("/reports/time-to-theatre?group=ward"), Locs{"query.group"});
    EXPECT_EQ(locations("/reports/time-to-theatre?from=2026-02-30"), Locs{"query.from"});
    EXPECT_EQ(locations("/reports/time-to-theatre.csv?to=yesterday"), Locs{"query.to"});
    EXPECT_EQ(locations("/reports/cancellations?from=2026-03-02&to=2026-03-01"), Locs{"query.to"});
    EXPECT_EQ(http().get("/reports/cancellations").status, 401);
    EXPECT_EQ(http().get("/reports/time-to-theatre.csv").status, 401);
}

TEST_F(ReportsTest, TimeToTheatreAsCsv) {
    buildKnownSet();
    auto response = http().get("/reports/time-to-theatre.csv?group=priority", token());
    ASSERT_EQ(response.status, 200) << describe(response);
    EXPECT_EQ(response.header("Content-Type").rfind("text/csv", 0), 0u);
    EXPECT_EQ(response.body,
              "group,cases,met,missed,percent_met,median_minutes,p90_minutes\r\n"
              "urgent,2,0,2,0.0,400,420\r\n"
              ",7,3,2,60.0,600,3000\r\n");
}

TEST_F(ReportsTest, CancellationsAreCountedByReasonInTheContractsOrder) {
    auto cancel = [&](const char* reason) {
        auto c = createCase(token(), "Cancelled", section_);
        object body{{"reason", reason}};
        if (std::string_view(reason) == "other") body["note"] = "Surgeon ill";
        auto response = http().postJson("/cases/" + str(c, "id") + "/cancel", body, token());
        EXPECT_EQ(response.status, 200) << describe(response);
        return str(c, "id");
    };
    auto twice = cancel("no_bed");
    ASSERT_EQ(http()
                  .postJson("/cases/" + twice + "/cancel", object{{"reason", "no_bed"}}, token())
                  .status,
              200);
    cancel("other");
    cancel("patient_unfit");
    createCase(token(), "Never cancelled", section_);

    const char* reasons[] = {"patient_unfit",    "no_theatre_time", "no_bed",
                             "no_staff",         "equipment",       "patient_declined",
                             "more_urgent_case", "admin_error",     "other"};
    const int counts[] = {1, 0, 2, 0, 0, 0, 0, 0, 1};
    auto rows = report("/reports/cancellations?from=" + utcDate(0) + "&to=" + utcDate(0));
    ASSERT_EQ(rows.size(), std::size(reasons)) << rows;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        EXPECT_EQ(rows[i], (object{{"reason", reasons[i]}, {"count", counts[i]}})) << i;
    }
    EXPECT_EQ(report("/reports/cancellations"), rows);
    EXPECT_EQ(report("/reports/cancellations?to=9999-12-31&from=" + utcDate(0)), rows);
    auto later = report("/reports/cancellations?from=" + utcDate(1) + "&to=" + utcDate(2));
    EXPECT_EQ(later.size(), std::size(reasons));
    for (const auto& item : later) {
        EXPECT_EQ(item.as_object().at("count"), 0) << item;
    }

    auto csv = http().get("/reports/cancellations.csv", token());
    ASSERT_EQ(csv.status, 200) << describe(csv);
    EXPECT_EQ(csv.body,
              "reason,count\r\npatient_unfit,1\r\nno_theatre_time,0\r\nno_bed,2\r\nno_staff,0\r\n"
              "equipment,0\r\npatient_declined,0\r\nmore_urgent_case,0\r\nadmin_error,0\r\n"
              "other,1\r\n");
}

TEST_F(ReportsTest, AViewerMayReadTheReports) {
    alice();
    auto user = users().create("viewer");
    ASSERT_EQ(http().patchJson("/users/" + user.id, object{{"role", "viewer"}}, token()).status,
              200);
    EXPECT_EQ(http().get("/reports/time-to-theatre", user.token).status, 200);
    EXPECT_EQ(http().get("/reports/cancellations.csv", user.token).status, 200);
}

}  // namespace
}  // namespace caseboard::it
