#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "domain/CaseInput.hpp"
#include "domain/Date.hpp"
#include "domain/ValidationError.hpp"

namespace json = boost::json;
using namespace caseboard::domain;

namespace {

json::object body(std::string_view text) {
    return json::parse(text).as_object();
}

// The loc of every error a body produces, as "body.field" strings.
std::vector<std::string> errorsOf(const std::function<void()>& parse) {
    try {
        parse();
    } catch (const ValidationError& error) {
        std::vector<std::string> locs;
        for (const auto& field : error.errors()) {
            std::string loc;
            for (const auto& part : field.loc) loc += (loc.empty() ? "" : ".") + part;
            locs.push_back(loc);
        }
        return locs;
    }
    return {};
}

}  // namespace

TEST(CaseDraft, TakesTheSeedsExample) {
    auto draft = parseCaseDraft(body(R"({"name":"John Doe","diagnosis":"Tibia fracture",
        "outcome":"Pending","section":"new_referral","surgery_date":"2025-08-25","order_index":1})"));
    EXPECT_EQ(draft.name, "John Doe");
    EXPECT_EQ(draft.section, "new_referral");
    EXPECT_EQ(draft.surgeryDate, "2025-08-25");
    EXPECT_EQ(draft.orderIndex, 1);
    EXPECT_FALSE(draft.archived);
}

TEST(CaseDraft, DefaultsOptionalFields) {
    auto draft = parseCaseDraft(body(R"({"name":"  Jane  ","section":"on_list","unknown":1})"));
    EXPECT_EQ(draft.name, "Jane");
    EXPECT_EQ(draft.diagnosis, "");
    EXPECT_EQ(draft.outcome, "");
    EXPECT_FALSE(draft.surgeryDate);
    EXPECT_FALSE(draft.orderIndex);
}

TEST(CaseDraft, RequiresNameAndSection) {
    EXPECT_EQ(errorsOf([] { parseCaseDraft(body("{}")); }),
              (std::vector<std::string>{"body.name", "body.section"}));
}

TEST(CaseDraft, ReportsEveryBadFieldAtOnce) {
    auto locs = errorsOf([] {
        parseCaseDraft(body(R"({"name":"   ","section":"Bad Section","surgery_date":"2025-02-30",
            "order_index":1.5,"archived":"yes","diagnosis":7,"outcome":["x"]})"));
    });
    EXPECT_EQ(locs, (std::vector<std::string>{"body.name", "body.diagnosis", "body.outcome",
                                              "body.section", "body.surgery_date",
                                              "body.order_index", "body.archived"}));
}

TEST(CaseDraft, CountsCharactersNotBytes) {
    std::string name;
    for (int i = 0; i < 200; ++i) name += "é";  // 400 bytes, 200 characters
    EXPECT_NO_THROW(parseCaseDraft(body(R"({"section":"a","name":")" + name + "\"}")));
    EXPECT_EQ(errorsOf([&] { parseCaseDraft(body(R"({"section":"a","name":")" + name + "é\"}")); }),
              std::vector<std::string>{"body.name"});
}

TEST(CaseDraft, BoundsTextLengths) {
    std::string diagnosis(2001, 'x');
    EXPECT_EQ(
        errorsOf([&] {
            parseCaseDraft(body(R"({"name":"a","section":"a","diagnosis":")" + diagnosis + "\"}"));
        }),
        std::vector<std::string>{"body.diagnosis"});
    std::string section(65, 'a');
    EXPECT_EQ(
        errorsOf([&] { parseCaseDraft(body(R"({"name":"a","section":")" + section + "\"}")); }),
        std::vector<std::string>{"body.section"});
}

TEST(CaseDraft, RefusesOrderIndexOutsideItsRange) {
    EXPECT_EQ(errorsOf([] {
                  parseCaseDraft(body(R"({"name":"a","section":"a","order_index":99999999999})"));
              }),
              std::vector<std::string>{"body.order_index"});
    EXPECT_EQ(parseCaseDraft(body(R"({"name":"a","section":"a","order_index":-3})")).orderIndex,
              -3);
}

TEST(CasePatch, SetsOnlyTheFieldsGiven) {
    auto patch = parseCasePatch(body(R"({"outcome":"Scheduled","section":"on_list"})"));
    ASSERT_TRUE(patch.has(&Case::outcome));
    EXPECT_EQ(patch.values().outcome, "Scheduled");
    ASSERT_TRUE(patch.has(&Case::section));
    EXPECT_EQ(patch.values().section, "on_list");
    EXPECT_FALSE(patch.has(&Case::name));
    EXPECT_FALSE(patch.has(&Case::surgeryDate));
    EXPECT_FALSE(patch.has(&Case::archived));
}

TEST(CasePatch, NullClearsTheSurgeryDate) {
    auto patch = parseCasePatch(body(R"({"surgery_date":null})"));
    ASSERT_TRUE(patch.has(&Case::surgeryDate));
    EXPECT_FALSE(patch.values().surgeryDate);
}

TEST(CasePatch, RefusesANullName) {
    EXPECT_EQ(errorsOf([] { parseCasePatch(body(R"({"name":null})")); }),
              std::vector<std::string>{"body.name"});
}

TEST(CasePatch, KnowsWhetherItChangesACase) {
    Case before;
    before.name = "A";
    before.section = "on_list";
    EXPECT_FALSE(parseCasePatch(body("{}")).changes(before));
    EXPECT_FALSE(parseCasePatch(body(R"({"name":"A"})")).changes(before));
    EXPECT_TRUE(parseCasePatch(body(R"({"name":"B"})")).changes(before));
    EXPECT_EQ(parseCasePatch(body(R"({"name":"B"})")).appliedTo(before).name, "B");
}

