#include <gtest/gtest.h>

#include <string>

#include "api/GenerationCache.hpp"

using caseboard::api::GenerationCache;

TEST(GenerationCache, KeepsWhatWasReadBeforeAnyChange) {
    GenerationCache<std::string> cache(8);
    auto generation = cache.generation();
    cache.keep("a", "value", generation);
    EXPECT_EQ(cache.find("a"), "value");
    EXPECT_FALSE(cache.find("b"));
}

TEST(GenerationCache, AChangeEmptiesIt) {
    GenerationCache<std::string> cache(8);
    cache.keep("a", "value", cache.generation());
    cache.clear();
    EXPECT_FALSE(cache.find("a"));
}

TEST(GenerationCache, AValueReadBeforeAChangeIsNotKeptAfterIt) {
    GenerationCache<std::string> cache(8);
    auto generation = cache.generation();  // a reader starts
    cache.clear();                         // a change lands meanwhile
    cache.keep("a", "old", generation);    // the reader's value may predate the change
    EXPECT_FALSE(cache.find("a"));
    cache.keep("a", "new", cache.generation());
    EXPECT_EQ(cache.find("a"), "new");
}

TEST(GenerationCache, StaysWithinItsSize) {
    GenerationCache<int> cache(3);
    for (int i = 0; i < 10; ++i) cache.keep(std::to_string(i), i, cache.generation());
    int kept = 0;
    for (int i = 0; i < 10; ++i) kept += cache.find(std::to_string(i)) ? 1 : 0;
    EXPECT_LE(kept, 3);
    EXPECT_EQ(cache.find("9"), 9) << "the newest value is always kept";
}
