// Hostile sign-ins: e-mails that are not addresses, the audit entry of a failure, the limits per
// client address and per e-mail, concurrent guesses, and a flood from one address.
#include "harness/ServerTest.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

namespace caseboard::it {
namespace {

using boost::json::object;
using namespace std::chrono_literals;

// A sign-in as the proxy at 127.0.0.1 forwards it for `client`.
HttpResponse loginFrom(unsigned short port, const std::string& client, const std::string& email,
                       const std::string& password) {
    return HttpClient(port).postJson("/users/login",
                                     object{{"email", email}, {"password", password}}, "",
                                     {{"X-Forwarded-For", client}});
}

void expectTooMany(const HttpResponse& response, const std::string& what) {
    EXPECT_EQ(response.status, 429) << what << ": " << describe(response);
    EXPECT_TRUE(hasDetail(response)) << what;
    const std::string retryAfter = response.header("Retry-After");
    ASSERT_FALSE(retryAfter.empty()) << what << ": " << describe(response);
    EXPECT_GT(std::stol(retryAfter), 0) << what;
    EXPECT_LE(std::stol(retryAfter), 15 * 60) << what;
}

class SignInLimitsTest : public ServerTest {
  protected:
    ServerOptions options() const override { return {{"--trusted-proxy", "127.0.0.1"}, {}}; }
    // alice() registered first on the empty database: the admin.
    boost::json::array audit(const std::string& query) {
        auto response = http().get("/audit" + query, alice().token);
        EXPECT_EQ(response.status, 200) << describe(response);
        return response.json().is_array() ? response.json().as_array() : boost::json::array();
    }
};

TEST_F(SignInLimitsTest, AnEmailThatIsNotAnAddressIs422AndNothingIsRecorded) {
    (void)alice();
    const std::string padded = std::string(60'000, 'a') + "@example.org";
    const std::string password = "s3cret-typed-in-the-wrong-box";
    const auto longJson = users().login(padded, "wrong-password");
    EXPECT_EQ(longJson.status, 422) << describe(longJson);
    EXPECT_EQ(errorLocations(longJson.json()), std::vector<std::string>{"body.email"});
    const auto longForm = users().loginForm(padded, "wrong-password");
    EXPECT_EQ(longForm.status, 422) << describe(longForm);
    EXPECT_EQ(errorLocations(longForm.json()), std::vector<std::string>{"body.username"});
    const auto notAnAddress = users().login(password, "wrong-password");
    EXPECT_EQ(notAnAddress.status, 422) << describe(notAnAddress);

    auto all = http().get("/audit", alice().token);
    ASSERT_EQ(all.status, 200) << describe(all);
    EXPECT_TRUE(audit("?action=login_failed").empty()) << all.body.substr(0, 500);
    EXPECT_EQ(all.body.find("aaaaaaaaaa"), std::string::npos);
    EXPECT_EQ(all.body.find(password), std::string::npos);
}

TEST_F(SignInLimitsTest, AttemptsWithAnEmailThatIsNotAnAddressAreNotCounted) {
    const auto user = users().create("counted");
    for (int attempt = 1; attempt <= 51; ++attempt) {
        const auto response = loginFrom(port(), "203.0.113.10", "not an address", "wrong");
        ASSERT_EQ(response.status, 422) << "attempt " << attempt << ": " << describe(response);
    }
    const auto signedIn = loginFrom(port(), "203.0.113.10", user.email, user.password);
    EXPECT_EQ(signedIn.status, 200) << describe(signedIn);
}

TEST_F(SignInLimitsTest, AFailureWithAnUnknownEmailIsAuditedWithANullUserId) {
    (void)alice();
    const auto bob = users().create("bob");
    const std::string ghost = uniqueEmail("ghost");
    ASSERT_EQ(users().login(ghost, "wrong-password").status, 401);
    ASSERT_EQ(users().login(bob.email, "wrong-password").status, 401);
    auto failures = audit("?action=login_failed");
    ASSERT_EQ(failures.size(), 2u);
    for (const auto& entry : failures) {
        const auto& fields = entry.as_object();
        if (str(fields, "email") == ghost) {
            EXPECT_TRUE(fields.at("user_id").is_null()) << boost::json::serialize(entry);
        } else {
            EXPECT_EQ(str(fields, "email"), bob.email);
            EXPECT_EQ(str(fields, "user_id"), bob.id) << boost::json::serialize(entry);
        }
    }
}

TEST_F(SignInLimitsTest, FiftyFailuresFromOneAddressWhateverTheEmails) {
    const auto user = users().create("victim");
    for (int attempt = 1; attempt <= 50; ++attempt) {
        const auto response =
            loginFrom(port(), "203.0.113.20", uniqueEmail("spray"), "wrong-password");
        ASSERT_EQ(response.status, 401) << "attempt " << attempt << ": " << describe(response);
    }
    expectTooMany(loginFrom(port(), "203.0.113.20", uniqueEmail("spray"), "wrong-password"),
                  "51st failure from the address");
    expectTooMany(loginFrom(port(), "203.0.113.20", user.email, user.password),
                  "right password from the address");
    EXPECT_EQ(loginFrom(port(), "203.0.113.21", user.email, user.password).status, 200)
        << "another address is not held back";
}

TEST_F(SignInLimitsTest, TwentyFailuresForOneEmailWhateverTheAddresses) {
    const auto user = users().create("target");
    for (int attempt = 1; attempt <= 20; ++attempt) {
        const auto response = loginFrom(port(), "198.51.100." + std::to_string(attempt), user.email,
                                        "wrong-password");
        ASSERT_EQ(response.status, 401) << "attempt " << attempt << ": " << describe(response);
    }
    expectTooMany(loginFrom(port(), "198.51.100.21", user.email, "wrong-password"),
                  "21st failure for the e-mail");
    expectTooMany(loginFrom(port(), "198.51.100.22", user.email, user.password),
                  "right password from yet another address");
    const auto other = users().create("other");
    EXPECT_EQ(loginFrom(port(), "198.51.100.22", other.email, other.password).status, 200)
        << "another e-mail is not held back";
}

class ConcurrentSignInTest : public ServerTest {
  protected:
    ServerOptions options() const override { return {{"--threads", "16"}, {}}; }
};

TEST_F(ConcurrentSignInTest, ConcurrentGuessesGetNoMoreThanTheLimit) {
    const auto user = users().create("raced");
    constexpr int kThreads = 16;  // no more than one address may have waiting for a hash
    constexpr int kRounds = 3;
    std::mutex mutex;
    std::condition_variable ready;
    int waiting = 0;
    std::map<int, int> statuses;
    std::vector<std::thread> guessers;
    for (int i = 0; i < kThreads; ++i) {
        guessers.emplace_back([&] {
            {
                std::unique_lock lock(mutex);
                ++waiting;
                ready.notify_all();
                ready.wait_for(lock, 10s, [&] { return waiting == kThreads; });
            }
            for (int round = 0; round < kRounds; ++round) {
                auto status = users().login(user.email, "wrong-password").status;
                std::lock_guard lock(mutex);
                ++statuses[status];
            }
        });
    }
    for (auto& guesser : guessers) guesser.join();
    EXPECT_EQ(statuses[401], 5) << "guesses evaluated";
    EXPECT_EQ(statuses[429], kThreads * kRounds - 5) << "guesses refused";
}

TEST_F(SignInLimitsTest, AnotherAddressSignsInDuringAFloodFromOne) {
    const auto user = users().create("legit");
    const std::string token = user.token;
    // More sign-ins at once than the whole backlog of hashes holds, all from one address.
    constexpr int kFlood = 300;
    std::mutex mutex;
    std::map<int, int> statuses;
    int answered = 0;
    std::condition_variable firstAnswer;
    std::vector<std::thread> flood;
    for (int i = 0; i < kFlood; ++i) {
        flood.emplace_back([&] {
            auto response =
                loginFrom(port(), "203.0.113.66", uniqueEmail("flood"), "wrong-password");
            std::lock_guard lock(mutex);
            ++statuses[response.status];
            if (response.status == 429 && response.header("Retry-After").empty()) {
                ++statuses[-1];  // a refusal that does not say when to come back
            }
            ++answered;
            firstAnswer.notify_all();
        });
    }
    {
        std::unique_lock lock(mutex);
        firstAnswer.wait_for(lock, 30s, [&] { return answered > 0; });
    }
    // The flood is under way: the others are still served.
    const auto health = http().get("/healthz");
    EXPECT_EQ(health.status, 200) << describe(health);
    const auto me = http().get("/users/me", token);
    EXPECT_EQ(me.status, 200) << describe(me);
    const auto signIn = loginFrom(port(), "203.0.113.67", user.email, user.password);
    EXPECT_EQ(signIn.status, 200) << "during the flood: " << describe(signIn);
    for (auto& thread : flood) thread.join();
    EXPECT_GT(statuses[429], 0) << "the flooding address is refused for itself";
    EXPECT_EQ(statuses[-1], 0);
    for (const auto& [status, count] : statuses) {
        EXPECT_TRUE(status == -1 || status == 401 || status == 429)
            << count << " flood answers of status " << status;
    }
}

}  // namespace
}  // namespace caseboard::it
