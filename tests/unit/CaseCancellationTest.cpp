#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "domain/CaseCancellation.hpp"
#include "domain/ValidationError.hpp"

using namespace caseboard;
using boost::json::object;

namespace {

// Where the 422 points, for a body that should be refused.
std::vector<std::string> refusedAt(const object& body) {
    try {
        domain::parseCancellation(body, "a@example.org");
    } catch (const domain::ValidationError& e) {
        std::vector<std::string> where;
        for (const auto& error : e.errors()) where.push_back(error.loc.at(1));
        return where;
    }
    ADD_FAILURE() << "accepted: " << boost::json::serialize(body);
    return {};
}

}  // namespace

TEST(CaseCancellation, AReasonOfTheListWithAnOptionalNote) {
    auto plain = domain::parseCancellation({{"reason", "no_bed"}}, "a@example.org");
    EXPECT_EQ(plain.reason, "no_bed");
    EXPECT_EQ(plain.note, "");
    EXPECT_EQ(plain.by, "a@example.org");
    auto noted = domain::parseCancellation({{"reason", "other"}, {"note", "  Surgeon ill "}}, "b");
    EXPECT_EQ(noted.note, "Surgeon ill");
    EXPECT_EQ(domain::parseCancellation({{"reason", "equipment"}, {"note", nullptr}}, "c").note,
              "");
}

TEST(CaseCancellation, EachBadKeyIsNamed) {
    using Keys = std::vector<std::string>;
    EXPECT_EQ(refusedAt({}), Keys{"reason"});
    EXPECT_EQ(refusedAt({{"reason", "Other"}}), Keys{"reason"});
    EXPECT_EQ(refusedAt({{"reason", nullptr}, {"note", 1}}), (Keys{"reason", "note"}));
    EXPECT_EQ(refusedAt({{"reason", "other"}, {"note", " \t"}}), Keys{"note"});
    EXPECT_EQ(refusedAt({{"reason", "no_bed"}, {"note", std::string(2001, 'n')}}), Keys{"note"});
    // 2000 characters of two bytes each is within the limit: characters, not bytes.
    std::string accents;
    for (int i = 0; i < 2000; ++i) accents += "\xc3\xa9";
    EXPECT_EQ(domain::parseCancellation({{"reason", "no_bed"}, {"note", accents}}, "a").note,
              accents);
}

TEST(CaseCancellation, TheCaseLeavesTheListWithTheReasonStampedAtItsNewRevision) {
    domain::Case before;
    before.version = 4;
    before.theatreStatus = "anaesthetic_room";
    before.sessionId = "0b5e1d1e-2c59-4d7e-9a37-2f1c3e4d5a6b";
    before.theatreTimes.emplace("sent_for", "2026-03-01T08:00:00.000000Z");
    before.cancellations.push_back({"2026-02-01T08:00:00.000000Z", "no_bed", "", "x"});
    auto after = domain::cancelled(before, {"", "no_staff", "Locum off sick", "a@example.org"});
    EXPECT_EQ(after.version, 5);
    EXPECT_FALSE(after.theatreStatus);
    EXPECT_FALSE(after.sessionId);
    EXPECT_TRUE(after.theatreTimes.empty());
    ASSERT_EQ(after.cancellations.size(), 2u);
    EXPECT_EQ(after.cancellations[0], before.cancellations[0]);
    EXPECT_EQ(after.cancellations[1], (domain::Cancellation{after.updatedAt, "no_staff",
                                                            "Locum off sick", "a@example.org"}));
}
