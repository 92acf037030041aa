#include <gtest/gtest.h>

#include "store/postgres/PgEvent.hpp"

using caseboard::domain::ChangeKind;
using caseboard::store::postgres::PgEvent;

TEST(PgEvent, AClockChangeCarriesItsStateToEveryInstance) {
    PgEvent sent{ChangeKind::Clock, "case-1", "instance-1", 7, "due_soon"};
    auto received = PgEvent::parse(sent.payload());
    ASSERT_TRUE(received);
    EXPECT_EQ(received->kind, ChangeKind::Clock);
    EXPECT_EQ(received->caseId, "case-1");
    EXPECT_EQ(received->origin, "instance-1");
    EXPECT_EQ(received->seq, 7u);
    EXPECT_EQ(received->clock, "due_soon");
}

TEST(PgEvent, OtherChangesGoWithoutAClock) {
    PgEvent sent{ChangeKind::Update, "case-1", "instance-1", 8, ""};
    EXPECT_EQ(sent.payload().find("clock"), std::string::npos);
    auto received = PgEvent::parse(sent.payload());
    ASSERT_TRUE(received);
    EXPECT_EQ(received->kind, ChangeKind::Update);
    EXPECT_TRUE(received->clock.empty());
}

TEST(PgEvent, AClockChangeWithoutItsStateIsNotOurs) {
    EXPECT_FALSE(PgEvent::parse(R"({"action":"clock","case":"case-1"})"));
    EXPECT_FALSE(PgEvent::parse(R"({"action":"clock","case":"case-1","clock":3})"));
    EXPECT_FALSE(PgEvent::parse(R"({"action":"tick","case":"case-1","clock":"breached"})"));
}

TEST(PgEvent, ASessionChangeOrDeletionNamesTheSessionAndNoCase) {
    for (auto kind : {ChangeKind::Update, ChangeKind::Delete}) {
        PgEvent sent{kind, "", "instance-1", 9};
        sent.sessionId = "session-1";
        auto received = PgEvent::parse(sent.payload());
        ASSERT_TRUE(received);
        EXPECT_EQ(received->kind, kind);
        EXPECT_EQ(received->sessionId, "session-1");
        EXPECT_TRUE(received->caseId.empty());
        EXPECT_EQ(received->seq, 9u);
    }
    const PgEvent deletion{ChangeKind::Delete, "", "i", 1, "", "s"};
    EXPECT_NE(deletion.payload().find("session_delete"), std::string::npos);
    // A session's action without a session, or a case's action with only a session, is not ours.
    EXPECT_FALSE(PgEvent::parse(R"({"action":"session","case":"case-1"})"));
    EXPECT_FALSE(PgEvent::parse(R"({"action":"update","session":"session-1"})"));
}
