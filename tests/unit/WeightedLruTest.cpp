#include <gtest/gtest.h>

#include <string>

#include "api/WeightedLru.hpp"

using caseboard::api::WeightedLru;

TEST(WeightedLru, EvictsTheLeastRecentlyUsedBeyondItsCapacity) {
    WeightedLru<std::string, int> lru(10);
    lru.insert("a", 1, 4);
    lru.insert("b", 2, 4);
    ASSERT_TRUE(lru.find("a"));
    lru.insert("c", 3, 4);
    EXPECT_TRUE(lru.find("a"));
    EXPECT_FALSE(lru.find("b"));
    EXPECT_EQ(*lru.find("c"), 3);
    EXPECT_EQ(lru.weight(), 8u);
}

TEST(WeightedLru, ReplacingAValueReplacesItsWeight) {
    WeightedLru<std::string, int> lru(10);
    lru.insert("a", 1, 9);
    lru.insert("a", 2, 3);
    EXPECT_EQ(*lru.find("a"), 2);
    EXPECT_EQ(lru.weight(), 3u);
}

TEST(WeightedLru, AValueHeavierThanTheCapacityIsNotKept) {
    WeightedLru<std::string, int> lru(10);
    lru.insert("a", 1, 5);
    lru.insert("big", 2, 11);
    EXPECT_FALSE(lru.find("big"));
    EXPECT_TRUE(lru.find("a"));
}

TEST(WeightedLru, EraseIfAndClearGiveTheWeightBack) {
    WeightedLru<std::string, int> lru(100);
    for (int i = 0; i < 10; ++i) lru.insert(std::to_string(i), i, 5);
    lru.eraseIf([](int value) { return value % 2 == 0; });
    EXPECT_EQ(lru.weight(), 25u);
    EXPECT_FALSE(lru.find("4"));
    EXPECT_TRUE(lru.find("5"));
    lru.clear();
    EXPECT_EQ(lru.weight(), 0u);
    EXPECT_FALSE(lru.find("5"));
}
