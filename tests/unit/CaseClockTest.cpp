#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <chrono>
#include <stdexcept>

#include "domain/CaseClock.hpp"
#include "domain/Clock.hpp"
#include "domain/Targets.hpp"

using namespace caseboard;
using domain::ClockState;
using domain::parseTimestamp;
using domain::TimePoint;
using std::chrono::hours;
using std::chrono::microseconds;
using std::chrono::minutes;

namespace {

TimePoint at(std::string_view text) {
    auto when = parseTimestamp(text);
    if (!when) throw std::invalid_argument("not a timestamp: " + std::string(text));
    return *when;
}

// A hip fracture admitted at 08:00 on 1 March: due 36 h later, at 20:00 on 2 March.
domain::Case hipFracture() {
    domain::Case c;
    c.pathway = "hip_fracture";
    c.admittedAt = "2026-03-01T08:00:00Z";
    return c;
}

const TimePoint kHipDue = at("2026-03-02T20:00:00Z");

std::optional<ClockState> clock(const domain::Case& c, TimePoint now) {
    return domain::clockOf(c, domain::Targets::defaults(), now);
}

domain::Targets targetsFrom(std::string_view json) {
    return domain::Targets::fromJson(boost::json::parse(json));
}

// The message Targets::fromJson refuses `json` with; empty if it accepts it.
std::string refusal(std::string_view json) {
    try {
        targetsFrom(json);
        return {};
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
}

}  // namespace

TEST(CaseClock, DueAtIsTheTargetAfterTheStart) {
    auto deadline = domain::deadlineOf(hipFracture(), domain::Targets::defaults());
    ASSERT_TRUE(deadline);
    EXPECT_EQ(deadline->start, at("2026-03-01T08:00:00Z"));
    EXPECT_EQ(deadline->due, kHipDue);
}

TEST(CaseClock, ExactlyAtDueAtIsDueSoonNotBreached) {
    EXPECT_EQ(clock(hipFracture(), kHipDue), ClockState::DueSoon);
}

TEST(CaseClock, OneMicrosecondPastDueAtIsBreached) {
    EXPECT_EQ(clock(hipFracture(), kHipDue + microseconds(1)), ClockState::Breached);
}

TEST(CaseClock, TheLastQuarterOfTheTargetIsDueSoon) {
    // 36 h: the last quarter starts 27 h after admission, at 11:00 on 2 March.
    const TimePoint lastQuarter = at("2026-03-02T11:00:00Z");
    EXPECT_EQ(clock(hipFracture(), lastQuarter - microseconds(1)), ClockState::OnTrack);
    EXPECT_EQ(clock(hipFracture(), lastQuarter), ClockState::DueSoon);
    EXPECT_EQ(clock(hipFracture(), at("2026-03-01T08:00:00Z")), ClockState::OnTrack);
}

TEST(CaseClock, NoStartTimeMeansNoDeadline) {
    auto c = hipFracture();
    c.admittedAt.reset();
    c.decisionAt = "2026-03-01T08:00:00Z";  // the hip fracture rule counts from admission only
    EXPECT_FALSE(domain::deadlineOf(c, domain::Targets::defaults()));
    EXPECT_EQ(clock(c, kHipDue + hours(1)), std::nullopt);
    EXPECT_FALSE(domain::transitionsOf(c, domain::Targets::defaults()));
}

TEST(CaseClock, NoRuleForItsPathwayOrPriorityMeansNoDeadline) {
    domain::Case c;
    c.pathway = "ankle_fracture";
    c.priority = "elective";
    c.admittedAt = c.decisionAt = "2026-03-01T08:00:00Z";
    EXPECT_EQ(clock(c, kHipDue), std::nullopt);
}

TEST(CaseClock, OfSeveralRulesTheEarliestDeadlineWins) {
    auto c = hipFracture();
    c.priority = "urgent";
    // Urgent: 6 h from the decision. A decision late on day 2 leaves the hip target earlier…
    c.decisionAt = "2026-03-02T18:00:00Z";
    EXPECT_EQ(domain::deadlineOf(c, domain::Targets::defaults())->due, kHipDue);
    // …and an early decision makes the urgent one earlier, with its own last quarter.
    c.decisionAt = "2026-03-01T09:00:00Z";
    auto deadline = domain::deadlineOf(c, domain::Targets::defaults());
    ASSERT_TRUE(deadline);
    EXPECT_EQ(deadline->start, at("2026-03-01T09:00:00Z"));
    EXPECT_EQ(deadline->due, at("2026-03-01T15:00:00Z"));
    EXPECT_EQ(clock(c, at("2026-03-01T13:29:59Z")), ClockState::OnTrack);
    EXPECT_EQ(clock(c, at("2026-03-01T13:30:00Z")), ClockState::DueSoon);
    EXPECT_EQ(clock(c, at("2026-03-01T15:00:01Z")), ClockState::Breached);
}

TEST(CaseClock, TheatreReachedByDueAtIsMet) {
    auto c = hipFracture();
    c.theatreStatus = "in_theatre";
    c.theatreTimes = {{"in_theatre", "2026-03-02T20:00:00Z"}};
    // Long after due_at, still met: the clock stopped when the patient reached theatre.
    EXPECT_EQ(clock(c, kHipDue + hours(48)), ClockState::Met);
    EXPECT_FALSE(domain::transitionsOf(c, domain::Targets::defaults()));
}

TEST(CaseClock, TheatreReachedAfterDueAtIsMissed) {
    auto c = hipFracture();
    c.theatreStatus = "returned";
    c.theatreTimes = {{"in_theatre", "2026-03-02T20:00:00.000001Z"},
                      {"recovery", "2026-03-02T22:00:00Z"},
                      {"returned", "2026-03-03T01:00:00Z"}};
    EXPECT_EQ(clock(c, kHipDue), ClockState::Missed);
}

TEST(CaseClock, StraightToRecoveryCountsFromRecovery) {
    auto c = hipFracture();
    c.theatreStatus = "recovery";
    c.theatreTimes = {{"recovery", "2026-03-02T19:59:00Z"}};
    EXPECT_EQ(domain::theatreReachedAt(c), at("2026-03-02T19:59:00Z"));
    EXPECT_EQ(clock(c, kHipDue + hours(1)), ClockState::Met);
    c.theatreTimes = {{"recovery", "2026-03-02T20:01:00Z"}};
    EXPECT_EQ(clock(c, kHipDue + hours(1)), ClockState::Missed);
}

TEST(CaseClock, SentForIsNotTheatreYet) {
    auto c = hipFracture();
    c.theatreStatus = "anaesthetic_room";
    c.theatreTimes = {{"sent_for", "2026-03-02T18:00:00Z"},
                      {"anaesthetic_room", "2026-03-02T19:00:00Z"}};
    EXPECT_FALSE(domain::theatreReachedAt(c));
    EXPECT_EQ(clock(c, kHipDue + hours(1)), ClockState::Breached);
}

TEST(CaseClock, TransitionsAreWhereTheClockChanges) {
    const auto c = hipFracture();
    auto transitions = domain::transitionsOf(c, domain::Targets::defaults());
    ASSERT_TRUE(transitions);
    EXPECT_EQ(transitions->dueSoon, at("2026-03-02T11:00:00Z"));
    EXPECT_GT(transitions->breached, kHipDue);
    EXPECT_EQ(clock(c, transitions->dueSoon), ClockState::DueSoon);
    EXPECT_EQ(clock(c, transitions->breached - TimePoint::duration(1)), ClockState::DueSoon);
    EXPECT_EQ(clock(c, transitions->breached), ClockState::Breached);
}

TEST(CaseClock, ClockNames) {
    EXPECT_EQ(domain::clockName(ClockState::OnTrack), "on_track");
    EXPECT_EQ(domain::clockName(ClockState::DueSoon), "due_soon");
    EXPECT_EQ(domain::clockName(ClockState::Breached), "breached");
    EXPECT_EQ(domain::clockName(ClockState::Met), "met");
    EXPECT_EQ(domain::clockName(ClockState::Missed), "missed");
}

TEST(Targets, AFileReplacesTheRulesItNames) {
    auto targets = targetsFrom(R"({"pathways": {"neck_of_femur": {"from": "admitted_at",
        "minutes": 2880}}, "priorities": {"urgent": {"from": "decision_at", "minutes": 1}}})");
    EXPECT_EQ(targets.pathways.size(), 1u);
    EXPECT_EQ(targets.pathways.at("neck_of_femur"),
              (domain::TargetRule{"admitted_at", minutes(2880)}));
    EXPECT_EQ(targets.priorities.size(), 1u);
    EXPECT_EQ(targets.priorities.at("urgent").minutes, minutes(1));
    // The rules it does not name are gone: hip fractures have no target under this file.
    EXPECT_EQ(domain::clockOf(hipFracture(), targets, kHipDue + hours(1)), std::nullopt);
}

