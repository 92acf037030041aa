#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "domain/Audit.hpp"
#include "domain/CaseJson.hpp"

using namespace caseboard::domain;

namespace {
Case sample() {
    Case c;
    c.id = "id";
    c.name = "Jane";
    c.section = "new_referral";
    c.createdAt = c.updatedAt = "2025-01-01T00:00:00.000000Z";
    return c;
}
}  // namespace

TEST(AuditChanges, AnUpdateListsOnlyChangedFields) {
    Case before = sample();
    Case after = before;
    after.section = "on_list";
    after.version = 2;
    after.updatedAt = "2025-01-02T00:00:00.000000Z";
    auto changes = caseChanges(before, after);
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes.at("section").at("before").as_string(), "new_referral");
    EXPECT_EQ(changes.at("section").at("after").as_string(), "on_list");
}

TEST(AuditChanges, ACreateHasEveryFieldWithNothingBefore) {
    auto changes = caseChanges(std::nullopt, sample());
    EXPECT_TRUE(changes.contains("name"));
    EXPECT_TRUE(changes.contains("hospital_number"));
    EXPECT_TRUE(changes.at("name").at("before").is_null());
    EXPECT_EQ(changes.at("name").at("after").as_string(), "Jane");
    EXPECT_EQ(changes.at("version").at("after").as_int64(), 1);
    EXPECT_TRUE(changes.contains("created_at"));
}

TEST(AuditChanges, ADeleteHasEveryFieldWithNothingAfter) {
    auto changes = caseChanges(sample(), std::nullopt);
    EXPECT_EQ(changes.at("name").at("before").as_string(), "Jane");
    EXPECT_TRUE(changes.at("name").at("after").is_null());
}

TEST(AuditChanges, ADeleteKeepsEnoughToRestoreTheCase) {
    Case original = sample();
    original.hospitalNumber = "RX1";
    original.version = 4;
    boost::json::object snapshot;
    for (const auto& [field, change] : caseChanges(original, std::nullopt)) {
        snapshot[field] = change.as_object().at("before");
    }
    auto restored = caseFromJson(snapshot);
    ASSERT_TRUE(restored);
    EXPECT_EQ(restored->id, "id");
    EXPECT_EQ(restored->hospitalNumber, "RX1");
    EXPECT_EQ(restored->version, 4);
    EXPECT_EQ(restored->createdAt, original.createdAt);
}

TEST(AuditEntryJson, HasTheContractsShape) {
    AuditEntry entry;
    entry.id = 7;
    entry.action = "role_change";
    entry.targetUser = "u2";
    auto json = toJson(entry);
    EXPECT_TRUE(json.at("case").is_null());
    EXPECT_EQ(json.at("target_user").as_string(), "u2");
    for (const char* key : {"id", "at", "user_id", "email", "action", "changes"}) {
        EXPECT_TRUE(json.contains(key)) << key;
    }
}
