// Concurrency and durability: parallel writers, restarts, kill -9.
#include "harness/ServerTest.hpp"

#include "harness/Events.hpp"
#include "harness/WsClient.hpp"

#include <atomic>
#include <functional>
#include <mutex>
#include <set>
#include <thread>

namespace caseboard::it {
namespace {

using boost::json::object;

class DurabilityTest : public ServerTest {
  protected:
    std::vector<std::string> acknowledgedAround(const std::string& section,
                                                const std::function<void()>& interrupt);
    void expectAllPresentAfterRestart(const std::string& section,
                                      const std::vector<std::string>& acknowledged);
};

TEST_F(DurabilityTest, FiftyConcurrentCreatesAreAllStoredAndBroadcastOnce) {
    const std::string section = uniqueSection();
    const std::string token = alice().token;
    const auto bob = users().create("bob");
    WsClient first(port());
    WsClient second(port());
    ASSERT_TRUE(first.connect(WsOptions::withToken(token)));
    ASSERT_TRUE(first.waitSubscribed());
    ASSERT_TRUE(second.connect(WsOptions::withToken(bob.token)));
    ASSERT_TRUE(second.waitSubscribed());

    constexpr int kCreates = 50;
    std::vector<int> statuses(kCreates, 0);
    std::vector<std::string> createdIds(kCreates);
    std::vector<std::thread> threads;
    for (int i = 0; i < kCreates; ++i) {
        threads.emplace_back([&, i] {
            HttpClient client(port());
            const auto response = client.postJson(
                "/cases/", object{{"name", "Parallel " + std::to_string(i)}, {"section", section}},
                token);
            statuses[i] = response.status;
            createdIds[i] = str(response.json(), "id");
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    for (int i = 0; i < kCreates; ++i) {
        EXPECT_EQ(statuses[i], 201) << "create " << i;
    }
    const std::set<std::string> unique(createdIds.begin(), createdIds.end());
    EXPECT_EQ(unique.size(), static_cast<std::size_t>(kCreates)) << "ids are not distinct";

    const auto listed = ids(listCases(token, "?section=" + section + "&limit=1000"));
    EXPECT_EQ(std::set<std::string>(listed.begin(), listed.end()), unique);
    EXPECT_EQ(listed.size(), static_cast<std::size_t>(kCreates));

    for (auto* ws : {&first, &second}) {
        const auto events = Events::until(*ws, "create", kCreates, std::chrono::seconds(20));
        EXPECT_EQ(Events::count(events, "create"), static_cast<std::size_t>(kCreates))
            << Events::describe(events);
        std::set<std::string> eventIds;
        for (const auto& event : events) {
            eventIds.insert(str(event, "case"));
        }
        EXPECT_EQ(eventIds, unique);
    }
}

TEST_F(DurabilityTest, ConcurrentPatchesWithTheSameIfMatchHaveOneWinner) {
    const auto created = createCase(alice().token, "Contended", uniqueSection());
    const std::string id = str(created, "id");
    constexpr int kWriters = 10;
    std::vector<int> statuses(kWriters, 0);
    std::vector<std::thread> threads;
    for (int i = 0; i < kWriters; ++i) {
        threads.emplace_back([&, i] {
            HttpClient client(port());
            statuses[i] =
                client
                    .patchJson("/cases/" + id, object{{"outcome", "writer " + std::to_string(i)}},
                               alice().token, {{"If-Match", "\"1\""}})
                    .status;
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 200), 1);
    EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 412), kWriters - 1);
    EXPECT_EQ(http().get("/cases/" + id, alice().token).json().at("version"), 2);
}

TEST_F(DurabilityTest, ConcurrentPatchesWithoutIfMatchAllCount) {
    const auto created = createCase(alice().token, "Busy", uniqueSection());
    const std::string id = str(created, "id");
    constexpr int kWriters = 20;
    std::atomic<int> ok{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < kWriters; ++i) {
        threads.emplace_back([&, i] {
            HttpClient client(port());
            if (client
                    .patchJson("/cases/" + id, object{{"outcome", "w" + std::to_string(i)}},
                               alice().token)
                    .status == 200) {
                ++ok;
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(ok.load(), kWriters);
    EXPECT_EQ(http().get("/cases/" + id, alice().token).json().at("version"), 1 + kWriters);
}

TEST_F(DurabilityTest, RestartKeepsUsersCasesAndTokens) {
    const auto user = alice();
    const auto created = createCase(
        user.token,
        object{{"name", "Survivor"}, {"section", uniqueSection()}, {"surgery_date", "2025-08-25"}});
    const std::string id = str(created, "id");
    ASSERT_EQ(http().patchJson("/cases/" + id, object{{"outcome", "Scheduled"}}, user.token).status,
              200);
    const auto before = http().get("/cases/" + id, user.token).json();

    ASSERT_EQ(server().restart(), 0) << "SIGTERM must exit 0";

    const auto me = http().get("/users/me", user.token);
    EXPECT_EQ(me.status, 200) << "the old token is still valid: " << describe(me);
    EXPECT_EQ(str(me.json(), "id"), user.id);
    EXPECT_EQ(http().get("/cases/" + id, user.token).json(), before);
    EXPECT_EQ(users().login(user.email, user.password).status, 200);
    const auto again = users().registerUser(user.email, "another-passw0rd");
    EXPECT_EQ(again.status, 409) << "the user survived the restart";
    // Versions continue where they were.
    const auto patched = http().patchJson("/cases/" + id, object{{"outcome", "Done"}}, user.token);
    EXPECT_EQ(patched.json().at("version"), 3);
}

TEST_F(DurabilityTest, DeletedCaseStaysDeletedAfterRestart) {
    const auto created = createCase(alice().token, "Gone", uniqueSection());
    ASSERT_EQ(http().del("/cases/" + str(created, "id"), alice().token).status, 200);
    ASSERT_EQ(server().restart(), 0);
    EXPECT_EQ(http().get("/cases/" + str(created, "id"), alice().token).status, 404);
}

// Four clients POST to `section` until the server goes; `interrupt` ends the server once 40
// creates are acknowledged. Returns the ids of every create acknowledged with a 201.
std::vector<std::string> DurabilityTest::acknowledgedAround(
    const std::string& section, const std::function<void()>& interrupt) {
    const std::string token = alice().token;
    std::mutex mutex;
    std::vector<std::string> acknowledged;
    std::atomic<bool> stop{false};
    std::vector<std::thread> writers;
    for (int w = 0; w < 4; ++w) {
        writers.emplace_back([&, w] {
            HttpClient client(port(), false, std::chrono::seconds(5));
            for (int i = 0; i < 5000 && !stop.load(); ++i) {
                const auto response = client.postJson(
                    "/cases/",
                    object{{"name", "w" + std::to_string(w) + "-" + std::to_string(i)},
                           {"section", section}},
                    token);
                if (response.status != 201) {
                    return;  // the server is gone
                }
                std::lock_guard lock(mutex);
                acknowledged.push_back(str(response.json(), "id"));
            }
        });
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
        {
            std::lock_guard lock(mutex);
            if (acknowledged.size() >= 40) {
                break;
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    interrupt();
    stop = true;
    for (auto& writer : writers) {
        writer.join();
    }
    return acknowledged;
}

// Restarts the server and expects every acknowledged create of `section` to be there.
void DurabilityTest::expectAllPresentAfterRestart(const std::string& section,
                                                  const std::vector<std::string>& acknowledged) {
    ASSERT_GE(acknowledged.size(), 40u) << "the writers were too slow";
    ASSERT_NO_THROW(server().start());
    const auto listed = ids(listCases(alice().token, "?section=" + section + "&limit=1000"));
    const std::set<std::string> present(listed.begin(), listed.end());
    std::size_t missing = 0;
    for (const auto& id : acknowledged) {
        if (!present.count(id)) {
            ++missing;
            ADD_FAILURE() << "acknowledged case " << id << " is gone after the restart";
            if (missing > 5) {
                break;
            }
        }
    }
    EXPECT_EQ(missing, 0u) << "of " << acknowledged.size() << " acknowledged creates";
    EXPECT_EQ(http().get("/readyz").status, 200);
}

TEST_F(DurabilityTest, KillNineLosesNoAcknowledgedCreate) {
    const std::string section = uniqueSection();
    const auto acknowledged = acknowledgedAround(section, [&] { server().kill9(); });
    expectAllPresentAfterRestart(section, acknowledged);
}

// Creates are answered by the store's writer thread, not a worker: a stop must still wait for
// those in flight, answer or refuse them, and exit cleanly.
TEST_F(DurabilityTest, SigtermDuringABurstOfCreatesExits0AndLosesNoAcknowledgedOne) {
    const std::string section = uniqueSection();
    int exitCode = -1;
    const auto acknowledged = acknowledgedAround(section, [&] { exitCode = server().stop(); });
    EXPECT_EQ(exitCode, 0) << server().log();
    expectAllPresentAfterRestart(section, acknowledged);
}

}  // namespace
}  // namespace caseboard::it