TEST(Targets, TheDefaultsGoThroughTheirOwnJson) {
    const auto defaults = domain::Targets::defaults();
    EXPECT_EQ(domain::Targets::fromJson(defaults.toJson()), defaults);
    EXPECT_EQ(defaults.pathways.at("hip_fracture").minutes, hours(36));
    EXPECT_EQ(defaults.priorities.at("immediate").minutes, minutes(60));
    EXPECT_EQ(defaults.priorities.at("urgent").minutes, hours(6));
    EXPECT_EQ(defaults.priorities.at("expedited").minutes, hours(72));
    EXPECT_FALSE(defaults.priorities.contains("elective"));
}

TEST(Targets, AnEmptyObjectMeansNoTargets) {
    auto targets = targetsFrom("{}");
    EXPECT_TRUE(targets.pathways.empty());
    EXPECT_TRUE(targets.priorities.empty());
}

TEST(Targets, RefusesAnUnknownKey) {
    EXPECT_NE(refusal(R"({"pathway": {}})").find("unknown key 'pathway'"), std::string::npos);
    EXPECT_NE(refusal(R"({"pathways": {"hip_fracture": {"from": "admitted_at", "minutes": 5,
        "hours": 1}}})")
                  .find("unknown key 'hours'"),
              std::string::npos);
}

