// API.md "Clinical workflow": urgency, readiness and time to theatre, as a client sees them over
// HTTP (the breach events have their own suite).
#include <chrono>
#include <cstdio>
#include <ctime>

#include "harness/ServerTest.hpp"

namespace caseboard::it {
namespace {

using boost::json::object;
using namespace std::chrono;

constexpr const char* kItems[] = {"consent", "site_marked",        "bloods",  "group_and_save",
                                  "imaging", "anaesthetic_review", "fasting", "anticoagulation"};

// RFC 3339 in UTC, `ago` before now, to the second (as a client would write it).
std::string timeAgo(system_clock::duration ago) {
    std::time_t when = system_clock::to_time_t(system_clock::now() - ago);
    std::tm utc{};
    gmtime_r(&when, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

// A time as the server writes it, 2026-03-01T09:30:00.000000Z.
system_clock::time_point parseUtc(const std::string& text) {
    std::tm utc{};
    long micros = 0;
    std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%6ldZ", &utc.tm_year, &utc.tm_mon,
                &utc.tm_mday, &utc.tm_hour, &utc.tm_min, &utc.tm_sec, &micros);
    utc.tm_year -= 1900;
    utc.tm_mon -= 1;
    return system_clock::from_time_t(timegm(&utc)) + microseconds(micros);
}

// The server keeps every time in one form: UTC with microseconds.
std::string kept(const std::string& secondsUtc) {
    return secondsUtc.substr(0, 19) + ".000000Z";
}

class ClinicalWorkflowTest : public ServerTest {
  protected:
    const std::string& token() { return alice().token; }
    object patch(const object& c, const object& fields) {
        auto response = http().patchJson("/cases/" + str(c, "id"), fields, token());
        EXPECT_EQ(response.status, 200) << describe(response);
        return response.json().is_object() ? response.json().as_object() : object();
    }
    std::vector<std::string> listed(const std::string& section, const std::string& query) {
        return ids(listCases(token(), "?section=" + section + query));
    }
};

TEST_F(ClinicalWorkflowTest, ANewCaseHasEveryWorkflowFieldAtItsDefault) {
    auto c = createCase(token(), "Jane", uniqueSection());
    for (const char* field : {"priority", "pathway", "admitted_at", "decision_at", "theatre_status",
                              "due_at", "clock"}) {
        ASSERT_TRUE(c.contains(field)) << field;
        EXPECT_TRUE(c.at(field).is_null()) << field;
    }
    const auto& checklist = c.at("checklist").as_object();
    EXPECT_EQ(checklist.size(), std::size(kItems));
    for (const char* item : kItems) EXPECT_EQ(str(checklist, item), "pending") << item;
    EXPECT_EQ(c.at("ready"), false);
    EXPECT_TRUE(c.at("theatre_times").as_object().empty());
}

TEST_F(ClinicalWorkflowTest, EachBadFieldIsA422AtItsOwnPlace) {
    auto bad = http().postJson("/cases/",
                               object{{"name", "X"},
                                      {"section", uniqueSection()},
                                      {"priority", "soon"},
                                      {"pathway", "Hip Fracture"},
                                      {"admitted_at", "yesterday"},
                                      {"decision_at", timeAgo(-hours(2))},
                                      {"checklist", object{{"consent", "yes"}, {"wine", "done"}}},
                                      {"theatre_status", "operating"}},
                               token());
    ASSERT_EQ(bad.status, 422) << describe(bad);
    EXPECT_EQ(errorLocations(bad.json()),
              (std::vector<std::string>{"body.priority", "body.pathway", "body.admitted_at",
                                        "body.decision_at", "body.checklist.consent",
                                        "body.checklist.wine", "body.theatre_status"}));
    auto c = createCase(token(), "Jane", uniqueSection());
    auto refused = http().patchJson("/cases/" + str(c, "id"),
                                    object{{"checklist", object{{"bloods", nullptr}}}}, token());
    EXPECT_EQ(refused.status, 422) << describe(refused);
    EXPECT_EQ(errorLocations(refused.json()), std::vector<std::string>{"body.checklist.bloods"});
    auto notObject =
        http().patchJson("/cases/" + str(c, "id"), object{{"checklist", "done"}}, token());
    EXPECT_EQ(errorLocations(notObject.json()), std::vector<std::string>{"body.checklist"});
}

// Made-up keys by the thousand earn one short error, not one per key.
TEST_F(ClinicalWorkflowTest, AChecklistWithMoreEntriesThanItemsIsOneError) {
    object checklist;
    for (int i = 0; i < 2000; ++i) checklist["item" + std::to_string(i)] = "done";
    auto bad = http().postJson(
        "/cases/", object{{"name", "X"}, {"section", uniqueSection()}, {"checklist", checklist}},
        token());
    ASSERT_EQ(bad.status, 422) << describe(bad);
    EXPECT_EQ(errorLocations(bad.json()), std::vector<std::string>{"body.checklist"});
    EXPECT_LT(bad.body.size(), 1024u);
}

TEST_F(ClinicalWorkflowTest, TimesAreKeptInUtcWhateverOffsetTheClientWrote) {
    auto c = createCase(token(), object{{"name", "Jane"},
                                        {"section", uniqueSection()},
                                        {"admitted_at", "2026-03-01T10:30:00+01:00"},
                                        {"decision_at", "2026-03-01T12:00:00.5Z"}});
    EXPECT_EQ(str(c, "admitted_at"), "2026-03-01T09:30:00.000000Z");
    EXPECT_EQ(str(c, "decision_at"), "2026-03-01T12:00:00.500000Z");
    auto cleared = patch(c, object{{"admitted_at", nullptr}});
    EXPECT_TRUE(cleared.at("admitted_at").is_null());
    // A clock a little fast is not a mistake; an admission tomorrow is.
    auto soon = patch(c, object{{"decision_at", timeAgo(-minutes(30))}});
    EXPECT_FALSE(soon.at("decision_at").is_null());
}

// A year the server's clock cannot hold is refused, never wrapped round into another century.
TEST_F(ClinicalWorkflowTest, ATimeBeyondTheClocksRangeIsRefusedNotWrapped) {
    auto c = createCase(
        token(), object{{"name", "Jane"}, {"section", uniqueSection()}, {"priority", "urgent"}});
    for (const char* when :
         {"2550-01-01T00:00:00Z", "2600-06-01T00:00:00Z", "9999-12-31T23:59:59Z"}) {
        auto refused =
            http().patchJson("/cases/" + str(c, "id"), object{{"decision_at", when}}, token());
        EXPECT_EQ(refused.status, 422) << when << ": " << describe(refused);
        EXPECT_EQ(errorLocations(refused.json()), std::vector<std::string>{"body.decision_at"})
            << when;
    }
    auto after = http().get("/cases/" + str(c, "id"), token());
    EXPECT_TRUE(after.json().at("decision_at").is_null()) << describe(after);
}

TEST_F(ClinicalWorkflowTest, APatchTicksOnlyTheItemsItSendsAndReadyFollows) {
    const std::string section = uniqueSection();
    auto c = createCase(
        token(),
        object{{"name", "Jane"}, {"section", section}, {"checklist", object{{"consent", "done"}}}});
    auto other = createCase(token(), "John", section);
    auto ticked = patch(c, object{{"checklist", object{{"bloods", "not_needed"}}}});
    EXPECT_EQ(str(ticked.at("checklist"), "consent"), "done");
    EXPECT_EQ(str(ticked.at("checklist"), "bloods"), "not_needed");
    EXPECT_EQ(str(ticked.at("checklist"), "imaging"), "pending");
    EXPECT_EQ(ticked.at("ready"), false);
    object all;
    for (const char* item : kItems) all[item] = "done";
    auto ready = patch(c, object{{"checklist", all}});
    EXPECT_EQ(ready.at("ready"), true);
    EXPECT_EQ(listed(section, "&ready=true"), std::vector<std::string>{str(c, "id")});
    EXPECT_EQ(listed(section, "&ready=false"), std::vector<std::string>{str(other, "id")});
    auto bad = http().get("/cases/?ready=perhaps", token());
    EXPECT_EQ(bad.status, 422) << describe(bad);
    // Back to pending: no longer ready. Sending what it already has changes nothing.
    auto undone = patch(c, object{{"checklist", object{{"fasting", "pending"}}}});
    EXPECT_EQ(undone.at("ready"), false);
    auto same = patch(c, object{{"checklist", object{{"consent", "done"}}}});
    EXPECT_EQ(same.at("version"), undone.at("version"));
}

// Percent-decoding gives any bytes: PostgreSQL refuses to compare with what is not UTF-8.
TEST_F(ClinicalWorkflowTest, AFilterThatIsNotUtf8IsA422OnEveryStore) {
    for (const char* query : {"?pathway=%ff", "?priority=a%c3%28", "?clock=%ed%a0%80"}) {
        auto refused = http().get(std::string("/cases/") + query, token());
        EXPECT_EQ(refused.status, 422) << query << ": " << describe(refused);
        auto csv = http().get(std::string("/cases/export.csv") + query, token());
        EXPECT_EQ(csv.status, 422) << query << ": " << describe(csv);
    }
}

TEST_F(ClinicalWorkflowTest, AHipFractureIsDue36HoursAfterAdmission) {
    const std::string section = uniqueSection();
    const std::string admitted = timeAgo(hours(2));
    auto fresh = createCase(token(), object{{"name", "On track"},
                                            {"section", section},
                                            {"pathway", "hip_fracture"},
                                            {"admitted_at", admitted}});
    EXPECT_EQ(str(fresh, "clock"), "on_track");
    auto due = parseUtc(str(fresh, "due_at")) - parseUtc(kept(admitted));
    EXPECT_EQ(duration_cast<minutes>(due), hours(36));
    auto soon = createCase(token(), object{{"name", "Due soon"},
                                           {"section", section},
                                           {"pathway", "hip_fracture"},
                                           {"admitted_at", timeAgo(hours(30))}});
    EXPECT_EQ(str(soon, "clock"), "due_soon");
    auto late = createCase(token(), object{{"name", "Breached"},
                                           {"section", section},
                                           {"pathway", "hip_fracture"},
                                           {"admitted_at", timeAgo(hours(40))}});
    EXPECT_EQ(str(late, "clock"), "breached");
    // Without its start time no rule applies.
    auto unknown = createCase(
        token(),
        object{{"name", "No admission time"}, {"section", section}, {"pathway", "hip_fracture"}});
    EXPECT_TRUE(unknown.at("clock").is_null());
    EXPECT_TRUE(unknown.at("due_at").is_null());
    EXPECT_EQ(listed(section, "&clock=breached"), std::vector<std::string>{str(late, "id")});
    EXPECT_EQ(listed(section, "&clock=due_soon"), std::vector<std::string>{str(soon, "id")});
    EXPECT_EQ(listed(section, "&pathway=hip_fracture&limit=2&offset=1").size(), 2u);
    EXPECT_EQ(listed(section, "&clock=on_track&limit=1&offset=0"),
              std::vector<std::string>{str(fresh, "id")});
    EXPECT_TRUE(listed(section, "&clock=on_track&offset=1").empty());
}

TEST_F(ClinicalWorkflowTest, TheEarliestDeadlineOfTheRulesThatApplyWins) {
    const std::string section = uniqueSection();
    const std::string decided = timeAgo(minutes(10));
    auto c = createCase(token(), object{{"name", "Both"},
                                        {"section", section},
                                        {"pathway", "hip_fracture"},
                                        {"admitted_at", timeAgo(hours(1))},
                                        {"priority", "urgent"},
                                        {"decision_at", decided}});
    // Urgent: 6 h from the decision, well before 36 h from admission.
    EXPECT_EQ(parseUtc(str(c, "due_at")) - parseUtc(kept(decided)), hours(6));
    EXPECT_EQ(listed(section, "&priority=urgent"), std::vector<std::string>{str(c, "id")});
    EXPECT_TRUE(listed(section, "&priority=immediate").empty());
    auto elective = patch(c, object{{"priority", "elective"}});
    EXPECT_EQ(parseUtc(str(elective, "due_at")) - parseUtc(str(elective, "admitted_at")),
              hours(36));
}

TEST_F(ClinicalWorkflowTest, ReachingTheatreRecordsTheTimeAndEndsTheClock) {
    const std::string section = uniqueSection();
    auto late = createCase(token(), object{{"name", "Late"},
                                           {"section", section},
                                           {"pathway", "hip_fracture"},
                                           {"admitted_at", timeAgo(hours(37))}});
    auto sent = patch(late, object{{"theatre_status", "sent_for"}});
    EXPECT_EQ(str(sent, "clock"), "breached");
    EXPECT_EQ(str(sent.at("theatre_times"), "sent_for"), str(sent, "updated_at"));
    auto operated = patch(late, object{{"theatre_status", "in_theatre"}});
    EXPECT_EQ(str(operated, "clock"), "missed");
    EXPECT_EQ(str(operated.at("theatre_times"), "sent_for"), str(sent, "updated_at"));
    EXPECT_EQ(str(operated.at("theatre_times"), "in_theatre"), str(operated, "updated_at"));
    // A status reached again keeps the time it was first reached.
    patch(late, object{{"theatre_status", "recovery"}});
    auto back = patch(late, object{{"theatre_status", "in_theatre"}});
    EXPECT_EQ(str(back.at("theatre_times"), "in_theatre"), str(operated, "updated_at"));
    auto onTime = createCase(token(), object{{"name", "On time"},
                                             {"section", section},
                                             {"priority", "expedited"},
                                             {"decision_at", timeAgo(hours(1))},
                                             {"theatre_status", "in_theatre"}});
    EXPECT_EQ(str(onTime, "clock"), "met");
    EXPECT_EQ(str(onTime.at("theatre_times"), "in_theatre"), str(onTime, "created_at"));
    EXPECT_EQ(listed(section, "&clock=met"), std::vector<std::string>{str(onTime, "id")});
}

TEST_F(ClinicalWorkflowTest, ComputedFieldsAreNeverTakenFromAClient) {
    auto c = createCase(token(),
                        object{{"name", "Jane"},
                               {"section", uniqueSection()},
                               {"ready", true},
                               {"clock", "met"},
                               {"due_at", "2026-01-01T00:00:00Z"},
                               {"theatre_times", object{{"in_theatre", "2026-01-01T00:00:00Z"}}}});
    EXPECT_EQ(c.at("ready"), false);
    EXPECT_TRUE(c.at("clock").is_null());
    EXPECT_TRUE(c.at("due_at").is_null());
    EXPECT_TRUE(c.at("theatre_times").as_object().empty());
}

TEST_F(ClinicalWorkflowTest, EachTickedItemAndStatusIsItsOwnAuditChange) {
    auto c = createCase(token(), "Jane", uniqueSection());
    patch(c, object{{"checklist", object{{"consent", "done"}, {"fasting", "not_needed"}}},
                    {"theatre_status", "sent_for"}});
    auto history = http().get("/cases/" + str(c, "id") + "/history", token());
    ASSERT_EQ(history.status, 200) << describe(history);
    const auto body = history.json();
    const auto& entries = body.as_array();
    ASSERT_EQ(entries.size(), 2u);
    const auto& changes = entries[1].at("changes").as_object();
    EXPECT_EQ(changes.size(), 3u);
    EXPECT_EQ(changes.at("checklist.consent"), (object{{"before", "pending"}, {"after", "done"}}));
    EXPECT_EQ(changes.at("checklist.fasting"),
              (object{{"before", "pending"}, {"after", "not_needed"}}));
    EXPECT_EQ(changes.at("theatre_status"), (object{{"before", nullptr}, {"after", "sent_for"}}));
    // In the order of the checklist, on every store.
    std::vector<std::string> keys;
    for (const auto& [key, value] : changes) keys.emplace_back(key);
    EXPECT_EQ(keys, (std::vector<std::string>{"checklist.consent", "checklist.fasting",
                                              "theatre_status"}));
}

TEST_F(ClinicalWorkflowTest, ADeletedCaseComesBackWithItsChecklistAndTimes) {
    auto c = createCase(token(), object{{"name", "Jane"},
                                        {"section", uniqueSection()},
                                        {"checklist", object{{"imaging", "done"}}},
                                        {"theatre_status", "recovery"}});
    ASSERT_EQ(http().del("/cases/" + str(c, "id"), token()).status, 200);
    auto restored = http().postJson("/cases/" + str(c, "id") + "/restore", object{}, token());
    ASSERT_EQ(restored.status, 201) << describe(restored);
    EXPECT_EQ(restored.json().at("checklist"), c.at("checklist"));
    EXPECT_EQ(restored.json().at("theatre_times"), c.at("theatre_times"));
}

TEST_F(ClinicalWorkflowTest, TheCsvExportCarriesTheWorkflowColumns) {
    const std::string section = uniqueSection();
    createCase(token(), object{{"name", "Jane"},
                               {"section", section},
                               {"priority", "urgent"},
                               {"decision_at", timeAgo(hours(7))}});
    auto csv = http().get("/cases/export.csv?section=" + section + "&clock=breached", token());
    ASSERT_EQ(csv.status, 200) << describe(csv);
    EXPECT_NE(csv.body.find(",priority,pathway,admitted_at,decision_at,checklist,theatre_status,"
                            "theatre_times,cancellations,session_id,estimated_minutes,"
                            "turnaround_minutes,ready,due_at,clock\r\n"),
              std::string::npos);
    EXPECT_NE(csv.body.find(",urgent,"), std::string::npos);
    EXPECT_NE(csv.body.find(",breached\r\n"), std::string::npos);
}

}  // namespace
}  // namespace caseboard::it
