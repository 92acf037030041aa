// Case writes per user: beyond --writes-per-second (in bursts of four seconds' worth) a user's
// writes are 429 with Retry-After; other users are not affected; 0 turns the limit off.
#include "harness/ServerTest.hpp"

namespace caseboard::it {
namespace {

using boost::json::array;
using boost::json::object;

// Writes a user keeps making after the burst: a refusal must come long before they are done,
// however slowly this machine runs them (one write a second refills one).
constexpr int kWritesPastTheBurst = 30;

class WriteLimitTest : public ServerTest {
  protected:
    // One write a second, bursts of four.
    ServerOptions options() const override { return {{"--writes-per-second", "1"}, {}, false}; }

    HttpResponse create(const std::string& token) {
        return http().postJson("/cases/", object{{"name", "Flood"}, {"section", "on_list"}}, token);
    }
    // Creates until the first refusal (bounded); the refusal, or the last success.
    HttpResponse createUntilRefused(const std::string& token) {
        HttpResponse response;
        for (int i = 0; i < 4 + kWritesPastTheBurst; ++i) {
            response = create(token);
            if (response.status != 201) break;
        }
        return response;
    }
    static void expectRefused(const HttpResponse& response, const std::string& what) {
        EXPECT_EQ(response.status, 429) << what << ": " << describe(response);
        EXPECT_TRUE(hasDetail(response)) << what << ": " << response.body;
        int retryAfter = 0;
        try {
            retryAfter = std::stoi(response.header("Retry-After"));
        } catch (const std::exception&) {
        }
        EXPECT_GE(retryAfter, 1) << what << ": " << describe(response);
    }
};

TEST_F(WriteLimitTest, ABurstThenEveryKindOfCaseWriteIs429WithRetryAfter) {
    auto kept = createCase(alice().token, "Kept", "on_list");
    const std::string id = str(kept, "id");
    auto gone = createCase(alice().token, "Gone", "on_list");
    ASSERT_EQ(http().del("/cases/" + str(gone, "id"), alice().token).status, 200);
    expectRefused(createUntilRefused(alice().token), "create");
    // The bucket is empty: every other case write draws from it too.
    expectRefused(http().patchJson("/cases/" + id, object{{"outcome", "x"}}, alice().token),
                  "update");
    expectRefused(http().del("/cases/" + id, alice().token), "delete");
    expectRefused(
        http().postJson(
            "/cases/reorder",
            object{
                {"moves", array{object{{"id", id}, {"section", "on_list"}, {"order_index", 0}}}}},
            alice().token),
        "reorder");
    expectRefused(http().request("POST", "/cases/" + str(gone, "id") + "/restore", std::nullopt,
                                 {{"Authorization", "Bearer " + alice().token}}),
                  "restore");
    // Reads are not writes.
    EXPECT_EQ(http().get("/cases/" + id, alice().token).status, 200);
    auto fetched = http().get("/cases/" + id, alice().token).json();
    EXPECT_EQ(str(fetched, "outcome"), str(kept, "outcome")) << "a refused write changed the case";
}

TEST_F(WriteLimitTest, AnotherUserIsNotAffected) {
    const auto bob = users().create("bob");
    expectRefused(createUntilRefused(alice().token), "alice");
    EXPECT_EQ(create(bob.token).status, 201);
}

class UnlimitedWritesTest : public WriteLimitTest {
  protected:
    ServerOptions options() const override { return {{"--writes-per-second", "0"}, {}, false}; }
};

TEST_F(UnlimitedWritesTest, ZeroTurnsTheLimitOff) {
    for (int i = 0; i < 4 + kWritesPastTheBurst; ++i) {
        auto response = create(alice().token);
        ASSERT_EQ(response.status, 201) << "write " << i << ": " << describe(response);
    }
}

class WriteLimitFromEnvironmentTest : public WriteLimitTest {
  protected:
    ServerOptions options() const override {
        return {{}, {{"CASEBOARD_WRITES_PER_SECOND", "1"}}, false};
    }
};

TEST_F(WriteLimitFromEnvironmentTest, TheVariableSetsTheLimit) {
    expectRefused(createUntilRefused(alice().token), "create");
}

}  // namespace
}  // namespace caseboard::it