TEST(CaseMoves, ReadsEveryMove) {
    auto moves = parseCaseMoves(body(R"({"moves":[
        {"id":"6F9619FF-8B86-4011-B42D-00C04FC964FF","section":"on_list","order_index":0}]})"));
    ASSERT_EQ(moves.size(), 1u);
    EXPECT_EQ(moves[0].id, "6f9619ff-8b86-4011-b42d-00c04fc964ff");
    EXPECT_EQ(moves[0].section, "on_list");
}

TEST(CaseMoves, PointsAtTheBadMove) {
    EXPECT_EQ(
        errorsOf([] {
            parseCaseMoves(body(R"({"moves":[{"id":"nope","section":"on_list","order_index":0},
                      {"id":"6f9619ff-8b86-4011-b42d-00c04fc964ff","section":"X"}]})"));
        }),
        (std::vector<std::string>{"body.moves.0.id", "body.moves.1.section",
                                  "body.moves.1.order_index"}));
    EXPECT_EQ(errorsOf([] { parseCaseMoves(body(R"({"moves":{}})")); }),
              std::vector<std::string>{"body.moves"});
}

TEST(ClinicalFields, AreOptionalWithEmptyDefaults) {
    auto draft = parseCaseDraft(body(R"({"name":"a","section":"a"})"));
    EXPECT_FALSE(draft.hospitalNumber);
    EXPECT_EQ(draft.ward, "");
    EXPECT_FALSE(draft.dateOfInjury);
    EXPECT_FALSE(draft.theatreSlot);
}

TEST(ClinicalFields, AreValidated) {
    EXPECT_EQ(errorsOf([] {
                  parseCaseDraft(body(R"({"name":"a","section":"a","hospital_number":"AB 12",
                      "theatre_slot":"evening","date_of_injury":"2999-01-01","ward":7})"));
              }),
              (std::vector<std::string>{"body.hospital_number", "body.ward", "body.date_of_injury",
                                        "body.theatre_slot"}));
    EXPECT_EQ(errorsOf([] {
                  parseCaseDraft(body(R"({"name":"a","section":"a","hospital_number":")" +
                                      std::string(33, '1') + "\"}"));
              }),
              std::vector<std::string>{"body.hospital_number"});
    EXPECT_EQ(errorsOf([] {
                  parseCaseDraft(body(R"({"name":"a","section":"a","notes":")" +
                                      std::string(10001, 'n') + "\"}"));
              }),
              std::vector<std::string>{"body.notes"});
}

TEST(ClinicalFields, TrimAndClear) {
    auto draft = parseCaseDraft(body(R"({"name":"a","section":"a","hospital_number":"  RX-1234 ",
        "theatre_slot":"am","date_of_injury":"2025-01-31","ward":null})"));
    EXPECT_EQ(draft.hospitalNumber, "RX-1234");
    EXPECT_EQ(draft.theatreSlot, "am");
    EXPECT_EQ(draft.dateOfInjury, "2025-01-31");
    EXPECT_EQ(draft.ward, "");
    auto patch = parseCasePatch(body(R"({"hospital_number":"","theatre_slot":null})"));
    ASSERT_TRUE(patch.has(&Case::hospitalNumber));
    EXPECT_FALSE(patch.values().hospitalNumber);
    ASSERT_TRUE(patch.has(&Case::theatreSlot));
    EXPECT_FALSE(patch.values().theatreSlot);
}

TEST(ClinicalFields, AnInjuryDatedTomorrowIsAccepted) {
    auto tomorrow = Date::todayUtc().nextDay().str();
    auto dayAfter = Date::parse(tomorrow)->nextDay().str();
    EXPECT_NO_THROW(
        parseCaseDraft(body(R"({"name":"a","section":"a","date_of_injury":")" + tomorrow + "\"}")));
    EXPECT_THROW(
        parseCaseDraft(body(R"({"name":"a","section":"a","date_of_injury":")" + dayAfter + "\"}")),
        ValidationError);
}

TEST(TextFields, RefuseNulAndC0ControlsInEveryTextField) {
    for (std::string field : {"name", "diagnosis", "outcome", "section", "hospital_number", "ward",
                              "consultant", "notes"}) {
        for (std::string control : {"\\u0000", "\\u0001", "\\u001f", "\\u000b", "\\u000c"}) {
            auto json = R"({"name":"a","section":"a",")" + field + R"(":"ab)" + control + R"(cd"})";
            EXPECT_EQ(errorsOf([&] { parseCaseDraft(body(json)); }),
                      std::vector<std::string>{"body." + field})
                << json;
            EXPECT_EQ(errorsOf([&] {
                          parseCasePatch(body(R"({")" + field + R"(":"x)" + control + R"("})"));
                      }),
                      std::vector<std::string>{"body." + field});
        }
    }
}

TEST(TextFields, RefuseAControlCharacterThatTrimmingWouldDrop) {
    EXPECT_EQ(errorsOf([] { parseCaseDraft(body(R"({"name":"Jane\f","section":"a"})")); }),
              std::vector<std::string>{"body.name"});
}

TEST(TextFields, KeepTabLfAndCr) {
    auto draft = parseCaseDraft(
        body(R"({"name":"Jane\tDoe","section":"a","notes":"line 1\r\nline 2\n\tindented"})"));
    EXPECT_EQ(draft.name, "Jane\tDoe");
    EXPECT_EQ(draft.notes, "line 1\r\nline 2\n\tindented");
}
