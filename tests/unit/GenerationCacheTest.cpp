#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

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

TEST(GenerationCache, ReadersOfOneStateShareTheFirstValueKept) {
    GenerationCache<std::string> cache(8);
    auto generation = cache.generation();
    EXPECT_EQ(cache.keep("a", "first", generation), "first");
    EXPECT_EQ(cache.keep("a", "second", generation), "first");
    EXPECT_EQ(cache.find("a"), "first");
}

TEST(GenerationCache, StaysWithinItsWeightDroppingTheLeastRecentlyUsed) {
    GenerationCache<std::string> cache(
        10, [](const std::string&, const std::string& value) { return value.size(); });
    auto generation = cache.generation();
    cache.keep("a", "aaaa", generation);
    cache.keep("b", "bbbb", generation);
    EXPECT_TRUE(cache.find("a"));  // now the most recently used
    cache.keep("c", "cccc", generation);
    EXPECT_TRUE(cache.find("a"));
    EXPECT_FALSE(cache.find("b"));
    EXPECT_TRUE(cache.find("c"));
    EXPECT_EQ(cache.keep("d", std::string(11, 'd'), generation), std::string(11, 'd'));
    EXPECT_FALSE(cache.find("d")) << "heavier than the whole cache: served, not kept";
    EXPECT_TRUE(cache.find("a"));
}

TEST(GenerationCache, CallersThatMissTogetherMakeTheValueOnce) {
    GenerationCache<std::string> cache(8);
    std::atomic<int> made{0};
    std::promise<void> started;
    std::promise<void> release;
    auto releaseFuture = release.get_future().share();
    std::thread first([&] {
        EXPECT_EQ(cache.findOrMake("board",
                                   [&] {
                                       ++made;
                                       started.set_value();
                                       releaseFuture.wait();
                                       return std::string("the board");
                                   }),
                  "the board");
    });
    started.get_future().wait();  // the first caller is making it
    std::vector<std::thread> others;
    for (int i = 0; i < 4; ++i) {
        others.emplace_back([&] {
            EXPECT_EQ(cache.findOrMake("board",
                                       [&] {
                                           ++made;
                                           return std::string("a copy");
                                       }),
                      "the board");
        });
    }
    release.set_value();
    first.join();
    for (auto& other : others) other.join();
    EXPECT_EQ(made.load(), 1);
}

TEST(GenerationCache, AFailedMakeReachesItsCallerAndTheNextOneTriesAgain) {
    GenerationCache<std::string> cache(8);
    EXPECT_THROW(cache.findOrMake("board", []() -> std::string { throw std::runtime_error("x"); }),
                 std::runtime_error);
    EXPECT_EQ(cache.findOrMake("board", [] { return std::string("the board"); }), "the board");
}

TEST(GenerationCache, AValueMadeAcrossAChangeIsServedButNotKept) {
    GenerationCache<std::string> cache(8);
    EXPECT_EQ(cache.findOrMake("board",
                               [&] {
                                   cache.clear();  // a change lands while the store is read
                                   return std::string("old");
                               }),
              "old");
    EXPECT_FALSE(cache.find("board"));
}