TEST(Targets, RefusesABadFrom) {
    auto message = refusal(R"({"pathways": {"hip_fracture": {"from": "created_at",
        "minutes": 60}}})");
    EXPECT_NE(message.find("pathways.hip_fracture.from"), std::string::npos) << message;
    EXPECT_FALSE(refusal(R"({"priorities": {"urgent": {"minutes": 60}}})").empty());
    EXPECT_FALSE(
        refusal(R"({"priorities": {"urgent": {"from": "theatre_times", "minutes": 60}}})").empty());
}

TEST(Targets, RefusesMinutesOutOfRange) {
    auto zero = refusal(R"({"priorities": {"urgent": {"from": "decision_at", "minutes": 0}}})");
    EXPECT_NE(zero.find("priorities.urgent.minutes"), std::string::npos) << zero;
    EXPECT_FALSE(
        refusal(R"({"priorities": {"urgent": {"from": "decision_at", "minutes": -5}}})").empty());
    EXPECT_FALSE(
        refusal(R"({"priorities": {"urgent": {"from": "decision_at", "minutes": 1.5}}})").empty());
    EXPECT_FALSE(
        refusal(R"({"priorities": {"urgent": {"from": "decision_at", "minutes": "60"}}})").empty());
    EXPECT_FALSE(
        refusal(R"({"priorities": {"urgent": {"from": "decision_at", "minutes": 525601}}})")
            .empty());
    EXPECT_TRUE(refusal(R"({"priorities": {"urgent": {"from": "decision_at", "minutes": 525600}}})")
                    .empty());
}

TEST(Targets, RefusesAPriorityNoCaseCanHave) {
    auto message = refusal(R"({"priorities": {"soon": {"from": "decision_at", "minutes": 60}}})");
    EXPECT_NE(message.find("priorities.soon"), std::string::npos) << message;
}

