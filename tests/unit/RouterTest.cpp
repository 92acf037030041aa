#include <gtest/gtest.h>

#include "api/Router.hpp"

using namespace caseboard::api;

namespace {
Router sampleRouter() {
    Router router;
    auto answer = [](unsigned status) {
        return [status](const ApiRequest&) -> Awaitable {
            co_return ApiResponse::detail(status, "x");
        };
    };
    router.add("GET", "/cases", answer(200));
    router.add("POST", "/cases", answer(201));
    router.add("POST", "/cases/reorder", answer(202));
    router.add("GET", "/cases/{id}", answer(203));
    router.add("DELETE", "/cases/{id}", answer(204));
    return router;
}
}  // namespace

TEST(Router, MatchesWithAndWithoutTrailingSlash) {
    auto router = sampleRouter();
    EXPECT_EQ(router.match("GET", "/cases").route->pattern, "/cases");
    EXPECT_EQ(router.match("GET", "/cases/").route->pattern, "/cases");
}

constexpr const char* kId = "6f9619ff-8b86-4011-b42d-00c04fc964ff";

TEST(Router, CapturesPathParameters) {
    auto router = sampleRouter();
    auto match = router.match("GET", std::string("/cases/") + kId);
    ASSERT_TRUE(match.route);
    EXPECT_EQ(match.params, std::vector<std::string>{kId});
}

TEST(Router, AParameterIsAlwaysAUuid) {
    auto router = sampleRouter();
    auto match = router.match("PUT", "/cases/abc");
    EXPECT_FALSE(match.route);
    EXPECT_TRUE(match.allowed.empty());
}

TEST(Router, PrefersLiteralSegmentsOverParameters) {
    auto router = sampleRouter();
    auto match = router.match("POST", "/cases/reorder");
    ASSERT_TRUE(match.route);
    EXPECT_EQ(match.route->pattern, "/cases/reorder");
}

TEST(Router, ListsAllowedMethodsForAKnownPath) {
    auto router = sampleRouter();
    auto match = router.match("PUT", std::string("/cases/") + kId);
    EXPECT_FALSE(match.route);
    EXPECT_EQ(match.allowed, (std::vector<std::string>{"GET", "DELETE"}));
}

TEST(Router, KnowsNothingOfUnknownPaths) {
    auto router = sampleRouter();
    for (const char* path : {"/", "/case", "/cases/a/b", "/casesx", "//cases"}) {
        auto match = router.match("GET", path);
        EXPECT_FALSE(match.route) << path;
        EXPECT_TRUE(match.allowed.empty()) << path;
    }
}
