#include <gtest/gtest.h>

#include "domain/CaseRevision.hpp"

using namespace caseboard::domain;

namespace {
Case stored() {
    Case c;
    c.id = "c-1";
    c.name = "Hip fracture";
    c.section = "referral";
    c.orderIndex = 3;
    c.version = 4;
    c.updatedAt = "2026-01-01T00:00:00Z";
    return c;
}
}  // namespace

TEST(CaseRevision, APatchThatChangesNothingIsNoRevision) {
    CasePatch same;
    same.set(&Case::name, "Hip fracture");
    EXPECT_FALSE(patched(stored(), same));
    EXPECT_FALSE(patched(stored(), CasePatch{}));
}

TEST(CaseRevision, APatchThatChangesSomethingIsTheNextVersionUpdatedNow) {
    CasePatch rename;
    rename.set(&Case::name, "Neck of femur fracture");
    auto after = patched(stored(), rename);
    ASSERT_TRUE(after);
    EXPECT_EQ(after->name, "Neck of femur fracture");
    EXPECT_EQ(after->version, 5);
    EXPECT_NE(after->updatedAt, "2026-01-01T00:00:00Z");
}

TEST(CaseRevision, AMoveToWhereTheCaseIsIsNoRevision) {
    EXPECT_FALSE(moved(stored(), CaseMove{"c-1", "referral", 3}));
    auto after = moved(stored(), CaseMove{"c-1", "on_list", 0});
    ASSERT_TRUE(after);
    EXPECT_EQ(after->section, "on_list");
    EXPECT_EQ(after->orderIndex, 0);
    EXPECT_EQ(after->version, 5);
}