TEST(Targets, RefusesAPathwayThatIsNotASlug) {
    EXPECT_FALSE(
        refusal(R"({"pathways": {"Hip Fracture": {"from": "admitted_at", "minutes": 60}}})")
            .empty());
}

TEST(Targets, RefusesWhatIsNotAnObject) {
    EXPECT_FALSE(refusal("[]").empty());
    EXPECT_FALSE(refusal(R"({"pathways": []})").empty());
    EXPECT_FALSE(refusal(R"({"pathways": {"hip_fracture": 2160}})").empty());
}

TEST(ParseTimestamp, ReadsOffsetsAsTheSameInstant) {
    EXPECT_EQ(at("2026-03-01T09:30:00+01:30"), at("2026-03-01T08:00:00Z"));
    EXPECT_EQ(at("2026-03-01T03:00:00-05:00"), at("2026-03-01T08:00:00Z"));
    EXPECT_EQ(at("2026-03-01T08:00:00+00:00"), at("2026-03-01T08:00:00Z"));
    // An offset may move the instant into another day, month or year.
    EXPECT_EQ(at("2026-01-01T00:30:00+01:00"), at("2025-12-31T23:30:00Z"));
    EXPECT_EQ(at("2026-03-01t08:00:00z"), at("2026-03-01T08:00:00Z"));
}

TEST(ParseTimestamp, ReadsFractionsToTheMicrosecond) {
    EXPECT_EQ(at("2026-03-01T08:00:00.5Z") - at("2026-03-01T08:00:00Z"), microseconds(500000));
    EXPECT_EQ(at("2026-03-01T08:00:00.000001Z") - at("2026-03-01T08:00:00Z"), microseconds(1));
    // Digits past the sixth are dropped, not rounded.
    EXPECT_EQ(at("2026-03-01T08:00:00.123456999Z"), at("2026-03-01T08:00:00.123456Z"));
    EXPECT_FALSE(parseTimestamp("2026-03-01T08:00:00.Z"));
    EXPECT_FALSE(parseTimestamp("2026-03-01T08:00:00.1234567890Z"));
}

TEST(ParseTimestamp, ReadsWhatItFormats) {
    const auto when = at("2026-03-01T08:00:00.123456Z");
    EXPECT_EQ(domain::formatTimestamp(when), "2026-03-01T08:00:00.123456Z");
    EXPECT_EQ(at(domain::formatTimestamp(when)), when);
}

TEST(ParseTimestamp, TakesTheLeapDayOfALeapYearOnly) {
    EXPECT_EQ(at("2024-03-01T00:00:00Z") - at("2024-02-29T00:00:00Z"), hours(24));
    EXPECT_FALSE(parseTimestamp("2026-02-29T00:00:00Z"));
    EXPECT_FALSE(parseTimestamp("2100-02-29T00:00:00Z"));
    EXPECT_TRUE(parseTimestamp("2000-02-29T00:00:00Z"));
}

TEST(ParseTimestamp, RefusesInvalidDatesAndTimes) {
    for (const char* text : {
             "2026-04-31T08:00:00Z",       // no 31 April
             "2026-13-01T08:00:00Z",       // no 13th month
             "2026-00-10T08:00:00Z",       //
             "2026-03-01T24:00:00Z",       // 24:00 is the next day's 00:00: written so
             "2026-03-01T23:60:00Z",       //
             "2026-03-01T23:59:60Z",       // leap seconds are refused
             "2026-03-01T08:00:00",        // no offset: not an instant
             "2026-03-01T08:00:00+0100",   // the offset needs its colon
             "2026-03-01T08:00:00+24:00",  //
             "2026-03-01 08:00:00Z",       // RFC 3339's space is not taken
             "2026-03-01T08:00Z",          // seconds are required
             "2026-3-01T08:00:00Z",        //
             "2026-03-01T08:00:00Z ",      // nothing after the offset
             "",                           //
             "yesterday",
             "2262-04-12T00:00:00Z",  // past what the clock holds: never wrapped round
             "2550-01-01T00:00:00Z",  //
             "9999-12-31T23:59:59Z",  //
         }) {
        EXPECT_FALSE(parseTimestamp(text)) << text;
    }
}
